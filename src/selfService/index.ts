import type { OperationDefinition } from "../protocol/operation.js";
import { adminSetUserSettings } from "./adminSetUserSettings.js";
import { changePassword } from "./changePassword.js";
import { deleteUser } from "./deleteUser.js";
import { deleteUserAttributes } from "./deleteUserAttributes.js";
import { getUser } from "./getUser.js";
import { getUserAttributeVerificationCode } from "./getUserAttributeVerificationCode.js";
import { getUserAuthFactors } from "./getUserAuthFactors.js";
import { setUserSettings } from "./setUserSettings.js";
import { updateUserAttributes } from "./updateUserAttributes.js";
import { verifyUserAttribute } from "./verifyUserAttribute.js";

/** Operations a signed-in user calls with their access token (and AdminSetUserSettings): one file each. */
export const selfServiceOperations: OperationDefinition<never, unknown>[] = [
  getUser,
  changePassword,
  deleteUser,
  updateUserAttributes,
  deleteUserAttributes,
  getUserAttributeVerificationCode,
  verifyUserAttribute,
  setUserSettings,
  adminSetUserSettings,
  getUserAuthFactors,
];
