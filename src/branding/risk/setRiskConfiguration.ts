import type {
  SetRiskConfigurationRequest,
  SetRiskConfigurationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { ALL_CLIENTS, requireClient } from "../lookup.js";
import { checkRiskInput, toRiskConfigurationType, type RiskRecord } from "./wire.js";

/**
 * Replaces the pool's ("ALL") or one client's risk configuration. A request with no settings
 * resets it: the pool to defaults, a client to inheriting the pool's.
 */
export const setRiskConfiguration = defineOperation<SetRiskConfigurationRequest, SetRiskConfigurationResponse>(
  "SetRiskConfiguration",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const clientId = input.ClientId ?? ALL_CLIENTS;
    if (clientId !== ALL_CLIENTS) await requireClient(ctx, pool, clientId);
    checkRiskInput(input);
    const { CompromisedCredentialsRiskConfiguration, AccountTakeoverRiskConfiguration, RiskExceptionConfiguration } =
      input;
    const record: RiskRecord = {
      kind: ResourceKind.riskConfiguration,
      scope: pool.id,
      key: clientId,
      data: {
        UserPoolId: pool.id,
        ClientId: clientId,
        ...(CompromisedCredentialsRiskConfiguration ? { CompromisedCredentialsRiskConfiguration } : {}),
        ...(AccountTakeoverRiskConfiguration ? { AccountTakeoverRiskConfiguration } : {}),
        ...(RiskExceptionConfiguration ? { RiskExceptionConfiguration } : {}),
      },
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    const isReset =
      !CompromisedCredentialsRiskConfiguration && !AccountTakeoverRiskConfiguration && !RiskExceptionConfiguration;
    if (isReset && clientId !== ALL_CLIENTS) {
      await ctx.store.resources.delete(ResourceKind.riskConfiguration, pool.id, clientId);
    } else {
      await ctx.store.resources.put(record);
    }
    return { RiskConfiguration: toRiskConfigurationType(record) } as unknown as SetRiskConfigurationResponse;
  },
);
