import type { DeleteUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { forgetClient } from "../branding/forgetClient.js";
import { requireClient } from "./lookup.js";

export const deleteUserPoolClient = defineOperation<DeleteUserPoolClientRequest, Record<string, never>>(
  "DeleteUserPoolClient",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    await ctx.store.clients.delete(pool.id, client.clientId);
    await forgetClient(ctx, pool.id, client.clientId);
    return {};
  },
);
