import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import type { AuthOutcome } from "../auth/passwordSignIn.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";

/** Answers SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SMS_OTP, SELECT_MFA_TYPE and MFA_SETUP. */
export async function respondMfaChallenge(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  challenge: ChallengeNameType,
  _session: string | undefined,
  _responses: Record<string, string>,
): Promise<AuthOutcome> {
  throw errors.invalidParameter(`${challenge} is not supported by Cognate yet.`);
}
