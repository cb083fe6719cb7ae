import { createPublicKey, verify, type JsonWebKey, type KeyObject } from "node:crypto";
import { FederationError } from "./errors.js";
import { providerJson } from "./http.js";

/** The signature algorithms accepted from providers: RSA and ECDSA with SHA-2 (never "none" nor HMAC). */
const ALGORITHMS: Record<string, { hash: string; ec?: boolean; curve?: string }> = {
  RS256: { hash: "sha256" },
  RS384: { hash: "sha384" },
  RS512: { hash: "sha512" },
  ES256: { hash: "sha256", ec: true, curve: "P-256" },
  ES384: { hash: "sha384", ec: true, curve: "P-384" },
};
// RSA keys shorter than this are refused (NIST SP 800-131A).
const MIN_RSA_BITS = 2048;

// Clocks differ a little between machines.
const SKEW_S = 60;
const JWKS_CACHE_MS = 5 * 60_000;
const jwksCache = new Map<string, { keys: JsonWebKey[]; until: number }>();

const invalid = (why: string) => new FederationError("invalid_request", `Invalid identity provider token: ${why}.`);

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through to the refusal
  }
  throw invalid("malformed");
}

async function jwks(uri: string, refresh: boolean): Promise<JsonWebKey[]> {
  const cached = jwksCache.get(uri);
  if (!refresh && cached && cached.until > Date.now()) return cached.keys;
  const { body } = await providerJson(uri);
  const keys = Array.isArray(body.keys) ? (body.keys as JsonWebKey[]) : [];
  jwksCache.set(uri, { keys, until: Date.now() + JWKS_CACHE_MS });
  return keys;
}

function keyFor(keys: JsonWebKey[], kid: unknown, alg: string): KeyObject | undefined {
  const { ec, curve } = ALGORITHMS[alg]!;
  // Each EC algorithm has its curve (RFC 7518 §3.4): an ES256 token with a P-384 key is refused.
  const usable = keys.filter(
    (k) =>
      k.kty === (ec ? "EC" : "RSA") &&
      (!ec || k.crv === curve) &&
      (k.use === undefined || k.use === "sig") &&
      (k.alg ?? alg) === alg,
  );
  const jwk = kid === undefined ? (usable.length === 1 ? usable[0] : undefined) : usable.find((k) => k.kid === kid);
  if (!jwk) return undefined;
  try {
    const key = createPublicKey({ key: jwk, format: "jwk" });
    if (!ec && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return undefined;
    return key;
  } catch {
    return undefined;
  }
}

/**
 * Verifies the provider's ID token (OIDC Core §3.1.3.7): signature by a key of its JWKS (fetched
 * again once when the kid is unknown: the provider may have rotated), issuer, audience, expiry
 * and the nonce sent with the authorization request. Answers its claims.
 */
export async function verifyIdToken(
  token: string,
  expected: { jwksUri: string; issuer: string; clientId: string; nonce: string; now: number },
): Promise<Record<string, unknown>> {
  const parts = token.split(".");
  if (parts.length !== 3) throw invalid("malformed");
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  const alg = typeof header.alg === "string" ? header.alg : "";
  if (!Object.hasOwn(ALGORITHMS, alg)) throw invalid(`unsupported algorithm ${alg || "(none)"}`);
  const key =
    keyFor(await jwks(expected.jwksUri, false), header.kid, alg) ??
    keyFor(await jwks(expected.jwksUri, true), header.kid, alg);
  if (!key) throw invalid("no matching signing key");
  const { hash, ec } = ALGORITHMS[alg]!;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2]!, "base64url");
  let valid = false;
  try {
    valid = verify(hash, signed, ec ? { key, dsaEncoding: "ieee-p1363" } : key, signature);
  } catch {
    // A signature of the wrong shape for the key: as bad as a wrong one.
  }
  if (!valid) throw invalid("bad signature");

  const issuers = new Set([expected.issuer, expected.issuer.replace(/\/+$/, "")]);
  if (typeof claims.iss !== "string" || !issuers.has(claims.iss)) throw invalid("wrong issuer");
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.clientId)) throw invalid("wrong audience");
  // An authorized party, when named, must be this client (OIDC Core §3.1.3.7, item 5).
  if (claims.azp !== undefined && claims.azp !== expected.clientId) {
    throw invalid("wrong authorized party");
  }
  const nowS = Math.floor(expected.now / 1000);
  if (typeof claims.exp !== "number" || claims.exp + SKEW_S <= nowS) throw invalid("expired");
  if (typeof claims.iat === "number" && claims.iat - SKEW_S > nowS) throw invalid("issued in the future");
  if (claims.nonce !== expected.nonce) throw invalid("wrong nonce");
  if (typeof claims.sub !== "string" || !claims.sub) throw invalid("no subject");
  return claims;
}
