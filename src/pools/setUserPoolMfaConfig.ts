import type {
  SetUserPoolMfaConfigRequest,
  SetUserPoolMfaConfigResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "./lookup.js";
import { anyMfaFactor, readMfaFactors, toMfaConfigResponse, writeMfaFactors, type PoolMfaFactors } from "./mfa.js";
import { withSnsRegion } from "./settings.js";

/**
 * Like Cognito, the MFA factors are rebuilt from the request: a factor left out is turned
 * off. WebAuthn is independent of MFA and kept when not given; so is MfaConfiguration.
 */
export const setUserPoolMfaConfig = defineOperation<SetUserPoolMfaConfigRequest, SetUserPoolMfaConfigResponse>(
  "SetUserPoolMfaConfig",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const previous = await readMfaFactors(ctx, pool);
    const mode = input.MfaConfiguration ?? (pool.config.MfaConfiguration as string | undefined) ?? "OFF";
    const sms = input.SmsMfaConfiguration;
    const email = input.EmailMfaConfiguration;
    const factors: PoolMfaFactors = {
      SoftwareTokenMfaConfiguration: { Enabled: input.SoftwareTokenMfaConfiguration?.Enabled ?? false },
      ...(email ? { EmailMfaConfiguration: email } : {}),
      ...((input.WebAuthnConfiguration ?? previous.WebAuthnConfiguration)
        ? { WebAuthnConfiguration: input.WebAuthnConfiguration ?? previous.WebAuthnConfiguration }
        : {}),
      SmsMfaEnabled: sms !== undefined,
    };

    if (mode === "OFF" && anyMfaFactor(factors)) {
      throw errors.invalidParameter(
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
      );
    }
    if (mode !== "OFF" && !anyMfaFactor(factors)) {
      throw errors.invalidParameter(
        "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
      );
    }
    const smsConfiguration = withSnsRegion(sms?.SmsConfiguration, pool.region) ?? pool.config.SmsConfiguration;
    if (sms && !smsConfiguration) {
      throw errors.invalidParameter("SMS configuration is required to turn on SMS MFA.");
    }
    if (email) {
      if (pool.config.UserPoolTier === "LITE") {
        throw errors.featureUnavailableInTier("Email MFA is not available in the LITE feature plan.");
      }
      const sendingAccount = (pool.config.EmailConfiguration as { EmailSendingAccount?: string } | undefined)
        ?.EmailSendingAccount;
      if (sendingAccount !== "DEVELOPER") {
        throw errors.invalidParameter("Email MFA requires an email configuration with the DEVELOPER sending account.");
      }
      if (email.Message !== undefined && !email.Message.includes("{####}")) {
        throw errors.invalidParameter("EmailMfaConfiguration Message must contain the {####} placeholder.");
      }
    }

    const config: Record<string, unknown> = { ...pool.config, MfaConfiguration: mode };
    if (sms) {
      config.SmsConfiguration = smsConfiguration;
      if (sms.SmsAuthenticationMessage !== undefined) config.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
    }
    pool.config = config;
    pool.updatedAt = ctx.now;
    await ctx.store.pools.update(pool);
    await writeMfaFactors(ctx, pool, factors);
    return toMfaConfigResponse(pool, factors);
  },
);
