import type { OperationDefinition } from "../protocol/operation.js";
import { adminConfirmSignUp } from "./adminConfirmSignUp.js";
import { adminCreateUser } from "./adminCreateUser.js";
import { adminDeleteUser } from "./adminDeleteUser.js";
import { adminDeleteUserAttributes } from "./adminDeleteUserAttributes.js";
import { adminDisableUser } from "./adminDisableUser.js";
import { adminEnableUser } from "./adminEnableUser.js";
import { adminGetUser } from "./adminGetUser.js";
import { adminResetUserPassword } from "./adminResetUserPassword.js";
import { adminSetUserPassword } from "./adminSetUserPassword.js";
import { adminUpdateUserAttributes } from "./adminUpdateUserAttributes.js";
import { listUsers } from "./listUsers.js";

/** Operations of this family: one file each. */
export const userOperations: OperationDefinition<never, unknown>[] = [
  adminCreateUser,
  adminGetUser,
  listUsers,
  adminUpdateUserAttributes,
  adminDeleteUserAttributes,
  adminDisableUser,
  adminEnableUser,
  adminDeleteUser,
  adminSetUserPassword,
  adminResetUserPassword,
  adminConfirmSignUp,
];
