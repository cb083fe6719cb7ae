import { randomBytes, randomUUID } from "node:crypto";
import type { ChallengeNameType, NewDeviceMetadataType } from "@aws-sdk/client-cognito-identity-provider";
import { completeSignIn, type FirstFactor } from "../auth/completeSignIn.js";
import { requireParameter } from "../auth/client.js";
import { checkUserCanSignIn, incorrectPassword, type AuthOutcome } from "../auth/passwordSignIn.js";
import { secretHashChecker } from "../auth/refresh.js";
import { closeSession, invalidSession, openSession, readSession } from "../auth/session.js";
import { newSecretBlock, parseClientPublic, parseSrpTimestamp, startSrp, verifySrp } from "../auth/srp/index.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { tokenValidity } from "../tokens/issue.js";
import { usernameKey } from "../users/lookup.js";
import {
  bindSignIn,
  deviceConfiguration,
  deviceNotFound,
  userDevice,
  writeDevice,
  type DeviceRecord,
} from "./record.js";

/**
 * The DEVICE_SRP_AUTH challenge that follows a correct password when DEVICE_KEY names one of
 * the user's confirmed devices; undefined when the sign-in goes on without a device challenge.
 * A key the user has no device under is ResourceNotFoundException: Cognito's clients
 * (amazon-cognito-identity-js, Amplify) then drop their stored key and answer again without it.
 */
export async function deviceChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey: string | undefined,
  /** What the sign-in has proved so far: carried through the device's challenges, so that its first factor decides on MFA after them. */
  factor: FirstFactor["factor"] = "PASSWORD_SRP",
): Promise<AuthOutcome | undefined> {
  if (!deviceKey || !deviceConfiguration(pool)) return undefined;
  const record = await userDevice(ctx, pool, user, deviceKey);
  if (!record) throw deviceNotFound();
  // Not confirmed yet: nothing to prove the device with.
  if (!record.data.confirmed || !record.data.verifier) return undefined;
  // The device proved itself in this very request (DEVICE_PASSWORD_VERIFIER, then MFA or tokens).
  if (record.data.lastAuthenticatedAt === ctx.now) return undefined;
  const session = await openSession(ctx, pool, client, "DEVICE_SRP_AUTH", user.username, { deviceKey, factor });
  return { ChallengeName: "DEVICE_SRP_AUTH", Session: session, ChallengeParameters: {} };
}

/**
 * NewDeviceMetadata for the AuthenticationResult, when the pool tracks devices and this sign-in
 * used no device of the user's. The device is stored unconfirmed: ConfirmDevice (with the
 * user's access token) makes it a tracked device; until then it is not listed, and it is
 * dropped once no refresh token of the sign-in could still name it.
 */
export async function newDeviceMetadata(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey: string | undefined,
): Promise<NewDeviceMetadataType | undefined> {
  if (!deviceConfiguration(pool)) return undefined;
  if (deviceKey && (await userDevice(ctx, pool, user, deviceKey))) return undefined;
  const region = pool.id.slice(0, pool.id.indexOf("_"));
  const key = `${region}_${randomUUID()}`;
  // Cognito's group keys look like "-AbCdEfGh1": a dash and random letters and digits.
  const groupKey = `-${randomBytes(12).toString("base64").replace(/[+/=]/g, "").slice(0, 9)}`;
  const device: DeviceRecord = {
    username: user.username,
    sub: user.sub,
    deviceGroupKey: groupKey,
    confirmed: false,
    status: "not_remembered",
    createdAt: ctx.now,
    lastModifiedAt: ctx.now,
    ...(ctx.sourceIp ? { lastIp: ctx.sourceIp } : {}),
  };
  await writeDevice(ctx, pool, key, device, ctx.now + tokenValidity(client).refresh * 1000);
  return { DeviceKey: key, DeviceGroupKey: groupKey };
}

/** Answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER. */
export async function respondDeviceChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  challenge: ChallengeNameType,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  return challenge === "DEVICE_SRP_AUTH"
    ? startDeviceSrp(ctx, pool, client, session, responses)
    : respondDevicePasswordVerifier(ctx, pool, client, session, responses);
}

/** DEVICE_SRP_AUTH: the device sends SRP_A; the answer is the device's salt, B and a secret block. */
async function startDeviceSrp(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  return ctx.store.transaction(async () => {
    const open = await readSession(ctx, pool, client, session, "DEVICE_SRP_AUTH");
    const username = requireParameter(responses, "USERNAME");
    const deviceKey = requireParameter(responses, "DEVICE_KEY");
    const A = requireParameter(responses, "SRP_A");
    secretHashChecker(client, responses.SECRET_HASH, username)([open.username]);
    if (parseClientPublic(A) === undefined) throw errors.invalidParameter("Invalid SRP_A");
    const user = await ctx.store.users.get(pool.id, usernameKey(pool, open.username));
    if (!user) throw invalidSession();
    const device = deviceKey === open.state?.deviceKey ? await userDevice(ctx, pool, user, deviceKey) : undefined;
    if (!device || !device.data.confirmed || !device.data.verifier || !device.data.salt) throw deviceNotFound();
    const { b, B } = startSrp(device.data.verifier);
    const secretBlock = newSecretBlock();
    await closeSession(ctx, pool, session!);
    const next = await openSession(ctx, pool, client, "DEVICE_PASSWORD_VERIFIER", user.username, {
      deviceKey,
      ...(open.state?.factor ? { factor: open.state.factor } : {}),
      A,
      b,
      B,
      secretBlock,
    });
    return {
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      Session: next,
      ChallengeParameters: {
        DEVICE_KEY: deviceKey,
        SALT: device.data.salt,
        SECRET_BLOCK: secretBlock,
        SRP_B: B,
        USERNAME: user.username,
      },
    };
  });
}

/**
 * DEVICE_PASSWORD_VERIFIER: the device's claim is checked like a password claim, with the
 * device group key in place of the pool name and the device key in place of the username.
 * Then the sign-in goes on; a remembered device stands in for MFA when the pool says so.
 */
async function respondDevicePasswordVerifier(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  const open = await readSession(ctx, pool, client, session, "DEVICE_PASSWORD_VERIFIER");
  const username = requireParameter(responses, "USERNAME");
  const deviceKey = requireParameter(responses, "DEVICE_KEY");
  const signature = requireParameter(responses, "PASSWORD_CLAIM_SIGNATURE");
  const secretBlock = requireParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const timestamp = requireParameter(responses, "TIMESTAMP");
  secretHashChecker(client, responses.SECRET_HASH, username)([open.username]);
  if (parseSrpTimestamp(timestamp) === undefined) throw errors.invalidParameter("TIMESTAMP format is invalid.");
  const state = open.state ?? {};
  const user = await ctx.store.users.get(pool.id, usernameKey(pool, open.username));
  if (!user) throw invalidSession();
  checkUserCanSignIn(user);
  const device = deviceKey === state.deviceKey ? await userDevice(ctx, pool, user, deviceKey) : undefined;
  if (!device || !device.data.confirmed || !device.data.verifier) throw deviceNotFound();
  const correct =
    secretBlock === state.secretBlock &&
    verifySrp({
      poolName: device.data.deviceGroupKey,
      userIdForSrp: deviceKey,
      salt: device.data.salt ?? "",
      verifier: device.data.verifier,
      A: state.A ?? "",
      b: state.b ?? "",
      B: state.B ?? "",
      secretBlock: state.secretBlock ?? "",
      timestamp,
      signature,
    });
  if (!correct) {
    await ctx.store.transaction(() => closeSession(ctx, pool, session!));
    throw incorrectPassword();
  }
  return ctx.store.transaction(async () => {
    // Read again inside the transaction: each session answers once.
    await readSession(ctx, pool, client, session, "DEVICE_PASSWORD_VERIFIER");
    await closeSession(ctx, pool, session!);
    const current = (await userDevice(ctx, pool, user, deviceKey)) ?? device;
    await writeDevice(
      ctx,
      pool,
      deviceKey,
      { ...current.data, lastAuthenticatedAt: ctx.now, ...(ctx.sourceIp ? { lastIp: ctx.sourceIp } : {}) },
      current.expiresAt,
    );
    const remembered = current.data.status === "remembered";
    // ChallengeRequiredOnNewDevice: only then may a remembered device sign in without MFA.
    const skipsMfa = remembered && deviceConfiguration(pool)?.ChallengeRequiredOnNewDevice === true;
    const outcome = await completeSignIn(ctx, pool, client, user, {
      factor: (state.factor as FirstFactor["factor"] | undefined) ?? "PASSWORD_SRP",
      deviceKey,
      deviceAuthenticated: skipsMfa,
    });
    const accessToken = outcome.AuthenticationResult?.AccessToken;
    const signIn = accessToken ? signInOf(accessToken) : undefined;
    if (signIn) await bindSignIn(ctx, pool, signIn, deviceKey, ctx.now + tokenValidity(client).refresh * 1000);
    return outcome;
  });
}

/**
 * The sign-in (origin_jti, or event_id for clients without revocation, where it is the same id)
 * of an access token issued in this request: only its payload is read, the token is our own.
 */
export function signInOf(accessToken: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      origin_jti?: unknown;
      event_id?: unknown;
    };
    const id = claims.origin_jti ?? claims.event_id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
