import type { IncomingMessage } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import type { DomainScope } from "./domainRouting.js";
import { authorizationCodeGrant } from "./authorizationCodeGrant.js";
import { authenticateClient } from "./clientAuth.js";
import { clientCredentialsGrant } from "./clientCredentials.js";
import { oauthError } from "./errors.js";
import { refreshTokenGrant } from "./refreshGrant.js";

const GRANTS = new Set(["authorization_code", "refresh_token", "client_credentials"]);

/**
 * POST /oauth2/token. Cognito answers every error with HTTP 400, invalid_client included (its
 * documented error response is a 400 for all of them).
 */
export async function tokenEndpoint(
  ctx: OperationContext,
  req: IncomingMessage,
  form: Map<string, string>,
  scope: DomainScope,
) {
  const grantType = form.get("grant_type");
  if (!grantType) throw oauthError("invalid_request");
  if (!GRANTS.has(grantType)) throw oauthError("unsupported_grant_type");
  const authenticated = await authenticateClient(ctx, req, form, 400, scope.poolId);
  if (grantType === "client_credentials") return clientCredentialsGrant(ctx, authenticated, form);
  if (grantType === "refresh_token") return refreshTokenGrant(ctx, authenticated, form);
  return authorizationCodeGrant(ctx, authenticated, form);
}
