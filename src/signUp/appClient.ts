import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";

/** The app client a client-side request names, and its pool (these requests carry no pool id). */
export async function requireAppClient(
  ctx: OperationContext,
  clientId: string,
): Promise<{ client: ClientRecord; pool: PoolRecord }> {
  const client = await ctx.store.clients.find(clientId);
  const pool = client && (await ctx.store.pools.get(client.poolId));
  if (!client || !pool) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return { client, pool };
}

/** PreventUserExistenceErrors ENABLED: unknown users must look like known ones. */
export const hidesUserExistence = (client: ClientRecord) => client.config.PreventUserExistenceErrors === "ENABLED";
