import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePoolByArn } from "./tags.js";

export const listTagsForResource = defineOperation<ListTagsForResourceRequest, ListTagsForResourceResponse>(
  "ListTagsForResource",
  async (input, ctx) => {
    await requirePoolByArn(ctx, input.ResourceArn!);
    return { Tags: await ctx.store.tags.get(input.ResourceArn!) };
  },
  { readOnly: true },
);
