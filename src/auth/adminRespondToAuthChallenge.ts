import type {
  AdminRespondToAuthChallengeRequest,
  AdminRespondToAuthChallengeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireClient } from "../clients/lookup.js";
import { defineOperation } from "../protocol/operation.js";
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
    const outcome = await respond(
      ctx,
      pool,
      client,
      input.ChallengeName!,
      input.Session,
      input.ChallengeResponses ?? {},
    );
    return outcome as AdminRespondToAuthChallengeResponse;
  },
  { transaction: false },
);
