import { flowEnabled } from "../auth/client.js";
import { refreshTokens, rotationEnabled } from "../auth/refresh.js";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { AuthenticatedClient } from "./clientAuth.js";
import { oauthError } from "./errors.js";

export interface RefreshResponse {
  /** Absent for a sign-in through the authorization endpoint without the openid scope. */
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: "Bearer";
}

// What refreshTokens refuses a token with: unknown, revoked, expired, another client's, rotated, its user gone or disabled.
const INVALID_GRANT = new Set(["NotAuthorizedException", "RefreshTokenReuseException"]);

/**
 * grant_type=refresh_token: new id and access tokens, as REFRESH_TOKEN_AUTH issues them (the
 * client was authenticated already, so no SECRET_HASH). With refresh token rotation the answer
 * also carries the new refresh token. The endpoint names no device, so a sign-in bound to a
 * remembered device cannot refresh here (Cognito sends those to the API).
 */
export async function refreshTokenGrant(
  ctx: OperationContext,
  { pool, client }: AuthenticatedClient,
  form: Map<string, string>,
): Promise<RefreshResponse> {
  const token = form.get("refresh_token");
  if (!token) throw oauthError("invalid_request");
  if (!flowEnabled(client, "REFRESH_TOKEN_AUTH")) throw oauthError("unauthorized_client");
  const rotate = rotationEnabled(client);
  let result;
  try {
    result = await ctx.store.transaction(() =>
      refreshTokens(ctx, pool, client, token, { rotate, checkSecret: () => undefined }),
    );
  } catch (err) {
    if (err instanceof CognitoError && INVALID_GRANT.has(err.type)) throw oauthError("invalid_grant");
    throw err;
  }
  return {
    ...(result.IdToken ? { id_token: result.IdToken } : {}),
    access_token: result.AccessToken!,
    ...(result.RefreshToken ? { refresh_token: result.RefreshToken } : {}),
    expires_in: result.ExpiresIn!,
    token_type: "Bearer",
  };
}
