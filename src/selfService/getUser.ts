import type { GetUserRequest, GetUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { toAttributeList } from "../users/wire.js";
import { signedIn } from "./access.js";

export const getUser = defineOperation<GetUserRequest, GetUserResponse>(
  "GetUser",
  async (input, ctx) => {
    const { user, client } = await signedIn(ctx, input.AccessToken!);
    // A client with ReadAttributes sees only those (and sub); without, everything.
    const readable = client?.config.ReadAttributes as string[] | undefined;
    const names = readable?.length
      ? Object.keys(user.attributes).filter((n) => n === "sub" || readable.includes(n))
      : undefined;
    return {
      Username: user.username,
      UserAttributes: toAttributeList(user, names),
      ...(user.mfaOptions?.length ? { MFAOptions: user.mfaOptions } : {}),
      ...(user.preferredMfaSetting ? { PreferredMfaSetting: user.preferredMfaSetting } : {}),
      ...(user.userMfaSettingList?.length ? { UserMFASettingList: user.userMfaSettingList } : {}),
    } as GetUserResponse;
  },
  { readOnly: true },
);
