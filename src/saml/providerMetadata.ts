import { FederationError } from "../federation/errors.js";
import type { IdentityProviderData } from "../identityProviders/record.js";
import { parseIdpMetadata, type IdpMetadata } from "./metadata.js";

const FETCH_TIMEOUT_MS = 5_000;

/**
 * The provider's metadata: its MetadataFile, or the document at its MetadataURL (read at each
 * sign-in, so that a rotated certificate is picked up; Cognito refreshes it periodically).
 */
export async function providerMetadata(provider: IdentityProviderData): Promise<IdpMetadata> {
  const details = provider.ProviderDetails;
  if (details.MetadataFile) return parseIdpMetadata(details.MetadataFile);
  if (!details.MetadataURL) throw new FederationError("invalid_request", "The SAML provider has no metadata.");
  let text: string;
  try {
    const res = await fetch(details.MetadataURL, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    text = await res.text();
  } catch {
    throw new FederationError("server_error", "The SAML provider's metadata could not be read.");
  }
  return parseIdpMetadata(text);
}
