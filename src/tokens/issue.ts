import { createHash, randomBytes, randomUUID } from "node:crypto";
import type {
  AuthenticationResultType,
  SchemaAttributeType,
  TimeUnitsType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { ClientRecord, GroupRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { hasTrigger } from "../triggers/invoke.js";
import {
  applyClaimChanges,
  applyScopes,
  preTokenGeneration,
  type TokenCustomization,
  type TokenGenerationSource,
  type TokenGroups,
} from "../triggers/preTokenGeneration.js";
import { usernameKey } from "../users/lookup.js";
import { issuerFor } from "./issuer.js";
import { signingKeys, signJwt } from "./keys.js";

const UNIT_SECONDS: Record<TimeUnitsType, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const EXPIRED_REFRESH_TOKEN_RETENTION_MS = 30 * 86_400_000;

/** One sign-in: every token issued from it (refreshes included) shares its origin_jti. */
export interface SignInRecord {
  username: string;
  sub: string;
  clientId: string;
  eventId: string;
  /** Epoch ms of the authentication; auth_time of every token of this sign-in. */
  authTime: number;
  /** Epoch ms; compared with user.signedOutAt, whose precision the iat claim lacks. */
  issuedAt: number;
  revoked: boolean;
  /** The remembered device the sign-in used or was given (NewDeviceMetadata): access tokens name it as device_key. */
  deviceKey?: string;
  /** The OAuth scopes of a sign-in through the authorization endpoint; refreshes keep them. */
  scopes?: string[];
}

/** A refresh token, stored under the sha256 of its text. */
export interface RefreshTokenRecord {
  username: string;
  sub: string;
  clientId: string;
  originJti: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  /** Set when rotation replaced the token: it stays usable until then (the grace period). */
  replacedUntil?: number;
}

export interface IssueOptions {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  /** Continue an earlier sign-in (refresh): keeps its origin_jti, event_id and auth_time. */
  originJti?: string;
  withRefresh: boolean;
  /**
   * Expiry of the refresh token issued (epoch ms) instead of the client's full validity: a
   * rotated refresh token ends when the one it replaces would have.
   */
  refreshExpiresAt?: number;
  /** The device of a new sign-in (its DEVICE_KEY, or the key of its NewDeviceMetadata); refreshes keep the sign-in's. */
  deviceKey?: string;
  /**
   * The PreTokenGeneration trigger source: by default TokenGeneration_RefreshTokens when
   * continuing a sign-in (originJti), else TokenGeneration_Authentication. An answered
   * NEW_PASSWORD_REQUIRED passes TokenGeneration_NewPasswordChallenge, DEVICE_PASSWORD_VERIFIER
   * TokenGeneration_AuthenticateDevice, the hosted UI TokenGeneration_HostedAuth.
   */
  triggerSource?: TokenGenerationSource;
  /** ClientMetadata of the request, for PreTokenGeneration (RespondToAuthChallenge, GetTokensFromRefreshToken). */
  clientMetadata?: Record<string, string>;
  /**
   * A sign-in through the authorization endpoint (src/oauth): its granted scopes instead of the
   * API's aws.cognito.signin.user.admin, the nonce it asked for, and when the user authenticated
   * (earlier than now when the managed login session cookie signed them in). ID tokens are
   * issued only with the openid scope, as Cognito does.
   */
  oauth?: { scopes: string[]; nonce?: string; authTime: number };
}

// Every user-pool API sign-in grants just this scope; OAuth scopes come with the hosted UI.
const SIGN_IN_SCOPES = ["aws.cognito.signin.user.admin"];

export type WireAuthenticationResult = Pick<
  AuthenticationResultType,
  "AccessToken" | "ExpiresIn" | "TokenType" | "RefreshToken" | "IdToken"
>;

/** Token lifetimes in seconds from the client's settings and units (unset: 1 h, 1 h, 30 days). */
export function tokenValidity(client: ClientRecord): { access: number; id: number; refresh: number } {
  const c = client.config as {
    AccessTokenValidity?: number;
    IdTokenValidity?: number;
    RefreshTokenValidity?: number;
    TokenValidityUnits?: { AccessToken?: TimeUnitsType; IdToken?: TimeUnitsType; RefreshToken?: TimeUnitsType };
  };
  const units = c.TokenValidityUnits ?? {};
  return {
    access: c.AccessTokenValidity ? c.AccessTokenValidity * UNIT_SECONDS[units.AccessToken ?? "hours"] : 3600,
    id: c.IdTokenValidity ? c.IdTokenValidity * UNIT_SECONDS[units.IdToken ?? "hours"] : 3600,
    refresh: (c.RefreshTokenValidity || 30) * UNIT_SECONDS[units.RefreshToken ?? "days"],
  };
}

export const hashRefreshToken = (token: string) => createHash("sha256").update(token).digest("base64url");

// Cognito's refresh tokens are JWEs; ours are random but keep that outline so that nothing sniffing the shape breaks.
const REFRESH_HEADER = Buffer.from(JSON.stringify({ cty: "JWT", enc: "A256GCM", alg: "RSA-OAEP" })).toString(
  "base64url",
);
function newRefreshToken(): string {
  // One draw from the CSPRNG, cut into the JWE's four parts (key, iv, ciphertext, tag).
  const random = randomBytes(256 + 12 + 640 + 16);
  const part = (from: number, bytes: number) => random.subarray(from, from + bytes).toString("base64url");
  return `${REFRESH_HEADER}.${part(0, 256)}.${part(256, 12)}.${part(268, 640)}.${part(908, 16)}`;
}

/** Signs id and access tokens (and a refresh token when asked) for a user signing in through a client. */
export async function issueTokens(ctx: OperationContext, options: IssueOptions): Promise<WireAuthenticationResult> {
  const { pool, client, user } = options;
  const validity = tokenValidity(client);
  const groups = await groupsOf(ctx, pool, user);
  const roles = rolesOf(groups);
  let tokenGroups: TokenGroups = {
    groups: groups.map((g) => g.name),
    roles: roles.all,
    ...(roles.preferred ? { preferredRole: roles.preferred } : {}),
  };
  // A refresh keeps the scopes of its sign-in; OAuth sign-ins have their own.
  const stored = options.originJti
    ? await ctx.store.resources.get<SignInRecord>(ResourceKind.tokenRevocation, pool.id, options.originJti)
    : undefined;
  const scopes = stored?.data.scopes ?? options.oauth?.scopes ?? SIGN_IN_SCOPES;
  // Before anything is written: a function that refuses leaves no sign-in behind. Inside a
  // transaction the function runs while it is suspended, so it may read from Cognate (not write).
  let custom: TokenCustomization | undefined;
  if (hasTrigger(pool, "PreTokenGeneration")) {
    custom = await preTokenGeneration(ctx, pool, {
      triggerSource:
        options.triggerSource ??
        (options.originJti
          ? "TokenGeneration_RefreshTokens"
          : options.oauth
            ? "TokenGeneration_HostedAuth"
            : "TokenGeneration_Authentication"),
      userName: user.username,
      clientId: client.clientId,
      userAttributes: triggerAttributes(user),
      groups: tokenGroups,
      scopes,
      ...(options.clientMetadata ? { clientMetadata: options.clientMetadata } : {}),
    });
    if (custom?.groups) tokenGroups = custom.groups;
  }
  // The sign-in record must outlive every token of the sign-in: the ones issued now, and the
  // access and id tokens a refresh token issued now can still get at its last moment.
  const refreshExpiresAt = options.refreshExpiresAt ?? ctx.now + validity.refresh * 1000;
  const outlivesTokens =
    (options.withRefresh ? refreshExpiresAt : ctx.now) + Math.max(validity.access, validity.id) * 1000;
  let originJti = options.originJti;
  let signIn: SignInRecord | undefined;
  if (originJti) {
    signIn = stored?.data;
    // A rotated refresh token (or a client whose validities grew) can need a longer-lived record.
    if (stored && (stored.expiresAt ?? Infinity) < outlivesTokens) {
      await ctx.store.resources.put({ ...stored, updatedAt: ctx.now, expiresAt: outlivesTokens });
    }
  }
  // Cognito names the sign-in (origin_jti) only in tokens of clients with revocation enabled.
  const revocable = client.config.EnableTokenRevocation !== false;
  if (!originJti || !signIn) {
    originJti = randomUUID();
    signIn = {
      username: user.username,
      sub: user.sub,
      clientId: client.clientId,
      // Without origin_jti in its tokens, event_id is what leads back to the sign-in.
      eventId: revocable ? randomUUID() : originJti,
      authTime: options.oauth?.authTime ?? ctx.now,
      issuedAt: ctx.now,
      revoked: false,
      ...(options.deviceKey ? { deviceKey: options.deviceKey } : {}),
      ...(options.oauth ? { scopes: options.oauth.scopes } : {}),
    };
    await ctx.store.resources.put({
      kind: ResourceKind.tokenRevocation,
      scope: pool.id,
      key: originJti,
      data: signIn,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      expiresAt: outlivesTokens,
    });
  }

  const iat = Math.floor(ctx.now / 1000);
  const authTime = Math.floor(signIn.authTime / 1000);
  const iss = issuerFor(ctx.config, pool);
  const groupNames = tokenGroups.groups;
  const keys = await signingKeys(ctx, pool.id);

  const idClaims: Record<string, unknown> = { sub: user.sub };
  if (groupNames.length) idClaims["cognito:groups"] = groupNames;
  Object.assign(idClaims, readableClaims(pool, client, user));
  idClaims.iss = iss;
  idClaims["cognito:username"] = user.username;
  if (tokenGroups.preferredRole) idClaims["cognito:preferred_role"] = tokenGroups.preferredRole;
  if (revocable) idClaims.origin_jti = originJti;
  if (tokenGroups.roles.length) idClaims["cognito:roles"] = tokenGroups.roles;
  Object.assign(idClaims, {
    aud: client.clientId,
    event_id: signIn.eventId,
    token_use: "id",
    auth_time: authTime,
    exp: iat + validity.id,
    iat,
    jti: randomUUID(),
  });
  if (options.oauth?.nonce !== undefined) idClaims.nonce = options.oauth.nonce;

  const accessClaims: Record<string, unknown> = { sub: user.sub };
  if (groupNames.length) accessClaims["cognito:groups"] = groupNames;
  if (signIn.deviceKey) accessClaims.device_key = signIn.deviceKey;
  Object.assign(accessClaims, {
    iss,
    // Access tokens of the OAuth endpoints say version 2 (as client-credentials ones do); the API's say nothing.
    ...(signIn.scopes ? { version: 2 } : {}),
    client_id: client.clientId,
    ...(revocable ? { origin_jti: originJti } : {}),
    event_id: signIn.eventId,
    token_use: "access",
    scope: scopes.join(" "),
    auth_time: authTime,
    exp: iat + validity.access,
    iat,
    jti: randomUUID(),
    username: user.username,
  });
  if (custom) {
    applyClaimChanges(idClaims, custom.id, "id", client.clientId);
    applyClaimChanges(accessClaims, custom.access, "access", client.clientId);
    const scope = applyScopes(scopes, custom.access);
    if (scope === undefined) delete accessClaims.scope;
    else accessClaims.scope = scope;
  }

  const accessToken = signJwt(keys.access, accessClaims);
  // OAuth sign-ins (and their refreshes) get an ID token only with the openid scope.
  const withIdToken = !signIn.scopes || signIn.scopes.includes("openid");
  if (signIn.scopes && withIdToken) idClaims.at_hash = atHash(accessToken);
  const idToken = withIdToken ? signJwt(keys.id, idClaims) : undefined;
  const result: WireAuthenticationResult = {
    AccessToken: accessToken,
    ExpiresIn: validity.access,
    TokenType: "Bearer",
  };
  if (options.withRefresh) {
    const refreshToken = newRefreshToken();
    const record: RefreshTokenRecord = {
      username: user.username,
      sub: user.sub,
      clientId: client.clientId,
      originJti,
      issuedAt: ctx.now,
      expiresAt: refreshExpiresAt,
      revoked: false,
    };
    await ctx.store.resources.put({
      kind: ResourceKind.refreshToken,
      scope: pool.id,
      key: hashRefreshToken(refreshToken),
      data: record,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      // Kept a while past its end, so that presenting it still answers "Refresh Token has expired".
      expiresAt: record.expiresAt + EXPIRED_REFRESH_TOKEN_RETENTION_MS,
    });
    result.RefreshToken = refreshToken;
  }
  if (idToken) result.IdToken = idToken;
  return result;
}

/** OpenID Connect's at_hash: the left half of the access token's SHA-256, base64url. */
function atHash(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");
}

async function groupsOf(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<GroupRecord[]> {
  const groups: GroupRecord[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.store.groups.listForUser(pool.id, usernameKey(pool, user.username), { limit: 60, after });
    groups.push(...page.items);
    after = page.next;
  } while (after);
  return groups;
}

/**
 * cognito:roles lists every group role; the preferred role is that of the group with the lowest
 * Precedence, and none when two groups with roles share that lowest value.
 */
function rolesOf(groups: GroupRecord[]): { all: string[]; preferred?: string } {
  const withRoles = groups.filter((g) => g.roleArn);
  const all = [...new Set(withRoles.map((g) => g.roleArn!))];
  const ranked = withRoles.filter((g) => g.precedence !== undefined).sort((a, b) => a.precedence! - b.precedence!);
  let preferred: string | undefined;
  if (ranked.length > 0) {
    const lowest = ranked.filter((g) => g.precedence === ranked[0]!.precedence);
    if (new Set(lowest.map((g) => g.roleArn)).size === 1) preferred = lowest[0]!.roleArn;
  } else if (all.length === 1) {
    preferred = all[0];
  }
  return { all, ...(preferred ? { preferred } : {}) };
}

/** The user's attributes as PreTokenGeneration sees them: every attribute (sub too), and the user's status. */
function triggerAttributes(user: UserRecord): Record<string, string> {
  const attributes: Record<string, string> = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (!name.startsWith("dev:")) attributes[name] = value;
  }
  attributes["cognito:user_status"] = user.status;
  return attributes;
}

/** The user's attributes the client may read, typed as Cognito puts them in id tokens. */
function readableClaims(pool: PoolRecord, client: ClientRecord, user: UserRecord): Record<string, unknown> {
  const readable = client.config.ReadAttributes as string[] | undefined;
  const allowed = readable?.length ? new Set(readable) : undefined;
  const schema = (pool.config.SchemaAttributes as SchemaAttributeType[] | undefined) ?? [];
  const types = new Map(schema.map((a) => [a.Name!, a.AttributeDataType]));
  const claims: Record<string, unknown> = {};
  const jsonArrayOr = (text: string): unknown => {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : text;
    } catch {
      return text;
    }
  };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === "sub" || name.startsWith("dev:")) continue;
    if (allowed && !allowed.has(name)) continue;
    const type = types.get(name);
    if (type === "Boolean") claims[name] = value === "true";
    else if (name === "updated_at" && /^\d+$/.test(value)) claims[name] = Number(value);
    else if (name === "address") claims[name] = { formatted: value };
    // Stored as JSON text (federation); Cognito's ID token carries the array itself.
    else if (name === "identities") claims[name] = jsonArrayOr(value);
    else claims[name] = value;
  }
  return claims;
}
