import type { IncomingMessage } from "node:http";
import { revokeRefreshToken } from "../auth/revokeToken.js";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { DomainScope } from "./domainRouting.js";
import { authenticateClient } from "./clientAuth.js";
import { oauthError } from "./errors.js";

/**
 * POST /oauth2/revoke: revokes a refresh token and the sign-in it belongs to, as RevokeToken does
 * (revokeRefreshToken, after this endpoint's own client authentication). As Cognito
 * documents: 401 invalid_client for bad client credentials; 400 invalid_request without a token
 * or when the client has revocation disabled; 400 unsupported_token_type for anything but a
 * refresh token (an access or id token); 200 with an empty body otherwise, an unknown token
 * included (RFC 7009 §2.2).
 */
export async function revokeEndpoint(
  ctx: OperationContext,
  req: IncomingMessage,
  form: Map<string, string>,
  scope: DomainScope,
) {
  const { pool, client } = await authenticateClient(ctx, req, form, 401, scope.poolId);
  const token = form.get("token");
  if (!token) throw oauthError("invalid_request");
  if (client.config.EnableTokenRevocation === false) throw oauthError("invalid_request");
  try {
    // The client is authenticated above; another client's token is, for this client, an
    // invalid token, which revocation answers with 200 and leaves alone.
    await ctx.store.transaction(() => revokeRefreshToken(ctx, pool, client, token));
  } catch (err) {
    if (err instanceof CognitoError && err.type === "UnsupportedTokenTypeException") {
      throw oauthError("unsupported_token_type");
    }
    throw err;
  }
}
