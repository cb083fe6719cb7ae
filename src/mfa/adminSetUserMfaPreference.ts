import type {
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../pools/lookup.js";
import { defineOperation } from "../protocol/operation.js";
import { requireUser } from "../users/lookup.js";
import { setMfaPreference } from "./preference.js";

export const adminSetUserMfaPreference = defineOperation<
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse
>("AdminSetUserMFAPreference", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const user = await requireUser(ctx, pool, input.Username!);
  await setMfaPreference(ctx, pool, user, input);
  return {};
});
