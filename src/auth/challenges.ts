import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { respondNewPassword } from "./newPassword.js";
import type { AuthOutcome } from "./passwordSignIn.js";
import { respondPasswordVerifier } from "./srpSignIn.js";
import { respondSelectChallenge } from "./userAuth.js";

/** The challenge answers RespondToAuthChallenge and AdminRespondToAuthChallenge share. */
export async function respond(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  challenge: ChallengeNameType,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  switch (challenge) {
    case "NEW_PASSWORD_REQUIRED":
      return respondNewPassword(ctx, pool, client, session, responses);
    case "PASSWORD_VERIFIER":
      return respondPasswordVerifier(ctx, pool, client, session, responses);
    case "SELECT_CHALLENGE":
      return respondSelectChallenge(ctx, pool, client, session, responses);
    default:
      throw errors.invalidParameter(`${challenge} is not supported by Cognate yet.`);
  }
}
