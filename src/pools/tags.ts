import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import { poolArn } from "./lookup.js";

export const MAX_TAGS = 50;

const POOL_ARN = /^arn:[\w-]+:cognito-idp:([\w-]+):(\d{12}):userpool\/([\w-]+_[0-9a-zA-Z]+)$/;

/** The pool an ARN names; anything else (other accounts, regions, resource types) is not found. */
export async function requirePoolByArn(ctx: OperationContext, arn: string): Promise<PoolRecord> {
  const match = POOL_ARN.exec(arn);
  const pool = match ? await ctx.store.pools.get(match[3]!) : undefined;
  if (!pool || pool.accountId !== ctx.accountId || poolArn(pool) !== arn) {
    throw errors.resourceNotFound(`Resource ${arn} does not exist.`);
  }
  return pool;
}

/**
 * Replaces a pool's tags. DescribeUserPool shows them as UserPoolTags, so the pool's config
 * copy is kept in step with the tag store.
 */
export async function writePoolTags(
  ctx: OperationContext,
  pool: PoolRecord,
  tags: Record<string, string>,
): Promise<void> {
  if (Object.keys(tags).length > MAX_TAGS) {
    throw errors.invalidParameter(`A user pool can have at most ${MAX_TAGS} tags.`);
  }
  await ctx.store.tags.set(poolArn(pool), tags);
  const config = { ...pool.config };
  if (Object.keys(tags).length) config.UserPoolTags = tags;
  else delete config.UserPoolTags;
  pool.config = config;
  await ctx.store.pools.update(pool);
}
