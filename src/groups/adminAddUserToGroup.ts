import type { AdminAddUserToGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser, usernameKey } from "../users/lookup.js";
import { requireGroup } from "./lookup.js";

/** Adding a member twice is not an error. */
export const adminAddUserToGroup = defineOperation<AdminAddUserToGroupRequest, Record<string, never>>(
  "AdminAddUserToGroup",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const group = await requireGroup(ctx, pool, input.GroupName!);
    const user = await requireUser(ctx, pool, input.Username!);
    await ctx.store.groups.addMember(pool.id, group.name, usernameKey(pool, user.username));
    return {};
  },
);
