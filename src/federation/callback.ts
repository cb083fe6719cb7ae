import type { IncomingMessage, ServerResponse } from "node:http";
import { findProvider } from "../identityProviders/lookup.js";
import { answerAuthorizeError } from "../oauth/authorize.js";
import { isBoundBrowser } from "../oauth/browserBinding.js";
import { AuthorizePageError, readAuthorizeRequest, type AuthorizeTarget } from "../oauth/authorizeRequest.js";
import type { RoutedRequest } from "../oauth/domainRouting.js";
import { OAuthError } from "../oauth/errors.js";
import { readForm } from "../oauth/wire.js";
import type { OperationContext } from "../protocol/operation.js";
import { providerEndpoints } from "./discovery.js";
import { FederationError } from "./errors.js";
import { answerFederationFailure, finishFederatedSignIn } from "./finish.js";
import { ProviderUnreachable } from "./http.js";
import { fetchProviderProfile, ProviderRefusal } from "./profile.js";
import { consumeFederationState, type FederationStateData } from "./state.js";

/** Error codes of RFC 6749 §4.1.2.1 and OIDC Core §3.1.2.6 a provider may answer; they reach the app as they are. */
const PROVIDER_ERRORS = new Set([
  "access_denied",
  "invalid_request",
  "unauthorized_client",
  "unsupported_response_type",
  "invalid_scope",
  "server_error",
  "temporarily_unavailable",
  "interaction_required",
  "login_required",
  "account_selection_required",
  "consent_required",
]);

/**
 * GET/POST /oauth2/idpresponse: where OIDC providers send the user back (POST for
 * response_mode=form_post). Resumes the authorization request the state names, redeems the
 * provider's code, signs the federated user in and sends the browser on to the app with
 * Cognate's own code. Until the app's request is known again, failures are the error page.
 * SAML providers answer at /saml2/idpresponse, which src/saml handles.
 */
export async function handleFederationCallback(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  routed: RoutedRequest,
): Promise<void> {
  const { scope } = routed;
  const page = (why: string) => answerAuthorizeError(res, new AuthorizePageError("invalid_request", why), url, scope);
  let params: URLSearchParams;
  if (req.method === "POST") {
    try {
      params = new URLSearchParams([...(await readForm(req))]);
    } catch (thrown) {
      if (thrown instanceof OAuthError) return page("Malformed form.");
      throw thrown;
    }
  } else if (req.method === "GET") params = url.searchParams;
  else return page("Unsupported method.");

  const stateParam = params.get("state");
  const consumed = stateParam ? await consumeFederationState(ctx, stateParam) : undefined;
  if (!consumed || (scope.poolId !== undefined && scope.poolId !== consumed.poolId)) {
    return page("Invalid state.");
  }
  const { data: state } = consumed;
  // Another browser delivering the provider's answer to someone's sign-in is refused (login CSRF).
  if (!isBoundBrowser(ctx, req, res, scope, "/oauth2/idpresponse", state.browser)) return page("Invalid state.");
  let target: AuthorizeTarget;
  try {
    target = await readAuthorizeRequest(ctx, new URLSearchParams(state.authorizeQuery), scope);
  } catch (thrown) {
    return answerAuthorizeError(res, thrown, url, scope);
  }
  try {
    await finishSignIn(ctx, res, target, routed, state, params);
  } catch (thrown) {
    if (thrown instanceof ProviderUnreachable) {
      ctx.log.warn("identity provider unreachable", { requestId: ctx.requestId, reason: thrown.reason });
    }
    if (thrown instanceof ProviderRefusal) {
      ctx.log.info("identity provider refused the code", {
        requestId: ctx.requestId,
        status: thrown.status,
        ...(thrown.providerError ? { error: thrown.providerError } : {}),
      });
    }
    answerFederationFailure(res, target, thrown);
  }
}

async function finishSignIn(
  ctx: OperationContext,
  res: ServerResponse,
  target: AuthorizeTarget,
  routed: RoutedRequest,
  state: FederationStateData,
  params: URLSearchParams,
): Promise<void> {
  const { pool } = target;
  const error = params.get("error");
  if (error !== null) {
    const code = PROVIDER_ERRORS.has(error) ? error : "server_error";
    const description = params.get("error_description")?.slice(0, 500);
    throw new FederationError(code, description || undefined);
  }
  const provider = (await findProvider(ctx, pool, state.providerName))?.data;
  if (!provider || provider.ProviderType !== "OIDC") {
    throw new FederationError("invalid_request", "The identity provider does not exist.");
  }
  const code = params.get("code");
  if (!code) throw new FederationError("invalid_request", "The identity provider sent no code.");
  const endpoints = await providerEndpoints(provider.ProviderDetails);
  // RFC 9207: a provider that names itself must be the one the sign-in went to (mix-up attacks).
  const iss = params.get("iss");
  if (iss !== null && iss !== endpoints.issuer) throw new FederationError("invalid_request", "Wrong issuer.");
  const profile = await fetchProviderProfile(provider, endpoints, state, code, ctx.now);
  await finishFederatedSignIn(ctx, res, target, routed.scope, provider, profile);
}
