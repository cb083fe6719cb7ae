import { randomBytes } from "node:crypto";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";

/** A sign-in waiting for a challenge answer. Key: the Session string itself (like sign-up sessions). */
export interface ChallengeSession {
  type: "challenge";
  challenge: string;
  /** The stored username. */
  username: string;
  clientId: string;
  expiresAt: number;
  /** Challenge-specific state (SRP's server secret, for instance). */
  state?: Record<string, string>;
  /** Answered already: kept until it expires, so that a second answer is told why it fails. */
  used?: boolean;
}

/** Opens a challenge session that lasts the client's AuthSessionValidity (minutes, default 3). */
export async function openSession(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  challenge: string,
  username: string,
  state?: Record<string, string>,
): Promise<string> {
  const session = randomBytes(384).toString("base64url");
  await openSessionAt(ctx, pool, client, session, challenge, username, state);
  return session;
}

/** openSession under a key the caller chose (SRP keys its state by the SECRET_BLOCK). */
export async function openSessionAt(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string,
  challenge: string,
  username: string,
  state?: Record<string, string>,
): Promise<void> {
  const minutes = (client.config.AuthSessionValidity as number | undefined) ?? 3;
  const expiresAt = ctx.now + minutes * 60_000;
  await ctx.store.resources.put<ChallengeSession>({
    kind: ResourceKind.authSession,
    scope: pool.id,
    key: session,
    data: {
      type: "challenge",
      challenge,
      username,
      clientId: client.clientId,
      expiresAt,
      ...(state ? { state } : {}),
    },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt,
  });
}

export const invalidSession = () => errors.notAuthorized("Invalid session for the user, session is expired.");
export const sessionUsed = () => errors.notAuthorized("Invalid session for the user, session can only be used once.");

/** The open session answering `challenge`, or NotAuthorizedException. */
export async function readSession(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string | undefined,
  challenge: string,
): Promise<ChallengeSession> {
  if (!session) throw errors.invalidParameter("Missing required parameter Session");
  return readSessionAt(ctx, pool, client, session, challenge);
}

/** readSession for a session key the request carries elsewhere (SRP's PASSWORD_CLAIM_SECRET_BLOCK). */
export async function readSessionAt(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string,
  challenge: string,
): Promise<ChallengeSession> {
  const record = await ctx.store.resources.get<ChallengeSession>(ResourceKind.authSession, pool.id, session);
  const data = record?.data;
  if (!data || data.type !== "challenge" || data.clientId !== client.clientId || data.expiresAt <= ctx.now) {
    throw invalidSession();
  }
  if (data.used) throw sessionUsed();
  if (data.challenge !== challenge) throw errors.invalidParameter("Incorrect challenge name for the session.");
  return data;
}

/** A session answers once: it is marked used, and the sweeper deletes it when it expires. */
export async function closeSession(ctx: OperationContext, pool: PoolRecord, session: string): Promise<void> {
  // Challenge and sign-up sessions share the kind and the flag.
  const record = await ctx.store.resources.get<{ used?: boolean }>(ResourceKind.authSession, pool.id, session);
  if (!record || record.data.used) return;
  await ctx.store.resources.put({
    ...record,
    data: { ...record.data, used: true },
    updatedAt: ctx.now,
  });
}

/** Replaces an open session's state (a wrong code counted, a token associated), keeping its expiry. */
export async function updateSessionState(
  ctx: OperationContext,
  pool: PoolRecord,
  session: string,
  state: Record<string, string>,
): Promise<void> {
  const record = await ctx.store.resources.get<ChallengeSession>(ResourceKind.authSession, pool.id, session);
  if (!record) return;
  await ctx.store.resources.put<ChallengeSession>({ ...record, data: { ...record.data, state }, updatedAt: ctx.now });
}
