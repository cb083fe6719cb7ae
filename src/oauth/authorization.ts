import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { UserRecord } from "../storage/types.js";
import { issueTokens } from "../tokens/issue.js";
import type { AuthorizeTarget } from "./authorizeRequest.js";
import type { DomainScope } from "./domainRouting.js";
import { openHostedSession, type HostedSession } from "./hostedSession.js";

/** What the authorization endpoint granted, kept under the code's hash until the token endpoint redeems it. */
export interface AuthorizationCodeRecord {
  clientId: string;
  redirectUri: string;
  username: string;
  sub: string;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  /** Epoch ms of the sign-in. */
  authTime: number;
  used: boolean;
}

// Cognito's codes are valid for five minutes and once.
const CODE_MS = 5 * 60_000;

const hashOf = (code: string) => createHash("sha256").update(code).digest("base64url");

/** A user the pages (or a federated sign-in, or the session cookie) authenticated for an authorization request. */
export interface AuthorizedUser {
  user: UserRecord;
  /** Epoch ms of the sign-in (now, unless the session cookie stands for an earlier one). */
  authTime: number;
  /** Open a managed login session and set its cookie (false when the request came with one). */
  openSession: boolean;
  identityProvider?: string;
}

/**
 * Ends an authorization request for a signed-in user: answers a redirect to the app with an
 * authorization code (response_type=code) or with tokens in the fragment (token), and the
 * state it sent. Every way of signing in ends here.
 */
export async function completeAuthorization(
  ctx: OperationContext,
  res: ServerResponse,
  { pool, client, request }: AuthorizeTarget,
  scope: DomainScope,
  signedIn: AuthorizedUser,
): Promise<void> {
  const { user } = signedIn;
  if (signedIn.openSession) {
    const session: HostedSession = {
      username: user.username,
      sub: user.sub,
      authTime: signedIn.authTime,
      ...(signedIn.identityProvider ? { identityProvider: signedIn.identityProvider } : {}),
    };
    await openHostedSession(ctx, res, pool, scope, session);
  }
  const target = new URL(request.redirectUri);
  if (request.responseType === "code") {
    const code = randomUUID();
    await ctx.store.resources.put<AuthorizationCodeRecord>({
      kind: ResourceKind.authorizationCode,
      scope: pool.id,
      key: hashOf(code),
      data: {
        clientId: client.clientId,
        redirectUri: request.redirectUri,
        username: user.username,
        sub: user.sub,
        scopes: request.scopes,
        ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
        ...(request.codeChallenge ? { codeChallenge: request.codeChallenge } : {}),
        authTime: signedIn.authTime,
        used: false,
      },
      createdAt: ctx.now,
      updatedAt: ctx.now,
      expiresAt: ctx.now + CODE_MS,
    });
    target.searchParams.set("code", code);
    if (request.state !== undefined) target.searchParams.set("state", request.state);
    return redirect(res, target.href);
  }
  // The implicit grant: tokens in the fragment, never a refresh token.
  const tokens = await issueTokens(ctx, {
    pool,
    client,
    user,
    withRefresh: false,
    oauth: {
      scopes: request.scopes,
      authTime: signedIn.authTime,
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    },
  });
  const fragment = new URLSearchParams();
  if (tokens.IdToken) fragment.set("id_token", tokens.IdToken);
  fragment.set("access_token", tokens.AccessToken!);
  fragment.set("expires_in", String(tokens.ExpiresIn));
  fragment.set("token_type", "Bearer");
  if (request.state !== undefined) fragment.set("state", request.state);
  target.hash = fragment.toString();
  redirect(res, target.href);
}

/**
 * Takes the code out of circulation and answers what it granted; undefined when it does not
 * exist, has expired or was used already (Cognito then answers invalid_grant). The caller
 * checks client, redirect_uri and PKCE. Call inside a transaction: a code is redeemed once.
 */
export async function redeemAuthorizationCode(
  ctx: OperationContext,
  poolId: string,
  code: string,
): Promise<AuthorizationCodeRecord | undefined> {
  const record = await ctx.store.resources.get<AuthorizationCodeRecord>(
    ResourceKind.authorizationCode,
    poolId,
    hashOf(code),
  );
  if (!record || record.data.used || (record.expiresAt ?? 0) <= ctx.now) return undefined;
  await ctx.store.resources.put({ ...record, updatedAt: ctx.now, data: { ...record.data, used: true } });
  return record.data;
}

/** RFC 7636 §4.6 for S256, compared in constant time. */
export function verifierMatches(codeChallenge: string, codeVerifier: string): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(codeVerifier)) return false;
  const computed = Buffer.from(createHash("sha256").update(codeVerifier).digest("base64url"));
  const expected = Buffer.from(codeChallenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

export function redirect(res: ServerResponse, location: string): void {
  // An absolute URL as its serialisation: a LogoutURL may hold characters a header may not.
  const href = URL.canParse(location) ? new URL(location).href : location;
  res.writeHead(302, { Location: href, "Content-Length": 0, "Cache-Control": "no-store" }).end();
}
