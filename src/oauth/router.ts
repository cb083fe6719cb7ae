import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../common/log.js";
import type { CognateConfig } from "../server/config.js";
import type { Store } from "../storage/types.js";

/** What the OAuth 2.0 endpoints get from the server. */
export interface OAuthDeps {
  store: Store;
  config: CognateConfig;
  log: Logger;
}

/**
 * The OAuth 2.0 / OpenID Connect endpoints of pools' domains (/oauth2/token, /oauth2/revoke, …,
 * issue 12). Answers whether it handled the request; the server answers 404 otherwise.
 */
export async function handleOAuth(
  _req: IncomingMessage,
  _res: ServerResponse,
  _url: URL,
  _deps: OAuthDeps,
): Promise<boolean> {
  return false;
}
