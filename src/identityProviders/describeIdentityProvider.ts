import type {
  DescribeIdentityProviderRequest,
  DescribeIdentityProviderResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireProvider } from "./lookup.js";
import { toIdentityProviderType } from "./wire.js";

export const describeIdentityProvider = defineOperation<
  DescribeIdentityProviderRequest,
  DescribeIdentityProviderResponse
>(
  "DescribeIdentityProvider",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const provider = await requireProvider(ctx, pool, input.ProviderName!);
    return { IdentityProvider: toIdentityProviderType(provider.data) } as unknown as DescribeIdentityProviderResponse;
  },
  { readOnly: true },
);
