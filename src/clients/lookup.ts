import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";

/** The pool's app client, or Cognito's ResourceNotFoundException (clients of other pools are invisible). */
export async function requireClient(ctx: OperationContext, pool: PoolRecord, clientId: string): Promise<ClientRecord> {
  const client = await ctx.store.clients.get(pool.id, clientId);
  if (!client) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return client;
}
