import type {
  AdminUpdateDeviceStatusRequest,
  AdminUpdateDeviceStatusResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "../users/lookup.js";
import { updateStatus } from "./status.js";

export const adminUpdateDeviceStatus = defineOperation<AdminUpdateDeviceStatusRequest, AdminUpdateDeviceStatusResponse>(
  "AdminUpdateDeviceStatus",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    await updateStatus(ctx, pool, user, input.DeviceKey!, input.DeviceRememberedStatus);
    return {};
  },
);
