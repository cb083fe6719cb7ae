import type {
  AdminRespondToAuthChallengeRequest,
  AdminRespondToAuthChallengeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireClient } from "../clients/lookup.js";
import { eventContext, trackRespond } from "../authEvents/signIn.js";
import { defineOperation } from "../protocol/operation.js";
import { afterSignIn } from "../triggers/authentication.js";
import { requirePool } from "../pools/lookup.js";
import { respond } from "./challenges.js";

export const adminRespondToAuthChallenge = defineOperation<
  AdminRespondToAuthChallengeRequest,
  AdminRespondToAuthChallengeResponse
>(
  "AdminRespondToAuthChallenge",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    const responses = input.ChallengeResponses ?? {};
    // A sign-in completed by this answer runs PostAuthentication with the answer's ClientMetadata.
    // Threat protection logs the answer on the sign-in's event (src/authEvents); the answer is the flow's.
    const outcome = await trackRespond(
      ctx,
      pool,
      input.ChallengeName!,
      input.Session,
      responses,
      eventContext(input.ContextData, ctx.sourceIp),
      async () =>
        afterSignIn(
          ctx,
          pool,
          client,
          await respond(ctx, pool, client, input.ChallengeName!, input.Session, responses, input.ClientMetadata),
          input.ClientMetadata,
        ),
    );
    return outcome as AdminRespondToAuthChallengeResponse;
  },
  { transaction: false },
);
