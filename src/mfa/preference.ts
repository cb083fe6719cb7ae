import type { SetUserMFAPreferenceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { readMfaFactors } from "../pools/mfa.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { saveUser } from "../users/save.js";
import { userCanUse, withMfaSettings, type MfaMethod } from "./methods.js";

type Settings = Pick<SetUserMFAPreferenceRequest, "SMSMfaSettings" | "SoftwareTokenMfaSettings" | "EmailMfaSettings">;

/**
 * SetUserMFAPreference and AdminSetUserMFAPreference: settings left out stay as they are; a
 * method can be turned on only when the user can receive it (Cognito's "delivery config"),
 * and email MFA only where the pool configured it. One preferred method at most.
 */
export async function setMfaPreference(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  input: Settings,
): Promise<void> {
  const given: [MfaMethod, { Enabled?: boolean; PreferredMfa?: boolean } | undefined][] = [
    ["SMS_MFA", input.SMSMfaSettings],
    ["SOFTWARE_TOKEN_MFA", input.SoftwareTokenMfaSettings],
    ["EMAIL_OTP", input.EmailMfaSettings],
  ];
  const changes = given
    .filter(([, settings]) => settings !== undefined)
    .map(([method, settings]) => ({
      method,
      ...(settings!.Enabled !== undefined ? { enabled: settings!.Enabled } : {}),
      ...(settings!.PreferredMfa !== undefined ? { preferred: settings!.PreferredMfa } : {}),
    }));
  const preferredCount = changes.filter((c) => c.preferred === true).length;
  if (preferredCount > 1) throw errors.invalidParameter("Only one MFA method can be preferred.");
  for (const change of changes) {
    const turningOn = change.enabled === true || (change.enabled === undefined && change.preferred === true);
    if (!turningOn) continue;
    if (change.method === "EMAIL_OTP" && !(await readMfaFactors(ctx, pool)).EmailMfaConfiguration) {
      throw errors.invalidParameter("Email MFA is not enabled for this user pool.");
    }
    if (!userCanUse(user, change.method)) {
      throw errors.invalidParameter(`User does not have delivery config set to turn on ${change.method}`);
    }
  }
  await saveUser(ctx, pool, withMfaSettings(user, changes));
}
