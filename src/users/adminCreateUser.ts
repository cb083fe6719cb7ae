import type { AdminCreateUserRequest, AdminCreateUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { newSub } from "../common/ids.js";
import type { UserRecord } from "../storage/types.js";
import {
  aliasAttributesOf,
  checkAliasConflicts,
  checkAttributes,
  checkRequiredAttributes,
  isEmail,
  isPhoneNumber,
  usernameAttributesOf,
} from "./attributes.js";
import { invitationTargets, sendInvitation } from "./invitation.js";
import { findUser, isCaseInsensitive, usernameKey } from "./lookup.js";
import { passwordSecrets } from "./password.js";
import { checkPasswordPolicy, generateTemporaryPassword } from "./passwordPolicy.js";
import { toUserType } from "./wire.js";

/** In pools that sign in with email or phone, which of them this username is. */
function usernameAttributeFor(allowed: string[], username: string): "email" | "phone_number" {
  const email = allowed.includes("email");
  const phone = allowed.includes("phone_number");
  if (email && isEmail(username)) return "email";
  if (phone && isPhoneNumber(username)) return "phone_number";
  if (email && phone) throw errors.invalidParameter("Username should be either an email or a phone number.");
  if (email) throw errors.invalidParameter("Username should be an email.");
  throw errors.invalidParameter("Username should be a phone number.");
}

export const adminCreateUser = defineOperation<AdminCreateUserRequest, AdminCreateUserResponse>(
  "AdminCreateUser",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    if (input.TemporaryPassword !== undefined) checkPasswordPolicy(pool, input.TemporaryPassword);
    const temporaryPassword = input.TemporaryPassword ?? generateTemporaryPassword(pool);

    if (input.MessageAction === "RESEND") {
      // The SRP verifier depends on the stored username, so find the user before hashing
      // (outside the transaction: hashing is slow on purpose).
      const found = await findUser(ctx, pool, input.Username!);
      if (!found) throw errors.userNotFound("User does not exist.");
      const secrets = await passwordSecrets(ctx, pool, found.username, temporaryPassword);
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
    const sub = newSub();
    const usernameAttributes = usernameAttributesOf(pool);
    let username = input.Username!;
    let signInAttribute: "email" | "phone_number" | undefined;
    if (usernameAttributes.length) {
      signInAttribute = usernameAttributeFor(usernameAttributes, username);
      given[signInAttribute] = username;
      username = sub;
    } else {
      const aliases = aliasAttributesOf(pool);
      if (aliases.includes("email") && isEmail(username)) {
        throw errors.invalidParameter(
          "Username cannot be of email format, since user pool is configured for email alias.",
        );
      }
      if (aliases.includes("phone_number") && isPhoneNumber(username)) {
        throw errors.invalidParameter(
          "Username cannot be of phone number format, since user pool is configured for phone number alias.",
        );
      }
    }
    const attributes: Record<string, string> = { sub, ...given };
    checkRequiredAttributes(pool, attributes);
    const targets =
      input.MessageAction === "SUPPRESS" ? [] : invitationTargets(attributes, input.DesiredDeliveryMediums);
    // Hash outside the transaction: it is slow on purpose.
    const secrets = await passwordSecrets(ctx, pool, username, temporaryPassword);

    return ctx.store.transaction(async () => {
      const key = usernameKey(pool, username);
      if (await ctx.store.users.get(pool.id, key)) throw errors.usernameExists("User account already exists");
      if (signInAttribute) {
        const holders = await ctx.store.users.findByAttribute(pool.id, signInAttribute, attributes[signInAttribute]!, {
          ignoreCase: isCaseInsensitive(pool),
        });
        if (holders.length) throw errors.usernameExists(`An account with the given ${signInAttribute} already exists.`);
      }
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
      await ctx.store.users.insert(user, key);
      await sendInvitation(ctx, pool, user, input.Username!, temporaryPassword, targets);
      return { User: toUserType(user) } as unknown as AdminCreateUserResponse;
    });
  },
  { transaction: false },
);
