import type { DescribeUserPoolRequest, DescribeUserPoolResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "./lookup.js";
import { toUserPoolType } from "./wire.js";

export const describeUserPool = defineOperation<DescribeUserPoolRequest, DescribeUserPoolResponse>(
  "DescribeUserPool",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const users = await ctx.store.users.count(pool.id);
    return { UserPool: toUserPoolType(pool, users) } as unknown as DescribeUserPoolResponse;
  },
  { readOnly: true },
);
