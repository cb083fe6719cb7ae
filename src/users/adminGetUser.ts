import type { AdminGetUserRequest, AdminGetUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { toEpochSeconds } from "../common/time.js";
import { requireUser } from "./lookup.js";
import { toAttributeList } from "./wire.js";

export const adminGetUser = defineOperation<AdminGetUserRequest, AdminGetUserResponse>(
  "AdminGetUser",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    return {
      Username: user.username,
      UserAttributes: toAttributeList(user),
      UserCreateDate: toEpochSeconds(user.createdAt),
      UserLastModifiedDate: toEpochSeconds(user.updatedAt),
      Enabled: user.enabled,
      UserStatus: user.status,
      ...(user.mfaOptions?.length ? { MFAOptions: user.mfaOptions } : {}),
      ...(user.preferredMfaSetting ? { PreferredMfaSetting: user.preferredMfaSetting } : {}),
      ...(user.userMfaSettingList?.length ? { UserMFASettingList: user.userMfaSettingList } : {}),
    } as unknown as AdminGetUserResponse;
  },
  { readOnly: true },
);
