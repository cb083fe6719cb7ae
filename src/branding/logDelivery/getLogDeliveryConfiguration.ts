import type {
  GetLogDeliveryConfigurationRequest,
  GetLogDeliveryConfigurationResponse,
  LogDeliveryConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";

export type LogDeliveryData = LogDeliveryConfigurationType;

/** Without any log configuration the answer names only the pool (no LogConfigurations member). */
export const getLogDeliveryConfiguration = defineOperation<
  GetLogDeliveryConfigurationRequest,
  GetLogDeliveryConfigurationResponse
>(
  "GetLogDeliveryConfiguration",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await ctx.store.resources.get<LogDeliveryData>(ResourceKind.logDelivery, pool.id, "pool");
    return { LogDeliveryConfiguration: record?.data ?? ({ UserPoolId: pool.id } as LogDeliveryData) };
  },
  { readOnly: true },
);
