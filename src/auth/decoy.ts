import { createHash } from "node:crypto";
import { maskDestination } from "../messaging/codes.js";
import type { OperationContext } from "../protocol/operation.js";
import { allowedFirstAuthFactors } from "../pools/signInPolicy.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import type { AuthOutcome } from "./passwordSignIn.js";
import { openSession } from "./session.js";

/**
 * USER_AUTH for a user who does not exist, when the app client prevents user existence errors:
 * Cognito answers with one of the challenges the pool allows instead of an error. The choice
 * is a function of the username (asking twice must not give the pretence away), the one-time
 * code goes nowhere, and the session is marked so that any answer fails as a wrong one would.
 */
export async function decoyChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  preferred: string | undefined,
): Promise<AuthOutcome> {
  const allowed = allowedFirstAuthFactors(pool);
  const codes = (["EMAIL_OTP", "SMS_OTP"] as const).filter((f) => allowed.includes(f));
  const digest = createHash("sha256").update(`${pool.id}\n${username}`).digest();
  const choices: ("SELECT_CHALLENGE" | "EMAIL_OTP" | "SMS_OTP")[] = [
    ...(allowed.includes("PASSWORD") || allowed.includes("WEB_AUTHN") ? (["SELECT_CHALLENGE"] as const) : []),
    ...codes,
  ];
  const chosen =
    preferred === "EMAIL_OTP" || preferred === "SMS_OTP"
      ? codes.includes(preferred)
        ? preferred
        : "SELECT_CHALLENGE"
      : (choices[digest[0]! % Math.max(1, choices.length)] ?? "SELECT_CHALLENGE");
  const session = await ctx.store.transaction(() =>
    openSession(ctx, pool, client, chosen, username, { decoy: "true" }),
  );
  if (chosen === "SELECT_CHALLENGE") {
    const available = [
      ...(allowed.includes("PASSWORD") ? ["PASSWORD", "PASSWORD_SRP"] : []),
      ...(allowed.includes("WEB_AUTHN") ? ["WEB_AUTHN"] : []),
    ];
    return {
      ChallengeName: "SELECT_CHALLENGE",
      Session: session,
      ChallengeParameters: {},
      AvailableChallenges: available,
    } as AuthOutcome;
  }
  const digits = [...digest.subarray(1, 5)].map((b) => String(b % 10)).join("");
  const target =
    chosen === "EMAIL_OTP"
      ? {
          medium: "EMAIL" as const,
          destination: `${"abcdefghijklmnopqrstuvwxyz"[digest[5]! % 26]}@${"abcdefghijklmnopqrstuvwxyz"[digest[6]! % 26]}.com`,
        }
      : { medium: "SMS" as const, destination: `+1555555${digits}` };
  return {
    ChallengeName: chosen,
    Session: session,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: target.medium,
      CODE_DELIVERY_DESTINATION: maskDestination(target),
    },
  };
}
