import { randomUUID } from "node:crypto";
import type { CreateTermsRequest, CreateTermsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { requireClient } from "../lookup.js";
import { checkNameFree, toTermsType, type TermsRecord } from "./wire.js";

export const createTerms = defineOperation<CreateTermsRequest, CreateTermsResponse>(
  "CreateTerms",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    await checkNameFree(ctx, pool.id, client.clientId, input.TermsName!);
    const id = randomUUID();
    const record: TermsRecord = {
      kind: ResourceKind.terms,
      scope: pool.id,
      key: id,
      data: {
        TermsId: id,
        UserPoolId: pool.id,
        ClientId: client.clientId,
        TermsName: input.TermsName!,
        TermsSource: input.TermsSource!,
        Enforcement: input.Enforcement!,
        Links: input.Links ?? {},
      },
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await ctx.store.resources.put(record);
    return { Terms: toTermsType(record) } as unknown as CreateTermsResponse;
  },
);
