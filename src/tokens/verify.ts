import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { usernameKey } from "../users/lookup.js";
import type { SignInRecord } from "./issue.js";
import { verificationKey, verifyJwtSignature } from "./keys.js";

export interface AccessTokenClaims {
  sub: string;
  iss: string;
  client_id: string;
  /** Absent when the client has token revocation disabled. */
  origin_jti?: string;
  event_id: string;
  token_use: string;
  scope: string;
  auth_time: number;
  exp: number;
  iat: number;
  jti: string;
  username: string;
  "cognito:groups"?: string[];
}

export interface VerifiedAccessToken {
  pool: PoolRecord;
  user: UserRecord;
  claims: AccessTokenClaims;
}

const invalid = () => errors.notAuthorized("Invalid Access Token");
/** The scope of tokens that act for their user in the API (GetUser, ChangePassword, …). */
const USER_ADMIN_SCOPE = "aws.cognito.signin.user.admin";

/**
 * Tokens whose signature was already checked, with their decoded claims. Whether a token string
 * carries a valid signature of a pool's key never changes (kids are never reused), so this is a
 * cache of pure results; expiry, revocation and the user's state are still read every time.
 */
const SIGNATURE_CACHE_SIZE = 10_000;
const signatureChecked = new Map<string, { poolId: string; claims: AccessTokenClaims }>();

function remember(token: string, entry: { poolId: string; claims: AccessTokenClaims }): void {
  // Oldest first out: a Map iterates in insertion order.
  if (signatureChecked.size >= SIGNATURE_CACHE_SIZE) signatureChecked.delete(signatureChecked.keys().next().value!);
  signatureChecked.set(token, entry);
}

/**
 * The header and claims of a compact JWS, undefined for anything else. Decoded here rather
 * than with jose's decoders: a token's first use pays for this on top of the RSA check, and
 * two base64url segments and JSON.parse are all it takes.
 */
function decodeToken(
  token: string,
): { header: { alg?: unknown; kid?: unknown }; claims: AccessTokenClaims } | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8")) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as unknown;
    const isObject = (v: unknown): v is Record<string, unknown> =>
      typeof v === "object" && v !== null && !Array.isArray(v);
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims: claims as unknown as AccessTokenClaims };
  } catch {
    return undefined;
  }
}

/** The claims of a token without checking its signature: only for tokens Cognate has just signed. */
export function unverifiedClaims(token: string): Record<string, unknown> | undefined {
  return decodeToken(token)?.claims as unknown as Record<string, unknown> | undefined;
}

/** The claims of a token signed by one of its pool's keys, and that pool. */
async function checkSignature(
  ctx: OperationContext,
  token: string,
): Promise<{ pool: PoolRecord; claims: AccessTokenClaims }> {
  const seen = signatureChecked.get(token);
  if (seen) {
    const pool = await ctx.store.pools.get(seen.poolId);
    if (!pool) throw invalid();
    return { pool, claims: seen.claims };
  }
  const decoded = decodeToken(token);
  if (!decoded || decoded.header.alg !== "RS256" || typeof decoded.header.kid !== "string") throw invalid();
  const kid = decoded.header.kid;
  const claims = decoded.claims;
  const poolId = typeof claims.iss === "string" ? claims.iss.slice(claims.iss.lastIndexOf("/") + 1) : "";
  const pool = poolId ? await ctx.store.pools.get(poolId) : undefined;
  const key = pool ? await verificationKey(ctx.store, pool.id, kid) : undefined;
  if (!pool || !key) throw invalid();
  let signed = false;
  try {
    signed = verifyJwtSignature(token, key);
  } catch {
    signed = false;
  }
  if (!signed) throw invalid();
  remember(token, { poolId: pool.id, claims });
  return { pool, claims };
}

/**
 * Checks an access token the way Cognito's self-service operations do: our signature, not
 * expired, an access token, its user still there and enabled, and its sign-in not revoked
 * (RevokeToken) or signed out (GlobalSignOut / AdminUserGlobalSignOut).
 */
export async function verifyAccessToken(
  ctx: OperationContext,
  token: string,
  /** The scope the token must carry: the user-admin scope for the API, openid for /oauth2/userInfo. */
  requiredScope = USER_ADMIN_SCOPE,
): Promise<VerifiedAccessToken> {
  const { pool, claims } = await checkSignature(ctx, token);
  if (claims.token_use !== "access" || typeof claims.exp !== "number" || typeof claims.iat !== "number") {
    throw invalid();
  }
  if (claims.exp * 1000 <= ctx.now) throw errors.notAuthorized("Access Token has expired");
  // The user's own operations need the scope (an OAuth token with only openid has not; a
  // PreTokenGeneration function can suppress it).
  if (typeof claims.scope !== "string" || !claims.scope.split(" ").includes(requiredScope)) {
    throw errors.notAuthorized("Access Token does not have required scopes");
  }

  // The sign-in the token belongs to: named by origin_jti, or (clients without revocation, whose
  // tokens carry none) by event_id, which for them is the sign-in's id too. Its issuedAt is in
  // milliseconds; iat's whole seconds could not tell a token from a sign-out in the same second.
  const signIn = await ctx.store.resources.get<SignInRecord>(
    ResourceKind.tokenRevocation,
    pool.id,
    claims.origin_jti ?? claims.event_id,
  );
  let issuedAt = claims.iat * 1000;
  if (claims.origin_jti !== undefined) {
    if (!signIn || signIn.data.revoked) throw errors.notAuthorized("Access Token has been revoked");
    issuedAt = signIn.data.issuedAt;
  } else if (signIn && signIn.data.sub === claims.sub) {
    issuedAt = signIn.data.issuedAt;
  }
  const user = await ctx.store.users.get(pool.id, usernameKey(pool, claims.username));
  // A deleted user's still-valid token: Cognito answers UserNotFoundException here.
  if (!user || user.sub !== claims.sub) throw errors.userNotFound("User does not exist.");
  if (!user.enabled) throw errors.notAuthorized("User is disabled.");
  // Sign-out, and disabling the user, end every session begun before.
  if (user.signedOutAt !== undefined && issuedAt <= user.signedOutAt) {
    throw errors.notAuthorized("Access Token has been revoked");
  }
  return { pool, user, claims };
}
