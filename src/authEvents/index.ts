import type { OperationDefinition } from "../protocol/operation.js";
import { adminListUserAuthEvents } from "./adminListUserAuthEvents.js";
import { adminUpdateAuthEventFeedback } from "./adminUpdateAuthEventFeedback.js";
import { updateAuthEventFeedback } from "./updateAuthEventFeedback.js";

/** Auth events: the record of sign-in attempts and the feedback on them. One file an operation. */
export const authEventOperations: OperationDefinition<never, unknown>[] = [
  adminListUserAuthEvents,
  adminUpdateAuthEventFeedback,
  updateAuthEventFeedback,
];
