import { allProviders, findProvider } from "../identityProviders/lookup.js";
import type { IdentityProviderData } from "../identityProviders/record.js";
import type { AuthorizeTarget } from "../oauth/authorizeRequest.js";
import type { OperationContext } from "../protocol/operation.js";

/**
 * The SAML provider an authorization request names (identity_provider, or idp_identifier), if
 * the client supports it; undefined otherwise, and the OIDC federation answers the request.
 */
export async function requestedSamlProvider(
  ctx: OperationContext,
  { pool, client, request }: AuthorizeTarget,
): Promise<IdentityProviderData | undefined> {
  let provider: IdentityProviderData | undefined;
  if (request.identityProvider !== undefined) {
    provider = (await findProvider(ctx, pool, request.identityProvider))?.data;
  } else if (request.idpIdentifier !== undefined) {
    const wanted = request.idpIdentifier;
    provider = (await allProviders(ctx, pool)).find((p) => p.data.IdpIdentifiers.includes(wanted))?.data;
  }
  const supported = (client.config.SupportedIdentityProviders as string[] | undefined) ?? [];
  return provider?.ProviderType === "SAML" && supported.includes(provider.ProviderName) ? provider : undefined;
}
