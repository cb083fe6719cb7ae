import type { UpdateUserPoolRequest, UpdateUserPoolResponse } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "./lookup.js";
import { anyMfaFactor, readMfaFactors, writeMfaFactors } from "./mfa.js";
import { buildSettings, REBUILT_SETTINGS } from "./settings.js";
import { writePoolTags } from "./tags.js";

/**
 * Cognito resets every setting the request leaves out to its default. The pool's identity
 * (id, schema, sign-in attributes), its domains and its feature plan (unless a new one is
 * given) survive; tags are replaced only when UserPoolTags is given.
 */
export const updateUserPool = defineOperation<UpdateUserPoolRequest, UpdateUserPoolResponse>(
  "UpdateUserPool",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    // Tags are not a setting: buildSettings is given none and they are replaced only when sent.
    const settings = buildSettings(
      {
        ...input,
        UserPoolTags: undefined,
        UserPoolTier: input.UserPoolTier ?? (pool.config.UserPoolTier as UpdateUserPoolRequest["UserPoolTier"]),
      },
      pool.region,
    );

    const previous = await readMfaFactors(ctx, pool);
    const mfaOn = settings.MfaConfiguration !== "OFF";
    const factors = mfaOn
      ? { ...previous, SmsMfaEnabled: input.SmsConfiguration !== undefined }
      : { ...(previous.WebAuthnConfiguration ? { WebAuthnConfiguration: previous.WebAuthnConfiguration } : {}) };
    if (mfaOn && !anyMfaFactor(factors)) {
      throw errors.invalidParameter(
        "SMS configuration and Auto verification for phone_number are required when MFA is required/optional",
      );
    }

    const kept = Object.fromEntries(Object.entries(pool.config).filter(([key]) => !REBUILT_SETTINGS.includes(key)));
    pool.config = { ...kept, ...settings };
    if (input.PoolName !== undefined) pool.name = input.PoolName;
    pool.updatedAt = ctx.now;
    await ctx.store.pools.update(pool);
    await writeMfaFactors(ctx, pool, factors);
    if (input.UserPoolTags !== undefined) await writePoolTags(ctx, pool, input.UserPoolTags);
    return {};
  },
);
