import type { ConfirmSignUpRequest, ConfirmSignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { checkSecretHash } from "../clients/secretHash.js";
import { checkCode } from "../messaging/codes.js";
import { CognitoError, errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { checkAliasConflicts } from "../users/attributes.js";
import { findUser, usernameKey } from "../users/lookup.js";
import { saveUser } from "../users/save.js";
import { postConfirmation } from "../triggers/postConfirmation.js";
import { hidesUserExistence, requireAppClient } from "./appClient.js";
import { confirmationTarget } from "./confirmationTarget.js";
import { createSignUpSession } from "./session.js";

export const confirmSignUp = defineOperation<ConfirmSignUpRequest, ConfirmSignUpResponse>(
  "ConfirmSignUp",
  async (input, ctx) => {
    const { client, pool } = await requireAppClient(ctx, input.ClientId!);
    checkSecretHash(client, input.Username!, input.SecretHash);
    // A wrong code must stay counted although the request fails: commit first, throw after.
    const outcome = await ctx.store.transaction(async () => {
      const user = await findUser(ctx, pool, input.Username!);
      if (!user) {
        // Hidden existence: an unknown user has no code, so any code is a wrong one.
        if (hidesUserExistence(client)) {
          return new CognitoError("CodeMismatchException", "Invalid verification code provided, please try again.");
        }
        throw errors.userNotFound("Username/client id combination not found.");
      }
      if (user.status !== "UNCONFIRMED") {
        throw errors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
      }
      const failure = await checkCode(ctx, pool, user, "signUp", input.ConfirmationCode!);
      if (failure) return failure;

      const attributes = { ...user.attributes };
      // The code proved the address it was sent to.
      const target = confirmationTarget(pool, attributes);
      if (target) attributes[target.medium === "EMAIL" ? "email_verified" : "phone_number_verified"] = "true";
      // Now verified, the address becomes an alias another user may already hold.
      const demoted = await checkAliasConflicts(ctx, pool, attributes, { sub: user.sub }, input.ForceAliasCreation);
      for (const other of demoted) await ctx.store.users.update(other, usernameKey(pool, other.username));
      const confirmed = await saveUser(ctx, pool, { ...user, status: "CONFIRMED", attributes });
      return { confirmed, Session: await createSignUpSession(ctx, pool, client, user.username, "confirmed") };
    });
    if (outcome instanceof CognitoError) throw outcome;
    // After the commit: a failing function fails the call, yet the user stays confirmed, as on Cognito.
    await postConfirmation(ctx, pool, "PostConfirmation_ConfirmSignUp", outcome.confirmed, {
      clientId: client.clientId,
      clientMetadata: input.ClientMetadata,
    });
    return { Session: outcome.Session } satisfies ConfirmSignUpResponse;
  },
  { transaction: false },
);
