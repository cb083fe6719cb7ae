import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord } from "../storage/types.js";

/** The attribute name that stands for the provider's subject (the user id in `<Provider>_<id>`). */
export const SUBJECT_ATTRIBUTE = "Cognito_Subject";

/** An external identity that signs in as an existing user (AdminLinkProviderForUser). */
export interface FederationLinkData {
  providerName: string;
  /** Cognito_Subject or a claim of the provider's tokens or userInfo (email…). */
  attributeName: string;
  attributeValue: string;
  /** The user signed in as, by sub (a user deleted and created again under the same name is someone else). */
  destinationSub: string;
}

export const linkKey = (providerName: string, attributeName: string, value: string) =>
  `${providerName}:${attributeName}:${value}`;

export async function findLink(
  ctx: OperationContext,
  pool: PoolRecord,
  providerName: string,
  attributeName: string,
  value: string,
): Promise<FederationLinkData | undefined> {
  const key = linkKey(providerName, attributeName, value);
  return (await ctx.store.resources.get<FederationLinkData>(ResourceKind.federationLink, pool.id, key))?.data;
}

export async function saveLink(ctx: OperationContext, pool: PoolRecord, link: FederationLinkData): Promise<void> {
  await ctx.store.resources.put<FederationLinkData>({
    kind: ResourceKind.federationLink,
    scope: pool.id,
    key: linkKey(link.providerName, link.attributeName, link.attributeValue),
    data: link,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
}

export async function deleteLink(ctx: OperationContext, pool: PoolRecord, link: FederationLinkData): Promise<void> {
  await ctx.store.resources.delete(
    ResourceKind.federationLink,
    pool.id,
    linkKey(link.providerName, link.attributeName, link.attributeValue),
  );
}

// A provider answers a few dozen claims at most; more are not looked at for links.
const MAX_CLAIMS_CHECKED = 50;

/**
 * The link a signing-in identity matches: by its subject first, then by any string claim it
 * carries (links made on email, say, before the user ever signed in).
 */
export async function matchingLink(
  ctx: OperationContext,
  pool: PoolRecord,
  providerName: string,
  userId: string,
  claims: Record<string, unknown>,
): Promise<FederationLinkData | undefined> {
  const bySubject = await findLink(ctx, pool, providerName, SUBJECT_ATTRIBUTE, userId);
  if (bySubject) return bySubject;
  const candidates = Object.entries(claims)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "")
    .slice(0, MAX_CLAIMS_CHECKED);
  for (const [name, value] of candidates) {
    const link = await findLink(ctx, pool, providerName, name, value);
    if (link) return link;
  }
  return undefined;
}
