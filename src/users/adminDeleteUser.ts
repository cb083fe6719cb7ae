import type { AdminDeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser, usernameKey } from "./lookup.js";

export const adminDeleteUser = defineOperation<AdminDeleteUserRequest, Record<string, never>>(
  "AdminDeleteUser",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    const key = usernameKey(pool, user.username);
    await ctx.store.groups.removeUser(pool.id, key);
    await ctx.store.users.delete(pool.id, key);
    return {};
  },
);
