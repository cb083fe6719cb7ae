import type {
  ListIdentityProvidersRequest,
  ListIdentityProvidersResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";
import type { IdentityProviderData } from "./record.js";
import { toProviderDescription } from "./wire.js";

const MAX_RESULTS = 60;

export const listIdentityProviders = defineOperation<ListIdentityProvidersRequest, ListIdentityProvidersResponse>(
  "ListIdentityProviders",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    if (input.MaxResults === 0) throw errors.invalidParameter("MaxResults must be between 1 and 60.");
    const page = await ctx.store.resources.list<IdentityProviderData>(ResourceKind.identityProvider, pool.id, {
      limit: input.MaxResults ?? MAX_RESULTS,
      after: input.NextToken,
    });
    return {
      Providers: page.items.map((record) => toProviderDescription(record.data)),
      ...(page.next ? { NextToken: page.next } : {}),
    } as unknown as ListIdentityProvidersResponse;
  },
  { readOnly: true },
);
