import type {
  LogConfigurationType,
  SetLogDeliveryConfigurationRequest,
  SetLogDeliveryConfigurationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../../protocol/errors.js";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import type { PoolRecord } from "../../storage/types.js";
import { ResourceKind } from "../../storage/kinds.js";
import type { LogDeliveryData } from "./getLogDeliveryConfiguration.js";

const DESTINATIONS = ["CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration"] as const;

/**
 * Notification logs are error-level and go to CloudWatch Logs only; user-activity logs are
 * info-level, come from threat protection and so need the Plus plan.
 */
function checkLogConfiguration(config: LogConfigurationType, pool: PoolRecord): void {
  const destinations = DESTINATIONS.filter((d) => config[d] !== undefined);
  if (destinations.length !== 1) {
    throw errors.invalidParameter(
      "Each log configuration must have exactly one of CloudWatchLogsConfiguration, S3Configuration or FirehoseConfiguration.",
    );
  }
  if (config.EventSource === "userNotification") {
    if (config.LogLevel !== "ERROR")
      throw errors.invalidParameter("userNotification logs support only LogLevel ERROR.");
    if (destinations[0] !== "CloudWatchLogsConfiguration") {
      throw errors.invalidParameter("userNotification logs can be delivered only to CloudWatch Logs.");
    }
  } else {
    if (config.LogLevel !== "INFO") throw errors.invalidParameter("userAuthEvents logs support only LogLevel INFO.");
    if (pool.config.UserPoolTier !== "PLUS") {
      throw errors.featureUnavailableInTier("userAuthEvents logs require the user pool to be on the PLUS tier.");
    }
  }
}

export const setLogDeliveryConfiguration = defineOperation<
  SetLogDeliveryConfigurationRequest,
  SetLogDeliveryConfigurationResponse
>("SetLogDeliveryConfiguration", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const configs = input.LogConfigurations ?? [];
  const sources = new Set(configs.map((c) => c.EventSource));
  if (sources.size !== configs.length) {
    throw errors.invalidParameter("Each EventSource can have only one log configuration.");
  }
  for (const config of configs) checkLogConfiguration(config, pool);
  // An empty list turns logging off; the pool then answers like one never configured.
  if (configs.length === 0) {
    await ctx.store.resources.delete(ResourceKind.logDelivery, pool.id, "pool");
    return { LogDeliveryConfiguration: { UserPoolId: pool.id } as LogDeliveryData };
  }
  const data: LogDeliveryData = { UserPoolId: pool.id, LogConfigurations: configs };
  const existing = await ctx.store.resources.get(ResourceKind.logDelivery, pool.id, "pool");
  await ctx.store.resources.put({
    kind: ResourceKind.logDelivery,
    scope: pool.id,
    key: "pool",
    data,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  });
  return { LogDeliveryConfiguration: data };
});
