import type { OperationDefinition } from "../protocol/operation.js";
import { changePassword } from "./changePassword.js";
import { deleteUser } from "./deleteUser.js";
import { getUser } from "./getUser.js";

/** Operations a signed-in user calls with their access token: one file each. */
export const selfServiceOperations: OperationDefinition<never, unknown>[] = [getUser, changePassword, deleteUser];
