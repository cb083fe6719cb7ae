import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { usernameKey } from "../users/lookup.js";

interface LockoutState {
  failures: number;
  lockedUntil: number;
}

/** Failures allowed before the first lock; each later failure doubles the lock, up to 15 minutes. */
const FREE_FAILURES = 5;
const MAX_LOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 15 * 60_000;

const keyOf = (pool: PoolRecord, user: UserRecord) => usernameKey(pool, user.username);

/** Whether the user is locked out now (failed passwords in a row earned a lock that still runs). */
export async function isLockedOut(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<boolean> {
  const state = await ctx.store.resources.get<LockoutState>(ResourceKind.lockout, pool.id, keyOf(pool, user));
  return !!state && state.data.lockedUntil > ctx.now;
}

/** Refuses a password attempt while the user is locked out, without checking the password. */
export async function checkLockout(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<void> {
  if (await isLockedOut(ctx, pool, user)) throw errors.notAuthorized("Password attempts exceeded");
}

/**
 * Counts a wrong password and returns the failures in a row; from the fifth the user is
 * locked for 1 s, 2 s, 4 s…
 */
export async function recordFailure(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<number> {
  const key = keyOf(pool, user);
  const previous = await ctx.store.resources.get<LockoutState>(ResourceKind.lockout, pool.id, key);
  // Failures long after the last one (and after any lock ran out) start a new count.
  const stale = !!previous && ctx.now - Math.max(previous.updatedAt, previous.data.lockedUntil) > FORGET_AFTER_MS;
  const failures = (stale ? 0 : (previous?.data.failures ?? 0)) + 1;
  const lockMs = failures >= FREE_FAILURES ? Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_LOCK_MS) : 0;
  const lockedUntil = lockMs ? ctx.now + lockMs : 0;
  await ctx.store.resources.put<LockoutState>({
    kind: ResourceKind.lockout,
    scope: pool.id,
    key,
    data: { failures, lockedUntil },
    createdAt: previous?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    // Past this the count is stale and would start again anyway.
    expiresAt: Math.max(ctx.now, lockedUntil) + FORGET_AFTER_MS,
  });
  return failures;
}

/** A correct password clears the count. */
export async function clearFailures(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<void> {
  const key = keyOf(pool, user);
  if (await ctx.store.resources.get(ResourceKind.lockout, pool.id, key)) {
    await ctx.store.resources.delete(ResourceKind.lockout, pool.id, key);
  }
}
