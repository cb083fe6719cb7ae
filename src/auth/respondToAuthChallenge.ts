import type {
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { eventContext, trackRespond } from "../authEvents/signIn.js";
import { defineOperation } from "../protocol/operation.js";
import { afterSignIn } from "../triggers/authentication.js";
import { respond } from "./challenges.js";
import { resolveClient } from "./client.js";

export const respondToAuthChallenge = defineOperation<RespondToAuthChallengeRequest, RespondToAuthChallengeResponse>(
  "RespondToAuthChallenge",
  async (input, ctx) => {
    const { pool, client } = await resolveClient(ctx, input.ClientId!);
    const responses = input.ChallengeResponses ?? {};
    // A sign-in completed by this answer runs PostAuthentication with the answer's ClientMetadata.
    // Threat protection logs the answer on the sign-in's event (src/authEvents); the answer is the flow's.
    const outcome = await trackRespond(
      ctx,
      pool,
      input.ChallengeName!,
      input.Session,
      responses,
      eventContext(input.UserContextData, ctx.sourceIp),
      async () =>
        afterSignIn(
          ctx,
          pool,
          client,
          await respond(ctx, pool, client, input.ChallengeName!, input.Session, responses, input.ClientMetadata),
          input.ClientMetadata,
        ),
    );
    return outcome as RespondToAuthChallengeResponse;
  },
  { transaction: false },
);
