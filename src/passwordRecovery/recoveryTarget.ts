import type { RecoveryOptionType } from "@aws-sdk/client-cognito-identity-provider";
import type { CodeTarget } from "../messaging/codes.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";

const configuredMechanisms = (pool: PoolRecord): RecoveryOptionType[] =>
  (pool.config.AccountRecoverySetting as { RecoveryMechanisms?: RecoveryOptionType[] } | undefined)
    ?.RecoveryMechanisms ?? [];

/** The pool's recovery mechanisms by priority; without a setting, Cognito's legacy order (phone first). */
export function recoveryMechanisms(pool: PoolRecord): string[] {
  const configured = configuredMechanisms(pool);
  return configured.length
    ? [...configured].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0)).map((m) => m.Name!)
    : ["verified_phone_number", "verified_email"];
}

/** SMS MFA, turned on with SetUserMFAPreference or the legacy MFAOptions. */
const hasSmsMfa = (user: UserRecord): boolean =>
  !!user.userMfaSettingList?.includes("SMS_MFA") || !!user.mfaOptions?.some((o) => o.DeliveryMedium === "SMS");

/**
 * Where a password reset code goes: the first mechanism the user has a verified address for.
 * Under an AccountRecoverySetting, SMS can't recover the account of a user with SMS MFA (the
 * second factor would be the recovery channel too); the legacy behaviour has no such rule.
 */
export function recoveryTarget(pool: PoolRecord, user: UserRecord): CodeTarget | undefined {
  const { email, email_verified, phone_number, phone_number_verified } = user.attributes;
  const configured = configuredMechanisms(pool).length > 0;
  const smsAllowed = !(configured && hasSmsMfa(user));
  for (const mechanism of recoveryMechanisms(pool)) {
    if (mechanism === "verified_email" && email && email_verified === "true") {
      return { medium: "EMAIL", destination: email };
    }
    if (mechanism === "verified_phone_number" && smsAllowed && phone_number && phone_number_verified === "true") {
      return { medium: "SMS", destination: phone_number };
    }
  }
  return undefined;
}

export const NO_RECOVERY_ADDRESS =
  "Cannot reset password for the user as there is no registered/verified email or phone_number";
