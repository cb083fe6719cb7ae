import type { GlobalSignOutRequest, GlobalSignOutResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { saveUser } from "../users/save.js";

/**
 * Every token issued to the user before now is refused from now on (all devices, all clients).
 * The user's devices stay tracked and remembered: Cognito documents sign-out as ending tokens,
 * and only ForgetDevice as ending a device; the next sign-in on a remembered device still
 * answers DEVICE_SRP_AUTH instead of MFA.
 */
export const globalSignOut = defineOperation<GlobalSignOutRequest, GlobalSignOutResponse>(
  "GlobalSignOut",
  async (input, ctx) => {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken!);
    await saveUser(ctx, pool, { ...user, signedOutAt: ctx.now });
    return {} as GlobalSignOutResponse;
  },
);
