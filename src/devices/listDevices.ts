import type { ListDevicesRequest, ListDevicesResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { listUserDevices, toDeviceType } from "./record.js";

export const listDevices = defineOperation<ListDevicesRequest, ListDevicesResponse>(
  "ListDevices",
  async (input, ctx) => {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken!);
    const page = await listUserDevices(ctx, pool, user, input.Limit, input.PaginationToken);
    return {
      Devices: page.devices.map(([key, device]) => toDeviceType(key, device)),
      ...(page.next ? { PaginationToken: page.next } : {}),
    } as unknown as ListDevicesResponse;
  },
  { readOnly: true },
);
