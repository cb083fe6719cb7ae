import type { IncomingMessage, ServerResponse } from "node:http";
import type { Profile } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import { FederationError } from "../federation/errors.js";
import { answerFederationFailure, finishFederatedSignIn } from "../federation/finish.js";
import { findProvider } from "../identityProviders/lookup.js";
import { answerAuthorizeError } from "../oauth/authorize.js";
import { isBoundBrowser } from "../oauth/browserBinding.js";
import { AuthorizePageError, readAuthorizeRequest, type AuthorizeTarget } from "../oauth/authorizeRequest.js";
import type { RoutedRequest } from "../oauth/domainRouting.js";
import { OAuthError } from "../oauth/errors.js";
import { readForm } from "../oauth/wire.js";
import type { OperationContext } from "../protocol/operation.js";
import { providerMetadata } from "./providerMetadata.js";
import { ResourceKind } from "../storage/kinds.js";
import { consumeRelayState, type SamlRelayStateData } from "./relayState.js";
import { serviceProvider } from "./serviceProvider.js";
import { acsUrl } from "./start.js";

/**
 * POST /saml2/idpresponse: a SAML provider's answer (HTTP-POST binding). The RelayState names
 * the app's authorization request; the response must be valid for it (signature, audience,
 * InResponseTo, validity window). The user signs in as `<ProviderName>_<NameID>` (or the user a
 * link names) and the browser goes on to the app with Cognate's code. Until the app's request is
 * known again, failures are the error page; unsolicited (IdP-initiated) responses are refused.
 */
export async function handleSamlResponse(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  routed: RoutedRequest,
): Promise<void> {
  const { scope } = routed;
  const page = (why: string) => answerAuthorizeError(res, new AuthorizePageError("invalid_request", why), url, scope);
  if (req.method !== "POST") return page("SAML responses are posted.");
  let form: Map<string, string>;
  try {
    // Cognito takes assertions of up to 100,000 characters: base64 and form-encoded, ~140 KB.
    form = await readForm(req, 256 * 1024);
  } catch (thrown) {
    if (thrown instanceof OAuthError) return page("Malformed form.");
    throw thrown;
  }
  const relayState = form.get("RelayState");
  const consumed = relayState ? await consumeRelayState(ctx, relayState) : undefined;
  if (!consumed || (scope.poolId !== undefined && scope.poolId !== consumed.poolId)) {
    return page("Invalid RelayState.");
  }
  // Another browser delivering someone's assertion is refused (login CSRF), where the sign-in was bound.
  const { browser } = consumed.data;
  if (browser && !isBoundBrowser(ctx, req, res, scope, "/saml2/idpresponse", browser, "crossSitePost")) {
    return page("Invalid RelayState.");
  }
  let target: AuthorizeTarget;
  try {
    target = await readAuthorizeRequest(ctx, new URLSearchParams(consumed.data.authorizeQuery), scope);
  } catch (thrown) {
    return answerAuthorizeError(res, thrown, url, scope);
  }
  try {
    await finishSignIn(ctx, req, res, target, routed, consumed.data, form.get("SAMLResponse"));
  } catch (thrown) {
    answerFederationFailure(res, target, thrown);
  }
}

async function finishSignIn(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: AuthorizeTarget,
  routed: RoutedRequest,
  relay: SamlRelayStateData,
  samlResponse: string | undefined,
): Promise<void> {
  const { pool } = target;
  const provider = (await findProvider(ctx, pool, relay.providerName))?.data;
  if (!provider || provider.ProviderType !== "SAML") {
    throw new FederationError("invalid_request", "The identity provider does not exist.");
  }
  if (!samlResponse) throw new FederationError("invalid_request", "Missing SAMLResponse.");
  const metadata = await providerMetadata(provider);
  const consumer = acsUrl(ctx, req, routed.scope);
  const sp = await serviceProvider(ctx, pool, metadata, consumer, relay.requestId);
  let profile;
  try {
    ({ profile } = await sp.validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (thrown) {
    await ctx.store.resources.delete(ResourceKind.samlRequest, pool.id, relay.requestId);
    // node-saml says what failed (signature, audience, expiry, status); the app gets the gist.
    ctx.log.info("saml response refused", {
      requestId: ctx.requestId,
      reason: thrown instanceof Error ? thrown.message : String(thrown),
    });
    throw new FederationError("invalid_request", "Invalid SAML response.");
  }
  // The request is answered: its RelayState is spent already, its id goes too.
  await ctx.store.resources.delete(ResourceKind.samlRequest, pool.id, relay.requestId);
  if (!profile?.nameID) throw new FederationError("invalid_request", "Invalid SAML response: no NameID.");
  // node-saml checks signature, audience, validity and InResponseTo; who sent it and to whom are ours to check.
  if (!addressedHere(profile, metadata.entityId, consumer)) {
    throw new FederationError("invalid_request", "Invalid SAML response.");
  }
  const attributes = samlAttributes(profile.attributes);
  await finishFederatedSignIn(ctx, res, target, routed.scope, provider, {
    sub: profile.nameID,
    // The NameID is the user's id at the provider, unless AttributeMapping names another attribute for username.
    claims: { ...attributes, sub: profile.nameID },
    trigger: { providerName: provider.ProviderName, providerType: "SAML", samlResponse: attributes },
  });
}

/**
 * The (signed) assertion comes from the provider's entity and names this ACS as its recipient;
 * the response, where it says, is addressed to this ACS.
 */
function addressedHere(profile: Profile, entityId: string, consumer: string): boolean {
  if (entityId && profile.issuer !== entityId) return false;
  const parse = (xml: string | undefined) => (xml ? new DOMParser().parseFromString(xml, "text/xml") : undefined);
  const assertion = parse(profile.getAssertionXml?.());
  const confirmations = assertion?.getElementsByTagNameNS(SAML_ASSERTION, "SubjectConfirmationData");
  for (let i = 0; i < (confirmations?.length ?? 0); i++) {
    const recipient = confirmations!.item(i)!.getAttribute("Recipient");
    if (recipient && recipient !== consumer) return false;
  }
  const destination = parse(profile.getSamlResponseXml?.())?.documentElement?.getAttribute("Destination");
  return !destination || destination === consumer;
}

const SAML_ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

/** The assertion's attributes as strings; a multi-valued attribute's values joined by commas. */
function samlAttributes(attributes: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!attributes || typeof attributes !== "object") return result;
  for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    if (values.length) result[name] = values.join(",");
  }
  return result;
}
