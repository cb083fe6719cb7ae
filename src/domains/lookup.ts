import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, ResourceRecord } from "../storage/types.js";
import type { DomainData } from "./record.js";

/** The domain record, if its owning pool still exists (a pool deleted without its domain frees it). */
export async function findDomain(
  ctx: OperationContext,
  domain: string,
): Promise<ResourceRecord<DomainData> | undefined> {
  const record = await ctx.store.resources.get<DomainData>(ResourceKind.domain, "", domain);
  if (!record) return undefined;
  return (await ctx.store.pools.get(record.data.UserPoolId)) ? record : undefined;
}

/** The domain, which must belong to the pool; Cognito does not say which of the two is wrong. */
export async function requireOwnedDomain(
  ctx: OperationContext,
  pool: PoolRecord,
  domain: string,
): Promise<ResourceRecord<DomainData>> {
  const record = await findDomain(ctx, domain);
  if (!record || record.data.UserPoolId !== pool.id) {
    throw errors.invalidParameter("No such domain or user pool exists.");
  }
  return record;
}

/** ManagedLoginVersion is 1 (classic hosted UI) or 2 (managed login, not in the Lite plan). */
export function checkManagedLoginVersion(pool: PoolRecord, version: number | undefined): void {
  if (version === undefined) return;
  if (version !== 1 && version !== 2) {
    throw errors.invalidParameter(`ManagedLoginVersion ${version} is not supported; use 1 or 2.`);
  }
  if (version === 2 && pool.config.UserPoolTier === "LITE") {
    throw errors.featureUnavailableInTier("Managed login is not available in the Lite feature plan.");
  }
}
