import type { ListTermsRequest, ListTermsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { toTermsDescription, type TermsData } from "./wire.js";

/** The model's upper bound, used when MaxResults is omitted. */
const DEFAULT_MAX_RESULTS = 60;

export const listTerms = defineOperation<ListTermsRequest, ListTermsResponse>(
  "ListTerms",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const page = await ctx.store.resources.list<TermsData>(ResourceKind.terms, pool.id, {
      limit: input.MaxResults ?? DEFAULT_MAX_RESULTS,
      after: input.NextToken,
    });
    return {
      Terms: page.items.map(toTermsDescription),
      ...(page.next ? { NextToken: page.next } : {}),
    } as unknown as ListTermsResponse;
  },
  { readOnly: true },
);
