import type { UntagResourceRequest, UntagResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePoolByArn, writePoolTags } from "./tags.js";

/** Keys the pool does not have are ignored. */
export const untagResource = defineOperation<UntagResourceRequest, UntagResourceResponse>(
  "UntagResource",
  async (input, ctx) => {
    const pool = await requirePoolByArn(ctx, input.ResourceArn!);
    const remove = new Set(input.TagKeys ?? []);
    const current = await ctx.store.tags.get(input.ResourceArn!);
    await writePoolTags(ctx, pool, Object.fromEntries(Object.entries(current).filter(([key]) => !remove.has(key))));
    return {};
  },
);
