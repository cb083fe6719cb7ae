import type { IdentityProviderData } from "../identityProviders/record.js";
import type { FederatedProfile } from "../triggers/inboundFederation.js";
import type { ProviderEndpoints } from "./discovery.js";
import { FederationError } from "./errors.js";
import { providerJson } from "./http.js";
import { verifyIdToken } from "./idToken.js";
import type { FederationStateData } from "./state.js";

/** The token endpoint did not issue tokens; its status and error code (never its tokens) are logged. */
export class ProviderRefusal extends FederationError {
  constructor(
    readonly status: number,
    readonly providerError: string | undefined,
  ) {
    super("invalid_request", "The identity provider did not issue tokens.");
  }
}

/** What the provider said about the user: the verified ID token's claims merged with userInfo's. */
export interface ProviderProfile {
  /** The provider's subject (the ID token's sub). */
  sub: string;
  /** Every claim, userInfo's over the ID token's (userInfo answers for the same sub). */
  claims: Record<string, unknown>;
  /** As the InboundFederation trigger receives it. */
  trigger: FederatedProfile;
}

/** Claims as the trigger sees them: strings, other JSON values as their JSON text. */
const asStrings = (values: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );

/**
 * Redeems the provider's code at its token endpoint (client_secret_post, with the PKCE verifier),
 * verifies the ID token, and reads userInfo with the access token (GET or POST, as the
 * provider's attributes_request_method says) when the provider has a userInfo endpoint.
 */
export async function fetchProviderProfile(
  provider: IdentityProviderData,
  endpoints: ProviderEndpoints,
  state: FederationStateData,
  code: string,
  now: number,
): Promise<ProviderProfile> {
  const details = provider.ProviderDetails;
  const clientId = details.client_id ?? "";
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: state.redirectUri,
    client_id: clientId,
    code_verifier: state.codeVerifier,
  });
  if (details.client_secret) form.set("client_secret", details.client_secret);
  const { status, body: tokens } = await providerJson(endpoints.tokenEndpoint, { form }, true);
  if (status !== 200 || typeof tokens.id_token !== "string") {
    // The provider's own error code is not repeated to the app: it concerns Cognate's client.
    throw new ProviderRefusal(status, typeof tokens.error === "string" ? tokens.error.slice(0, 100) : undefined);
  }
  const idToken = await verifyIdToken(tokens.id_token, {
    jwksUri: endpoints.jwksUri,
    issuer: endpoints.issuer,
    clientId,
    nonce: state.nonce,
    now,
  });
  let userInfo: Record<string, unknown> | undefined;
  if (endpoints.userInfoEndpoint && typeof tokens.access_token === "string") {
    const method = details.attributes_request_method === "POST" ? "POST" : "GET";
    const headers = { authorization: `Bearer ${tokens.access_token}` };
    userInfo = (
      await providerJson(endpoints.userInfoEndpoint, {
        method,
        headers,
        ...(method === "POST" ? { form: new URLSearchParams() } : {}),
      })
    ).body;
    // OIDC Core §5.3.2: a userInfo answer for another subject must not be used.
    if (userInfo.sub !== idToken.sub) throw new FederationError("invalid_request", "userInfo names another subject.");
  }
  // The ID token reaches the trigger decoded (idToken), not as the raw JWT.
  const tokenFields = Object.fromEntries(Object.entries(tokens).filter(([name]) => name !== "id_token"));
  return {
    sub: idToken.sub as string,
    claims: { ...idToken, ...(userInfo ?? {}) },
    trigger: {
      providerName: provider.ProviderName,
      providerType: "OIDC",
      tokenResponse: asStrings(tokenFields),
      idToken: asStrings(idToken),
      ...(userInfo ? { userInfo: asStrings(userInfo) } : {}),
    },
  };
}
