import type { AdminEnableUserRequest, AdminEnableUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "./lookup.js";
import { saveUser } from "./save.js";

export const adminEnableUser = defineOperation<AdminEnableUserRequest, AdminEnableUserResponse>(
  "AdminEnableUser",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    await saveUser(ctx, pool, { ...user, enabled: true });
    return {} as AdminEnableUserResponse;
  },
);
