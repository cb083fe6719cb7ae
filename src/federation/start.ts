import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthorizeTarget } from "../oauth/authorizeRequest.js";
import { AuthorizeRedirectError } from "../oauth/authorizeRequest.js";
import type { DomainScope } from "../oauth/domainRouting.js";
import type { OperationContext } from "../protocol/operation.js";

/**
 * An authorization request that names an external identity provider (identity_provider or
 * idp_identifier): redirects the browser to that provider. Federation is not built yet.
 */
export async function startFederatedSignIn(
  _ctx: OperationContext,
  _req: IncomingMessage,
  _res: ServerResponse,
  { request }: AuthorizeTarget,
  _scope: DomainScope,
): Promise<void> {
  throw new AuthorizeRedirectError(
    "invalid_request",
    request.redirectUri,
    request.responseType,
    request.state,
    "Federated sign-in is not supported yet.",
  );
}
