import type {
  AdminUserGlobalSignOutRequest,
  AdminUserGlobalSignOutResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "../users/lookup.js";
import { saveUser } from "../users/save.js";

/** GlobalSignOut for any user: tokens end, devices stay (see globalSignOut.ts). */
export const adminUserGlobalSignOut = defineOperation<AdminUserGlobalSignOutRequest, AdminUserGlobalSignOutResponse>(
  "AdminUserGlobalSignOut",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    await saveUser(ctx, pool, { ...user, signedOutAt: ctx.now });
    return {} as AdminUserGlobalSignOutResponse;
  },
);
