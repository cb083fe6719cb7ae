import type { AdminConfirmSignUpRequest, AdminConfirmSignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "./lookup.js";
import { postConfirmation } from "../triggers/postConfirmation.js";
import { saveUser } from "./save.js";

export const adminConfirmSignUp = defineOperation<AdminConfirmSignUpRequest, AdminConfirmSignUpResponse>(
  "AdminConfirmSignUp",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const confirmed = await ctx.store.transaction(async () => {
      const user = await requireUser(ctx, pool, input.Username!);
      if (user.status !== "UNCONFIRMED") {
        throw errors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
      }
      return saveUser(ctx, pool, { ...user, status: "CONFIRMED" });
    });
    // Outside the transaction, after the commit: a failing function fails the call, the user stays confirmed.
    await postConfirmation(ctx, pool, "PostConfirmation_ConfirmSignUp", confirmed, {
      clientMetadata: input.ClientMetadata,
    });
    return {} as AdminConfirmSignUpResponse;
  },
  { transaction: false },
);
