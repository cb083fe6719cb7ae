import type { IdentityProviderData } from "../identityProviders/record.js";
import type { PoolRecord } from "../storage/types.js";
import { schemaOf } from "../users/attributes.js";

/** One entry of the `identities` attribute, as Cognito writes it (a JSON array in a string attribute). */
export interface IdentityEntry {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: string | null;
  primary: "true" | "false";
  dateCreated: number;
}

/** A claim as an attribute value: strings as they are, other JSON values as JSON text (address's formatted). */
function claimValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "object" && typeof (value as { formatted?: unknown }).formatted === "string") {
    return (value as { formatted: string }).formatted;
  }
  return JSON.stringify(value);
}

/** The value the provider's username claim (AttributeMapping.username, `sub` by default) has. */
export function providerUserId(provider: IdentityProviderData, claims: Record<string, unknown>): string | undefined {
  return claimValue(claims[provider.AttributeMapping.username ?? "sub"]) || undefined;
}

/**
 * The user pool attributes the provider's claims fill through its AttributeMapping (pool
 * attribute ← claim). Attributes the pool's schema lacks, and the identity attributes Cognito
 * keeps itself (sub, identities, username), are left out.
 */
export function mapAttributes(
  pool: PoolRecord,
  provider: IdentityProviderData,
  claims: Record<string, unknown>,
): Record<string, string> {
  const schema = schemaOf(pool);
  const result: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(provider.AttributeMapping)) {
    if (attribute === "username" || attribute === "sub" || attribute === "identities") continue;
    if (!schema.has(attribute)) continue;
    const value = claimValue(claims[claim]);
    if (value !== undefined) result[attribute] = value;
  }
  return result;
}

/** Only the attributes the pool's schema has (what an InboundFederation function answers is checked the same way). */
export const knownAttributes = (pool: PoolRecord, attributes: Record<string, string>) => {
  const schema = schemaOf(pool);
  return Object.fromEntries(
    Object.entries(attributes).filter(([name]) => schema.has(name) && name !== "sub" && name !== "identities"),
  );
};

export function readIdentities(attributes: Record<string, string>): IdentityEntry[] {
  try {
    const parsed: unknown = JSON.parse(attributes.identities ?? "[]");
    return Array.isArray(parsed) ? (parsed as IdentityEntry[]) : [];
  } catch {
    return [];
  }
}

/** The `identities` attribute with the entry added (unless one for the same provider and user is there). */
export function withIdentity(attributes: Record<string, string>, entry: IdentityEntry): string {
  const entries = readIdentities(attributes);
  if (entries.some((e) => e.providerName === entry.providerName && e.userId === entry.userId)) {
    return JSON.stringify(entries);
  }
  return JSON.stringify([...entries, entry]);
}

/** The `identities` attribute without the provider's entry for that user; undefined when none remain. */
export function withoutIdentity(
  attributes: Record<string, string>,
  providerName: string,
  userId: string,
): string | undefined {
  const remaining = readIdentities(attributes).filter((e) => !(e.providerName === providerName && e.userId === userId));
  return remaining.length ? JSON.stringify(remaining) : undefined;
}
