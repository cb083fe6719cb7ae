import type { IncomingMessage } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import { publicBase } from "../tokens/issuer.js";
import type { Store } from "../storage/types.js";
import type { DomainData } from "../domains/record.js";

/**
 * Which user pool domain a browser or OAuth request addresses, and where that domain's pages and
 * endpoints live on this server. Three ways, none needing DNS:
 *  - Host `<prefix>.auth.<region>.localhost` (browsers resolve *.localhost to loopback), or
 *    `<prefix>.auth.<region>.amazoncognito.com` pointed here, or a custom domain's own name;
 *  - a path prefix, `/<prefix>/oauth2/authorize`, `/<prefix>/login`, …;
 *  - the server root, `/oauth2/authorize`, where the pool is the app client's.
 */
export interface DomainScope {
  /** Prefix of every link to this domain's pages and endpoints: "" or "/<prefix>". */
  base: string;
  /** The domain's pool; undefined at the server root, where clients are found by id alone. */
  poolId?: string;
  /** The domain (prefix or custom domain name) when one was addressed. */
  domain?: string;
}

export interface RoutedRequest {
  scope: DomainScope;
  /** The path within the domain, e.g. /oauth2/authorize or /login. */
  path: string;
}

/** The paths a domain serves; anything else at the server root is not the domain's. */
export const DOMAIN_PATHS = new Set([
  "/oauth2/authorize",
  "/oauth2/token",
  "/oauth2/revoke",
  "/oauth2/userInfo",
  "/oauth2/idpresponse",
  "/saml2/idpresponse",
  "/login",
  "/logout",
  "/signup",
  "/confirm",
  "/forgotPassword",
  "/confirmForgotPassword",
  "/mfa",
  "/passkeys/add",
  "/error",
]);

// Cognito's prefix domains: lowercase letters, digits and hyphens, not starting or ending with one.
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PREFIX_HOST = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.auth\.[a-z0-9-]+\.(?:localhost|amazoncognito\.com)$/;

/**
 * The domain a request names, or undefined when its path is none of a domain's (the server then
 * answers it otherwise). A host or path naming a domain that does not exist is undefined too.
 */
export async function routeDomainRequest(
  store: Store,
  req: IncomingMessage,
  pathname: string,
): Promise<RoutedRequest | undefined> {
  const host = hostName(req);
  if (host && !isLoopbackName(host)) {
    const prefix = PREFIX_HOST.exec(host)?.[1];
    const domain = await findDomain(store, prefix ?? host);
    if (domain) return DOMAIN_PATHS.has(pathname) ? { scope: domain, path: pathname } : undefined;
  }
  if (DOMAIN_PATHS.has(pathname)) return { scope: { base: "" }, path: pathname };
  const slash = pathname.indexOf("/", 1);
  if (slash < 0) return undefined;
  const prefix = pathname.slice(1, slash);
  const path = pathname.slice(slash);
  if (!PREFIX.test(prefix) || !DOMAIN_PATHS.has(path)) return undefined;
  const domain = await findDomain(store, prefix);
  return domain ? { scope: { ...domain, base: `/${prefix}` }, path } : undefined;
}

async function findDomain(store: Store, name: string): Promise<DomainScope | undefined> {
  const record = await store.resources.get<DomainData>(ResourceKind.domain, "", name);
  if (!record || !(await store.pools.get(record.data.UserPoolId))) return undefined;
  return { base: "", poolId: record.data.UserPoolId, domain: name };
}

function hostName(req: IncomingMessage): string | undefined {
  const host = req.headers.host?.toLowerCase();
  if (!host) return undefined;
  // Strip the port (and the brackets of an IPv6 literal).
  // A fully qualified name may end with a dot.
  return host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.replace(/:\d+$/, "").replace(/\.$/, "");
}

const isLoopbackName = (host: string) =>
  host === "localhost" || host === "127.0.0.1" || host === "::1" || /^\d+\.\d+\.\d+\.\d+$/.test(host);

/**
 * The absolute URL of one of the domain's endpoints, for another party to call back (an external
 * provider's redirect or assertion consumer URL). A domain addressed by its Host name
 * (`myapp.auth.us-east-1.localhost`, a custom domain) is answered on that name, so that the
 * session cookie lands where the next request looks for it; routing names a domain only for
 * hosts it knows, so the header is not taken on trust.
 */
export function domainUrl(ctx: OperationContext, req: IncomingMessage, scope: DomainScope, path: string): string {
  const base = publicBase(ctx.config);
  const host = req.headers.host;
  if (scope.domain !== undefined && scope.base === "" && host) return `${new URL(base).protocol}//${host}${path}`;
  return `${base}${scope.base}${path}`;
}
