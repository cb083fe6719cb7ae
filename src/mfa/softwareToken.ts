import { randomBytes } from "node:crypto";
import { closeSession, openSessionAt, readSession, type ChallengeSession } from "../auth/session.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { usernameKey } from "../users/lookup.js";
import { readMfaFactors } from "../pools/mfa.js";
import { signedIn } from "../selfService/access.js";
import { offeredMethods } from "./methods.js";

/** Whom AssociateSoftwareToken / VerifySoftwareToken act for: a signed-in user, or a sign-in in MFA_SETUP. */
export type TokenCaller =
  | { kind: "accessToken"; pool: PoolRecord; user: UserRecord }
  | {
      kind: "session";
      pool: PoolRecord;
      client: ClientRecord;
      user: UserRecord;
      session: string;
      open: ChallengeSession;
    };

/**
 * Resolves the caller from AccessToken or, during MFA_SETUP, from Session. A session names no
 * pool or client in the request, so its record is found by key among the pools' sessions.
 */
export async function tokenCaller(
  ctx: OperationContext,
  accessToken: string | undefined,
  session: string | undefined,
): Promise<TokenCaller> {
  if (accessToken) {
    const { pool, user } = await signedIn(ctx, accessToken);
    return { kind: "accessToken", pool, user };
  }
  if (!session) throw errors.invalidParameter("Either AccessToken or Session must be provided.");
  const located = await locateSession(ctx, session);
  if (!located) throw errors.notAuthorized("Invalid session for the user, session is expired.");
  const open = await readSession(ctx, located.pool, located.client, session, "MFA_SETUP");
  const user = await ctx.store.users.get(located.pool.id, usernameKey(located.pool, open.username));
  if (!user) throw errors.notAuthorized("Invalid session for the user, session is expired.");
  // MFA_SETUP offers an authenticator app only where the pool does.
  if (!offeredMethods(await readMfaFactors(ctx, located.pool)).includes("SOFTWARE_TOKEN_MFA")) {
    throw errors.invalidParameter("Software token MFA is not enabled for this user pool.");
  }
  return { kind: "session", pool: located.pool, client: located.client, user, session, open };
}

/** The pool and client of an MFA_SETUP session, from the client id its key starts with. */
async function locateSession(
  ctx: OperationContext,
  session: string,
): Promise<{ pool: PoolRecord; client: ClientRecord } | undefined> {
  const dot = session.indexOf(".");
  if (dot <= 0) return undefined;
  const client = await ctx.store.clients.find(session.slice(0, dot));
  const pool = client ? await ctx.store.pools.get(client.poolId) : undefined;
  return client && pool ? { pool, client } : undefined;
}

/**
 * Opens an MFA_SETUP session. AssociateSoftwareToken and VerifySoftwareToken receive only the
 * Session (Cognito's are self-describing encrypted blobs; ours are random keys stored per
 * pool), so its key starts with the client id that opened it.
 */
export async function openSetupSession(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  state: Record<string, string>,
): Promise<string> {
  const session = `${client.clientId}.${randomBytes(384).toString("base64url")}`;
  await openSessionAt(ctx, pool, client, session, "MFA_SETUP", username, state);
  return session;
}

/** Spends an MFA_SETUP session (each answer does) and opens the next one of the same sign-in. */
export async function reopenSetupSession(
  ctx: OperationContext,
  caller: Extract<TokenCaller, { kind: "session" }>,
  state: Record<string, string>,
): Promise<string> {
  await closeSession(ctx, caller.pool, caller.session);
  return openSetupSession(ctx, caller.pool, caller.client, caller.user.username, state);
}
