import type {
  AdminListGroupsForUserRequest,
  AdminListGroupsForUserResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser, usernameKey } from "../users/lookup.js";
import { pageLimit } from "./lookup.js";
import { toGroupType } from "./wire.js";

export const adminListGroupsForUser = defineOperation<AdminListGroupsForUserRequest, AdminListGroupsForUserResponse>(
  "AdminListGroupsForUser",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    const page = await ctx.store.groups.listForUser(pool.id, usernameKey(pool, user.username), {
      limit: pageLimit(input.Limit),
      after: input.NextToken,
    });
    return {
      Groups: page.items.map(toGroupType),
      ...(page.next ? { NextToken: page.next } : {}),
    } as unknown as AdminListGroupsForUserResponse;
  },
  { readOnly: true },
);
