import type { OperationDefinition } from "../protocol/operation.js";
import { adminAddUserToGroup } from "./adminAddUserToGroup.js";
import { adminListGroupsForUser } from "./adminListGroupsForUser.js";
import { adminRemoveUserFromGroup } from "./adminRemoveUserFromGroup.js";
import { createGroup } from "./createGroup.js";
import { deleteGroup } from "./deleteGroup.js";
import { getGroup } from "./getGroup.js";
import { listGroups } from "./listGroups.js";
import { listUsersInGroup } from "./listUsersInGroup.js";
import { updateGroup } from "./updateGroup.js";

/** Operations of this family: one file each. */
export const groupOperations: OperationDefinition<never, unknown>[] = [
  createGroup,
  getGroup,
  updateGroup,
  deleteGroup,
  listGroups,
  adminAddUserToGroup,
  adminRemoveUserFromGroup,
  listUsersInGroup,
  adminListGroupsForUser,
];
