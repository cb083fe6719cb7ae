import type {
  DeleteUserPoolClientSecretRequest,
  DeleteUserPoolClientSecretResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireClient } from "./lookup.js";

export const deleteUserPoolClientSecret = defineOperation<
  DeleteUserPoolClientSecretRequest,
  DeleteUserPoolClientSecretResponse
>("DeleteUserPoolClientSecret", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const client = await requireClient(ctx, pool, input.ClientId!);
  if (!client.secrets.some((s) => s.id === input.ClientSecretId)) {
    throw errors.resourceNotFound(`Client secret ${input.ClientSecretId} does not exist.`);
  }
  // A confidential client must keep a secret to authenticate with.
  if (client.secrets.length === 1) {
    throw errors.invalidParameter("The last remaining client secret of an app client cannot be deleted.");
  }
  await ctx.store.clients.update({
    ...client,
    secrets: client.secrets.filter((s) => s.id !== input.ClientSecretId),
  });
  return {};
});
