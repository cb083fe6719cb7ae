import type { OperationContext } from "../protocol/operation.js";
import type { ResourceRecord } from "../storage/types.js";

export { requireClient } from "../clients/lookup.js";

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
