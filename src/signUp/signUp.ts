import type { SignUpRequest, SignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { logUserEvent } from "../authEvents/userEvents.js";
import { checkSecretHash } from "../clients/secretHash.js";
import { issueCode } from "../messaging/codes.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import type { UserRecord } from "../storage/types.js";
import { checkAliasConflicts, checkAttributes, checkRequiredAttributes } from "../users/attributes.js";
import { usernameKey } from "../users/lookup.js";
import { checkNameFree, nameNewUser } from "../users/newUser.js";
import { passwordSecrets } from "../users/password.js";
import { checkPasswordPolicy } from "../users/passwordPolicy.js";
import { allowsPasswordlessUsers } from "../pools/signInPolicy.js";
import { requireAppClient } from "./appClient.js";
import { checkClientWritable } from "./clientAttributes.js";
import { confirmationTarget } from "./confirmationTarget.js";
import { preSignUp } from "../triggers/preSignUp.js";
import { createSignUpSession } from "./session.js";
import { postConfirmation } from "../triggers/postConfirmation.js";

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
    const name = nameNewUser(pool, input.Username!, given);
    const { username, sub, attributes } = name;
    checkRequiredAttributes(pool, attributes);
    // No password (omitted or blank): a passwordless user, where the pool signs in with one-time codes.
    const password = input.Password || undefined;
    if (password === undefined && !allowsPasswordlessUsers(pool)) {
      // What Cognito answered when Password was still a required member.
      throw errors.invalidParameter(
        "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
      );
    }
    if (password !== undefined) checkPasswordPolicy(pool, password);
    // Slow on purpose: before the transaction.
    const secrets = password === undefined ? {} : await passwordSecrets(ctx, pool, username, password);
    // The PreSignUp trigger may reject the sign-up, confirm the user and verify their addresses.
    const decision = await preSignUp(ctx, pool, "PreSignUp_SignUp", {
      userName: username,
      clientId: client.clientId,
      attributes,
      validationData: input.ValidationData,
      clientMetadata: input.ClientMetadata,
    });
    const confirmed = decision.autoConfirmUser;
    if (decision.autoVerifyEmail) attributes.email_verified = "true";
    if (decision.autoVerifyPhone) attributes.phone_number_verified = "true";

    const { user, response } = await ctx.store.transaction(async () => {
      await checkNameFree(ctx, pool, name, "User already exists");
      // New addresses are unverified, so only preferred_username can collide here.
      await checkAliasConflicts(ctx, pool, attributes, { sub });
      const user: UserRecord = {
        poolId: pool.id,
        username,
        sub,
        status: confirmed ? "CONFIRMED" : "UNCONFIRMED",
        enabled: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        attributes,
        ...secrets,
      };
      await ctx.store.users.insert(user, usernameKey(pool, username));
      await logUserEvent(ctx, pool, user, "SignUp", { context: input.UserContextData });
      // An auto-confirmed user needs no code; the session is already that of a confirmed sign-up.
      const target = confirmed ? undefined : confirmationTarget(pool, attributes);
      const delivery = target
        ? await issueCode(ctx, pool, user, "signUp", target, {
            source: "SignUp",
            clientId: client.clientId,
            ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
          })
        : undefined;
      const session = await createSignUpSession(ctx, pool, client, username, confirmed ? "confirmed" : "signedUp");
      const response = {
        UserConfirmed: confirmed,
        UserSub: sub,
        ...(delivery ? { CodeDeliveryDetails: delivery } : {}),
        Session: session,
      } satisfies SignUpResponse;
      return { user, response };
    });
    // A user PreSignUp confirmed is confirmed by the sign-up itself: PostConfirmation runs now,
    // after the commit (a failing function fails the call; the user stays).
    if (confirmed) {
      await postConfirmation(ctx, pool, "PostConfirmation_ConfirmSignUp", user, {
        clientId: client.clientId,
        ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
      });
    }
    return response;
  },
  { transaction: false },
);
