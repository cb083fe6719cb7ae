import type { GetUserAuthFactorsRequest, GetUserAuthFactorsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { allowedFirstAuthFactors } from "../pools/signInPolicy.js";
import { defineOperation } from "../protocol/operation.js";
import { signedIn } from "./access.js";

/** The sign-in factors the user has set up: a password, and one-time codes to verified addresses the pool allows. */
export const getUserAuthFactors = defineOperation<GetUserAuthFactorsRequest, GetUserAuthFactorsResponse>(
  "GetUserAuthFactors",
  async (input, ctx) => {
    const { pool, user } = await signedIn(ctx, input.AccessToken!);
    const allowed = allowedFirstAuthFactors(pool);
    const factors: string[] = [];
    if (user.passwordHash) factors.push("PASSWORD");
    if (allowed.includes("EMAIL_OTP") && user.attributes.email_verified === "true") factors.push("EMAIL_OTP");
    if (allowed.includes("SMS_OTP") && user.attributes.phone_number_verified === "true") factors.push("SMS_OTP");
    return {
      Username: user.username,
      ...(user.preferredMfaSetting ? { PreferredMfaSetting: user.preferredMfaSetting } : {}),
      ...(user.userMfaSettingList?.length ? { UserMFASettingList: user.userMfaSettingList } : {}),
      ConfiguredUserAuthFactors: factors,
    } as GetUserAuthFactorsResponse;
  },
  { readOnly: true },
);
