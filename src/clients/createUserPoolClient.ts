import type {
  CreateUserPoolClientRequest,
  CreateUserPoolClientResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { newClientId, newClientSecret, newClientSecretId } from "../common/ids.js";
import type { ClientRecord } from "../storage/types.js";
import { buildClientConfig } from "./settings.js";
import { toUserPoolClientType } from "./wire.js";

export const createUserPoolClient = defineOperation<CreateUserPoolClientRequest, CreateUserPoolClientResponse>(
  "CreateUserPoolClient",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    if (input.GenerateSecret && input.ClientSecret) {
      throw errors.invalidParameter("GenerateSecret cannot be true when a ClientSecret value is given.");
    }
    const secretValue = input.ClientSecret ?? (input.GenerateSecret ? newClientSecret() : undefined);
    const clientId = newClientId();
    const config = await buildClientConfig(ctx, pool, input, { hasSecret: !!secretValue, action: "creating" });
    const client: ClientRecord = {
      poolId: pool.id,
      clientId,
      name: input.ClientName!,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      config,
      secrets: secretValue ? [{ id: newClientSecretId(clientId), value: secretValue, createdAt: ctx.now }] : [],
    };
    await ctx.store.clients.insert(client);
    return { UserPoolClient: toUserPoolClientType(client) } as unknown as CreateUserPoolClientResponse;
  },
);
