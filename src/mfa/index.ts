import type { OperationDefinition } from "../protocol/operation.js";
import { adminDeleteSoftwareToken } from "./adminDeleteSoftwareToken.js";
import { adminGetUserAuthFactors } from "./adminGetUserAuthFactors.js";
import { adminSetUserMfaPreference } from "./adminSetUserMfaPreference.js";
import { associateSoftwareToken } from "./associateSoftwareToken.js";
import { setUserMfaPreference } from "./setUserMfaPreference.js";
import { verifySoftwareToken } from "./verifySoftwareToken.js";

/** Multi-factor authentication: authenticator apps (TOTP) and the users' MFA preferences. One file an operation. */
export const mfaOperations: OperationDefinition<never, unknown>[] = [
  associateSoftwareToken,
  verifySoftwareToken,
  setUserMfaPreference,
  adminSetUserMfaPreference,
  adminGetUserAuthFactors,
  adminDeleteSoftwareToken,
] as OperationDefinition<never, unknown>[];
