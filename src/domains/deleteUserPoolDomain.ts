import type { DeleteUserPoolDomainRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";
import { requireOwnedDomain } from "./lookup.js";
import { setPoolDomain } from "./poolDomain.js";
import { isCustomDomain } from "./record.js";

export const deleteUserPoolDomain = defineOperation<DeleteUserPoolDomainRequest, Record<string, never>>(
  "DeleteUserPoolDomain",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await requireOwnedDomain(ctx, pool, input.Domain!);
    await ctx.store.resources.delete(ResourceKind.domain, "", record.key);
    await setPoolDomain(ctx, pool, isCustomDomain(record.data), undefined);
    return {};
  },
);
