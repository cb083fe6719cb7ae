import type { InitiateAuthRequest, InitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { eventContext, trackInitiate } from "../authEvents/signIn.js";
import { defineOperation } from "../protocol/operation.js";
import { resolveClient } from "./client.js";
import { initiate } from "./flows.js";

export const initiateAuth = defineOperation<InitiateAuthRequest, InitiateAuthResponse>(
  "InitiateAuth",
  async (input, ctx) => {
    const { pool, client } = await resolveClient(ctx, input.ClientId!);
    const parameters = input.AuthParameters ?? {};
    // Threat protection logs the attempt (src/authEvents); the answer is the flow's.
    return (await trackInitiate(ctx, pool, input.AuthFlow!, parameters, eventContext(input.UserContextData), () =>
      initiate(ctx, pool, client, input.AuthFlow!, parameters, false, input.Session),
    )) as InitiateAuthResponse;
  },
  // Password checks are slow: the flows open their own transactions around the writes.
  { transaction: false },
);
