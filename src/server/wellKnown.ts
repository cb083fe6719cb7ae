import type { IncomingMessage, ServerResponse } from "node:http";
import type { Store } from "../storage/types.js";
import { issuerFor, publicBase } from "../tokens/issuer.js";
import { publicJwks } from "../tokens/keys.js";
import type { CognateConfig } from "./config.js";

/**
 * GET /<userPoolId>/.well-known/jwks.json and /<userPoolId>/.well-known/openid-configuration:
 * what JWT verifiers fetch. The JWKS is served here even when tokens carry the AWS issuer.
 */
export async function handleWellKnown(
  _req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { store: Store; config: CognateConfig },
): Promise<void> {
  const [, poolId, document] = WELL_KNOWN_PATH.exec(url.pathname) ?? [];
  const pool = poolId ? await deps.store.pools.get(poolId) : undefined;
  if (!pool) return send(res, 404, { message: `User pool ${poolId} does not exist.` });
  const base = publicBase(deps.config);
  if (document === "jwks.json") {
    return send(res, 200, { keys: await publicJwks(deps.store, pool.id, Date.now()) });
  }
  if (document === "openid-configuration") {
    // Cognito lists the members alphabetically, and the endpoints of the pool's domain: here the
    // domain's path prefix on this server (src/oauth/domainRouting.ts), or the server root for a
    // pool without a prefix domain, where clients are found by id alone.
    const prefix = typeof pool.config.Domain === "string" ? `/${pool.config.Domain}` : "";
    const endpoints = `${base}${prefix}`;
    return send(res, 200, {
      authorization_endpoint: `${endpoints}/oauth2/authorize`,
      end_session_endpoint: `${endpoints}/logout`,
      id_token_signing_alg_values_supported: ["RS256"],
      issuer: issuerFor(deps.config, pool),
      jwks_uri: `${base}/${pool.id}/.well-known/jwks.json`,
      response_types_supported: ["code", "token"],
      revocation_endpoint: `${endpoints}/oauth2/revoke`,
      scopes_supported: ["openid", "email", "phone", "profile"],
      subject_types_supported: ["public"],
      token_endpoint: `${endpoints}/oauth2/token`,
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      userinfo_endpoint: `${endpoints}/oauth2/userInfo`,
    });
  }
  send(res, 404, { message: `No route for GET ${url.pathname}` });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** Matches /<userPoolId>/.well-known/<document>. */
export const WELL_KNOWN_PATH = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/([\w.-]+)$/;
