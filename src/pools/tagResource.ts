import type { TagResourceRequest, TagResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePoolByArn, writePoolTags } from "./tags.js";

export const tagResource = defineOperation<TagResourceRequest, TagResourceResponse>(
  "TagResource",
  async (input, ctx) => {
    const pool = await requirePoolByArn(ctx, input.ResourceArn!);
    const current = await ctx.store.tags.get(input.ResourceArn!);
    await writePoolTags(ctx, pool, { ...current, ...input.Tags });
    return {};
  },
);
