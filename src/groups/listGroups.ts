import type { ListGroupsRequest, ListGroupsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { pageLimit } from "./lookup.js";
import { toGroupType } from "./wire.js";

export const listGroups = defineOperation<ListGroupsRequest, ListGroupsResponse>(
  "ListGroups",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const page = await ctx.store.groups.list(pool.id, { limit: pageLimit(input.Limit), after: input.NextToken });
    return {
      Groups: page.items.map(toGroupType),
      ...(page.next ? { NextToken: page.next } : {}),
    } as unknown as ListGroupsResponse;
  },
  { readOnly: true },
);
