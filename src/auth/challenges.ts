import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { respondCustomChallenge } from "./customAuth.js";
import { respondNewPassword } from "./newPassword.js";
import type { AuthOutcome } from "./passwordSignIn.js";
import { respondPasswordVerifier } from "./srpSignIn.js";
import { respondSelectChallenge } from "./userAuth.js";
import { respondDeviceChallenge } from "../devices/signIn.js";
import { respondMfaChallenge } from "../mfa/challenges.js";
import { respondWebAuthn } from "../webauthn/signIn.js";

/** The challenge answers RespondToAuthChallenge and AdminRespondToAuthChallenge share. */
export async function respond(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  challenge: ChallengeNameType,
  session: string | undefined,
  responses: Record<string, string>,
  /** The request's ClientMetadata, handed to the challenge triggers. */
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  switch (challenge) {
    case "NEW_PASSWORD_REQUIRED":
      return respondNewPassword(ctx, pool, client, session, responses);
    case "PASSWORD_VERIFIER":
      return respondPasswordVerifier(ctx, pool, client, session, responses, clientMetadata);
    case "CUSTOM_CHALLENGE":
      return respondCustomChallenge(ctx, pool, client, session, responses, clientMetadata);
    case "SELECT_CHALLENGE":
      return respondSelectChallenge(ctx, pool, client, session, responses, clientMetadata);
    case "SMS_MFA":
    case "SOFTWARE_TOKEN_MFA":
    case "EMAIL_OTP":
    case "SMS_OTP":
    case "SELECT_MFA_TYPE":
    case "MFA_SETUP":
      return respondMfaChallenge(ctx, pool, client, challenge, session, responses);
    case "DEVICE_SRP_AUTH":
    case "DEVICE_PASSWORD_VERIFIER":
      return respondDeviceChallenge(ctx, pool, client, challenge, session, responses);
    case "WEB_AUTHN":
      return respondWebAuthn(ctx, pool, client, session, responses);
    default:
      throw errors.invalidParameter(`${challenge} is not supported by Cognate yet.`);
  }
}
