import type { CreateUserPoolRequest, CreateUserPoolResponse } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { newUserPoolId } from "../common/ids.js";
import type { PoolRecord } from "../storage/types.js";
import { poolArn } from "./lookup.js";
import { buildSchema, buildSettings } from "./settings.js";
import { toUserPoolType } from "./wire.js";

export const createUserPool = defineOperation<CreateUserPoolRequest, CreateUserPoolResponse>(
  "CreateUserPool",
  async (input, ctx) => {
    if (input.UsernameAttributes?.length && input.AliasAttributes?.length) {
      throw errors.invalidParameter("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
    }
    // Only SMS can be an MFA factor at creation; the others come with SetUserPoolMfaConfig.
    if ((input.MfaConfiguration ?? "OFF") !== "OFF" && !input.SmsConfiguration) {
      throw errors.invalidParameter(
        "SMS configuration and Auto verification for phone_number are required when MFA is required/optional",
      );
    }
    const pool: PoolRecord = {
      id: newUserPoolId(ctx.region),
      name: input.PoolName!,
      accountId: ctx.accountId,
      region: ctx.region,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      config: {
        ...buildSettings(input, ctx.region),
        SchemaAttributes: buildSchema(input.Schema),
        ...(input.AliasAttributes ? { AliasAttributes: input.AliasAttributes } : {}),
        ...(input.UsernameAttributes ? { UsernameAttributes: input.UsernameAttributes } : {}),
        ...(input.UsernameConfiguration ? { UsernameConfiguration: input.UsernameConfiguration } : {}),
      },
    };
    await ctx.store.pools.insert(pool);
    if (input.UserPoolTags && Object.keys(input.UserPoolTags).length) {
      await ctx.store.tags.set(poolArn(pool), input.UserPoolTags);
    }
    return { UserPool: toUserPoolType(pool, 0) } as unknown as CreateUserPoolResponse;
  },
);
