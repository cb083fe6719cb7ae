import type {
  ListUserPoolClientsRequest,
  ListUserPoolClientsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { toUserPoolClientDescription } from "./wire.js";

const DEFAULT_MAX_RESULTS = 60;

export const listUserPoolClients = defineOperation<ListUserPoolClientsRequest, ListUserPoolClientsResponse>(
  "ListUserPoolClients",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const page = await ctx.store.clients.list(pool.id, {
      limit: input.MaxResults ?? DEFAULT_MAX_RESULTS,
      after: input.NextToken,
    });
    return {
      UserPoolClients: page.items.map(toUserPoolClientDescription),
      ...(page.next ? { NextToken: page.next } : {}),
    };
  },
  { readOnly: true },
);
