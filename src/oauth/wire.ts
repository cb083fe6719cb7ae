import type { IncomingMessage, ServerResponse } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import type { OAuthDeps } from "./router.js";
import { oauthError, type OAuthError } from "./errors.js";

// Forms are small: a refresh token is the largest legitimate parameter.
const MAX_FORM_BYTES = 64 * 1024;

/**
 * The parameters of an application/x-www-form-urlencoded POST (Cognito's endpoints take no
 * other type). A parameter given twice is malformed (RFC 6749 §3.2).
 */
export async function readForm(req: IncomingMessage, maxBytes = MAX_FORM_BYTES): Promise<Map<string, string>> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const text = await readText(req, maxBytes);
  if (type !== "application/x-www-form-urlencoded") throw oauthError("invalid_request");
  if (text === undefined) throw oauthError("invalid_request");
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (form.has(name)) throw oauthError("invalid_request");
    form.set(name, value);
  }
  return form;
}

// Requests whose body was too large: their answer closes the connection, so the rest is never read.
const oversized = new WeakSet<IncomingMessage>();

/** The body as text; undefined as soon as it grows past maxBytes (the rest is not read: the connection closes after the answer). */
function readText(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      oversized.add(req);
      resolve(undefined);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A JSON answer; tokens and errors must never be cached (RFC 6749 §5.1). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    Pragma: "no-cache",
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: OAuthError): void {
  if (oversized.has(res.req)) res.setHeader("Connection", "close");
  // Bearer-token refusals say why in WWW-Authenticate too (RFC 6750 §3).
  if (err.status === 401 && err.code !== "invalid_client") {
    res.setHeader("WWW-Authenticate", `Bearer error="${err.code}"`);
  }
  sendJson(res, err.status, { error: err.code, ...(err.description ? { error_description: err.description } : {}) });
}

/** What the shared sign-in code expects of a request: these requests are unsigned, so the server's defaults. */
export function requestContext(res: ServerResponse, deps: OAuthDeps): OperationContext {
  return {
    store: deps.store,
    config: deps.config,
    accountId: deps.config.accountId,
    region: deps.config.region,
    now: Date.now(),
    requestId: String(res.getHeader("x-amzn-RequestId") ?? ""),
    log: deps.log,
  };
}
