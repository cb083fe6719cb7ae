import type { AdminInitiateAuthRequest, AdminInitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { requireClient } from "../clients/lookup.js";
import { eventContext, trackInitiate } from "../authEvents/signIn.js";
import { defineOperation } from "../protocol/operation.js";
import { afterSignIn } from "../triggers/authentication.js";
import { requirePool } from "../pools/lookup.js";
import { initiate } from "./flows.js";

export const adminInitiateAuth = defineOperation<AdminInitiateAuthRequest, AdminInitiateAuthResponse>(
  "AdminInitiateAuth",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    const parameters = input.AuthParameters ?? {};
    // PreAuthentication and UserMigration see the ClientMetadata as their validationData.
    const refresh = input.AuthFlow === "REFRESH_TOKEN_AUTH" || input.AuthFlow === "REFRESH_TOKEN";
    // Threat protection logs the attempt (src/authEvents); the answer is the flow's. A sign-in
    // that issued tokens runs PostAuthentication (not given InitiateAuth's ClientMetadata, as on
    // Cognito); a refresh is no sign-in.
    return (await trackInitiate(
      ctx,
      pool,
      input.AuthFlow!,
      parameters,
      eventContext(input.ContextData, ctx.sourceIp),
      async () => {
        const outcome = await initiate(
          ctx,
          pool,
          client,
          input.AuthFlow!,
          parameters,
          true,
          input.Session,
          input.ClientMetadata,
        );
        return refresh ? outcome : afterSignIn(ctx, pool, client, outcome);
      },
    )) as AdminInitiateAuthResponse;
  },
  { transaction: false },
);
