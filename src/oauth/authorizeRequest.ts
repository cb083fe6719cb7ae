import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import type { DomainScope } from "./domainRouting.js";

/**
 * An authorization request (GET /oauth2/authorize), checked against its app client. Managed
 * login carries it from page to page as the same query string (authorizeQuery), as Cognito's
 * /login does, and checks it again on every request: nothing of it is trusted from a form.
 */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseType: "code" | "token";
  /** The scopes granted: those asked for, or every scope the client allows when none were. */
  scopes: string[];
  /** The `scope` parameter as sent (empty when absent), so that the pages pass it on unchanged. */
  requestedScope: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256";
  /** identity_provider: COGNITO or a provider name the client supports. */
  identityProvider?: string;
  /** idp_identifier: one of a provider's IdpIdentifiers. */
  idpIdentifier?: string;
  /** prompt: none, login, select_account or consent (space-separated values allowed). */
  prompt?: string;
  lang?: string;
}

export interface AuthorizeTarget {
  pool: PoolRecord;
  client: ClientRecord;
  request: AuthorizeRequest;
}

/**
 * A request that cannot be trusted to redirect (unknown client, redirect_uri not among the
 * client's CallbackURLs): shown as an error page, never sent anywhere (no open redirects).
 */
export class AuthorizePageError extends Error {
  constructor(
    /** Cognito's error code on its /error page, e.g. redirect_mismatch. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A refusal sent back to the (verified) redirect_uri as ?error=…&state=… (RFC 6749 §4.1.2.1). */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly code:
      | "invalid_request"
      | "unauthorized_client"
      | "invalid_scope"
      | "unsupported_response_type"
      | "login_required"
      | "server_error",
    readonly redirectUri: string,
    readonly responseType: string | undefined,
    readonly state: string | undefined,
    readonly description?: string,
  ) {
    super(description ?? code);
  }
}

const STANDARD_SCOPES = new Set(["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"]);

/**
 * Reads and checks an authorization request's parameters, in the order that decides who is told:
 * client and redirect_uri first (failures are pages), then everything else (failures go back to
 * the app). `domain` is the pool a domain-addressed request names: its client must be the pool's.
 */
export async function readAuthorizeRequest(
  ctx: OperationContext,
  params: URLSearchParams,
  domain: DomainScope,
): Promise<AuthorizeTarget> {
  for (const name of new Set(params.keys())) {
    if (params.getAll(name).length > 1) throw new AuthorizePageError("invalid_request", `Duplicate parameter ${name}.`);
  }
  const clientId = params.get("client_id");
  if (!clientId)
    throw new AuthorizePageError("invalid_request", "Required String parameter 'client_id' is not present.");
  const client = await ctx.store.clients.find(clientId);
  const pool = client ? await ctx.store.pools.get(client.poolId) : undefined;
  if (!client || !pool || (domain.poolId !== undefined && domain.poolId !== pool.id)) {
    throw new AuthorizePageError("invalid_client", "Client does not exist.");
  }
  const redirectUri = params.get("redirect_uri") ?? "";
  const callbacks = (client.config.CallbackURLs as string[] | undefined) ?? [];
  // Exact comparison, as Cognito makes it: no prefix, no normalisation.
  if (!callbacks.includes(redirectUri)) throw new AuthorizePageError("redirect_mismatch", "redirect_mismatch");

  const responseTypeParam = params.get("response_type") ?? undefined;
  const state = params.get("state") ?? undefined;
  const fail = (code: AuthorizeRedirectError["code"], description?: string) =>
    new AuthorizeRedirectError(code, redirectUri, responseTypeParam, state, description);
  if (!responseTypeParam) throw fail("invalid_request", "Required String parameter 'response_type' is not present.");
  if (responseTypeParam !== "code" && responseTypeParam !== "token") throw fail("unsupported_response_type");
  const flows = (client.config.AllowedOAuthFlows as string[] | undefined) ?? [];
  const flow = responseTypeParam === "code" ? "code" : "implicit";
  if (client.config.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes(flow)) {
    throw fail("unauthorized_client");
  }

  const allowed = (client.config.AllowedOAuthScopes as string[] | undefined) ?? [];
  const requestedScope = params.get("scope") ?? "";
  const asked = [...new Set(requestedScope.split(/\s+/).filter(Boolean))];
  if (asked.some((s) => !allowed.includes(s))) throw fail("invalid_scope");
  // Without `scope`, the client's every scope; asked for, the OpenID scopes besides openid need openid.
  const scopes = asked.length ? asked : [...allowed];
  if (
    asked.length &&
    !asked.includes("openid") &&
    asked.some((s) => s === "email" || s === "phone" || s === "profile")
  ) {
    throw fail("invalid_scope");
  }

  const codeChallenge = params.get("code_challenge") ?? undefined;
  const method = params.get("code_challenge_method") ?? undefined;
  if (codeChallenge !== undefined || method !== undefined) {
    // Cognito implements only the S256 method of RFC 7636 (plain is refused).
    if (method !== "S256" || !codeChallenge || !/^[A-Za-z0-9._~-]{43,128}$/.test(codeChallenge)) {
      throw fail("invalid_request", "Invalid code_challenge or code_challenge_method.");
    }
  }

  const identityProvider = params.get("identity_provider") ?? undefined;
  if (identityProvider !== undefined) {
    const supported = (client.config.SupportedIdentityProviders as string[] | undefined) ?? [];
    if (!supported.includes(identityProvider))
      throw fail("unauthorized_client", "Identity provider is not supported by the client.");
  }

  const request: AuthorizeRequest = {
    clientId,
    redirectUri,
    responseType: responseTypeParam,
    scopes,
    requestedScope,
    ...optional("state", state),
    ...optional("nonce", params.get("nonce")),
    ...(codeChallenge ? { codeChallenge, codeChallengeMethod: "S256" as const } : {}),
    ...optional("identityProvider", identityProvider),
    ...optional("idpIdentifier", params.get("idp_identifier")),
    ...optional("prompt", params.get("prompt")),
    ...optional("lang", params.get("lang")),
  };
  return { pool, client, request };
}

function optional<K extends string>(name: K, value: string | null | undefined): { [P in K]?: string } {
  return (value === null || value === undefined ? {} : { [name]: value }) as { [P in K]?: string };
}

/** The request as the query string the pages carry (the parameters Cognito's /login takes). */
export function authorizeQuery(request: AuthorizeRequest): URLSearchParams {
  const q = new URLSearchParams();
  q.set("client_id", request.clientId);
  q.set("response_type", request.responseType);
  if (request.requestedScope) q.set("scope", request.requestedScope);
  q.set("redirect_uri", request.redirectUri);
  if (request.state !== undefined) q.set("state", request.state);
  if (request.nonce !== undefined) q.set("nonce", request.nonce);
  if (request.codeChallenge) {
    q.set("code_challenge", request.codeChallenge);
    q.set("code_challenge_method", "S256");
  }
  if (request.identityProvider !== undefined) q.set("identity_provider", request.identityProvider);
  if (request.idpIdentifier !== undefined) q.set("idp_identifier", request.idpIdentifier);
  if (request.lang !== undefined) q.set("lang", request.lang);
  return q;
}

/** True for the scopes every pool knows (the rest are resource servers' custom scopes). */
export const isStandardScope = (scope: string) => STANDARD_SCOPES.has(scope);
