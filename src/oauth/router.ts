import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../common/log.js";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { CognateConfig } from "../server/config.js";
import type { Store } from "../storage/types.js";
import { OAuthError } from "./errors.js";
import { authorizeEndpoint } from "./authorize.js";
import { routeDomainRequest, type DomainScope } from "./domainRouting.js";
import { logoutEndpoint } from "./logout.js";
import { revokeEndpoint } from "./revoke.js";
import { tokenEndpoint } from "./token.js";
import { userInfoEndpoint } from "./userInfo.js";
import { readForm, requestContext, sendError, sendJson } from "./wire.js";

/** What the OAuth 2.0 endpoints get from the server. */
export interface OAuthDeps {
  store: Store;
  config: CognateConfig;
  log: Logger;
}

type JsonEndpoint = (
  ctx: OperationContext,
  req: IncomingMessage,
  form: Map<string, string>,
  scope: DomainScope,
) => Promise<unknown>;

// Both take POSTs only, as Cognito's do.
const POST_ENDPOINTS: Record<string, JsonEndpoint> = {
  "/oauth2/token": tokenEndpoint,
  "/oauth2/revoke": revokeEndpoint,
};

/**
 * The OAuth 2.0 / OpenID Connect endpoints and managed login pages of pools' domains (issue 12),
 * addressed as src/oauth/domainRouting.ts describes. Answers whether it handled the request; the
 * server answers 404 otherwise.
 */
export async function handleOAuth(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: OAuthDeps,
): Promise<boolean> {
  const routed = await routeDomainRequest(deps.store, req, url.pathname);
  if (!routed) return false;
  const { path, scope } = routed;
  const method = req.method ?? "GET";
  const post = Object.hasOwn(POST_ENDPOINTS, path) ? POST_ENDPOINTS[path] : undefined;
  if (post)
    return (
      method === "POST" &&
      (await answerJson(req, res, url, deps, (ctx) => readForm(req).then((form) => post(ctx, req, form, scope))))
    );
  if (path === "/oauth2/userInfo") {
    return (
      (method === "GET" || method === "POST") &&
      (await answerJson(req, res, url, deps, (ctx) => userInfoEndpoint(ctx, req, scope)))
    );
  }
  const started = process.hrtime.bigint();
  const ctx = requestContext(res, deps);
  try {
    if (path === "/oauth2/authorize") {
      if (method !== "GET") return false;
      await authorizeEndpoint(ctx, req, res, url, scope);
    } else if (path === "/logout") {
      if (method !== "GET") return false;
      await logoutEndpoint(ctx, req, res, url, scope);
    } else if (path === "/saml2/idpresponse") {
      const { handleSamlResponse } = await import("../saml/callback.js");
      await handleSamlResponse(ctx, req, res, url, routed);
    } else if (path === "/oauth2/idpresponse") {
      const { handleFederationCallback } = await import("../federation/callback.js");
      await handleFederationCallback(ctx, req, res, url, routed);
    } else {
      // Loaded on first use: the pages are not part of the API server's start-up.
      const { handleManagedLogin } = await import("../managedLogin/router.js");
      await handleManagedLogin(ctx, req, res, url, routed);
    }
  } catch (thrown) {
    ctx.log.error("browser request failed", {
      requestId: ctx.requestId,
      error: thrown instanceof Error ? thrown.stack : String(thrown),
    });
    if (!res.headersSent) {
      const text = '<!doctype html><html lang="en"><title>Server error</title><p>Something went wrong.</p></html>';
      res.writeHead(500, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
      res.end(text);
    } else res.destroy();
  }
  logRequest(ctx, method, url, res.statusCode, started);
  return true;
}

/** An endpoint that answers JSON: its result with 200 (an empty 200 for undefined), or its OAuth error. */
async function answerJson(
  _req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: OAuthDeps,
  endpoint: (ctx: OperationContext) => Promise<unknown>,
): Promise<true> {
  const started = process.hrtime.bigint();
  const ctx = requestContext(res, deps);
  let error: string | undefined;
  try {
    const body = await endpoint(ctx);
    if (body === undefined) res.writeHead(200, { "Content-Length": 0, "Cache-Control": "no-store" }).end();
    else sendJson(res, 200, body);
  } catch (thrown) {
    const err = asOAuthError(thrown, ctx);
    error = err.code;
    sendError(res, err);
  }
  logRequest(ctx, _req.method ?? "POST", url, res.statusCode, started, error);
  return true;
}

function logRequest(ctx: OperationContext, method: string, url: URL, status: number, started: bigint, error?: string) {
  ctx.log.info("request", {
    requestId: ctx.requestId,
    operation: `${method} ${url.pathname}`,
    status,
    durationMs: Math.round((Number(process.hrtime.bigint() - started) / 1e6) * 100) / 100,
    ...(error ? { error } : {}),
  });
}
/**
 * Errors from the shared sign-in code that are no OAuth refusal (a Lambda trigger that failed
 * or refused) become invalid_request with the exception's message, the way Cognito's hosted
 * endpoints describe trigger failures; anything unexpected is a server_error.
 */
function asOAuthError(thrown: unknown, ctx: OperationContext): OAuthError {
  if (thrown instanceof OAuthError) return thrown;
  if (thrown instanceof CognitoError && thrown.status < 500) {
    return new OAuthError("invalid_request", 400, thrown.message);
  }
  ctx.log.error("oauth request failed", {
    requestId: ctx.requestId,
    error: thrown instanceof Error ? thrown.stack : String(thrown),
  });
  return new OAuthError("server_error", 500);
}
