import type {
  DescribeTermsByClientRequest,
  DescribeTermsByClientResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../../protocol/errors.js";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { listAll, requireClient } from "../lookup.js";
import { toTermsType, type TermsData } from "./wire.js";

/** Terms by app client and name (each client has at most one document of a name). */
export const describeTermsByClient = defineOperation<DescribeTermsByClientRequest, DescribeTermsByClientResponse>(
  "DescribeTermsByClient",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    const all = await listAll<TermsData>(ctx, ResourceKind.terms, pool.id);
    const record = all.find((t) => t.data.ClientId === client.clientId && t.data.TermsName === input.TermsName);
    if (!record)
      throw errors.resourceNotFound(`Terms ${input.TermsName} do not exist for app client ${client.clientId}.`);
    return { Terms: toTermsType(record) } as unknown as DescribeTermsByClientResponse;
  },
  { readOnly: true },
);
