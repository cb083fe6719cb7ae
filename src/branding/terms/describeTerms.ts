import type { DescribeTermsRequest, DescribeTermsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { requireTerms, toTermsType } from "./wire.js";

export const describeTerms = defineOperation<DescribeTermsRequest, DescribeTermsResponse>(
  "DescribeTerms",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await requireTerms(ctx, pool.id, input.TermsId!);
    return { Terms: toTermsType(record) } as unknown as DescribeTermsResponse;
  },
  { readOnly: true },
);
