import type {
  AdminSetUserSettingsRequest,
  AdminSetUserSettingsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "../users/lookup.js";
import { saveUser } from "../users/save.js";
import { withMfaOptions } from "./mfaOptions.js";

export const adminSetUserSettings = defineOperation<AdminSetUserSettingsRequest, AdminSetUserSettingsResponse>(
  "AdminSetUserSettings",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    await saveUser(ctx, pool, withMfaOptions(user, input.MFAOptions ?? []));
    return {} as AdminSetUserSettingsResponse;
  },
);
