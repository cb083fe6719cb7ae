import type { InitiateAuthRequest, InitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import { eventContext, trackInitiate } from "../authEvents/signIn.js";
import { defineOperation } from "../protocol/operation.js";
import { afterSignIn } from "../triggers/authentication.js";
import { resolveClient } from "./client.js";
import { initiate } from "./flows.js";

export const initiateAuth = defineOperation<InitiateAuthRequest, InitiateAuthResponse>(
  "InitiateAuth",
  async (input, ctx) => {
    const { pool, client } = await resolveClient(ctx, input.ClientId!);
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
      eventContext(input.UserContextData, ctx.sourceIp),
      async () => {
        const outcome = await initiate(
          ctx,
          pool,
          client,
          input.AuthFlow!,
          parameters,
          false,
          input.Session,
          input.ClientMetadata,
        );
        return refresh ? outcome : afterSignIn(ctx, pool, client, outcome);
      },
    )) as InitiateAuthResponse;
  },
  // Password checks are slow: the flows open their own transactions around the writes.
  { transaction: false },
);
