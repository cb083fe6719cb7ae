import type { DeleteTermsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { requireTerms } from "./wire.js";

export const deleteTerms = defineOperation<DeleteTermsRequest, Record<string, never>>(
  "DeleteTerms",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    await requireTerms(ctx, pool.id, input.TermsId!);
    await ctx.store.resources.delete(ResourceKind.terms, pool.id, input.TermsId!);
    return {};
  },
);
