import { randomUUID } from "node:crypto";
import type { ResourceServerType } from "@aws-sdk/client-cognito-identity-provider";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { tokenValidity } from "../tokens/issue.js";
import { issuerFor } from "../tokens/issuer.js";
import { signingKeys, signJwt } from "../tokens/keys.js";
import { customizeClientCredentialsToken } from "../triggers/preTokenGeneration.js";
import type { AuthenticatedClient } from "./clientAuth.js";
import { oauthError } from "./errors.js";

export interface ClientCredentialsResponse {
  access_token: string;
  expires_in: number;
  token_type: "Bearer";
}

/**
 * grant_type=client_credentials: an access token for the app client itself (M2M). Only a
 * confidential client whose OAuth flows are client_credentials may ask. `scope` narrows the
 * token to some of the client's custom scopes; without it the token carries all of them.
 */
export async function clientCredentialsGrant(
  ctx: OperationContext,
  { pool, client, secret }: AuthenticatedClient,
  form: Map<string, string>,
): Promise<ClientCredentialsResponse> {
  const flows = (client.config.AllowedOAuthFlows as string[] | undefined) ?? [];
  if (!secret || client.config.AllowedOAuthFlowsUserPoolClient !== true || !flows.includes("client_credentials")) {
    throw oauthError("unauthorized_client");
  }
  const scopes = await grantedScopes(ctx, pool, client, form.get("scope"));

  const validity = tokenValidity(client).access;
  const iat = Math.floor(ctx.now / 1000);
  // The claims, in their order, of Cognito's M2M access tokens: the client is the subject, there is no user.
  const claims: Record<string, unknown> = {
    sub: client.clientId,
    token_use: "access",
    scope: scopes.join(" "),
    auth_time: iat,
    iss: issuerFor(ctx.config, pool),
    exp: iat + validity,
    iat,
    version: 2,
    jti: randomUUID(),
    client_id: client.clientId,
  };
  await customizeClientCredentialsToken(ctx, pool, client.clientId, claims, { scopes });
  const keys = await signingKeys(ctx, pool.id);
  return { access_token: signJwt(keys.access, claims), expires_in: validity, token_type: "Bearer" };
}

/**
 * The requested scopes, each of which must be a custom scope the client allows and whose
 * resource server still defines it; without `scope`, every such scope of the client. A token
 * with no scope at all is never issued.
 */
async function grantedScopes(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  requested: string | undefined,
): Promise<string[]> {
  const allowed = (client.config.AllowedOAuthScopes as string[] | undefined) ?? [];
  const custom: string[] = [];
  for (const scope of allowed) if (await resourceServerDefines(ctx, pool, scope)) custom.push(scope);
  if (requested === undefined || requested.trim() === "") {
    if (custom.length === 0) throw oauthError("invalid_scope");
    return custom;
  }
  const asked = [...new Set(requested.split(/\s+/).filter(Boolean))];
  if (asked.some((s) => !custom.includes(s))) throw oauthError("invalid_scope");
  return asked;
}

/** Custom scopes are `<resource server identifier>/<scope name>`; identifiers may contain slashes, names may not. */
async function resourceServerDefines(ctx: OperationContext, pool: PoolRecord, scope: string): Promise<boolean> {
  const slash = scope.lastIndexOf("/");
  if (slash <= 0) return false;
  const server = await ctx.store.resources.get<ResourceServerType>(
    ResourceKind.resourceServer,
    pool.id,
    scope.slice(0, slash),
  );
  return !!server?.data.Scopes?.some((s) => s.ScopeName === scope.slice(slash + 1));
}
