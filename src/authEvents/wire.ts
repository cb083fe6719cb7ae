import type { AuthEventType } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../common/time.js";
import type { Wire } from "../common/wire.js";
import type { AuthEventData } from "./record.js";

/**
 * An event as AdminListUserAuthEvents answers it. Cognate assesses no risk (it has no
 * reputation data), so every event is NoRisk without a RiskLevel and without compromised
 * credentials; feedback is shown once given.
 */
export function toAuthEventType(event: AuthEventData): Wire<AuthEventType> {
  return {
    EventId: event.eventId,
    EventType: event.eventType,
    CreationDate: toEpochSeconds(event.createdAt),
    EventResponse: event.response,
    EventRisk: { RiskDecision: "NoRisk", CompromisedCredentialsDetected: false },
    ChallengeResponses: event.challengeResponses,
    EventContextData: event.context,
    ...(event.feedback
      ? {
          EventFeedback: {
            FeedbackValue: event.feedback.value,
            Provider: event.feedback.provider,
            FeedbackDate: toEpochSeconds(event.feedback.date),
          },
        }
      : {}),
  };
}
