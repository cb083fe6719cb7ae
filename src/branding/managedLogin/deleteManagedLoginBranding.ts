import type { DeleteManagedLoginBrandingRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { requireBranding } from "./wire.js";

export const deleteManagedLoginBranding = defineOperation<DeleteManagedLoginBrandingRequest, Record<string, never>>(
  "DeleteManagedLoginBranding",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    await requireBranding(ctx, pool.id, input.ManagedLoginBrandingId!);
    await ctx.store.resources.delete(ResourceKind.managedLoginBranding, pool.id, input.ManagedLoginBrandingId!);
    return {};
  },
);
