import type { GroupType } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../common/time.js";
import type { Wire } from "../common/wire.js";
import type { GroupRecord } from "../storage/types.js";

/** GroupType as every group operation answers it; unset members are left out, not null. */
export function toGroupType(group: GroupRecord): Wire<GroupType> {
  return {
    GroupName: group.name,
    UserPoolId: group.poolId,
    ...(group.description !== undefined ? { Description: group.description } : {}),
    ...(group.roleArn !== undefined ? { RoleArn: group.roleArn } : {}),
    ...(group.precedence !== undefined ? { Precedence: group.precedence } : {}),
    LastModifiedDate: toEpochSeconds(group.updatedAt),
    CreationDate: toEpochSeconds(group.createdAt),
  };
}
