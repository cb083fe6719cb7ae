import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { appendCookie, cookieAttributes, readCookie } from "../oauth/hostedSession.js";
import type { DomainScope } from "../oauth/domainRouting.js";
import type { OperationContext } from "../protocol/operation.js";

/**
 * Double-submit CSRF protection: the browser holds an XSRF-TOKEN cookie (HttpOnly, SameSite=Lax,
 * scoped to the domain's base path) and every form repeats it in a hidden _csrf field. Another
 * site can make the browser post, but cannot read the cookie to put it in the form.
 */
export const CSRF_COOKIE = "XSRF-TOKEN";
export const CSRF_FIELD = "_csrf";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The request's token, or a new one set as the cookie on this answer. */
export function csrfToken(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  scope: DomainScope,
): string {
  const current = readCookie(req, CSRF_COOKIE);
  if (current && TOKEN.test(current)) return current;
  const token = randomBytes(32).toString("base64url");
  appendCookie(res, `${CSRF_COOKIE}=${token}; ${cookieAttributes(ctx, scope)}`);
  return token;
}

/** True when the form's token is the cookie's, compared in constant time. */
export function csrfMatches(req: IncomingMessage, form: Map<string, string>): boolean {
  const cookie = readCookie(req, CSRF_COOKIE);
  const given = form.get(CSRF_FIELD);
  if (!cookie || !given || !TOKEN.test(cookie)) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
