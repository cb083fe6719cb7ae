import type { InitiateAuthRequest, InitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { resolveClient } from "./client.js";
import { initiate } from "./flows.js";

export const initiateAuth = defineOperation<InitiateAuthRequest, InitiateAuthResponse>(
  "InitiateAuth",
  async (input, ctx) => {
    const { pool, client } = await resolveClient(ctx, input.ClientId!);
    return (await initiate(
      ctx,
      pool,
      client,
      input.AuthFlow!,
      input.AuthParameters ?? {},
      false,
      input.Session,
    )) as InitiateAuthResponse;
  },
  // Password checks are slow: the flows open their own transactions around the writes.
  { transaction: false },
);
