import type {
  AdminListUserAuthEventsRequest,
  AdminListUserAuthEventsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { InvalidCursorError } from "../storage/types.js";
import { eventCount, readEventBySeq, requireThreatProtection, type AuthEventData } from "./record.js";
import { requireEventUser } from "./user.js";
import { toAuthEventType } from "./wire.js";

// MaxResults 0 or absent means 60, the most a page holds.
const MAX_EVENTS = 60;

/** The user's events newest first; NextToken names the number of the next (older) event. */
export const adminListUserAuthEvents = defineOperation<AdminListUserAuthEventsRequest, AdminListUserAuthEventsResponse>(
  "AdminListUserAuthEvents",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    requireThreatProtection(pool);
    const user = await requireEventUser(ctx, pool, input.Username!);
    const count = await eventCount(ctx, pool, user);
    const limit = input.MaxResults ? input.MaxResults : MAX_EVENTS;
    let seq = input.NextToken === undefined ? count : decodeToken(input.NextToken, count);
    const events: AuthEventData[] = [];
    for (; seq > 0 && events.length < limit; seq--) {
      const event = await readEventBySeq(ctx, pool, user.sub, seq);
      if (event) events.push(event);
    }
    return {
      AuthEvents: events.map(toAuthEventType),
      ...(seq > 0 ? { NextToken: encodeToken(seq) } : {}),
    } as unknown as AdminListUserAuthEventsResponse;
  },
  { readOnly: true },
);

const encodeToken = (seq: number) => Buffer.from(JSON.stringify({ next: seq })).toString("base64url");

function decodeToken(token: string, count: number): number {
  try {
    const { next } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { next?: unknown };
    if (Number.isInteger(next) && (next as number) > 0 && (next as number) <= count) return next as number;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}
