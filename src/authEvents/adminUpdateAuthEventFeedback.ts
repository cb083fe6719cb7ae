import type {
  AdminUpdateAuthEventFeedbackRequest,
  AdminUpdateAuthEventFeedbackResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireThreatProtection, updateAuthEvent } from "./record.js";
import { requireEvent, requireEventUser } from "./user.js";

/** Feedback by an administrator: Provider "Admin", as Cognito shows feedback given in its console. */
export const adminUpdateAuthEventFeedback = defineOperation<
  AdminUpdateAuthEventFeedbackRequest,
  AdminUpdateAuthEventFeedbackResponse
>("AdminUpdateAuthEventFeedback", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  requireThreatProtection(pool);
  const user = await requireEventUser(ctx, pool, input.Username!);
  const event = await requireEvent(ctx, pool, user, input.EventId!);
  await updateAuthEvent(ctx, pool, {
    ...event,
    feedback: { value: input.FeedbackValue!, provider: "Admin", date: ctx.now },
  });
  return {};
});
