import type { OperationContext } from "../protocol/operation.js";
import { issueTokens } from "../tokens/issue.js";
import { redeemAuthorizationCode, verifierMatches } from "./authorization.js";
import type { AuthenticatedClient } from "./clientAuth.js";
import { oauthError } from "./errors.js";
import type { RefreshResponse } from "./refreshGrant.js";

/**
 * grant_type=authorization_code: the tokens for a code the authorization endpoint issued to this
 * client, for the same redirect_uri, with the PKCE code_verifier when the request had a
 * code_challenge. A code works once; anything wrong with it is invalid_grant, as RFC 6749 §5.2 says.
 */
export async function authorizationCodeGrant(
  ctx: OperationContext,
  { pool, client }: AuthenticatedClient,
  form: Map<string, string>,
): Promise<RefreshResponse> {
  const flows = (client.config.AllowedOAuthFlows as string[] | undefined) ?? [];
  if (client.config.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes("code")) {
    throw oauthError("unauthorized_client");
  }
  const code = form.get("code");
  const redirectUri = form.get("redirect_uri");
  if (!code || !redirectUri) throw oauthError("invalid_request");
  const verifier = form.get("code_verifier");
  // Redeemed on its own, before anything else is checked: a code presented wrongly is spent all
  // the same (RFC 6749 §10.5 asks that a code not survive an attempt to misuse it).
  const granted = await ctx.store.transaction(() => redeemAuthorizationCode(ctx, pool.id, code));
  return ctx.store.transaction(async () => {
    if (!granted || granted.clientId !== client.clientId || granted.redirectUri !== redirectUri) {
      throw oauthError("invalid_grant");
    }
    if (granted.codeChallenge && (!verifier || !verifierMatches(granted.codeChallenge, verifier))) {
      throw oauthError("invalid_grant");
    }
    const user = await ctx.store.users.getBySub(pool.id, granted.sub);
    if (!user || !user.enabled || user.username !== granted.username) throw oauthError("invalid_grant");
    const tokens = await issueTokens(ctx, {
      pool,
      client,
      user,
      withRefresh: true,
      oauth: {
        scopes: granted.scopes,
        authTime: granted.authTime,
        ...(granted.nonce !== undefined ? { nonce: granted.nonce } : {}),
      },
    });
    return {
      ...(tokens.IdToken ? { id_token: tokens.IdToken } : {}),
      access_token: tokens.AccessToken!,
      refresh_token: tokens.RefreshToken!,
      expires_in: tokens.ExpiresIn!,
      token_type: "Bearer" as const,
    };
  });
}
