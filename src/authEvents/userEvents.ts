import type { ChallengeResponse, EventResponseType, EventType } from "@aws-sdk/client-cognito-identity-provider";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { recordAuthEvent, threatProtectionActive, type EventContext } from "./record.js";

/**
 * Logs a one-step event other than sign-in (SignUp, ForgotPassword, PasswordChange) when the
 * pool has threat protection, in the caller's transaction. `password` is the outcome of a
 * password check the operation made (ChangePassword's previous password).
 */
export async function logUserEvent(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  eventType: EventType,
  options: { response?: EventResponseType; context?: { IpAddress?: string }; password?: ChallengeResponse } = {},
): Promise<void> {
  if (!threatProtectionActive(pool)) return;
  const context: EventContext = options.context?.IpAddress ? { IpAddress: options.context.IpAddress } : {};
  await recordAuthEvent(ctx, pool, user, {
    eventType,
    response: options.response ?? "Pass",
    challengeResponses: options.password ? [{ ChallengeName: "Password", ChallengeResponse: options.password }] : [],
    context,
  });
}
