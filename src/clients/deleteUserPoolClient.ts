import type { DeleteUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";
import { requireClient } from "./lookup.js";

export const deleteUserPoolClient = defineOperation<DeleteUserPoolClientRequest, Record<string, never>>(
  "DeleteUserPoolClient",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    await ctx.store.clients.delete(pool.id, client.clientId);
    // Per-client documents would otherwise outlive the client.
    await ctx.store.resources.delete(ResourceKind.uiCustomization, pool.id, client.clientId);
    await ctx.store.resources.delete(ResourceKind.riskConfiguration, pool.id, client.clientId);
    return {};
  },
);
