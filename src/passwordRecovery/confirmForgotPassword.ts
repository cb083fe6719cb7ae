import type {
  ConfirmForgotPasswordRequest,
  ConfirmForgotPasswordResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { checkSecretHash } from "../clients/secretHash.js";
import { checkCode } from "../messaging/codes.js";
import { CognitoError, errors } from "../protocol/errors.js";
import { defineOperation, type OperationContext } from "../protocol/operation.js";
import { verifyPassword } from "../common/passwords.js";
import { hidesUserExistence, requireAppClient } from "../signUp/appClient.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { findUser } from "../users/lookup.js";
import { passwordSecrets } from "../users/password.js";
import { checkPasswordPolicy, passwordPolicy } from "../users/passwordPolicy.js";
import { saveUser } from "../users/save.js";
import { postConfirmation } from "../triggers/postConfirmation.js";

const codeMismatch = () =>
  new CognitoError("CodeMismatchException", "Invalid verification code provided, please try again.");

/** The user the code was sent to; unknown and disabled users look like a wrong code when existence is hidden. */
async function resetCandidate(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
): Promise<UserRecord> {
  const user = await findUser(ctx, pool, username);
  if (!user) {
    if (hidesUserExistence(client)) throw codeMismatch();
    throw errors.userNotFound("Username/client id combination not found.");
  }
  if (!user.enabled) {
    if (hidesUserExistence(client)) throw codeMismatch();
    throw errors.notAuthorized("User is disabled.");
  }
  return user;
}

/** Statuses a completed reset leaves: a pending reset or temporary password is over; an unconfirmed user stays so. */
const statusAfterReset = (user: UserRecord) => (user.status === "UNCONFIRMED" ? user.status : "CONFIRMED");

export const confirmForgotPassword = defineOperation<ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse>(
  "ConfirmForgotPassword",
  async (input, ctx) => {
    const { client, pool } = await requireAppClient(ctx, input.ClientId!);
    checkSecretHash(client, input.Username!, input.SecretHash);
    const password = input.Password!;
    checkPasswordPolicy(pool, password);

    // First only check the code (failures counted and committed): the slow history check
    // below must not answer anyone who lacks the code.
    const checked = await ctx.store.transaction(async () => {
      const user = await resetCandidate(ctx, pool, client, input.Username!);
      return (await checkCode(ctx, pool, user, "forgotPassword", input.ConfirmationCode!, { keep: true })) ?? user;
    });
    if (checked instanceof CognitoError) throw checked;

    const historySize = passwordPolicy(pool).PasswordHistorySize ?? 0;
    const recent = [checked.passwordHash, ...(checked.passwordHistory ?? [])]
      .filter((hash): hash is string => Boolean(hash))
      .slice(0, historySize);
    for (const hash of recent) {
      if (await verifyPassword(password, hash)) {
        throw new CognitoError("PasswordHistoryPolicyViolationException", "Password has previously been used");
      }
    }
    const secrets = await passwordSecrets(ctx, pool, checked.username, password);

    const reset = await ctx.store.transaction(async () => {
      const user = await resetCandidate(ctx, pool, client, input.Username!);
      // Consume it now; it can have been used or replaced meanwhile.
      const problem = await checkCode(ctx, pool, user, "forgotPassword", input.ConfirmationCode!);
      if (problem) return problem;
      const history =
        historySize > 0 && user.passwordHash
          ? [user.passwordHash, ...(user.passwordHistory ?? [])].slice(0, historySize)
          : user.passwordHistory;
      const updated: UserRecord = { ...user, ...secrets, status: statusAfterReset(user) };
      delete updated.temporaryPasswordSetAt;
      if (history?.length) updated.passwordHistory = history;
      return saveUser(ctx, pool, updated);
    });
    if (reset instanceof CognitoError) throw reset;
    // After the commit: a failing function fails the call, yet the new password stays set, as on Cognito.
    await postConfirmation(ctx, pool, "PostConfirmation_ConfirmForgotPassword", reset, {
      clientId: client.clientId,
      clientMetadata: input.ClientMetadata,
    });
    return {};
  },
  { transaction: false },
);
