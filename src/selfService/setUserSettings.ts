import type { SetUserSettingsRequest, SetUserSettingsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { saveUser } from "../users/save.js";
import { signedIn } from "./access.js";
import { withMfaOptions } from "./mfaOptions.js";

export const setUserSettings = defineOperation<SetUserSettingsRequest, SetUserSettingsResponse>(
  "SetUserSettings",
  async (input, ctx) => {
    const { pool, user } = await signedIn(ctx, input.AccessToken!);
    await saveUser(ctx, pool, withMfaOptions(user, input.MFAOptions ?? []));
    return {} as SetUserSettingsResponse;
  },
);
