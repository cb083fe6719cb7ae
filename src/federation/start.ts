import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { redirect } from "../oauth/authorization.js";
import { bindBrowser } from "../oauth/browserBinding.js";
import { authorizeQuery, type AuthorizeTarget } from "../oauth/authorizeRequest.js";
import { domainUrl, type DomainScope } from "../oauth/domainRouting.js";
import type { OperationContext } from "../protocol/operation.js";
import { providerEndpoints } from "./discovery.js";
import { FederationError, redirectErrorToApp } from "./errors.js";
import { ProviderUnreachable } from "./http.js";
import { requestedProvider } from "./provider.js";
import { saveFederationState } from "./state.js";

/** Where providers send the browser back: this domain's idpresponse, as Cognito's redirect URI is. */
export const idpResponseUrl = (ctx: OperationContext, req: IncomingMessage, scope: DomainScope) =>
  domainUrl(ctx, req, scope, "/oauth2/idpresponse");

/** authorize_scopes as the scope parameter: space-separated (some configurations separate them with commas). */
const scopeParameter = (scopes: string | undefined) =>
  (scopes ?? "openid")
    .split(/[\s,]+/)
    .filter(Boolean)
    .join(" ");

/**
 * An authorization request that names an external identity provider (identity_provider or
 * idp_identifier): remembers the request under a fresh state and redirects the browser to the
 * provider's authorization endpoint (code flow, with nonce and PKCE). Failures go back to the app.
 */
export async function startFederatedSignIn(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  { pool, client, request }: AuthorizeTarget,
  scope: DomainScope,
): Promise<void> {
  try {
    const provider = await requestedProvider(ctx, pool, client, request);
    const details = provider.ProviderDetails;
    const endpoints = await providerEndpoints(details);
    const nonce = randomBytes(24).toString("base64url");
    const codeVerifier = randomBytes(48).toString("base64url");
    const redirectUri = idpResponseUrl(ctx, req, scope);
    const state = await saveFederationState(ctx, pool.id, {
      authorizeQuery: authorizeQuery(request).toString(),
      providerName: provider.ProviderName,
      nonce,
      codeVerifier,
      redirectUri,
      browser: bindBrowser(ctx, res, scope, "/oauth2/idpresponse"),
    });
    const target = new URL(endpoints.authorizationEndpoint);
    target.searchParams.set("response_type", "code");
    target.searchParams.set("client_id", details.client_id ?? "");
    target.searchParams.set("redirect_uri", redirectUri);
    target.searchParams.set("scope", scopeParameter(details.authorize_scopes));
    target.searchParams.set("state", state);
    target.searchParams.set("nonce", nonce);
    target.searchParams.set("code_challenge", createHash("sha256").update(codeVerifier).digest("base64url"));
    target.searchParams.set("code_challenge_method", "S256");
    redirect(res, target.href);
  } catch (thrown) {
    if (!(thrown instanceof FederationError)) throw thrown;
    if (thrown instanceof ProviderUnreachable) {
      ctx.log.warn("identity provider unreachable", { requestId: ctx.requestId, reason: thrown.reason });
    }
    redirectErrorToApp(res, request, thrown);
  }
}
