import { FederationError } from "./errors.js";
import { isHttpUrl, providerJson, ProviderUnreachable } from "./http.js";

/** Where an OIDC provider's endpoints are, and the issuer its ID tokens must name. */
export interface ProviderEndpoints {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  userInfoEndpoint?: string;
}

// Discovery documents change rarely; a short cache spares one request per sign-in. Storage (the
// provider's details) stays the truth: the cache is keyed by the issuer and the overrides.
const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { endpoints: ProviderEndpoints; until: number }>();

/**
 * The endpoints of an OIDC provider: the ones its details name (authorize_url, token_url,
 * attributes_url, jwks_uri), the others from `${oidc_issuer}/.well-known/openid-configuration`,
 * which is not fetched when the details name all that sign-in needs.
 */
export async function providerEndpoints(details: Record<string, string>): Promise<ProviderEndpoints> {
  const issuer = details.oidc_issuer ?? "";
  const given = {
    authorizationEndpoint: details.authorize_url,
    tokenEndpoint: details.token_url,
    jwksUri: details.jwks_uri,
    userInfoEndpoint: details.attributes_url,
  };
  for (const url of Object.values(given)) {
    if (url !== undefined && !isHttpUrl(url))
      throw new ProviderUnreachable(`${issuer}: an endpoint is not an http(s) URL`);
  }
  if (given.authorizationEndpoint && given.tokenEndpoint && given.jwksUri) {
    return {
      issuer,
      authorizationEndpoint: given.authorizationEndpoint,
      tokenEndpoint: given.tokenEndpoint,
      jwksUri: given.jwksUri,
      ...(given.userInfoEndpoint ? { userInfoEndpoint: given.userInfoEndpoint } : {}),
    };
  }
  const key = JSON.stringify([issuer, given]);
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.endpoints;
  if (!isHttpUrl(issuer)) throw new FederationError("server_error", "The identity provider has no issuer.");
  const { body } = await providerJson(`${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`);
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);
  // OIDC Discovery §4.3: the document must name the issuer it was fetched for (a trailing slash aside).
  const named = text("issuer");
  if (named !== undefined && named.replace(/\/+$/, "") !== issuer.replace(/\/+$/, "")) {
    throw new ProviderUnreachable(`${issuer}: discovery document names issuer ${named}`);
  }
  const endpoints: ProviderEndpoints = {
    // ID tokens name the issuer exactly as discovery does.
    issuer: named ?? issuer,
    authorizationEndpoint: given.authorizationEndpoint ?? text("authorization_endpoint") ?? "",
    tokenEndpoint: given.tokenEndpoint ?? text("token_endpoint") ?? "",
    jwksUri: given.jwksUri ?? text("jwks_uri") ?? "",
  };
  const userInfoEndpoint = given.userInfoEndpoint ?? text("userinfo_endpoint");
  if (userInfoEndpoint) endpoints.userInfoEndpoint = userInfoEndpoint;
  const urls = [endpoints.authorizationEndpoint, endpoints.tokenEndpoint, endpoints.jwksUri];
  if (!urls.every(isHttpUrl) || (endpoints.userInfoEndpoint && !isHttpUrl(endpoints.userInfoEndpoint))) {
    throw new ProviderUnreachable(`${issuer}: discovery document lacks endpoints`);
  }
  cache.set(key, { endpoints, until: Date.now() + CACHE_MS });
  return endpoints;
}
