import type {
  SetUserMFAPreferenceRequest,
  SetUserMFAPreferenceResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { signedIn } from "../selfService/access.js";
import { setMfaPreference } from "./preference.js";

export const setUserMfaPreference = defineOperation<SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse>(
  "SetUserMFAPreference",
  async (input, ctx) => {
    const { pool, user } = await signedIn(ctx, input.AccessToken!);
    await setMfaPreference(ctx, pool, user, input);
    return {};
  },
);
