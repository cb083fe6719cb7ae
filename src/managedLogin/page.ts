import type { IncomingMessage, ServerResponse } from "node:http";
import { authorizeQuery, type AuthorizeTarget } from "../oauth/authorizeRequest.js";
import type { DomainScope } from "../oauth/domainRouting.js";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext, OperationDefinition } from "../protocol/operation.js";
import type { PageBranding } from "./branding.js";
import { sendPage, type Html } from "./html.js";

/** One request to a page, with the authorization request it continues (read again from its query). */
export interface PageRequest {
  ctx: OperationContext;
  req: IncomingMessage;
  res: ServerResponse;
  scope: DomainScope;
  target: AuthorizeTarget;
  csrf: string;
  branding: PageBranding;
  /** The client's external providers the pages offer a button for (those Cognate can sign in with). */
  externalProviders: string[];
}

/** A page of this domain with the authorization request's query: the only places the pages link or post to. */
export function pageUrl(page: PageRequest, path: string, extra: Record<string, string> = {}): string {
  const q = authorizeQuery(page.target.request);
  for (const [name, value] of Object.entries(extra)) q.set(name, value);
  return `${page.scope.base}${path}?${q}`;
}

export function show(page: PageRequest, title: string, content: Html, status = 200, script?: string): void {
  sendPage(
    page.res,
    status,
    { title, branding: page.branding, redirectTarget: page.target.request.redirectUri, ...(script ? { script } : {}) },
    content,
  );
}

/** Post/redirect/get, within the domain only. */
export function redirectTo(page: PageRequest, path: string, extra: Record<string, string> = {}): void {
  page.res.writeHead(303, { Location: pageUrl(page, path, extra), "Content-Length": 0, "Cache-Control": "no-store" });
  page.res.end();
}

/** Runs an API operation's handler as the API would: in a transaction unless it opens its own. */
export function runOperation<I, O>(ctx: OperationContext, op: OperationDefinition<I, O>, input: I): Promise<O> {
  return op.transaction ? ctx.store.transaction(() => op.handler(input, ctx)) : op.handler(input, ctx);
}

/** A refusal the user can act on (wrong password, bad code…): shown on the page, not a server error. */
export const isUserError = (thrown: unknown): thrown is CognitoError =>
  thrown instanceof CognitoError && thrown.status < 500;
