import type { UpdateDeviceStatusRequest, UpdateDeviceStatusResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { updateStatus } from "./status.js";

export const updateDeviceStatus = defineOperation<UpdateDeviceStatusRequest, UpdateDeviceStatusResponse>(
  "UpdateDeviceStatus",
  async (input, ctx) => {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken!);
    await updateStatus(ctx, pool, user, input.DeviceKey!, input.DeviceRememberedStatus);
    return {};
  },
);
