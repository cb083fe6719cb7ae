import type {
  AdminDeleteSoftwareTokenRequest,
  AdminDeleteSoftwareTokenResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../pools/lookup.js";
import { defineOperation } from "../protocol/operation.js";
import { requireUser } from "../users/lookup.js";
import { saveUser } from "../users/save.js";
import { withMfaSettings } from "./methods.js";

/** Forgets the user's authenticator app (a lost phone): TOTP MFA is off until a new token is associated and verified. */
export const adminDeleteSoftwareToken = defineOperation<
  AdminDeleteSoftwareTokenRequest,
  AdminDeleteSoftwareTokenResponse
>("AdminDeleteSoftwareToken", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const user = await requireUser(ctx, pool, input.Username!);
  const updated = withMfaSettings(user, [{ method: "SOFTWARE_TOKEN_MFA", enabled: false }]);
  delete updated.softwareToken;
  await saveUser(ctx, pool, updated);
  return {};
});
