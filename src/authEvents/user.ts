import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { findUser } from "../users/lookup.js";
import { readEventById, type AuthEventData } from "./record.js";

/**
 * The user the event operations name: by username or alias, or — as Cognito documents for
 * these operations — by sub. UserNotFoundException otherwise.
 */
export async function requireEventUser(ctx: OperationContext, pool: PoolRecord, username: string): Promise<UserRecord> {
  const user = (await findUser(ctx, pool, username)) ?? (await ctx.store.users.getBySub(pool.id, username));
  if (!user) throw errors.userNotFound("User does not exist.");
  return user;
}

/** The user's event with this EventId, or ResourceNotFoundException. */
export async function requireEvent(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  eventId: string,
): Promise<AuthEventData> {
  const event = await readEventById(ctx, pool, user, eventId);
  if (!event) throw errors.resourceNotFound("Auth event not found.");
  return event;
}
