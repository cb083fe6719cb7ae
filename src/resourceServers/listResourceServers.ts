import type {
  ListResourceServersRequest,
  ListResourceServersResponse,
  ResourceServerType,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";

const MAX_RESULTS = 50;

export const listResourceServers = defineOperation<ListResourceServersRequest, ListResourceServersResponse>(
  "ListResourceServers",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const page = await ctx.store.resources.list<ResourceServerType>(ResourceKind.resourceServer, pool.id, {
      limit: input.MaxResults ?? MAX_RESULTS,
      after: input.NextToken,
    });
    return {
      ResourceServers: page.items.map((record) => record.data),
      ...(page.next ? { NextToken: page.next } : {}),
    };
  },
  { readOnly: true },
);
