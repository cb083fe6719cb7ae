import type { IncomingMessage, ServerResponse } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import { completeAuthorization, redirect } from "./authorization.js";
import {
  AuthorizePageError,
  AuthorizeRedirectError,
  authorizeQuery,
  readAuthorizeRequest,
} from "./authorizeRequest.js";
import type { DomainScope } from "./domainRouting.js";
import { useHostedSession } from "./hostedSession.js";

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
  try {
    const target = await readAuthorizeRequest(ctx, url.searchParams, scope);
    const { pool, request } = target;
    const prompts = new Set((request.prompt ?? "").split(/\s+/).filter(Boolean));
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
    const session = prompts.has("login") ? undefined : await useHostedSession(ctx, req, res, pool, scope);
    const user = session && (await ctx.store.users.getBySub(pool.id, session.sub));
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
    redirect(res, `${scope.base}/login?${authorizeQuery(request)}`);
  } catch (thrown) {
    answerAuthorizeError(res, thrown, url, scope);
  }
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
