import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { GroupRecord, PoolRecord } from "../storage/types.js";

/** The largest page any group listing returns, and the size it returns when Limit is absent or 0. */
export const MAX_GROUP_PAGE = 60;

export const pageLimit = (limit: number | undefined): number => (limit ? limit : MAX_GROUP_PAGE);

/** The group, or Cognito's ResourceNotFoundException. */
export async function requireGroup(ctx: OperationContext, pool: PoolRecord, name: string): Promise<GroupRecord> {
  const group = await ctx.store.groups.get(pool.id, name);
  if (!group) throw errors.resourceNotFound("Group not found.");
  return group;
}
