import type { AdminGetDeviceRequest, AdminGetDeviceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "../users/lookup.js";
import { requireDevice, toDeviceType } from "./record.js";

export const adminGetDevice = defineOperation<AdminGetDeviceRequest, AdminGetDeviceResponse>(
  "AdminGetDevice",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    const record = await requireDevice(ctx, pool, user, input.DeviceKey!);
    return { Device: toDeviceType(input.DeviceKey!, record.data) } as unknown as AdminGetDeviceResponse;
  },
  { readOnly: true },
);
