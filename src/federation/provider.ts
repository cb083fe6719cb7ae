import { allProviders, findProvider } from "../identityProviders/lookup.js";
import type { IdentityProviderData } from "../identityProviders/record.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { FederationError } from "./errors.js";

/**
 * The provider an authorization request names, by identity_provider or else idp_identifier,
 * which the app client must support. Only OIDC providers are federated so far.
 */
export async function requestedProvider(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  named: { identityProvider?: string; idpIdentifier?: string },
): Promise<IdentityProviderData> {
  let provider: IdentityProviderData | undefined;
  if (named.identityProvider !== undefined) {
    provider = (await findProvider(ctx, pool, named.identityProvider))?.data;
  } else if (named.idpIdentifier !== undefined) {
    const wanted = named.idpIdentifier;
    provider = (await allProviders(ctx, pool)).find((p) => p.data.IdpIdentifiers.includes(wanted))?.data;
  }
  if (!provider) throw new FederationError("invalid_request", "The identity provider does not exist.");
  const supported = (client.config.SupportedIdentityProviders as string[] | undefined) ?? [];
  if (!supported.includes(provider.ProviderName)) {
    throw new FederationError("unauthorized_client", "Identity provider is not supported by the client.");
  }
  if (provider.ProviderType !== "OIDC") {
    throw new FederationError("invalid_request", `Sign-in with ${provider.ProviderType} providers is not supported.`);
  }
  return provider;
}
