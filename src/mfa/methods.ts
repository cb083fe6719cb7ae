import type { PoolMfaFactors } from "../pools/mfa.js";
import type { CodeTarget } from "../messaging/codes.js";
import type { UserRecord } from "../storage/types.js";

/** The MFA methods of UserMFASettingList, in the order Cognito lists them. */
export const MFA_METHODS = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] as const;
export type MfaMethod = (typeof MFA_METHODS)[number];

/** The methods the pool's MFA configuration offers. */
export function offeredMethods(factors: PoolMfaFactors): MfaMethod[] {
  return MFA_METHODS.filter((method) =>
    method === "SMS_MFA"
      ? !!factors.SmsMfaEnabled
      : method === "SOFTWARE_TOKEN_MFA"
        ? !!factors.SoftwareTokenMfaConfiguration?.Enabled
        : !!factors.EmailMfaConfiguration,
  );
}

/** Whether the user has what a method needs: a phone number, a verified authenticator app, an email address. */
export function userCanUse(user: UserRecord, method: MfaMethod): boolean {
  if (method === "SMS_MFA") return !!user.attributes.phone_number;
  if (method === "SOFTWARE_TOKEN_MFA") return !!user.softwareToken?.verified;
  return !!user.attributes.email;
}

/** Where a code for a code-based method goes. */
export function codeTarget(user: UserRecord, method: "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP"): CodeTarget {
  return method === "EMAIL_OTP"
    ? { medium: "EMAIL", destination: user.attributes.email ?? "" }
    : { medium: "SMS", destination: user.attributes.phone_number ?? "" };
}

/**
 * The user's MFA settings after turning methods on or off, and choosing or dropping a
 * preferred one. The legacy MFAOptions follow SMS MFA, as GetUser shows them.
 */
export function withMfaSettings(
  user: UserRecord,
  changes: { method: MfaMethod; enabled?: boolean; preferred?: boolean }[],
): UserRecord {
  const enabled = new Set((user.userMfaSettingList ?? []).filter((m): m is MfaMethod => isMfaMethod(m)));
  let preferred = user.preferredMfaSetting;
  for (const change of changes) {
    // Preferring a method turns it on.
    const on = change.enabled ?? (change.preferred ? true : undefined);
    if (on === true) enabled.add(change.method);
    if (on === false) {
      enabled.delete(change.method);
      if (preferred === change.method) preferred = undefined;
    }
    if (change.preferred === true) preferred = change.method;
    if (change.preferred === false && preferred === change.method) preferred = undefined;
  }
  const updated: UserRecord = { ...user };
  const list = MFA_METHODS.filter((m) => enabled.has(m));
  if (list.length) updated.userMfaSettingList = list;
  else delete updated.userMfaSettingList;
  if (preferred && enabled.has(preferred as MfaMethod)) updated.preferredMfaSetting = preferred;
  else delete updated.preferredMfaSetting;
  if (enabled.has("SMS_MFA")) updated.mfaOptions = [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }];
  else delete updated.mfaOptions;
  return updated;
}

export const isMfaMethod = (value: string): value is MfaMethod => (MFA_METHODS as readonly string[]).includes(value);
