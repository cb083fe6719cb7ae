import type { CodeTarget } from "../messaging/codes.js";
import type { PoolRecord } from "../storage/types.js";

/**
 * Where a sign-up confirmation code goes: the pool's auto-verified attributes, the phone
 * first when both are auto-verified (Cognito then verifies only the phone). None when the
 * pool auto-verifies nothing the user has.
 */
export function confirmationTarget(pool: PoolRecord, attributes: Record<string, string>): CodeTarget | undefined {
  const autoVerified = (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
  if (autoVerified.includes("phone_number") && attributes.phone_number) {
    return { medium: "SMS", destination: attributes.phone_number };
  }
  if (autoVerified.includes("email") && attributes.email) return { medium: "EMAIL", destination: attributes.email };
  return undefined;
}
