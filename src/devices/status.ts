import type { DeviceRememberedStatusType } from "@aws-sdk/client-cognito-identity-provider";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { requireDevice, writeDevice } from "./record.js";

/**
 * UpdateDeviceStatus and AdminUpdateDeviceStatus: remembered or not_remembered. The device stays
 * tracked either way (listed, and proving itself at sign-in); only a remembered one skips MFA.
 */
export async function updateStatus(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string,
  status: DeviceRememberedStatusType | undefined,
): Promise<void> {
  const record = await requireDevice(ctx, pool, user, deviceKey);
  await writeDevice(ctx, pool, deviceKey, {
    ...record.data,
    ...(status ? { status } : {}),
    lastModifiedAt: ctx.now,
  });
}
