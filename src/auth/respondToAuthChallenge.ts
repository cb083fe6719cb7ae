import type {
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { respond } from "./challenges.js";
import { resolveClient } from "./client.js";

export const respondToAuthChallenge = defineOperation<RespondToAuthChallengeRequest, RespondToAuthChallengeResponse>(
  "RespondToAuthChallenge",
  async (input, ctx) => {
    const { pool, client } = await resolveClient(ctx, input.ClientId!);
    const outcome = await respond(
      ctx,
      pool,
      client,
      input.ChallengeName!,
      input.Session,
      input.ChallengeResponses ?? {},
    );
    return outcome as RespondToAuthChallengeResponse;
  },
  { transaction: false },
);
