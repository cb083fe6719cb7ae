import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import { listAll } from "./lookup.js";

/**
 * Removes what this family keeps for one app client — UI customization, risk configuration,
 * its managed login style and its terms — when the client is deleted, so none outlives it.
 */
export async function forgetClient(ctx: OperationContext, poolId: string, clientId: string): Promise<void> {
  await ctx.store.resources.delete(ResourceKind.uiCustomization, poolId, clientId);
  await ctx.store.resources.delete(ResourceKind.riskConfiguration, poolId, clientId);
  for (const kind of [ResourceKind.managedLoginBranding, ResourceKind.terms]) {
    for (const record of await listAll<{ ClientId?: string }>(ctx, kind, poolId)) {
      if (record.data.ClientId === clientId) await ctx.store.resources.delete(kind, poolId, record.key);
    }
  }
}
