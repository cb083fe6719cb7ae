import type {
  ListUserPoolClientSecretsRequest,
  ListUserPoolClientSecretsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireClient } from "./lookup.js";
import { toClientSecretDescriptor } from "./wire.js";

/** A client holds at most two secrets, so one page always holds them all. */
export const listUserPoolClientSecrets = defineOperation<
  ListUserPoolClientSecretsRequest,
  ListUserPoolClientSecretsResponse
>(
  "ListUserPoolClientSecrets",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    return {
      ClientSecrets: client.secrets.map((s) => toClientSecretDescriptor(s)),
    } as unknown as ListUserPoolClientSecretsResponse;
  },
  { readOnly: true },
);
