import type { DeleteGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireGroup } from "./lookup.js";

/** The store drops the group's memberships with it. */
export const deleteGroup = defineOperation<DeleteGroupRequest, Record<string, never>>(
  "DeleteGroup",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const group = await requireGroup(ctx, pool, input.GroupName!);
    await ctx.store.groups.delete(pool.id, group.name);
    return {};
  },
);
