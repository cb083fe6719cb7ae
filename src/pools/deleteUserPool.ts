import type { DeleteUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { poolArn, requirePool } from "./lookup.js";

export const deleteUserPool = defineOperation<DeleteUserPoolRequest, Record<string, never>>(
  "DeleteUserPool",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    if (pool.config.DeletionProtection === "ACTIVE") {
      throw errors.invalidParameter(
        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
      );
    }
    if (pool.config.Domain || pool.config.CustomDomain) {
      throw errors.invalidParameter(
        "User pool cannot be deleted. It has a domain configured that should be deleted first.",
      );
    }
    await ctx.store.tags.set(poolArn(pool), {});
    await ctx.store.deletePoolData(pool.id);
    await ctx.store.pools.delete(pool.id);
    return {};
  },
);
