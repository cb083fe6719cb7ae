import type { ListUserPoolsRequest, ListUserPoolsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { toUserPoolDescription } from "./wire.js";

/**
 * The caller's pools in the request's region (Cognito's endpoints are regional), oldest first.
 * An unknown NextToken is answered by the dispatcher.
 */
export const listUserPools = defineOperation<ListUserPoolsRequest, ListUserPoolsResponse>(
  "ListUserPools",
  async (input, ctx) => {
    const page = await ctx.store.pools.list(ctx.accountId, ctx.region, {
      limit: input.MaxResults!,
      after: input.NextToken,
    });
    return {
      UserPools: page.items.map(toUserPoolDescription),
      ...(page.next ? { NextToken: page.next } : {}),
    } as unknown as ListUserPoolsResponse;
  },
  { readOnly: true },
);
