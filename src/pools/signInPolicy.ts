import type { AuthFactorType } from "@aws-sdk/client-cognito-identity-provider";
import type { PoolRecord } from "../storage/types.js";

/** The factors users may sign in with first (choice-based sign-in); PASSWORD alone unless set. */
export function allowedFirstAuthFactors(pool: PoolRecord): AuthFactorType[] {
  const policies = pool.config.Policies as
    | { SignInPolicy?: { AllowedFirstAuthFactors?: AuthFactorType[] } }
    | undefined;
  return policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"];
}

/** Users can exist without a password only where they can sign in with a one-time code. */
export function allowsPasswordlessUsers(pool: PoolRecord): boolean {
  const factors = allowedFirstAuthFactors(pool);
  return factors.includes("EMAIL_OTP") || factors.includes("SMS_OTP");
}
