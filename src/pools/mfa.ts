import type {
  EmailMfaConfigType,
  GetUserPoolMfaConfigResponse,
  SmsConfigurationType,
  SoftwareTokenMfaConfigType,
  WebAuthnConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord } from "../storage/types.js";

/** The pool's MFA factor settings (ResourceKind.mfaConfig, key "pool"). SMS text and role live in the pool config. */
export interface PoolMfaFactors {
  SoftwareTokenMfaConfiguration?: SoftwareTokenMfaConfigType;
  EmailMfaConfiguration?: EmailMfaConfigType;
  WebAuthnConfiguration?: WebAuthnConfigurationType;
  /** Whether SMS is an MFA factor; the pool's SmsConfiguration alone does not say so. */
  SmsMfaEnabled?: boolean;
}

const MFA_KEY = "pool";

export async function readMfaFactors(ctx: OperationContext, pool: PoolRecord): Promise<PoolMfaFactors> {
  const record = await ctx.store.resources.get<PoolMfaFactors>(ResourceKind.mfaConfig, pool.id, MFA_KEY);
  if (record) return record.data;
  // Pools never given SetUserPoolMfaConfig: CreateUserPool/UpdateUserPool enable SMS MFA by sending an SMS role with MFA on.
  return { SmsMfaEnabled: pool.config.MfaConfiguration !== "OFF" && pool.config.SmsConfiguration !== undefined };
}

export async function writeMfaFactors(ctx: OperationContext, pool: PoolRecord, factors: PoolMfaFactors): Promise<void> {
  const existing = await ctx.store.resources.get(ResourceKind.mfaConfig, pool.id, MFA_KEY);
  await ctx.store.resources.put<PoolMfaFactors>({
    kind: ResourceKind.mfaConfig,
    scope: pool.id,
    key: MFA_KEY,
    data: factors,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  });
}

/** GetUserPoolMfaConfig's answer, also what SetUserPoolMfaConfig returns. */
export function toMfaConfigResponse(pool: PoolRecord, factors: PoolMfaFactors): GetUserPoolMfaConfigResponse {
  const smsConfiguration = pool.config.SmsConfiguration as SmsConfigurationType | undefined;
  return {
    ...(factors.SmsMfaEnabled && smsConfiguration
      ? {
          SmsMfaConfiguration: {
            ...(pool.config.SmsAuthenticationMessage !== undefined
              ? { SmsAuthenticationMessage: pool.config.SmsAuthenticationMessage as string }
              : {}),
            SmsConfiguration: smsConfiguration,
          },
        }
      : {}),
    SoftwareTokenMfaConfiguration: { Enabled: factors.SoftwareTokenMfaConfiguration?.Enabled ?? false },
    ...(factors.EmailMfaConfiguration ? { EmailMfaConfiguration: factors.EmailMfaConfiguration } : {}),
    MfaConfiguration: (pool.config.MfaConfiguration as GetUserPoolMfaConfigResponse["MfaConfiguration"]) ?? "OFF",
    WebAuthnConfiguration: {
      ...factors.WebAuthnConfiguration,
      UserVerification: factors.WebAuthnConfiguration?.UserVerification ?? "preferred",
    },
  };
}

/** Whether any MFA factor (SMS, authenticator app, email) is on; WebAuthn is separate from MFA. */
export const anyMfaFactor = (f: PoolMfaFactors) =>
  Boolean(f.SmsMfaEnabled || f.SoftwareTokenMfaConfiguration?.Enabled || f.EmailMfaConfiguration);
