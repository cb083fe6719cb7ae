import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, ResourceRecord } from "../storage/types.js";
import type { IdentityProviderData } from "./record.js";

export async function findProvider(
  ctx: OperationContext,
  pool: PoolRecord,
  providerName: string,
): Promise<ResourceRecord<IdentityProviderData> | undefined> {
  return ctx.store.resources.get<IdentityProviderData>(ResourceKind.identityProvider, pool.id, providerName);
}

export async function requireProvider(
  ctx: OperationContext,
  pool: PoolRecord,
  providerName: string,
): Promise<ResourceRecord<IdentityProviderData>> {
  const record = await findProvider(ctx, pool, providerName);
  if (!record) throw errors.resourceNotFound(`Identity provider ${providerName} does not exist.`);
  return record;
}

/** Every provider of a pool (a pool has few; identifiers are looked up across all of them). */
export async function allProviders(
  ctx: OperationContext,
  pool: PoolRecord,
): Promise<ResourceRecord<IdentityProviderData>[]> {
  const result: ResourceRecord<IdentityProviderData>[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.store.resources.list<IdentityProviderData>(ResourceKind.identityProvider, pool.id, {
      limit: 60,
      after,
    });
    result.push(...page.items);
    after = page.next;
  } while (after);
  return result;
}

/**
 * IdpIdentifiers must be unique within the list and across the pool's other providers
 * (sign-in by identifier must resolve to one provider).
 */
export async function checkIdpIdentifiers(
  ctx: OperationContext,
  pool: PoolRecord,
  providerName: string,
  identifiers: string[],
): Promise<void> {
  const seen = new Set<string>();
  for (const identifier of identifiers) {
    if (seen.has(identifier)) throw errors.invalidParameter(`Duplicate identifier ${identifier} in IdpIdentifiers.`);
    seen.add(identifier);
  }
  if (!identifiers.length) return;
  for (const other of await allProviders(ctx, pool)) {
    if (other.key === providerName) continue;
    const taken = other.data.IdpIdentifiers.find((id) => seen.has(id));
    if (taken !== undefined) {
      throw errors.duplicateProvider(`Identifier ${taken} is already used by identity provider ${other.key}.`);
    }
  }
}
