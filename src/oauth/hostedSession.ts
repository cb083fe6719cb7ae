import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord } from "../storage/types.js";
import type { DomainScope } from "./domainRouting.js";

/**
 * The managed login session: after a sign-in on the pages, the browser holds a `cognito` cookie
 * for an hour, and an authorization request that presents it is answered without signing in
 * again (unless it says prompt=login). Only the cookie's hash is stored; /logout ends it.
 */
export interface HostedSession {
  username: string;
  sub: string;
  /** Epoch ms of the sign-in: auth_time of every token authorized through this session. */
  authTime: number;
  /** The external provider the user signed in with, if any (federation). */
  identityProvider?: string;
}

export const SESSION_COOKIE = "cognito";

/**
 * The session cookie's name: `cognito` on a domain (its own host or path), as on Cognito; at the
 * server root, where every pool shares one path, `cognito-<poolId>`, so that pools' sessions
 * do not replace each other.
 */
export const sessionCookieName = (poolId: string, scope: DomainScope) =>
  scope.domain !== undefined ? SESSION_COOKIE : `${SESSION_COOKIE}-${poolId}`;
const SESSION_MS = 60 * 60_000;

const hashOf = (cookie: string) => createHash("sha256").update(cookie).digest("base64url");

/** Opens a session for the user and sets its cookie on the answer being written. */
export async function openHostedSession(
  ctx: OperationContext,
  res: ServerResponse,
  pool: PoolRecord,
  scope: DomainScope,
  session: HostedSession,
): Promise<void> {
  const cookie = randomBytes(32).toString("base64url");
  await ctx.store.resources.put<HostedSession>({
    kind: ResourceKind.hostedSession,
    scope: pool.id,
    key: hashOf(cookie),
    data: session,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt: ctx.now + SESSION_MS,
  });
  appendCookie(
    res,
    `${sessionCookieName(pool.id, scope)}=${pool.id}.${cookie}; Max-Age=${SESSION_MS / 1000}; ${cookieAttributes(ctx, scope)}`,
  );
}

/**
 * The live session the request's cookie names, if it belongs to `pool`; using it renews it for
 * another hour (cookie and record), as Cognito does. GlobalSignOut does not end it (that revokes
 * tokens; the browser session ends at /logout), but a user deleted or disabled since is signed
 * in no more.
 */
export async function useHostedSession(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  pool: PoolRecord,
  scope: DomainScope,
): Promise<HostedSession | undefined> {
  const found = sessionCookie(req, sessionCookieName(pool.id, scope));
  if (!found || found.poolId !== pool.id) return undefined;
  const record = await ctx.store.resources.get<HostedSession>(
    ResourceKind.hostedSession,
    pool.id,
    hashOf(found.secret),
  );
  if (!record || (record.expiresAt ?? 0) <= ctx.now) return undefined;
  const user = await ctx.store.users.getBySub(pool.id, record.data.sub);
  if (!user || !user.enabled) return undefined;
  await ctx.store.resources.put({ ...record, updatedAt: ctx.now, expiresAt: ctx.now + SESSION_MS });
  appendCookie(
    res,
    `${sessionCookieName(pool.id, scope)}=${pool.id}.${found.secret}; Max-Age=${SESSION_MS / 1000}; ${cookieAttributes(ctx, scope)}`,
  );
  return record.data;
}

/** Ends the request's session with the pool (if any) and clears its cookie. */
export async function endHostedSession(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  poolId: string,
  scope: DomainScope,
): Promise<void> {
  const name = sessionCookieName(poolId, scope);
  const found = sessionCookie(req, name);
  if (found?.poolId === poolId) {
    await ctx.store.resources.delete(ResourceKind.hostedSession, poolId, hashOf(found.secret));
  }
  appendCookie(res, `${name}=; Max-Age=0; ${cookieAttributes(ctx, scope)}`);
}

/** Cookies are Secure when the server is reached over https (its public URL says so). */
export const secureAttribute = (ctx: OperationContext) =>
  (ctx.config.publicUrl ?? "").startsWith("https:") ? "; Secure" : "";

/** Path-scoped to the domain's base, unreadable by scripts, not sent on cross-site subrequests. */
export function cookieAttributes(ctx: OperationContext, scope: DomainScope): string {
  return `Path=${scope.base || "/"}; HttpOnly; SameSite=Lax${secureAttribute(ctx)}`;
}

export function appendCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader("Set-Cookie");
  const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [String(existing)];
  res.setHeader("Set-Cookie", [...list, cookie]);
}

/** The value of a cookie the request sent. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sessionCookie(req: IncomingMessage, name: string): { poolId: string; secret: string } | undefined {
  const value = readCookie(req, name);
  const dot = value?.lastIndexOf(".") ?? -1;
  if (!value || dot <= 0) return undefined;
  return { poolId: value.slice(0, dot), secret: value.slice(dot + 1) };
}
