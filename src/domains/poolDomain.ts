import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";

/** The pool member DescribeUserPool shows for a domain: Domain for a prefix, CustomDomain for a custom one. */
export const poolDomainMember = (custom: boolean) => (custom ? "CustomDomain" : "Domain");

/** Records (or, with undefined, clears) the pool's domain so that DescribeUserPool shows it. */
export async function setPoolDomain(
  ctx: OperationContext,
  pool: PoolRecord,
  custom: boolean,
  domain: string | undefined,
): Promise<void> {
  const config = { ...pool.config };
  if (domain === undefined) delete config[poolDomainMember(custom)];
  else config[poolDomainMember(custom)] = domain;
  await ctx.store.pools.update({ ...pool, config });
}
