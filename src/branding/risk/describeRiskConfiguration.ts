import type {
  DescribeRiskConfigurationRequest,
  DescribeRiskConfigurationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { ALL_CLIENTS, requireClient } from "../lookup.js";
import { toRiskConfigurationType, type RiskData } from "./wire.js";

/** A client without its own configuration inherits the pool's; with neither, only the ids. */
export const describeRiskConfiguration = defineOperation<
  DescribeRiskConfigurationRequest,
  DescribeRiskConfigurationResponse
>(
  "DescribeRiskConfiguration",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const clientId = input.ClientId ?? ALL_CLIENTS;
    if (clientId !== ALL_CLIENTS) await requireClient(ctx, pool, clientId);
    const get = (key: string) => ctx.store.resources.get<RiskData>(ResourceKind.riskConfiguration, pool.id, key);
    const record = (clientId !== ALL_CLIENTS ? await get(clientId) : undefined) ?? (await get(ALL_CLIENTS));
    const RiskConfiguration = record
      ? toRiskConfigurationType(record)
      : { UserPoolId: pool.id, ...(input.ClientId ? { ClientId: input.ClientId } : {}) };
    return { RiskConfiguration } as unknown as DescribeRiskConfigurationResponse;
  },
  { readOnly: true },
);
