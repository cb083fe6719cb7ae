import type { UpdateTermsRequest, UpdateTermsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { checkNameFree, requireTerms, toTermsType } from "./wire.js";

/** Members left out keep their values. */
export const updateTerms = defineOperation<UpdateTermsRequest, UpdateTermsResponse>(
  "UpdateTerms",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await requireTerms(ctx, pool.id, input.TermsId!);
    if (input.TermsName !== undefined && input.TermsName !== record.data.TermsName) {
      await checkNameFree(ctx, pool.id, record.data.ClientId!, input.TermsName, record.data.TermsId);
    }
    const updated = {
      ...record,
      data: {
        ...record.data,
        ...(input.TermsName !== undefined ? { TermsName: input.TermsName } : {}),
        ...(input.TermsSource !== undefined ? { TermsSource: input.TermsSource } : {}),
        ...(input.Enforcement !== undefined ? { Enforcement: input.Enforcement } : {}),
        ...(input.Links !== undefined ? { Links: input.Links } : {}),
      },
      updatedAt: ctx.now,
    };
    await ctx.store.resources.put(updated);
    return { Terms: toTermsType(updated) } as unknown as UpdateTermsResponse;
  },
);
