import type { ForgetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { deviceNotFound, forgetDevice as forget, userDevice } from "./record.js";

/**
 * The device is no longer tracked: not listed, no device challenge, and refresh tokens tied to
 * it stop working (the device's sign-ins are signed out). The access token itself stays valid.
 */
export const forgetDevice = defineOperation<ForgetDeviceRequest, Record<string, never>>(
  "ForgetDevice",
  async (input, ctx) => {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken!);
    if (!(await userDevice(ctx, pool, user, input.DeviceKey!))) throw deviceNotFound();
    await forget(ctx, pool, user, input.DeviceKey!);
    return {};
  },
);
