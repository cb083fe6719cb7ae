import type { MFAOptionType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { UserRecord } from "../storage/types.js";

/**
 * The legacy MFAOptions setting (SMS to phone_number is the only option Cognito accepts);
 * an empty list clears it.
 */
export function withMfaOptions(user: UserRecord, options: MFAOptionType[]): UserRecord {
  for (const option of options) {
    if (option.DeliveryMedium !== "SMS" || option.AttributeName !== "phone_number") {
      throw errors.invalidParameter("Only SMS delivery to phone_number is supported for MFAOptions.");
    }
  }
  const updated: UserRecord = { ...user };
  if (options.length) {
    updated.mfaOptions = options.map((o) => ({ DeliveryMedium: o.DeliveryMedium!, AttributeName: o.AttributeName! }));
  } else {
    delete updated.mfaOptions;
  }
  return updated;
}
