import type { OperationDefinition } from "../protocol/operation.js";
import { adminCreateUser } from "./adminCreateUser.js";
import { adminGetUser } from "./adminGetUser.js";
import { listUsers } from "./listUsers.js";

/** Operations of this family: one file each. */
export const userOperations: OperationDefinition<never, unknown>[] = [adminCreateUser, adminGetUser, listUsers];
