import type { UserPoolDescriptionType, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../common/time.js";
import type { Wire } from "../common/wire.js";
import type { PoolRecord } from "../storage/types.js";
import { poolArn } from "./lookup.js";

export function toUserPoolType(pool: PoolRecord, estimatedNumberOfUsers: number): Wire<UserPoolType> {
  return {
    Id: pool.id,
    Name: pool.name,
    ...(pool.config as UserPoolType),
    LastModifiedDate: toEpochSeconds(pool.updatedAt),
    CreationDate: toEpochSeconds(pool.createdAt),
    EstimatedNumberOfUsers: estimatedNumberOfUsers,
    Arn: poolArn(pool),
  };
}

export function toUserPoolDescription(pool: PoolRecord): Wire<UserPoolDescriptionType> {
  return {
    Id: pool.id,
    Name: pool.name,
    LambdaConfig: (pool.config.LambdaConfig as UserPoolDescriptionType["LambdaConfig"]) ?? {},
    LastModifiedDate: toEpochSeconds(pool.updatedAt),
    CreationDate: toEpochSeconds(pool.createdAt),
  };
}
