import type { CreateGroupRequest, CreateGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import type { GroupRecord } from "../storage/types.js";
import { toGroupType } from "./wire.js";

export const createGroup = defineOperation<CreateGroupRequest, CreateGroupResponse>(
  "CreateGroup",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const name = input.GroupName!;
    if (await ctx.store.groups.get(pool.id, name)) {
      // Cognito's wording names no group and has no full stop.
      throw errors.groupExists("A group with the name already exists");
    }
    const group: GroupRecord = {
      poolId: pool.id,
      name,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.RoleArn !== undefined ? { roleArn: input.RoleArn } : {}),
      ...(input.Precedence !== undefined ? { precedence: input.Precedence } : {}),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await ctx.store.groups.insert(group);
    return { Group: toGroupType(group) } as unknown as CreateGroupResponse;
  },
);
