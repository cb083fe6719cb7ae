import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../common/log.js";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { CognateConfig } from "../server/config.js";
import type { Store } from "../storage/types.js";
import { OAuthError } from "./errors.js";
import { revokeEndpoint } from "./revoke.js";
import { tokenEndpoint } from "./token.js";
import { readForm, requestContext, sendError, sendJson } from "./wire.js";

/** What the OAuth 2.0 endpoints get from the server. */
export interface OAuthDeps {
  store: Store;
  config: CognateConfig;
  log: Logger;
}

type Endpoint = (ctx: OperationContext, req: IncomingMessage, form: Map<string, string>) => Promise<unknown>;

// Both take POSTs only, as Cognito's do.
const POST_ENDPOINTS: Record<string, Endpoint> = {
  "/oauth2/token": tokenEndpoint,
  "/oauth2/revoke": revokeEndpoint,
};

/**
 * The OAuth 2.0 / OpenID Connect endpoints of pools' domains (/oauth2/token, /oauth2/revoke, …,
 * issue 12). Answers whether it handled the request; the server answers 404 otherwise.
 */
export async function handleOAuth(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: OAuthDeps,
): Promise<boolean> {
  const endpoint = Object.hasOwn(POST_ENDPOINTS, url.pathname) ? POST_ENDPOINTS[url.pathname] : undefined;
  if (!endpoint || req.method !== "POST") return false;
  const started = process.hrtime.bigint();
  const ctx = requestContext(res, deps);
  let status = 200;
  let error: string | undefined;
  try {
    const form = await readForm(req);
    const body = await endpoint(ctx, req, form);
    if (body === undefined) res.writeHead(200, { "Content-Length": 0, "Cache-Control": "no-store" }).end();
    else sendJson(res, 200, body);
  } catch (thrown) {
    const err = asOAuthError(thrown, ctx);
    status = err.status;
    error = err.code;
    sendError(res, err);
  }
  deps.log.info("request", {
    requestId: ctx.requestId,
    operation: `POST ${url.pathname}`,
    status,
    durationMs: Math.round((Number(process.hrtime.bigint() - started) / 1e6) * 100) / 100,
    ...(error ? { error } : {}),
  });
  return true;
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
