import type { DeleteResourceServerRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";
import { requireResourceServer } from "./lookup.js";

export const deleteResourceServer = defineOperation<DeleteResourceServerRequest, Record<string, never>>(
  "DeleteResourceServer",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await requireResourceServer(ctx, pool, input.Identifier!);
    await ctx.store.resources.delete(ResourceKind.resourceServer, pool.id, record.key);
    return {};
  },
);
