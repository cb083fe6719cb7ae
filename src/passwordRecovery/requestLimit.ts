import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { usernameKey } from "../users/lookup.js";

/** Reset codes a user may request in an hour (Cognito allows between 5 and 20). */
export const FORGOT_PASSWORD_REQUESTS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;

interface RequestCount {
  count: number;
  /** The requests' user: a later user of the same name starts afresh. */
  sub: string;
}

/**
 * Counts a request for a reset code in the user's hour window (opened by its first request),
 * refusing it once the window's allowance is spent. The record expires with the window.
 */
export async function countForgotPasswordRequest(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
): Promise<void> {
  const key = `forgotPasswordRequests:${usernameKey(pool, user.username)}`;
  const previous = await ctx.store.resources.get<RequestCount>(ResourceKind.code, pool.id, key);
  const current =
    previous && previous.data.sub === user.sub && (previous.expiresAt ?? 0) > ctx.now ? previous : undefined;
  const count = current?.data.count ?? 0;
  if (count >= FORGOT_PASSWORD_REQUESTS_PER_HOUR) {
    throw errors.limitExceeded("Attempt limit exceeded, please try after some time.");
  }
  await ctx.store.resources.put<RequestCount>({
    kind: ResourceKind.code,
    scope: pool.id,
    key,
    data: { count: count + 1, sub: user.sub },
    createdAt: current?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    expiresAt: current?.expiresAt ?? ctx.now + HOUR_MS,
  });
}
