import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { FederationError, redirectErrorToApp } from "../federation/errors.js";
import type { IdentityProviderData } from "../identityProviders/record.js";
import { redirect } from "../oauth/authorization.js";
import { bindBrowser, canBindCrossSitePost } from "../oauth/browserBinding.js";
import { authorizeQuery, type AuthorizeTarget } from "../oauth/authorizeRequest.js";
import { domainUrl, type DomainScope } from "../oauth/domainRouting.js";
import type { OperationContext } from "../protocol/operation.js";
import { providerMetadata } from "./providerMetadata.js";
import { saveRelayState } from "./relayState.js";
import { serviceProvider } from "./serviceProvider.js";

/** The pool domain's assertion consumer service, where providers post their responses (as on Cognito). */
export const acsUrl = (ctx: OperationContext, req: IncomingMessage, scope: DomainScope) =>
  domainUrl(ctx, req, scope, "/saml2/idpresponse");

/**
 * An authorization request for a SAML provider: an AuthnRequest sent with the HTTP-Redirect
 * binding to the provider's single sign-on service, the app's request kept under the RelayState.
 * Failures go back to the app.
 */
export async function startSamlSignIn(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: AuthorizeTarget,
  scope: DomainScope,
  provider: IdentityProviderData,
): Promise<void> {
  try {
    const metadata = await providerMetadata(provider);
    // An XML ID must not start with a digit (SAML Core §1.3.4).
    const requestId = `_${randomBytes(20).toString("hex")}`;
    const consumer = acsUrl(ctx, req, scope);
    const relayState = await saveRelayState(ctx, target.pool.id, {
      authorizeQuery: authorizeQuery(target.request).toString(),
      providerName: provider.ProviderName,
      requestId,
      // Bound to the browser where it will keep the Secure cookie a cross-site POST needs.
      ...(canBindCrossSitePost(consumer)
        ? { browser: bindBrowser(ctx, res, scope, "/saml2/idpresponse", "crossSitePost") }
        : {}),
    });
    const sp = await serviceProvider(ctx, target.pool, metadata, consumer, requestId);
    redirect(res, await sp.getAuthorizeUrlAsync(relayState, undefined, {}));
  } catch (thrown) {
    if (thrown instanceof FederationError) return redirectErrorToApp(res, target.request, thrown);
    throw thrown;
  }
}
