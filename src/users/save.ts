import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { usernameKey } from "./lookup.js";

/** Writes a changed user back, stamping the modification time. */
export async function saveUser(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<UserRecord> {
  const updated = { ...user, updatedAt: ctx.now };
  await ctx.store.users.update(updated, usernameKey(pool, user.username));
  return updated;
}
