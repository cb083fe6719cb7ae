import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { completePasswordSignIn, type AuthOutcome } from "./passwordSignIn.js";

/** How the user proved who they are before completeSignIn decides what comes next. */
export interface FirstFactor {
  factor: "PASSWORD" | "PASSWORD_SRP" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN" | "SIGN_UP_SESSION";
  /** AuthParameters.DEVICE_KEY of the sign-in, if the client sent one. */
  deviceKey?: string;
  /** The device answered DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER (a remembered device may skip MFA). */
  deviceAuthenticated?: boolean;
}

/**
 * After the first factor: the new-password challenge, MFA, the device challenge or tokens,
 * as the pool and the user require. Every sign-in path ends here.
 */
export async function completeSignIn(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  _how: FirstFactor,
): Promise<AuthOutcome> {
  return completePasswordSignIn(ctx, pool, client, user);
}
