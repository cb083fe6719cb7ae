import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";

/**
 * The pool, or Cognito's ResourceNotFoundException. Pools of other accounts are invisible, and
 * so are those of other regions: Cognito's endpoints are regional.
 */
export async function requirePool(ctx: OperationContext, userPoolId: string): Promise<PoolRecord> {
  const pool = await ctx.store.pools.get(userPoolId);
  if (!pool || pool.accountId !== ctx.accountId || pool.region !== ctx.region) {
    throw errors.resourceNotFound(`User pool ${userPoolId} does not exist.`);
  }
  return pool;
}

export const poolArn = (pool: Pick<PoolRecord, "region" | "accountId" | "id">) =>
  `arn:aws:cognito-idp:${pool.region}:${pool.accountId}:userpool/${pool.id}`;
