import type { GetUserRequest, GetUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { toAttributeList } from "../users/wire.js";

export const getUser = defineOperation<GetUserRequest, GetUserResponse>("GetUser", async (input, ctx) => {
  const { user } = await verifyAccessToken(ctx, input.AccessToken!);
  return {
    Username: user.username,
    UserAttributes: toAttributeList(user),
    ...(user.mfaOptions?.length ? { MFAOptions: user.mfaOptions } : {}),
    ...(user.preferredMfaSetting ? { PreferredMfaSetting: user.preferredMfaSetting } : {}),
    ...(user.userMfaSettingList?.length ? { UserMFASettingList: user.userMfaSettingList } : {}),
  } as GetUserResponse;
});
