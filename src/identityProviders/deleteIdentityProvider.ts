import type { DeleteIdentityProviderRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";
import { requireProvider } from "./lookup.js";

export const deleteIdentityProvider = defineOperation<DeleteIdentityProviderRequest, Record<string, never>>(
  "DeleteIdentityProvider",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const provider = await requireProvider(ctx, pool, input.ProviderName!);
    await ctx.store.resources.delete(ResourceKind.identityProvider, pool.id, provider.key);
    return {};
  },
);
