import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { OAuthError } from "./errors.js";

export interface AuthenticatedClient {
  pool: PoolRecord;
  client: ClientRecord;
  /** The secret the request proved (undefined for a client without secrets). */
  secret?: string;
}

/**
 * The app client of a token or revocation request, authenticated by HTTP Basic
 * (client_secret_basic) or client_id/client_secret in the body (client_secret_post); a client
 * without a secret names itself with client_id. A client_id in the body beside a Basic header
 * (Cognito's own examples send both) must name the same client. Every failure is invalid_client,
 * with `status` (400 at the token endpoint, 401 at the revocation endpoint, as Cognito documents).
 * The pool is the client's: client ids are unique across pools.
 */
export async function authenticateClient(
  ctx: OperationContext,
  req: IncomingMessage,
  form: Map<string, string>,
  status: number,
  /** The pool of the domain the request addressed, if it named one: its clients only. */
  domainPoolId?: string,
): Promise<AuthenticatedClient> {
  const fail = () => new OAuthError("invalid_client", status);
  const basic = basicCredentials(req.headers.authorization);
  if (basic === null) throw fail();
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  // Two ways of sending the secret at once is ambiguous: RFC 6749 §2.3 allows only one.
  if (basic && bodySecret !== undefined) throw new OAuthError("invalid_request");
  if (basic && bodyId !== undefined && bodyId !== basic.id) throw fail();
  const clientId = basic?.id ?? bodyId;
  const secret = basic?.secret ?? bodySecret;
  if (!clientId) throw fail();

  const client = await ctx.store.clients.find(clientId);
  const pool = client ? await ctx.store.pools.get(client.poolId) : undefined;
  if (!client || !pool || (domainPoolId !== undefined && pool.id !== domainPoolId)) throw fail();
  if (client.secrets.length === 0) {
    // A public client has nothing to prove; a secret it was never given proves nothing either.
    if (secret) throw fail();
    return { pool, client };
  }
  if (!secret || !matchesSecret(client, secret)) throw fail();
  return { pool, client, secret };
}

/** The Basic header's client id and secret (both form-urlencoded, RFC 6749 §2.3.1); undefined without one, null when malformed. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined | null {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return null;
  }
}

function matchesSecret(client: ClientRecord, given: string): boolean {
  const candidate = Buffer.from(given);
  return client.secrets.some((s) => {
    const expected = Buffer.from(s.value);
    return expected.length === candidate.length && timingSafeEqual(expected, candidate);
  });
}
