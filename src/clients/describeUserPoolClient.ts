import type {
  DescribeUserPoolClientRequest,
  DescribeUserPoolClientResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireClient } from "./lookup.js";
import { toUserPoolClientType } from "./wire.js";

export const describeUserPoolClient = defineOperation<DescribeUserPoolClientRequest, DescribeUserPoolClientResponse>(
  "DescribeUserPoolClient",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    return { UserPoolClient: toUserPoolClientType(client) } as unknown as DescribeUserPoolClientResponse;
  },
  { readOnly: true },
);
