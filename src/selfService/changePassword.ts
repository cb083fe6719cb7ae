import type { ChangePasswordRequest, ChangePasswordResponse } from "@aws-sdk/client-cognito-identity-provider";
import { clearFailures, isLockedOut, recordFailure } from "../auth/lockout.js";
import { logUserEvent } from "../authEvents/userEvents.js";
import { incorrectPassword } from "../auth/passwordSignIn.js";
import { CognitoError, errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { verifyPassword } from "../common/passwords.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { usernameKey } from "../users/lookup.js";
import { passwordSecrets } from "../users/password.js";
import { checkPasswordPolicy, passwordPolicy } from "../users/passwordPolicy.js";
import { saveUser } from "../users/save.js";

/** Wrong previous passwords in a row (counted with sign-in's) from which ChangePassword is throttled. */
const ATTEMPT_LIMIT = 5;
const attemptLimitExceeded = () => errors.limitExceeded("Attempt limit exceeded, please try after some time.");

/**
 * The signed-in user changes their password: the previous one must be right (failures count
 * towards the lockout, and from the fifth in a row, or while locked, Cognito throttles with
 * LimitExceededException), the new one must meet the policy and history. Hashing happens
 * outside the transaction.
 */
export const changePassword = defineOperation<ChangePasswordRequest, ChangePasswordResponse>(
  "ChangePassword",
  async (input, ctx) => {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken!);
    const proposed = input.ProposedPassword!;
    if (user.passwordHash) {
      if (input.PreviousPassword === undefined)
        throw errors.invalidParameter("Missing required parameter PreviousPassword");
      if (await isLockedOut(ctx, pool, user)) throw attemptLimitExceeded();
      if (!(await verifyPassword(input.PreviousPassword, user.passwordHash))) {
        const failures = await ctx.store.transaction(async () => {
          await logUserEvent(ctx, pool, user, "PasswordChange", { response: "Fail", password: "Failure" });
          return recordFailure(ctx, pool, user);
        });
        throw failures >= ATTEMPT_LIMIT ? attemptLimitExceeded() : incorrectPassword();
      }
    }
    checkPasswordPolicy(pool, proposed);
    const historySize = passwordPolicy(pool).PasswordHistorySize ?? 0;
    const recent = [user.passwordHash, ...(user.passwordHistory ?? [])].filter((h): h is string => !!h);
    for (const hash of recent.slice(0, historySize)) {
      if (await verifyPassword(proposed, hash)) {
        throw new CognitoError("PasswordHistoryPolicyViolationException", "Password has previously been used");
      }
    }
    const secrets = await passwordSecrets(ctx, pool, user.username, proposed);
    await ctx.store.transaction(async () => {
      const current = await ctx.store.users.get(pool.id, usernameKey(pool, user.username));
      if (!current || current.sub !== user.sub) throw errors.notAuthorized("User does not exist.");
      const history =
        historySize > 0 && current.passwordHash
          ? [current.passwordHash, ...(current.passwordHistory ?? [])].slice(0, historySize)
          : current.passwordHistory;
      await saveUser(ctx, pool, { ...current, ...secrets, ...(history?.length ? { passwordHistory: history } : {}) });
      await clearFailures(ctx, pool, current);
      await logUserEvent(ctx, pool, current, "PasswordChange", user.passwordHash ? { password: "Success" } : {});
    });
    return {} as ChangePasswordResponse;
  },
  { transaction: false },
);
