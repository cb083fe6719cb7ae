import type {
  DescribeResourceServerRequest,
  DescribeResourceServerResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireResourceServer } from "./lookup.js";

export const describeResourceServer = defineOperation<DescribeResourceServerRequest, DescribeResourceServerResponse>(
  "DescribeResourceServer",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await requireResourceServer(ctx, pool, input.Identifier!);
    return { ResourceServer: record.data };
  },
  { readOnly: true },
);
