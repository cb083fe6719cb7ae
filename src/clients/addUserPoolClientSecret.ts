import type {
  AddUserPoolClientSecretRequest,
  AddUserPoolClientSecretResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { newClientSecret, newClientSecretId } from "../common/ids.js";
import type { ClientSecretRecord } from "../storage/types.js";
import { requireClient } from "./lookup.js";
import { toClientSecretDescriptor } from "./wire.js";

/** Two secrets at once allow rotation without downtime. */
export const MAX_CLIENT_SECRETS = 2;

export const addUserPoolClientSecret = defineOperation<AddUserPoolClientSecretRequest, AddUserPoolClientSecretResponse>(
  "AddUserPoolClientSecret",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    // Secrets can only be rotated on confidential clients; a public client never gets one.
    if (client.secrets.length === 0) {
      throw errors.invalidParameter(`User pool client ${client.clientId} does not have a client secret.`);
    }
    if (client.secrets.length >= MAX_CLIENT_SECRETS) {
      throw errors.limitExceeded(
        `User pool client ${client.clientId} already has ${MAX_CLIENT_SECRETS} client secrets.`,
      );
    }
    if (input.ClientSecret && client.secrets.some((s) => s.value === input.ClientSecret)) {
      throw errors.invalidParameter("The client secret value is already in use by this app client.");
    }
    const secret: ClientSecretRecord = {
      id: newClientSecretId(client.clientId),
      value: input.ClientSecret ?? newClientSecret(),
      createdAt: ctx.now,
    };
    await ctx.store.clients.update({ ...client, secrets: [...client.secrets, secret] });
    return {
      ClientSecretDescriptor: toClientSecretDescriptor(secret, !input.ClientSecret),
    } as unknown as AddUserPoolClientSecretResponse;
  },
);
