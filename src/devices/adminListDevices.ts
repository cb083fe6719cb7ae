import type { AdminListDevicesRequest, AdminListDevicesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "../users/lookup.js";
import { listUserDevices, toDeviceType } from "./record.js";

export const adminListDevices = defineOperation<AdminListDevicesRequest, AdminListDevicesResponse>(
  "AdminListDevices",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    const page = await listUserDevices(ctx, pool, user, input.Limit, input.PaginationToken);
    return {
      Devices: page.devices.map(([key, device]) => toDeviceType(key, device)),
      ...(page.next ? { PaginationToken: page.next } : {}),
    } as unknown as AdminListDevicesResponse;
  },
  { readOnly: true },
);
