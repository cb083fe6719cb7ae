import type { IncomingMessage, ServerResponse } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import { answerAuthorizeError } from "./authorize.js";
import { redirect } from "./authorization.js";
import { AuthorizePageError, authorizeQuery, readAuthorizeRequest } from "./authorizeRequest.js";
import type { DomainScope } from "./domainRouting.js";
import { endHostedSession } from "./hostedSession.js";

/**
 * GET /logout: ends the managed login session, then either returns to the app (logout_uri, one
 * of the client's LogoutURLs exactly) or, given redirect_uri and response_type instead, shows the
 * sign-in page for a new authorization request (as Cognito's /logout does). Anything else is the
 * error page: the endpoint never redirects where the client did not say it may.
 */
export async function logoutEndpoint(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  scope: DomainScope,
): Promise<void> {
  const params = url.searchParams;
  try {
    const clientId = params.get("client_id");
    const client = clientId ? await ctx.store.clients.find(clientId) : undefined;
    if (!client || (scope.poolId !== undefined && client.poolId !== scope.poolId)) {
      throw new AuthorizePageError("invalid_request", "Client does not exist.");
    }
    const logoutUri = params.get("logout_uri");
    if (logoutUri !== null) {
      const allowed = (client.config.LogoutURLs as string[] | undefined) ?? [];
      if (!allowed.includes(logoutUri)) throw new AuthorizePageError("redirect_mismatch", "redirect_mismatch");
      await endHostedSession(ctx, req, res, client.poolId, scope);
      return redirect(res, logoutUri);
    }
    // No logout_uri: sign out, then start the authorization request the parameters describe.
    const target = await readAuthorizeRequest(ctx, params, scope);
    await endHostedSession(ctx, req, res, client.poolId, scope);
    redirect(res, `${scope.base}/login?${authorizeQuery(target.request)}`);
  } catch (thrown) {
    answerAuthorizeError(res, thrown, url, scope);
  }
}
