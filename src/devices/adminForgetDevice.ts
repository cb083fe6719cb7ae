import type { AdminForgetDeviceRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "../users/lookup.js";
import { deviceNotFound, forgetDevice, userDevice } from "./record.js";

/** ForgetDevice for any user of the pool (see forgetDevice.ts for what forgetting ends). */
export const adminForgetDevice = defineOperation<AdminForgetDeviceRequest, Record<string, never>>(
  "AdminForgetDevice",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    if (!(await userDevice(ctx, pool, user, input.DeviceKey!))) throw deviceNotFound();
    await forgetDevice(ctx, pool, user, input.DeviceKey!);
    return {};
  },
);
