import type { AdminCreateUserRequest, AdminCreateUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation, type OperationContext } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { checkAliasConflicts, checkAttributes, checkRequiredAttributes } from "./attributes.js";
import { invitationTargets, sendInvitation } from "./invitation.js";
import { findUser, usernameKey } from "./lookup.js";
import { checkNameFree, nameNewUser } from "./newUser.js";
import { generatedPasswordSecrets, passwordSecrets, type PasswordSecrets } from "./password.js";
import { checkPasswordPolicy } from "./passwordPolicy.js";
import { invokeTrigger } from "../triggers/invoke.js";
import { attributeMap } from "../triggers/preSignUp.js";
import { toUserType } from "./wire.js";

export const adminCreateUser = defineOperation<AdminCreateUserRequest, AdminCreateUserResponse>(
  "AdminCreateUser",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    if (input.TemporaryPassword !== undefined) checkPasswordPolicy(pool, input.TemporaryPassword);

    if (input.MessageAction === "RESEND") {
      // The SRP verifier depends on the stored username, so find the user before hashing
      // (outside the transaction: hashing is slow on purpose).
      const found = await findUser(ctx, pool, input.Username!);
      if (!found) throw errors.userNotFound("User does not exist.");
      const { password: temporaryPassword, secrets } = await temporarySecrets(
        ctx,
        pool,
        found.username,
        input.TemporaryPassword,
      );
      return ctx.store.transaction(async () => {
        const existing = await findUser(ctx, pool, input.Username!);
        if (!existing || existing.username !== found.username) throw errors.userNotFound("User does not exist.");
        if (existing.status !== "FORCE_CHANGE_PASSWORD") {
          throw errors.unsupportedUserState(
            `Resend not possible. ${existing.username} status is not FORCE_CHANGE_PASSWORD.`,
          );
        }
        const targets = invitationTargets(existing.attributes, input.DesiredDeliveryMediums);
        const user: UserRecord = { ...existing, ...secrets, temporaryPasswordSetAt: ctx.now, updatedAt: ctx.now };
        await ctx.store.users.update(user, usernameKey(pool, user.username));
        await sendInvitation(ctx, pool, user, input.Username!, temporaryPassword, targets);
        return { User: toUserType(user) } as unknown as AdminCreateUserResponse;
      });
    }

    const given = checkAttributes(pool, input.UserAttributes, "create");
    const name = nameNewUser(pool, input.Username!, given);
    const { username, sub, attributes } = name;
    checkRequiredAttributes(pool, attributes);
    const targets =
      input.MessageAction === "SUPPRESS" ? [] : invitationTargets(attributes, input.DesiredDeliveryMediums);
    // Hash outside the transaction: it is slow on purpose (for a chosen password).
    const { password: temporaryPassword, secrets } = await temporarySecrets(
      ctx,
      pool,
      username,
      input.TemporaryPassword,
    );
    // PreSignUp_AdminCreateUser may refuse the user by throwing. Cognito ignores its answer
    // (autoConfirmUser, autoVerifyEmail, autoVerifyPhone) for administrator-created users, so
    // unlike preSignUp() nothing of it is read or checked.
    await invokeTrigger(ctx, pool, "PreSignUp", {
      triggerSource: "PreSignUp_AdminCreateUser",
      userName: username,
      request: {
        userAttributes: Object.fromEntries(Object.entries(attributes).filter(([n]) => n !== "sub")),
        validationData: attributeMap(input.ValidationData),
        ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });

    return ctx.store.transaction(async () => {
      await checkNameFree(ctx, pool, name, "User account already exists");
      const demoted = await checkAliasConflicts(ctx, pool, attributes, { sub }, input.ForceAliasCreation ?? false);
      for (const other of demoted) await ctx.store.users.update(other, usernameKey(pool, other.username));
      const user: UserRecord = {
        poolId: pool.id,
        username,
        sub,
        status: "FORCE_CHANGE_PASSWORD",
        enabled: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        attributes,
        ...secrets,
        temporaryPasswordSetAt: ctx.now,
      };
      await ctx.store.users.insert(user, usernameKey(pool, username));
      await sendInvitation(ctx, pool, user, input.Username!, temporaryPassword, targets);
      return { User: toUserType(user) } as unknown as AdminCreateUserResponse;
    });
  },
  { transaction: false },
);

/**
 * The temporary password and its secrets: the slow hash for one the administrator chose, the
 * cheap one for a generated one (random and long enough that its hash's speed does not matter).
 */
async function temporarySecrets(
  ctx: OperationContext,
  pool: PoolRecord,
  username: string,
  chosen: string | undefined,
): Promise<{ password: string; secrets: PasswordSecrets }> {
  if (chosen === undefined) return generatedPasswordSecrets(pool, username);
  return { password: chosen, secrets: await passwordSecrets(ctx, pool, username, chosen) };
}
