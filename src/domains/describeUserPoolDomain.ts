import type {
  DescribeUserPoolDomainRequest,
  DescribeUserPoolDomainResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { findDomain } from "./lookup.js";
import { toDomainDescription } from "./wire.js";

/** An unknown domain, or one of another account, answers an empty description rather than an error. */
export const describeUserPoolDomain = defineOperation<DescribeUserPoolDomainRequest, DescribeUserPoolDomainResponse>(
  "DescribeUserPoolDomain",
  async (input, ctx) => {
    const record = await findDomain(ctx, input.Domain!);
    if (!record || record.data.AWSAccountId !== ctx.accountId) return { DomainDescription: {} };
    return { DomainDescription: toDomainDescription(record.data) };
  },
  { readOnly: true },
);
