import type {
  AdminSetUserPasswordRequest,
  AdminSetUserPasswordResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError, errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { verifyPassword } from "../common/passwords.js";
import { requireUser } from "./lookup.js";
import { passwordSecrets } from "./password.js";
import { checkPasswordPolicy, passwordPolicy } from "./passwordPolicy.js";
import { saveUser } from "./save.js";

export const adminSetUserPassword = defineOperation<AdminSetUserPasswordRequest, AdminSetUserPasswordResponse>(
  "AdminSetUserPassword",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const password = input.Password!;
    checkPasswordPolicy(pool, password);
    const historySize = passwordPolicy(pool).PasswordHistorySize ?? 0;
    // Hashing and comparing are slow on purpose: do them before taking the transaction.
    const before = await requireUser(ctx, pool, input.Username!);
    if (historySize > 0) {
      const recent = [before.passwordHash, ...(before.passwordHistory ?? [])].filter((h): h is string => Boolean(h));
      for (const hash of recent.slice(0, historySize)) {
        if (await verifyPassword(password, hash)) {
          throw new CognitoError("PasswordHistoryPolicyViolationException", "Password has previously been used");
        }
      }
    }
    const secrets = await passwordSecrets(ctx, pool, before.username, password);
    await ctx.store.transaction(async () => {
      const user = await requireUser(ctx, pool, input.Username!);
      // The verifier was made for this username; a user swapped in meanwhile would get a wrong one.
      if (user.username !== before.username) throw errors.userNotFound("User does not exist.");
      const history =
        historySize > 0 && user.passwordHash
          ? [user.passwordHash, ...(user.passwordHistory ?? [])].slice(0, historySize)
          : user.passwordHistory;
      const updated = {
        ...user,
        ...secrets,
        status: input.Permanent ? ("CONFIRMED" as const) : ("FORCE_CHANGE_PASSWORD" as const),
      };
      // A permanent password has no validity window; a temporary one starts a new one.
      if (input.Permanent) delete updated.temporaryPasswordSetAt;
      else updated.temporaryPasswordSetAt = ctx.now;
      if (history?.length) updated.passwordHistory = history;
      await saveUser(ctx, pool, updated);
    });
    return {} as AdminSetUserPasswordResponse;
  },
  { transaction: false },
);
