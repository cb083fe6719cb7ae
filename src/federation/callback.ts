import type { IncomingMessage, ServerResponse } from "node:http";
import type { RoutedRequest } from "../oauth/domainRouting.js";
import type { OperationContext } from "../protocol/operation.js";

/** GET/POST /oauth2/idpresponse (OIDC) and POST /saml2/idpresponse: where external providers send the user back. */
export async function handleFederationCallback(
  _ctx: OperationContext,
  _req: IncomingMessage,
  res: ServerResponse,
  _url: URL,
  routed: RoutedRequest,
): Promise<void> {
  res.writeHead(302, { Location: `${routed.scope.base}/error?error=invalid_request`, "Content-Length": 0 }).end();
}
