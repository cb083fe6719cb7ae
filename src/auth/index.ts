import type { OperationDefinition } from "../protocol/operation.js";
import { adminInitiateAuth } from "./adminInitiateAuth.js";
import { adminRespondToAuthChallenge } from "./adminRespondToAuthChallenge.js";
import { adminUserGlobalSignOut } from "./adminUserGlobalSignOut.js";
import { getTokensFromRefreshToken } from "./getTokensFromRefreshToken.js";
import { globalSignOut } from "./globalSignOut.js";
import { initiateAuth } from "./initiateAuth.js";
import { respondToAuthChallenge } from "./respondToAuthChallenge.js";
import { revokeToken } from "./revokeToken.js";

/** Sign-in, token refresh, revocation and sign-out: one file each. */
export const authOperations: OperationDefinition<never, unknown>[] = [
  initiateAuth,
  adminInitiateAuth,
  respondToAuthChallenge,
  adminRespondToAuthChallenge,
  getTokensFromRefreshToken,
  revokeToken,
  globalSignOut,
  adminUserGlobalSignOut,
];
