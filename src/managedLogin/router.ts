import type { IncomingMessage, ServerResponse } from "node:http";
import type { RoutedRequest } from "../oauth/domainRouting.js";
import type { OperationContext } from "../protocol/operation.js";

/** The managed login pages: /login, /signup, /confirm, /forgotPassword, /confirmForgotPassword, /mfa, /error. */
export async function handleManagedLogin(
  _ctx: OperationContext,
  _req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  routed: RoutedRequest,
): Promise<void> {
  const text = `<!doctype html><title>Not yet</title><p>${routed.path} is not built yet.</p>`;
  void url;
  res
    .writeHead(404, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(text) })
    .end(text);
}
