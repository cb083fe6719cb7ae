import type { GetUserAuthFactorsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { allowedFirstAuthFactors } from "../pools/signInPolicy.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { hasPasskey } from "../webauthn/signIn.js";

/**
 * GetUserAuthFactors / AdminGetUserAuthFactors: the user's MFA settings and the first factors
 * they have set up among those the pool allows: a password, one-time codes to a verified
 * email or phone, a passkey; and an authenticator app (an MFA factor only).
 */
export async function userAuthFactors(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
): Promise<GetUserAuthFactorsResponse> {
  const allowed = allowedFirstAuthFactors(pool);
  const factors: string[] = [];
  if (user.passwordHash) factors.push("PASSWORD");
  if (allowed.includes("EMAIL_OTP") && user.attributes.email_verified === "true") factors.push("EMAIL_OTP");
  if (allowed.includes("SMS_OTP") && user.attributes.phone_number_verified === "true") factors.push("SMS_OTP");
  if (allowed.includes("WEB_AUTHN") && (await hasPasskey(ctx, pool, user))) factors.push("WEB_AUTHN");
  // An authenticator app is an MFA factor only, listed once it is verified and turned on.
  if (user.softwareToken?.verified && user.userMfaSettingList?.includes("SOFTWARE_TOKEN_MFA")) {
    factors.push("SOFTWARE_TOKEN");
  }
  return {
    Username: user.username,
    ...(user.preferredMfaSetting ? { PreferredMfaSetting: user.preferredMfaSetting } : {}),
    ...(user.userMfaSettingList?.length ? { UserMFASettingList: user.userMfaSettingList } : {}),
    ConfiguredUserAuthFactors: factors,
  } as GetUserAuthFactorsResponse;
}
