import type { GetDeviceRequest, GetDeviceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { requireDevice, toDeviceType } from "./record.js";

export const getDevice = defineOperation<GetDeviceRequest, GetDeviceResponse>(
  "GetDevice",
  async (input, ctx) => {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken!);
    const record = await requireDevice(ctx, pool, user, input.DeviceKey!);
    return { Device: toDeviceType(input.DeviceKey!, record.data) } as unknown as GetDeviceResponse;
  },
  { readOnly: true },
);
