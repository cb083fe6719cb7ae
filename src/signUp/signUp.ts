import type { SignUpRequest, SignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { checkSecretHash } from "../clients/secretHash.js";
import { issueCode } from "../messaging/codes.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
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
} from "../users/attributes.js";
import { isCaseInsensitive, usernameKey } from "../users/lookup.js";
import { passwordSecrets } from "../users/password.js";
import { checkPasswordPolicy } from "../users/passwordPolicy.js";
import { requireAppClient } from "./appClient.js";
import { checkClientWritable } from "./clientAttributes.js";
import { confirmationTarget } from "./confirmationTarget.js";
import { createSignUpSession } from "./session.js";

/** In pools that sign in with email or phone, which of them the username is. */
function usernameAttributeFor(allowed: string[], username: string): "email" | "phone_number" {
  const email = allowed.includes("email");
  const phone = allowed.includes("phone_number");
  if (email && isEmail(username)) return "email";
  if (phone && isPhoneNumber(username)) return "phone_number";
  if (email && phone) throw errors.invalidParameter("Username should be either an email or a phone number.");
  if (email) throw errors.invalidParameter("Username should be an email.");
  throw errors.invalidParameter("Username should be a phone number.");
}

/** Refuses usernames that look like an alias the pool signs in with (they would be ambiguous). */
function checkNotAliasShaped(aliases: string[], username: string): void {
  if (aliases.includes("email") && isEmail(username)) {
    throw errors.invalidParameter("Username cannot be of email format, since user pool is configured for email alias.");
  }
  if (aliases.includes("phone_number") && isPhoneNumber(username)) {
    throw errors.invalidParameter(
      "Username cannot be of phone number format, since user pool is configured for phone number alias.",
    );
  }
}

export const signUp = defineOperation<SignUpRequest, SignUpResponse>(
  "SignUp",
  async (input, ctx) => {
    const { client, pool } = await requireAppClient(ctx, input.ClientId!);
    checkSecretHash(client, input.Username!, input.SecretHash);
    const adminOnly = (pool.config.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined)
      ?.AllowAdminCreateUserOnly;
    if (adminOnly) throw errors.notAuthorized("SignUp is not permitted for this user pool");

    checkClientWritable(pool, client, input.UserAttributes);
    const given = checkAttributes(pool, input.UserAttributes, "create");
    const sub = newSub();
    const usernameAttributes = usernameAttributesOf(pool);
    let username = input.Username!;
    let signInAttribute: "email" | "phone_number" | undefined;
    if (usernameAttributes.length) {
      // The email or phone is the sign-in name; the stored username is a generated uuid.
      signInAttribute = usernameAttributeFor(usernameAttributes, username);
      given[signInAttribute] = username;
      username = sub;
    } else {
      checkNotAliasShaped(aliasAttributesOf(pool), username);
    }
    const attributes: Record<string, string> = { sub, ...given };
    checkRequiredAttributes(pool, attributes);
    checkPasswordPolicy(pool, input.Password!);
    // Slow on purpose: before the transaction.
    const secrets = await passwordSecrets(ctx, pool, username, input.Password!);

    return ctx.store.transaction(async () => {
      const key = usernameKey(pool, username);
      if (await ctx.store.users.get(pool.id, key)) throw errors.usernameExists("User already exists");
      if (signInAttribute) {
        const holders = await ctx.store.users.findByAttribute(pool.id, signInAttribute, attributes[signInAttribute]!, {
          ignoreCase: isCaseInsensitive(pool),
        });
        if (holders.length) throw errors.usernameExists(`An account with the given ${signInAttribute} already exists.`);
      }
      // New addresses are unverified, so only preferred_username can collide here.
      await checkAliasConflicts(ctx, pool, attributes, { sub });
      const user: UserRecord = {
        poolId: pool.id,
        username,
        sub,
        status: "UNCONFIRMED",
        enabled: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        attributes,
        ...secrets,
      };
      await ctx.store.users.insert(user, key);
      const target = confirmationTarget(pool, attributes);
      const delivery = target ? await issueCode(ctx, pool, user, "signUp", target) : undefined;
      const session = await createSignUpSession(ctx, pool, client, username, "signedUp");
      return {
        UserConfirmed: false,
        UserSub: sub,
        ...(delivery ? { CodeDeliveryDetails: delivery } : {}),
        Session: session,
      } satisfies SignUpResponse;
    });
  },
  { transaction: false },
);
