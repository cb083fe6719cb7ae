import type { IncomingMessage } from "node:http";
import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { verifyAccessToken } from "../tokens/verify.js";
import type { DomainScope } from "./domainRouting.js";
import { OAuthError } from "./errors.js";

// What `profile`, `email` and `phone` add to the answer (OpenID Connect Core §5.4); custom attributes come with profile.
const PROFILE = [
  "name",
  "family_name",
  "given_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "updated_at",
];
const EMAIL = ["email", "email_verified"];
const PHONE = ["phone_number", "phone_number_verified"];

/**
 * GET or POST /oauth2/userInfo with a bearer access token from the token endpoint: the user's
 * attributes the token's scopes cover. Tokens without openid (every API-issued token) are refused.
 * Values are strings, as Cognito sends them (email_verified is "true").
 */
export async function userInfoEndpoint(
  ctx: OperationContext,
  req: IncomingMessage,
  scope: DomainScope,
): Promise<Record<string, string>> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!match) throw new OAuthError("invalid_request", 401, "Access token is missing");
  let verified;
  try {
    verified = await verifyAccessToken(ctx, match[1]!, "openid");
  } catch (thrown) {
    if (thrown instanceof CognitoError) throw new OAuthError("invalid_token", 401, thrown.message);
    throw thrown;
  }
  const { pool, user, claims } = verified;
  // Another pool's token is not this domain's; a deleted client's tokens read nothing.
  const client = await ctx.store.clients.get(pool.id, claims.client_id);
  if ((scope.poolId !== undefined && scope.poolId !== pool.id) || !client) {
    throw new OAuthError("invalid_token", 401, "Invalid Access Token");
  }
  const scopes = new Set(claims.scope.split(" "));
  return userInfoClaims(pool, client, user, scopes);
}

function userInfoClaims(
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  scopes: Set<string>,
): Record<string, string> {
  const readable = client.config.ReadAttributes as string[] | undefined;
  const canRead = (name: string) => !readable?.length || readable.includes(name);
  // openid alone: everything the client may read; with narrower scopes, just what they cover.
  const narrowed = scopes.has("profile") || scopes.has("email") || scopes.has("phone");
  const covered = new Set<string>([
    ...(scopes.has("profile") ? PROFILE : []),
    ...(scopes.has("email") ? EMAIL : []),
    ...(scopes.has("phone") ? PHONE : []),
  ]);
  const custom = new Set(
    ((pool.config.SchemaAttributes as SchemaAttributeType[] | undefined) ?? [])
      .map((a) => a.Name!)
      .filter((n) => n.startsWith("custom:")),
  );
  const answer: Record<string, string> = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === "sub" || name.startsWith("dev:") || !canRead(name)) continue;
    const inScope =
      !narrowed || covered.has(name) || (scopes.has("profile") && (custom.has(name) || name.startsWith("custom:")));
    if (inScope || name === "identities") answer[name] = value;
  }
  answer.username = user.username;
  return answer;
}
