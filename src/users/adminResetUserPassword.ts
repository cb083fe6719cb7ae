import type {
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse,
  RecoveryOptionType,
} from "@aws-sdk/client-cognito-identity-provider";
import { sendCode } from "../messaging/codes.js";
import type { DeliveryMedium } from "../messaging/outbox.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { requireUser } from "./lookup.js";
import { saveUser } from "./save.js";

/** Where the reset code goes: the pool's recovery mechanisms by priority (phone first when unset). */
function recoveryTarget(
  pool: PoolRecord,
  user: UserRecord,
): { medium: DeliveryMedium; destination: string } | undefined {
  const setting = pool.config.AccountRecoverySetting as { RecoveryMechanisms?: RecoveryOptionType[] } | undefined;
  const mechanisms = setting?.RecoveryMechanisms?.length
    ? [...setting.RecoveryMechanisms].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0)).map((m) => m.Name)
    : ["verified_phone_number", "verified_email"];
  for (const mechanism of mechanisms) {
    if (mechanism === "verified_email" && user.attributes.email && user.attributes.email_verified === "true") {
      return { medium: "EMAIL", destination: user.attributes.email };
    }
    if (
      mechanism === "verified_phone_number" &&
      user.attributes.phone_number &&
      user.attributes.phone_number_verified === "true"
    ) {
      return { medium: "SMS", destination: user.attributes.phone_number };
    }
  }
  return undefined;
}

export const adminResetUserPassword = defineOperation<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse>(
  "AdminResetUserPassword",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    const target = recoveryTarget(pool, user);
    if (!target) {
      throw errors.invalidParameter(
        "Cannot reset password for the user as there is no registered/verified email or phone_number",
      );
    }
    await saveUser(ctx, pool, { ...user, status: "RESET_REQUIRED" });
    // Forgot-password confirmation will need this code stored; for now it only reaches the outbox.
    await sendCode(ctx, pool, user.username, target);
    return {} as AdminResetUserPasswordResponse;
  },
);
