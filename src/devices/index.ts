import type { OperationDefinition } from "../protocol/operation.js";
import { adminForgetDevice } from "./adminForgetDevice.js";
import { adminGetDevice } from "./adminGetDevice.js";
import { adminListDevices } from "./adminListDevices.js";
import { adminUpdateDeviceStatus } from "./adminUpdateDeviceStatus.js";
import { confirmDevice } from "./confirmDevice.js";
import { forgetDevice } from "./forgetDevice.js";
import { getDevice } from "./getDevice.js";
import { listDevices } from "./listDevices.js";
import { updateDeviceStatus } from "./updateDeviceStatus.js";

/** Remembered devices: confirmation, listing, status and forgetting. One file an operation. */
export const deviceOperations: OperationDefinition<never, unknown>[] = [
  confirmDevice,
  listDevices,
  getDevice,
  updateDeviceStatus,
  forgetDevice,
  adminListDevices,
  adminGetDevice,
  adminUpdateDeviceStatus,
  adminForgetDevice,
];
