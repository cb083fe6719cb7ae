import type { IncomingMessage, ServerResponse } from "node:http";
import type { Store } from "../storage/types.js";
import type { CognateConfig } from "./config.js";

/**
 * GET /<userPoolId>/.well-known/jwks.json and /<userPoolId>/.well-known/openid-configuration.
 * The documents come with token signing (src/tokens); until then every path is answered 404.
 */
export async function handleWellKnown(
  _req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  _deps: { store: Store; config: CognateConfig },
): Promise<void> {
  const text = JSON.stringify({ message: `No route for GET ${url.pathname}` });
  res.writeHead(404, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** Matches /<userPoolId>/.well-known/<document>. */
export const WELL_KNOWN_PATH = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/([\w.-]+)$/;
