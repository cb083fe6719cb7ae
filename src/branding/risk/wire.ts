import { isIP } from "node:net";
import type { RiskConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../../protocol/errors.js";
import { toEpochSeconds } from "../../common/time.js";
import type { Wire } from "../../common/wire.js";
import type { ResourceRecord } from "../../storage/types.js";

/** What ResourceKind.riskConfiguration stores: RiskConfigurationType without its date. */
export type RiskData = Omit<RiskConfigurationType, "LastModifiedDate">;
export type RiskRecord = ResourceRecord<RiskData>;

export const toRiskConfigurationType = (record: RiskRecord): Wire<RiskConfigurationType> => ({
  ...record.data,
  LastModifiedDate: toEpochSeconds(record.updatedAt),
});

/** An IPv4 or IPv6 range in CIDR notation, e.g. 192.0.2.0/24. */
export function isCidr(range: string): boolean {
  const [address, prefix, ...rest] = range.split("/");
  if (rest.length || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  const version = isIP(address!);
  if (version === 0) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

export function checkRiskInput(input: Omit<RiskData, "UserPoolId" | "ClientId">): void {
  const takeover = input.AccountTakeoverRiskConfiguration;
  if (takeover) {
    const actions = [takeover.Actions?.LowAction, takeover.Actions?.MediumAction, takeover.Actions?.HighAction];
    if (actions.some((a) => a?.Notify) && !takeover.NotifyConfiguration) {
      throw errors.invalidParameter("NotifyConfiguration is required when an account takeover action notifies users.");
    }
  }
  const exceptions = input.RiskExceptionConfiguration;
  for (const range of [...(exceptions?.BlockedIPRangeList ?? []), ...(exceptions?.SkippedIPRangeList ?? [])]) {
    if (!isCidr(range)) throw errors.invalidParameter(`${range} is not a valid IP range in CIDR notation.`);
  }
}
