import type { MFAOptionType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { UserRecord } from "../storage/types.js";

/**
 * The legacy MFAOptions setting (SMS to phone_number is the only option Cognito accepts),
 * which turns SMS MFA on; an empty list turns it off.
 */
export function withMfaOptions(user: UserRecord, options: MFAOptionType[]): UserRecord {
  for (const option of options) {
    if (option.DeliveryMedium !== "SMS" || option.AttributeName !== "phone_number") {
      throw errors.invalidParameter("Only SMS delivery to phone_number is supported for MFAOptions.");
    }
  }
  const updated: UserRecord = { ...user };
  // The legacy setting is SMS MFA, so it shows where current callers look: UserMFASettingList.
  const others = (user.userMfaSettingList ?? []).filter((setting) => setting !== "SMS_MFA");
  if (options.length) {
    updated.mfaOptions = options.map((o) => ({ DeliveryMedium: o.DeliveryMedium!, AttributeName: o.AttributeName! }));
    updated.userMfaSettingList = [...others, "SMS_MFA"];
    updated.preferredMfaSetting ??= "SMS_MFA";
  } else {
    delete updated.mfaOptions;
    if (others.length) updated.userMfaSettingList = others;
    else delete updated.userMfaSettingList;
    if (updated.preferredMfaSetting === "SMS_MFA") delete updated.preferredMfaSetting;
  }
  return updated;
}
