import type {
  UpdateUserPoolClientRequest,
  UpdateUserPoolClientResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import type { ClientRecord } from "../storage/types.js";
import { requireClient } from "./lookup.js";
import { buildClientConfig } from "./settings.js";
import { toUserPoolClientType } from "./wire.js";

/** Like Cognito, settings left out of the request go back to their defaults; only name, ids and secrets survive. */
export const updateUserPoolClient = defineOperation<UpdateUserPoolClientRequest, UpdateUserPoolClientResponse>(
  "UpdateUserPoolClient",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const existing = await requireClient(ctx, pool, input.ClientId!);
    const config = await buildClientConfig(ctx, pool, input, {
      hasSecret: existing.secrets.length > 0,
      action: "updating",
    });
    const client: ClientRecord = {
      ...existing,
      name: input.ClientName ?? existing.name,
      updatedAt: ctx.now,
      config,
    };
    await ctx.store.clients.update(client);
    return { UserPoolClient: toUserPoolClientType(client) } as unknown as UpdateUserPoolClientResponse;
  },
);
