import { deleteUserEvents } from "../authEvents/record.js";
import { deleteUserDevices } from "../devices/record.js";
import { forgetCodes } from "../messaging/codes.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { deleteUserPasskeys } from "../webauthn/credentials.js";
import { usernameKey } from "./lookup.js";

/**
 * Deletes a user with everything kept under their username key — group memberships, one-time
 * codes, the lockout counter — and their devices, passkeys and auth events (kept by sub), so none of it attaches to a later user of the same name.
 * AdminDeleteUser and DeleteUser both end here.
 */
export async function deleteUserRecord(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<void> {
  const key = usernameKey(pool, user.username);
  await ctx.store.groups.removeUser(pool.id, key);
  await forgetCodes(ctx, pool, user);
  await ctx.store.resources.delete(ResourceKind.lockout, pool.id, key);
  await deleteUserPasskeys(ctx, pool, user.sub);
  await deleteUserEvents(ctx, pool, user);
  await deleteUserDevices(ctx, pool, user);
  await ctx.store.users.delete(pool.id, key);
}
