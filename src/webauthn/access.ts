import { CognitoError, errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { verifyAccessToken, type VerifiedAccessToken } from "../tokens/verify.js";

const USER_ADMIN_SCOPE = "aws.cognito.signin.user.admin";

/**
 * The signed-in user of a passkey operation: a valid access token carrying the
 * aws.cognito.signin.user.admin scope, for a user who is not waiting for a password reset.
 */
export async function passkeyUser(ctx: OperationContext, accessToken: string): Promise<VerifiedAccessToken> {
  const verified = await verifyAccessToken(ctx, accessToken);
  if (!(verified.claims.scope ?? "").split(" ").includes(USER_ADMIN_SCOPE)) {
    throw errors.notAuthorized("Access Token does not have required scopes");
  }
  if (verified.user.status === "RESET_REQUIRED") {
    throw new CognitoError("PasswordResetRequiredException", "Password reset required for the user");
  }
  return verified;
}
