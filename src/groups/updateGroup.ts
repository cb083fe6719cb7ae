import type { UpdateGroupRequest, UpdateGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import type { GroupRecord } from "../storage/types.js";
import { requireGroup } from "./lookup.js";
import { toGroupType } from "./wire.js";

/** Changes only the members the request names; the others keep their values. */
export const updateGroup = defineOperation<UpdateGroupRequest, UpdateGroupResponse>(
  "UpdateGroup",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const existing = await requireGroup(ctx, pool, input.GroupName!);
    const group: GroupRecord = {
      ...existing,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.RoleArn !== undefined ? { roleArn: input.RoleArn } : {}),
      ...(input.Precedence !== undefined ? { precedence: input.Precedence } : {}),
      updatedAt: ctx.now,
    };
    await ctx.store.groups.update(group);
    return { Group: toGroupType(group) } as unknown as UpdateGroupResponse;
  },
);
