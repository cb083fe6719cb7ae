import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, ResourceRecord } from "../storage/types.js";

/** The app client, or ResourceNotFoundException (read directly: src/clients is another family's). */
export async function requireClient(ctx: OperationContext, pool: PoolRecord, clientId: string): Promise<ClientRecord> {
  const client = await ctx.store.clients.get(pool.id, clientId);
  if (!client) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return client;
}

/** Every record of a kind in a pool; these kinds hold a handful of documents per pool. */
export async function listAll<T>(ctx: OperationContext, kind: string, scope: string): Promise<ResourceRecord<T>[]> {
  const out: ResourceRecord<T>[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.store.resources.list<T>(kind, scope, { limit: 100, after });
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}

/** Pool-wide settings (UI customization, risk configuration) are keyed "ALL". */
export const ALL_CLIENTS = "ALL";
