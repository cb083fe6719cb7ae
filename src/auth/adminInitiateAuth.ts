import type { AdminInitiateAuthRequest, AdminInitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { requireClient } from "../clients/lookup.js";
import { eventContext, trackInitiate } from "../authEvents/signIn.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { initiate } from "./flows.js";

export const adminInitiateAuth = defineOperation<AdminInitiateAuthRequest, AdminInitiateAuthResponse>(
  "AdminInitiateAuth",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    const parameters = input.AuthParameters ?? {};
    // Threat protection logs the attempt (src/authEvents); the answer is the flow's.
    return (await trackInitiate(ctx, pool, input.AuthFlow!, parameters, eventContext(input.ContextData), () =>
      initiate(ctx, pool, client, input.AuthFlow!, parameters, true, input.Session),
    )) as AdminInitiateAuthResponse;
  },
  { transaction: false },
);
