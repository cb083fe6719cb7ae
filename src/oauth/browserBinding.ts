import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import type { DomainScope } from "./domainRouting.js";
import { appendCookie, readCookie, secureAttribute } from "./hostedSession.js";

/** Which browser started an exchange with an external provider: a cookie's name and its value's hash. */
export interface BrowserBinding {
  cookie: string;
  hash: string;
}

const BINDING_MS = 10 * 60_000;
const hashOf = (value: string) => createHash("sha256").update(value).digest("base64url");

/**
 * How the callback arrives: a top-level GET (OIDC) carries SameSite=Lax cookies; a cross-site
 * POST (SAML's HTTP-POST binding) only SameSite=None ones, which browsers keep only when Secure.
 */
export type CallbackArrival = "get" | "crossSitePost";

const attributes = (ctx: OperationContext, scope: DomainScope, path: string, arrival: CallbackArrival) => {
  const sameSite = arrival === "get" ? `SameSite=Lax${secureAttribute(ctx)}` : "SameSite=None; Secure";
  return `Path=${scope.base}${path}; HttpOnly; ${sameSite}`;
};

/**
 * Whether a browser will keep a Secure cookie for this callback URL: https, or a loopback or
 * `localhost` name (which browsers treat as secure over http). Elsewhere a cross-site POST
 * cannot be bound to its browser.
 */
export function canBindCrossSitePost(callbackUrl: string): boolean {
  const { protocol, hostname } = new URL(callbackUrl);
  return (
    protocol === "https:" ||
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    hostname === "127.0.0.1" ||
    hostname === "[::1]"
  );
}

/**
 * Binds a sign-in sent to an external provider to this browser: a cookie only the callback
 * path receives, whose hash the stored state keeps. Without it, someone could start a sign-in,
 * take the provider's answer to it and have another browser deliver it — signing that browser
 * in as themselves (login CSRF). The callback is a top-level GET, so a SameSite=Lax cookie
 * comes along; one cookie per sign-in, so that two tabs do not undo each other.
 */
export function bindBrowser(
  ctx: OperationContext,
  res: ServerResponse,
  scope: DomainScope,
  callbackPath: string,
  arrival: CallbackArrival = "get",
): BrowserBinding {
  const value = randomBytes(32).toString("base64url");
  const cookie = `cognito-bind-${randomBytes(9).toString("base64url")}`;
  appendCookie(
    res,
    `${cookie}=${value}; Max-Age=${BINDING_MS / 1000}; ${attributes(ctx, scope, callbackPath, arrival)}`,
  );
  return { cookie, hash: hashOf(value) };
}

/** Whether this browser holds the binding's cookie; the cookie is cleared either way. */
export function isBoundBrowser(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  scope: DomainScope,
  callbackPath: string,
  binding: BrowserBinding,
  arrival: CallbackArrival = "get",
): boolean {
  const value = readCookie(req, binding.cookie);
  appendCookie(res, `${binding.cookie}=; Max-Age=0; ${attributes(ctx, scope, callbackPath, arrival)}`);
  if (!value) return false;
  const given = Buffer.from(hashOf(value));
  const expected = Buffer.from(binding.hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
