import type { AdminInitiateAuthRequest, AdminInitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { requireClient } from "../clients/lookup.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { initiate } from "./flows.js";

export const adminInitiateAuth = defineOperation<AdminInitiateAuthRequest, AdminInitiateAuthResponse>(
  "AdminInitiateAuth",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    return (await initiate(
      ctx,
      pool,
      client,
      input.AuthFlow!,
      input.AuthParameters ?? {},
      true,
      input.Session,
    )) as AdminInitiateAuthResponse;
  },
  { transaction: false },
);
