import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import { hasTrigger, invalidLambdaResponse, invokeTrigger, triggerFunction } from "./invoke.js";

export type TokenGenerationSource =
  | "TokenGeneration_HostedAuth"
  | "TokenGeneration_Authentication"
  | "TokenGeneration_NewPasswordChallenge"
  | "TokenGeneration_AuthenticateDevice"
  | "TokenGeneration_RefreshTokens"
  /** V3_0 only: access tokens of the client-credentials grant (no user, no ID token). */
  | "TokenGeneration_ClientCredentials";

/** The groups a token names: cognito:groups, cognito:roles and cognito:preferred_role. */
export interface TokenGroups {
  groups: string[];
  roles: string[];
  preferredRole?: string;
}

/** Claims to add or override, then claims to remove, in one token. */
export interface ClaimChanges {
  add: Record<string, unknown>;
  suppress: string[];
}

export interface AccessTokenChanges extends ClaimChanges {
  scopesToAdd: string[];
  scopesToSuppress: string[];
}

/** What the function decided, ready to apply to the claims issueTokens built. */
export interface TokenCustomization {
  /** Replaces the groups of both tokens (absent: the user's own groups stay). */
  groups?: TokenGroups;
  id: ClaimChanges;
  access: AccessTokenChanges;
}

const NO_CHANGES = (): AccessTokenChanges => ({ add: {}, suppress: [], scopesToAdd: [], scopesToSuppress: [] });

/** The event version a pool asked for: V1_0 (the default, and a plain PreTokenGeneration ARN), V2_0 or V3_0. */
export function preTokenGenerationVersion(pool: PoolRecord): 1 | 2 | 3 {
  const version = triggerFunction(pool, "PreTokenGeneration")?.version;
  return version === "V3_0" ? 3 : version === "V2_0" ? 2 : 1;
}

/**
 * The PreTokenGeneration trigger, before a user's ID and access tokens are signed (sign-in and
 * refresh). A V1_0 event may change the ID token's claims and the groups of both tokens; V2_0
 * and V3_0 events (version "2", "3") also change the access token's claims and scopes, and take
 * any JSON value as a claim. Claims Cognito reserves are left as Cognito set them. Undefined
 * when the pool has no such trigger.
 */
export async function preTokenGeneration(
  ctx: OperationContext,
  pool: PoolRecord,
  call: {
    triggerSource: TokenGenerationSource;
    userName: string;
    clientId: string;
    userAttributes: Record<string, string>;
    groups: TokenGroups;
    /** The access token's scopes before the function (V2_0 and V3_0 events carry them). */
    scopes: string[];
    clientMetadata?: Record<string, string>;
  },
): Promise<TokenCustomization | undefined> {
  if (!hasTrigger(pool, "PreTokenGeneration")) return undefined;
  const version = preTokenGenerationVersion(pool);
  // V1_0 and V2_0 functions never see the client-credentials grant: only V3_0 customises M2M tokens.
  if (call.triggerSource === "TokenGeneration_ClientCredentials" && version !== 3) return undefined;
  const groupConfiguration = {
    groupsToOverride: call.groups.groups,
    iamRolesToOverride: call.groups.roles,
    preferredRole: call.groups.preferredRole ?? null,
  };
  const details = version === 1 ? "claimsOverrideDetails" : "claimsAndScopeOverrideDetails";
  const response = await invokeTrigger(ctx, pool, "PreTokenGeneration", {
    triggerSource: call.triggerSource,
    userName: call.userName,
    clientId: call.clientId,
    version: String(version),
    request: {
      userAttributes: call.userAttributes,
      groupConfiguration,
      ...(version === 1 ? {} : { scopes: call.scopes }),
      ...(call.clientMetadata ? { clientMetadata: call.clientMetadata } : {}),
    },
    response: { [details]: null },
  });
  if (!response) return undefined;
  const answer = response[details];
  const customization: TokenCustomization = { id: NO_CHANGES(), access: NO_CHANGES() };
  if (answer === undefined || answer === null) return customization;
  const out = object(answer, details);
  if (!out) return customization;
  if ("groupOverrideDetails" in out) customization.groups = groupOverride(out.groupOverrideDetails);
  if (version === 1) {
    customization.id = claimChanges(out, details, "v1");
    return customization;
  }
  const id = object(out.idTokenGeneration, "idTokenGeneration");
  if (id) customization.id = claimChanges(id, "idTokenGeneration", "id");
  const access = object(out.accessTokenGeneration, "accessTokenGeneration");
  if (access) {
    customization.access = {
      ...claimChanges(access, "accessTokenGeneration", "access"),
      scopesToAdd: scopeList(access.scopesToAdd, "scopesToAdd"),
      scopesToSuppress: scopeList(access.scopesToSuppress, "scopesToSuppress"),
    };
  }
  return customization;
}

const invalid = (what: string) => invalidLambdaResponse(`Invalid lambda response: ${what}.`);

function object(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw invalid(`${name} must be a list of strings`);
  }
  return value as string[];
}

function scopeList(value: unknown, name: string): string[] {
  const scopes = stringList(value, name);
  // The scope claim is space-delimited: a scope with a space would read as two.
  if (scopes.some((s) => s === "" || /\s/.test(s))) throw invalid(`${name} cannot contain empty scopes or whitespace`);
  return scopes;
}

/**
 * groupOverrideDetails replaces the token's groups as a whole: what it leaves out (or an
 * empty or null object) is gone, so a function that keeps the groups copies groupConfiguration.
 */
function groupOverride(value: unknown): TokenGroups {
  const details = object(value, "groupOverrideDetails") ?? {};
  const preferred = details.preferredRole;
  if (preferred !== undefined && preferred !== null && typeof preferred !== "string") {
    throw invalid("preferredRole must be a string");
  }
  return {
    groups: stringList(details.groupsToOverride, "groupsToOverride"),
    roles: stringList(details.iamRolesToOverride, "iamRolesToOverride"),
    ...(preferred ? { preferredRole: preferred } : {}),
  };
}

// Standard claims whose type OIDC fixes: an ID token keeps them scalar even from a V2_0 function.
const SCALAR_ID_CLAIMS = new Set(["phone_number_verified", "email_verified", "updated_at", "address"]);

function claimChanges(details: Record<string, unknown>, name: string, token: "v1" | "id" | "access"): ClaimChanges {
  const add: Record<string, unknown> = {};
  const given = object(details.claimsToAddOrOverride, `${name}.claimsToAddOrOverride`) ?? {};
  for (const [claim, value] of Object.entries(given)) {
    if (value === undefined || value === null) continue;
    if (token === "v1") {
      // V1_0 claims are strings: scalars are written as text, anything else is refused.
      if (typeof value === "object") throw invalid(`the value of claim ${claim} must be a string`);
      add[claim] = String(value);
    } else {
      if (token === "id" && SCALAR_ID_CLAIMS.has(claim) && typeof value === "object") {
        throw invalid(`the value of claim ${claim} cannot be a complex object`);
      }
      add[claim] = value;
    }
  }
  return { add, suppress: stringList(details.claimsToSuppress, `${name}.claimsToSuppress`) };
}

// Claims Cognito sets itself in both tokens; a function's changes to them are not applied.
const RESERVED = new Set([
  "acr",
  "amr",
  "at_hash",
  "auth_time",
  "azp",
  "client_id",
  "device_key",
  "event_id",
  "exp",
  "iat",
  "identities",
  "iss",
  "jti",
  "nbf",
  "nonce",
  "origin_jti",
  "scope",
  "sub",
  "token_use",
  "username",
  "version",
]);
// The cognito: claims a function may change; the others (cognito:username) are Cognito's.
const EDITABLE_COGNITO = new Set(["cognito:groups", "cognito:roles", "cognito:preferred_role"]);

/** Whether a function may add, override or suppress `claim` in this token. */
function changeable(claim: string, token: "id" | "access"): boolean {
  if (RESERVED.has(claim)) return false;
  if (claim.startsWith("cognito:")) return EDITABLE_COGNITO.has(claim);
  // An ID token's aud is its client; an access token may name the client as aud (and only it).
  if (claim === "aud") return token === "access";
  return true;
}

/**
 * Applies a function's claim changes to the claims of one token, in place: additions and
 * overrides first, then suppressions (a claim both added and suppressed is suppressed). Changes
 * to reserved claims are not applied, as in Cognito; dev: attributes can be suppressed, never added.
 */
export function applyClaimChanges(
  claims: Record<string, unknown>,
  changes: ClaimChanges,
  token: "id" | "access",
  clientId: string,
): void {
  for (const [claim, value] of Object.entries(changes.add)) {
    if (!changeable(claim, token) || claim.startsWith("dev:")) continue;
    if (claim === "aud" && value !== clientId) continue;
    claims[claim] = value;
  }
  for (const claim of changes.suppress) {
    if (changeable(claim, token)) delete claims[claim];
  }
}

/** The access token's scope claim after scopesToSuppress and scopesToAdd (suppression wins); undefined when none is left. */
export function applyScopes(scopes: string[], changes: AccessTokenChanges): string | undefined {
  const suppressed = new Set(changes.scopesToSuppress);
  const result = [...new Set([...scopes, ...changes.scopesToAdd])].filter((s) => !suppressed.has(s));
  return result.length ? result.join(" ") : undefined;
}

/**
 * PreTokenGeneration for an access token of the client-credentials grant (M2M: the token
 * endpoint's client_credentials, GetClientToken), to be called by that grant once it exists:
 * only a V3_0 function sees TokenGeneration_ClientCredentials, and only its
 * accessTokenGeneration applies (no user, no ID token, no groups). Changes `claims` in place,
 * scope included. The event names no user: userName is the app client's id (an assumption:
 * the guide shows no such event), userAttributes is empty.
 */
export async function customizeClientCredentialsToken(
  ctx: OperationContext,
  pool: PoolRecord,
  clientId: string,
  claims: Record<string, unknown>,
  options: { scopes: string[]; clientMetadata?: Record<string, string> },
): Promise<void> {
  const custom = await preTokenGeneration(ctx, pool, {
    triggerSource: "TokenGeneration_ClientCredentials",
    userName: clientId,
    clientId,
    userAttributes: {},
    groups: { groups: [], roles: [] },
    scopes: options.scopes,
    ...(options.clientMetadata ? { clientMetadata: options.clientMetadata } : {}),
  });
  if (!custom) return;
  applyClaimChanges(claims, custom.access, "access", clientId);
  const scope = applyScopes(options.scopes, custom.access);
  if (scope === undefined) delete claims.scope;
  else claims.scope = scope;
}
