import type { DeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { usernameKey } from "../users/lookup.js";

/** The signed-in user deletes themself; their tokens die with the record. */
export const deleteUser = defineOperation<DeleteUserRequest, Record<string, never>>(
  "DeleteUser",
  async (input, ctx) => {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken!);
    const key = usernameKey(pool, user.username);
    await ctx.store.groups.removeUser(pool.id, key);
    await ctx.store.resources.delete(ResourceKind.lockout, pool.id, key);
    await ctx.store.users.delete(pool.id, key);
    return {};
  },
);
