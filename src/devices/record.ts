import type { AttributeType, DeviceConfigurationType, DeviceType } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../common/time.js";
import type { Wire } from "../common/wire.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, ResourceRecord, UserRecord } from "../storage/types.js";

export type RememberedStatus = "remembered" | "not_remembered";

/**
 * One of a user's devices, stored under its device key. The SRP verifier and salt are secrets
 * of the identity provider: only the sign-in reads them; no answer or log carries them.
 */
export interface DeviceRecord {
  /** The stored username and sub of the owner (a user recreated under the name owns nothing). */
  username: string;
  sub: string;
  deviceGroupKey: string;
  /** Set by ConfirmDevice; until then the key was only handed out in NewDeviceMetadata. */
  confirmed: boolean;
  /** Hex, decoded from ConfirmDevice's base64 DeviceSecretVerifierConfig. */
  verifier?: string;
  salt?: string;
  status: RememberedStatus;
  name?: string;
  /** Epoch ms. */
  createdAt: number;
  lastModifiedAt: number;
  lastAuthenticatedAt?: number;
  /** The address of its latest sign-in (last_ip_used). */
  lastIp?: string;
}

/** The devices a user confirmed, oldest first: the resource slice has no per-user index of its own. */
interface DeviceIndex {
  deviceKeys: string[];
}

/** Which device a sign-in's tokens belong to (key: the sign-in's origin_jti), for refresh. */
export interface DeviceBinding {
  deviceKey: string;
}

const indexKey = (user: Pick<UserRecord, "sub">) => `user:${user.sub}`;
const bindingKey = (originJti: string) => `signin:${originJti}`;
// Device keys are `<region>_<uuid>`: never confused with the index and binding keys above.
const DEVICE_KEY = /^[\w-]+_[0-9a-f-]+$/;

export const deviceNotFound = () => errors.resourceNotFound("Device does not exist.");

/** The pool's DeviceConfiguration; Cognito tracks devices once any of its properties is set. */
export function deviceConfiguration(pool: PoolRecord): DeviceConfigurationType | undefined {
  const config = pool.config.DeviceConfiguration as DeviceConfigurationType | undefined | null;
  if (!config) return undefined;
  return config.ChallengeRequiredOnNewDevice !== undefined || config.DeviceOnlyRememberedOnUserPrompt !== undefined
    ? config
    : undefined;
}

export async function readDevice(
  ctx: OperationContext,
  pool: PoolRecord,
  deviceKey: string,
): Promise<ResourceRecord<DeviceRecord> | undefined> {
  if (!DEVICE_KEY.test(deviceKey)) return undefined;
  return ctx.store.resources.get<DeviceRecord>(ResourceKind.device, pool.id, deviceKey);
}

/** The user's device under that key, confirmed or not, or undefined. */
export async function userDevice(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string,
): Promise<ResourceRecord<DeviceRecord> | undefined> {
  const record = await readDevice(ctx, pool, deviceKey);
  return record && record.data.sub === user.sub ? record : undefined;
}

/** A confirmed device of the user, or ResourceNotFoundException as the device operations answer. */
export async function requireDevice(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string,
): Promise<ResourceRecord<DeviceRecord>> {
  const record = await userDevice(ctx, pool, user, deviceKey);
  if (!record || !record.data.confirmed) throw deviceNotFound();
  return record;
}

export async function writeDevice(
  ctx: OperationContext,
  pool: PoolRecord,
  deviceKey: string,
  data: DeviceRecord,
  expiresAt?: number,
): Promise<void> {
  await ctx.store.resources.put<DeviceRecord>({
    kind: ResourceKind.device,
    scope: pool.id,
    key: deviceKey,
    data,
    createdAt: data.createdAt,
    updatedAt: ctx.now,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  });
}

async function readIndex(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<string[]> {
  const record = await ctx.store.resources.get<DeviceIndex>(ResourceKind.device, pool.id, indexKey(user));
  return record?.data.deviceKeys ?? [];
}

async function writeIndex(ctx: OperationContext, pool: PoolRecord, user: UserRecord, keys: string[]): Promise<void> {
  if (keys.length === 0) {
    await ctx.store.resources.delete(ResourceKind.device, pool.id, indexKey(user));
    return;
  }
  await ctx.store.resources.put<DeviceIndex>({
    kind: ResourceKind.device,
    scope: pool.id,
    key: indexKey(user),
    data: { deviceKeys: keys },
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
}

export async function addToIndex(ctx: OperationContext, pool: PoolRecord, user: UserRecord, deviceKey: string) {
  const keys = await readIndex(ctx, pool, user);
  if (!keys.includes(deviceKey)) await writeIndex(ctx, pool, user, [...keys, deviceKey]);
}

/** Forgets a device: its record goes, and with it every refresh that names it. */
export async function forgetDevice(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string,
): Promise<void> {
  await ctx.store.resources.delete(ResourceKind.device, pool.id, deviceKey);
  const keys = await readIndex(ctx, pool, user);
  if (keys.includes(deviceKey))
    await writeIndex(
      ctx,
      pool,
      user,
      keys.filter((key) => key !== deviceKey),
    );
}

/** One page of the user's confirmed devices; the pagination token is the last device key answered. */
export async function listUserDevices(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  limit: number | undefined,
  token: string | undefined,
): Promise<{ devices: [string, DeviceRecord][]; next?: string }> {
  const keys = await readIndex(ctx, pool, user);
  let start = 0;
  if (token !== undefined) {
    const at = keys.indexOf(token);
    if (at < 0) throw errors.invalidParameter("Invalid pagination token.");
    start = at + 1;
  }
  // QueryLimitType allows 0 to 60; 0 or none means the most Cognito answers.
  const size = limit ? limit : 60;
  const devices: [string, DeviceRecord][] = [];
  let index = start;
  for (; index < keys.length && devices.length < size; index++) {
    const record = await readDevice(ctx, pool, keys[index]!);
    if (record && record.data.sub === user.sub && record.data.confirmed) devices.push([keys[index]!, record.data]);
  }
  return { devices, ...(index < keys.length && devices.length > 0 ? { next: devices.at(-1)![0] } : {}) };
}

/** Records which device a sign-in's tokens were issued to, for as long as its refresh token lives. */
export async function bindSignIn(
  ctx: OperationContext,
  pool: PoolRecord,
  originJti: string,
  deviceKey: string,
  expiresAt: number,
): Promise<void> {
  await ctx.store.resources.put<DeviceBinding>({
    kind: ResourceKind.device,
    scope: pool.id,
    key: bindingKey(originJti),
    data: { deviceKey },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt,
  });
}

export async function readBinding(
  ctx: OperationContext,
  pool: PoolRecord,
  originJti: string,
): Promise<DeviceBinding | undefined> {
  const record = await ctx.store.resources.get<DeviceBinding>(ResourceKind.device, pool.id, bindingKey(originJti));
  return record && (record.expiresAt ?? Infinity) > ctx.now ? record.data : undefined;
}

/** DeviceType as Cognito answers it: the status and name as attributes, dates in epoch seconds. */
export function toDeviceType(deviceKey: string, device: DeviceRecord): Wire<DeviceType> {
  const attributes: AttributeType[] = [
    { Name: "device_status", Value: "valid" },
    ...(device.name !== undefined ? [{ Name: "device_name", Value: device.name }] : []),
    { Name: "dev:device_remembered_status", Value: device.status },
    ...(device.lastIp !== undefined ? [{ Name: "last_ip_used", Value: device.lastIp }] : []),
  ];
  return {
    DeviceKey: deviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: toEpochSeconds(device.createdAt),
    DeviceLastModifiedDate: toEpochSeconds(device.lastModifiedAt),
    ...(device.lastAuthenticatedAt !== undefined
      ? { DeviceLastAuthenticatedDate: toEpochSeconds(device.lastAuthenticatedAt) }
      : {}),
  };
}

/**
 * Removes every device of a user (for the user-deletion path: AdminDeleteUser, DeleteUser).
 * Devices are matched by sub, so a recreated user never inherits them even without this.
 */
export async function deleteUserDevices(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<void> {
  for (const key of await readIndex(ctx, pool, user)) {
    await ctx.store.resources.delete(ResourceKind.device, pool.id, key);
  }
  await writeIndex(ctx, pool, user, []);
}
