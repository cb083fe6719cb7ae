import { createHash } from "node:crypto";
import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { codeDeliveryDetails } from "../messaging/codes.js";
import type { PoolRecord } from "../storage/types.js";
import { isEmail, isPhoneNumber } from "../users/attributes.js";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * The CodeDeliveryDetails answered for a user who does not exist (or cannot receive a code)
 * when the client hides user existence: a medium chosen from the username's format and the
 * pool's verification settings, and a masked address that is the same on every call, so that
 * asking twice does not give the pretence away.
 */
export function simulatedDelivery(pool: PoolRecord, username: string): CodeDeliveryDetailsType {
  const digest = createHash("sha256").update(`${pool.id}\n${username}`).digest();
  const letter = (i: number) => LETTERS[digest[i]! % LETTERS.length]!;
  if (isEmail(username)) return codeDeliveryDetails({ medium: "EMAIL", destination: username });
  if (isPhoneNumber(username)) return codeDeliveryDetails({ medium: "SMS", destination: username });
  const autoVerified = (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
  if (autoVerified.includes("phone_number") || !autoVerified.includes("email")) {
    const digits = [...digest.subarray(0, 4)].map((b) => String(b % 10)).join("");
    return codeDeliveryDetails({ medium: "SMS", destination: `+1555555${digits}` });
  }
  return codeDeliveryDetails({ medium: "EMAIL", destination: `${letter(0)}@${letter(1)}.com` });
}
