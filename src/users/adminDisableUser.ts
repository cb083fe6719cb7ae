import type { AdminDisableUserRequest, AdminDisableUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "./lookup.js";
import { saveUser } from "./save.js";

export const adminDisableUser = defineOperation<AdminDisableUserRequest, AdminDisableUserResponse>(
  "AdminDisableUser",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    // Disabling also revokes every token issued so far: enabling the user again does not revive them.
    await saveUser(ctx, pool, { ...user, enabled: false, signedOutAt: ctx.now });
    return {} as AdminDisableUserResponse;
  },
);
