import type { ListUsersInGroupRequest, ListUsersInGroupResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import type { UserRecord } from "../storage/types.js";
import { toUserType } from "../users/wire.js";
import { pageLimit, requireGroup } from "./lookup.js";

export const listUsersInGroup = defineOperation<ListUsersInGroupRequest, ListUsersInGroupResponse>(
  "ListUsersInGroup",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const group = await requireGroup(ctx, pool, input.GroupName!);
    const page = await ctx.store.groups.listMembers(pool.id, group.name, {
      limit: pageLimit(input.Limit),
      after: input.NextToken,
    });
    const users = await Promise.all(page.items.map((key) => ctx.store.users.get(pool.id, key)));
    return {
      // A membership can outlive its user only if a deletion skipped the store's cleanup; never answer it.
      Users: users.filter((user): user is UserRecord => user !== undefined).map((user) => toUserType(user)),
      ...(page.next ? { NextToken: page.next } : {}),
    } as unknown as ListUsersInGroupResponse;
  },
  { readOnly: true },
);
