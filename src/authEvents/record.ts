import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type {
  ChallengeName,
  ChallengeResponse,
  EventResponseType,
  EventType,
  FeedbackValueType,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, ResourceRecord, UserRecord } from "../storage/types.js";

/**
 * One logged event as stored under ResourceKind.authEvent. Besides the events the kind holds,
 * under distinct key prefixes (all scoped to the pool, so DeleteUserPool removes them):
 *   `u:<sub>`               the user's event count (events are numbered 1, 2, … per user)
 *   `e:<sub>:<inverted n>`  event n; the inverted, zero-padded number sorts a user's events newest first
 *   `i:<sub>:<EventId>`     the number of the event with that id
 *   `s:<sha256(session)>`   the sign-in a challenge session continues (until the session expires)
 * Events are keyed by sub, not username, so a new user under an old name starts with no history.
 */
export interface AuthEventData {
  eventId: string;
  sub: string;
  seq: number;
  eventType: EventType;
  createdAt: number;
  response: EventResponseType;
  challengeResponses: { ChallengeName: ChallengeName; ChallengeResponse: ChallengeResponse }[];
  context: EventContext;
  feedback?: { value: FeedbackValueType; provider: string; date: number };
  /** sha256 of the feedback token (the token itself goes out only in a risk notification). */
  feedbackTokenHash: string;
}

/** What a request tells of its client: EventContextDataType members Cognate can fill. */
export interface EventContext {
  IpAddress?: string;
  DeviceName?: string;
}

interface CounterData {
  count: number;
}

interface IdData {
  seq: number;
}

export interface SessionLink {
  sub: string;
  seq: number;
}

const SEQ_DIGITS = 12;
const SEQ_CEILING = 10 ** SEQ_DIGITS;

const counterKey = (sub: string) => `u:${sub}`;
export const eventKey = (sub: string, seq: number) => `e:${sub}:${String(SEQ_CEILING - seq).padStart(SEQ_DIGITS, "0")}`;
const idKey = (sub: string, eventId: string) => `i:${sub}:${eventId}`;
// Sessions are bearer secrets: only their hash is a key.
const sessionKey = (session: string) => `s:${createHash("sha256").update(session).digest("base64url")}`;

/** Threat protection logs events only in AUDIT or ENFORCED mode (UserPoolAddOns.AdvancedSecurityMode). */
export function threatProtectionActive(pool: PoolRecord): boolean {
  const mode = (pool.config.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode;
  return mode === "AUDIT" || mode === "ENFORCED";
}

/** The event operations need threat protection: UserPoolAddOnNotEnabledException otherwise. */
export function requireThreatProtection(pool: PoolRecord): void {
  if (!threatProtectionActive(pool)) {
    throw new CognitoError(
      "UserPoolAddOnNotEnabledException",
      "Advanced security features are not enabled for this user pool.",
    );
  }
}

const hashToken = (token: string) => createHash("sha256").update(token).digest();

/**
 * Logs a new event for the user and returns it with its feedback token (stored only hashed).
 * Runs in the caller's transaction.
 */
export async function recordAuthEvent(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  event: Pick<AuthEventData, "eventType" | "response" | "challengeResponses" | "context">,
): Promise<{ event: AuthEventData; feedbackToken: string }> {
  const counter = await ctx.store.resources.get<CounterData>(ResourceKind.authEvent, pool.id, counterKey(user.sub));
  const seq = (counter?.data.count ?? 0) + 1;
  const feedbackToken = randomBytes(32).toString("base64url");
  const data: AuthEventData = {
    ...event,
    eventId: randomUUID(),
    sub: user.sub,
    seq,
    createdAt: ctx.now,
    feedbackTokenHash: hashToken(feedbackToken).toString("hex"),
  };
  await put(ctx, pool, counterKey(user.sub), { count: seq }, counter?.createdAt);
  await put(ctx, pool, eventKey(user.sub, seq), data);
  await put<IdData>(ctx, pool, idKey(user.sub, data.eventId), { seq });
  return { event: data, feedbackToken };
}

/** Replaces a stored event's data (a sign-in going on through challenges, feedback). */
export async function updateAuthEvent(ctx: OperationContext, pool: PoolRecord, event: AuthEventData): Promise<void> {
  const key = eventKey(event.sub, event.seq);
  const current = await ctx.store.resources.get<AuthEventData>(ResourceKind.authEvent, pool.id, key);
  await put(ctx, pool, key, event, current?.createdAt);
}

export async function readEventBySeq(
  ctx: OperationContext,
  pool: PoolRecord,
  sub: string,
  seq: number,
): Promise<AuthEventData | undefined> {
  return (await ctx.store.resources.get<AuthEventData>(ResourceKind.authEvent, pool.id, eventKey(sub, seq)))?.data;
}

export async function readEventById(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  eventId: string,
): Promise<AuthEventData | undefined> {
  const id = await ctx.store.resources.get<IdData>(ResourceKind.authEvent, pool.id, idKey(user.sub, eventId));
  return id ? readEventBySeq(ctx, pool, user.sub, id.data.seq) : undefined;
}

/** How many events the user has had (the number of the newest). */
export async function eventCount(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<number> {
  return (
    (await ctx.store.resources.get<CounterData>(ResourceKind.authEvent, pool.id, counterKey(user.sub)))?.data.count ?? 0
  );
}

/** Deletes a user's events with the user (AdminDeleteUser, DeleteUser): event numbers run 1 to the count. */
export async function deleteUserEvents(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<void> {
  const count = await eventCount(ctx, pool, user);
  for (let seq = 1; seq <= count; seq++) {
    const event = await readEventBySeq(ctx, pool, user.sub, seq);
    if (event) await ctx.store.resources.delete(ResourceKind.authEvent, pool.id, idKey(user.sub, event.eventId));
    await ctx.store.resources.delete(ResourceKind.authEvent, pool.id, eventKey(user.sub, seq));
  }
  await ctx.store.resources.delete(ResourceKind.authEvent, pool.id, counterKey(user.sub));
}

/** Whether the token is the event's feedback token, compared in constant time. */
export function feedbackTokenMatches(event: AuthEventData, token: string): boolean {
  const stored = Buffer.from(event.feedbackTokenHash, "hex");
  const given = hashToken(token);
  return stored.length === given.length && timingSafeEqual(stored, given);
}

export async function linkSession(
  ctx: OperationContext,
  pool: PoolRecord,
  session: string,
  link: SessionLink,
  expiresAt: number,
): Promise<void> {
  await ctx.store.resources.put<SessionLink>({
    kind: ResourceKind.authEvent,
    scope: pool.id,
    key: sessionKey(session),
    data: link,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt,
  });
}

export async function readSessionLink(
  ctx: OperationContext,
  pool: PoolRecord,
  session: string,
): Promise<SessionLink | undefined> {
  const record = await ctx.store.resources.get<SessionLink>(ResourceKind.authEvent, pool.id, sessionKey(session));
  if (!record || (record.expiresAt !== undefined && record.expiresAt <= ctx.now)) return undefined;
  return record.data;
}

async function put<T>(
  ctx: OperationContext,
  pool: PoolRecord,
  key: string,
  data: T,
  createdAt?: number,
): Promise<void> {
  const record: ResourceRecord<T> = {
    kind: ResourceKind.authEvent,
    scope: pool.id,
    key,
    data,
    createdAt: createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  await ctx.store.resources.put(record);
}
