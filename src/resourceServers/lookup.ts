import type { ResourceServerScopeType, ResourceServerType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, ResourceRecord } from "../storage/types.js";

/** Cognito's quota of resource servers per user pool. */
export const MAX_RESOURCE_SERVERS = 25;

/** The resource server, or Cognito's ResourceNotFoundException. */
export async function requireResourceServer(
  ctx: OperationContext,
  pool: PoolRecord,
  identifier: string,
): Promise<ResourceRecord<ResourceServerType>> {
  const record = await ctx.store.resources.get<ResourceServerType>(ResourceKind.resourceServer, pool.id, identifier);
  if (!record) throw errors.resourceNotFound(`Resource server ${identifier} does not exist.`);
  return record;
}

/** Scope names identify scopes in access tokens (`identifier/name`), so one server cannot repeat a name. */
export function checkScopes(scopes: readonly ResourceServerScopeType[]): ResourceServerScopeType[] {
  const seen = new Set<string>();
  for (const scope of scopes) {
    if (seen.has(scope.ScopeName!)) {
      throw errors.invalidParameter(`Duplicate scope name: ${scope.ScopeName}. Scope names must be unique.`);
    }
    seen.add(scope.ScopeName!);
  }
  return scopes.map((scope) => ({ ScopeName: scope.ScopeName, ScopeDescription: scope.ScopeDescription }));
}

/** Stores the server as its wire shape (clients read its scopes when checking AllowedOAuthScopes). */
export async function saveResourceServer(
  ctx: OperationContext,
  server: ResourceServerType,
  createdAt: number,
): Promise<void> {
  await ctx.store.resources.put<ResourceServerType>({
    kind: ResourceKind.resourceServer,
    scope: server.UserPoolId!,
    key: server.Identifier!,
    data: server,
    createdAt,
    updatedAt: ctx.now,
  });
}
