import type { AdminRemoveUserFromGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser, usernameKey } from "../users/lookup.js";
import { requireGroup } from "./lookup.js";

/** Removing a user who is not a member succeeds without change. */
export const adminRemoveUserFromGroup = defineOperation<AdminRemoveUserFromGroupRequest, Record<string, never>>(
  "AdminRemoveUserFromGroup",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const group = await requireGroup(ctx, pool, input.GroupName!);
    const user = await requireUser(ctx, pool, input.Username!);
    await ctx.store.groups.removeMember(pool.id, group.name, usernameKey(pool, user.username));
    return {};
  },
);
