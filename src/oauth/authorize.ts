import type { IncomingMessage, ServerResponse } from "node:http";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { completeAuthorization, redirect } from "./authorization.js";
import {
  AuthorizePageError,
  AuthorizeRedirectError,
  authorizeQuery,
  readAuthorizeRequest,
  type AuthorizeRequest,
  type AuthorizeTarget,
} from "./authorizeRequest.js";
import type { DomainScope } from "./domainRouting.js";
import { useHostedSession, type HostedSession } from "./hostedSession.js";

/**
 * GET /oauth2/authorize. Sends the browser on: back to the app at once when the managed login
 * session cookie already signs the user in, to an external identity provider when the request
 * names one, and otherwise to the sign-in page with the same parameters (as Cognito does).
 */
export async function authorizeEndpoint(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  scope: DomainScope,
): Promise<void> {
  let target: AuthorizeTarget;
  try {
    target = await readAuthorizeRequest(ctx, url.searchParams, scope);
  } catch (thrown) {
    return answerAuthorizeError(res, thrown, url, scope);
  }
  const { request } = target;
  try {
    const prompts = new Set((request.prompt ?? "").split(/\s+/).filter(Boolean));
    const session = prompts.has("login") ? undefined : await usableSession(ctx, req, res, target, scope);
    const user = session && (await ctx.store.users.getBySub(target.pool.id, session.sub));
    if (session && user) {
      return await completeAuthorization(ctx, res, target, scope, {
        user,
        authTime: session.authTime,
        openSession: false,
        ...(session.identityProvider ? { identityProvider: session.identityProvider } : {}),
      });
    }
    if (prompts.has("none")) {
      throw new AuthorizeRedirectError("login_required", request.redirectUri, request.responseType, request.state);
    }
    const federated = request.identityProvider !== undefined && request.identityProvider !== "COGNITO";
    if (federated || (request.idpIdentifier !== undefined && request.identityProvider === undefined)) {
      // SAML and OpenID Connect providers each have their module, loaded on first use.
      const { requestedSamlProvider } = await import("../saml/provider.js");
      const saml = await requestedSamlProvider(ctx, target);
      if (saml) {
        const { startSamlSignIn } = await import("../saml/start.js");
        return await startSamlSignIn(ctx, req, res, target, scope, saml);
      }
      const { startFederatedSignIn } = await import("../federation/start.js");
      return await startFederatedSignIn(ctx, req, res, target, scope);
    }
    redirect(res, `${scope.base}/login?${authorizeQuery(request)}`);
  } catch (thrown) {
    answerAuthorizeError(res, asRedirectError(ctx, thrown, request), url, scope);
  }
}

/**
 * The managed login session, if it may sign this request in: the client must support the way the
 * session signed in (COGNITO or the provider), and a request that names a provider must name
 * that one. idp_identifier requests always go to their provider.
 */
async function usableSession(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  { pool, client, request }: AuthorizeTarget,
  scope: DomainScope,
): Promise<HostedSession | undefined> {
  if (request.idpIdentifier !== undefined && request.identityProvider === undefined) return undefined;
  const session = await useHostedSession(ctx, req, res, pool, scope);
  if (!session) return undefined;
  const signedInWith = session.identityProvider ?? "COGNITO";
  const supported = (client.config.SupportedIdentityProviders as string[] | undefined) ?? [];
  if (!supported.includes(signedInWith)) return undefined;
  if (request.identityProvider !== undefined && request.identityProvider !== signedInWith) return undefined;
  return session;
}

/**
 * Once the app's redirect_uri is verified, every failure goes back to it: a Lambda trigger's
 * refusal (or another client-side fault) as invalid_request with its message, anything
 * unexpected as server_error (logged), as Cognito's authorization endpoint documents.
 */
function asRedirectError(ctx: OperationContext, thrown: unknown, request: AuthorizeRequest): unknown {
  if (thrown instanceof AuthorizeRedirectError || thrown instanceof AuthorizePageError) return thrown;
  const to = (code: AuthorizeRedirectError["code"], description?: string) =>
    new AuthorizeRedirectError(code, request.redirectUri, request.responseType, request.state, description);
  if (thrown instanceof CognitoError && thrown.status < 500) return to("invalid_request", thrown.message);
  ctx.log.error("authorization failed", {
    requestId: ctx.requestId,
    error: thrown instanceof Error ? thrown.stack : String(thrown),
  });
  return to("server_error");
}

/**
 * A failed authorization request: to the app when its redirect_uri was verified (in the query,
 * or in the fragment for the implicit grant), else to the error page, never elsewhere.
 */
export function answerAuthorizeError(res: ServerResponse, thrown: unknown, url: URL, scope: DomainScope): void {
  if (thrown instanceof AuthorizeRedirectError) {
    const target = new URL(thrown.redirectUri);
    const params = new URLSearchParams();
    params.set("error", thrown.code);
    if (thrown.description) params.set("error_description", thrown.description);
    if (thrown.state !== undefined) params.set("state", thrown.state);
    if (thrown.responseType === "token") target.hash = params.toString();
    else for (const [k, v] of params) target.searchParams.set(k, v);
    return redirect(res, target.href);
  }
  if (thrown instanceof AuthorizePageError) {
    const q = new URLSearchParams({ error: thrown.code });
    const clientId = url.searchParams.get("client_id");
    if (clientId) q.set("client_id", clientId);
    return redirect(res, `${scope.base}/error?${q}`);
  }
  throw thrown;
}
