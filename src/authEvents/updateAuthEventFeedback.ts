import type {
  UpdateAuthEventFeedbackRequest,
  UpdateAuthEventFeedbackResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { feedbackTokenMatches, requireThreatProtection, updateAuthEvent } from "./record.js";
import { requireEvent, requireEventUser } from "./user.js";

/**
 * Feedback by the user, from the links of a risk notification email: the FeedbackToken proves
 * the email was received. Unauthenticated otherwise, so the token is all that is checked.
 */
export const updateAuthEventFeedback = defineOperation<UpdateAuthEventFeedbackRequest, UpdateAuthEventFeedbackResponse>(
  "UpdateAuthEventFeedback",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    requireThreatProtection(pool);
    const user = await requireEventUser(ctx, pool, input.Username!);
    const event = await requireEvent(ctx, pool, user, input.EventId!);
    if (!feedbackTokenMatches(event, input.FeedbackToken!)) throw errors.notAuthorized("Invalid feedback token.");
    await updateAuthEvent(ctx, pool, {
      ...event,
      feedback: { value: input.FeedbackValue!, provider: "User", date: ctx.now },
    });
    return {};
  },
);
