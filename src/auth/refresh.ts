import { checkSecretHash } from "../clients/secretHash.js";
import { CognitoError, errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { ClientRecord, PoolRecord, ResourceRecord, UserRecord } from "../storage/types.js";
import {
  hashRefreshToken,
  issueTokens,
  type RefreshTokenRecord,
  type SignInRecord,
  type WireAuthenticationResult,
} from "../tokens/issue.js";
import { usernameKey } from "../users/lookup.js";
import { deviceConfiguration, readBinding, userDevice } from "../devices/record.js";

export const rotationEnabled = (client: ClientRecord) =>
  (client.config.RefreshTokenRotation as { Feature?: string } | undefined)?.Feature === "ENABLED";
const graceSeconds = (client: ClientRecord) =>
  (client.config.RefreshTokenRotation as { RetryGracePeriodSeconds?: number } | undefined)?.RetryGracePeriodSeconds ??
  0;

// Cognito's exact answer, period included (a botocore debug log in aws/aws-sdk-cpp#1789).
const invalidRefreshToken = () => errors.notAuthorized("Invalid Refresh Token.");
const revokedRefreshToken = () => errors.notAuthorized("Refresh Token has been revoked");

/** The stored record of a refresh token presented by `client`, checked for revocation and expiry. */
export async function readRefreshToken(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  token: string,
): Promise<ResourceRecord<RefreshTokenRecord>> {
  const record = await ctx.store.resources.get<RefreshTokenRecord>(
    ResourceKind.refreshToken,
    pool.id,
    hashRefreshToken(token),
  );
  if (!record) throw invalidRefreshToken();
  // Cognito's wording since 2022 (aws/aws-sdk-js#4016); it said "Invalid Refresh Token." before.
  if (record.data.clientId !== client.clientId) throw errors.notAuthorized("Refresh Token has different Client");
  if (record.data.revoked) throw revokedRefreshToken();
  if (record.data.replacedUntil !== undefined && record.data.replacedUntil <= ctx.now) {
    throw new CognitoError("RefreshTokenReuseException", "Refresh token has already been rotated.");
  }
  if (record.data.expiresAt <= ctx.now) throw errors.notAuthorized("Refresh Token has expired");
  return record;
}

/**
 * New id and access tokens for a refresh token (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken).
 * `rotate` issues a new refresh token and retires the presented one after the client's grace period.
 * `checkSecret` checks the client's secret or SECRET_HASH once the token's user is known.
 */
export async function refreshTokens(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  token: string,
  options: {
    rotate: boolean;
    checkSecret: (usernames: string[]) => void;
    /** AuthParameters.DEVICE_KEY of REFRESH_TOKEN_AUTH, DeviceKey of GetTokensFromRefreshToken. */
    deviceKey?: string;
  },
): Promise<WireAuthenticationResult> {
  const record = await readRefreshToken(ctx, pool, client, token);
  const data = record.data;
  options.checkSecret([data.username, data.sub]);

  const signIn = await ctx.store.resources.get<SignInRecord>(ResourceKind.tokenRevocation, pool.id, data.originJti);
  if (!signIn || signIn.data.revoked) throw revokedRefreshToken();
  const user = await ctx.store.users.get(pool.id, usernameKey(pool, data.username));
  if (!user || user.sub !== data.sub) throw errors.notAuthorized("User does not exist.");
  if (!user.enabled) throw errors.notAuthorized("User is disabled.");
  if (user.signedOutAt !== undefined && signIn.data.issuedAt <= user.signedOutAt) throw revokedRefreshToken();
  await checkDevice(ctx, pool, user, data.originJti, signIn.data, options.deviceKey);

  // The session's lifetime is fixed at sign-in: a rotated refresh token inherits the expiry.
  const result = await issueTokens(ctx, {
    pool,
    client,
    user,
    originJti: data.originJti,
    withRefresh: options.rotate,
    refreshExpiresAt: data.expiresAt,
  });
  if (options.rotate && data.replacedUntil === undefined) {
    await ctx.store.resources.put<RefreshTokenRecord>({
      ...record,
      data: { ...data, replacedUntil: ctx.now + graceSeconds(client) * 1000 },
      updatedAt: ctx.now,
    });
  }
  return result;
}

/**
 * With device tracking, a sign-in's tokens belong to its device: the refresh must name that
 * device, and it must still be tracked (ForgetDevice ends its sessions). Cognito answers every
 * mismatch as an invalid refresh token. A sign-in is tied to its device when ConfirmDevice or
 * the device's own proof bound it, or when the device it names (device_key) is confirmed; a
 * sign-in whose device was never confirmed (or that predates device tracking) refreshes without one.
 */
async function checkDevice(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  originJti: string,
  signIn: SignInRecord,
  given: string | undefined,
): Promise<void> {
  if (!deviceConfiguration(pool)) return;
  const binding = (await readBinding(ctx, pool, originJti))?.deviceKey;
  const bound = binding ?? signIn.deviceKey;
  if (bound === undefined) return;
  const device = await userDevice(ctx, pool, user, bound);
  // A device handed out with the tokens but never confirmed ties nothing.
  if (binding === undefined && !device?.data.confirmed) return;
  if (given !== bound || !device || !device.data.confirmed) throw invalidRefreshToken();
}

/**
 * SECRET_HASH for a refresh: Cognito's clients hash the username or the sub, so either is
 * accepted; without a secret nothing is checked.
 */
export function secretHashChecker(client: ClientRecord, secretHash: string | undefined, given?: string) {
  return (usernames: string[]) => {
    if (client.secrets.length === 0) return;
    let failure: unknown;
    for (const name of given ? [given, ...usernames] : usernames) {
      try {
        checkSecretHash(client, name, secretHash);
        return;
      } catch (err) {
        failure ??= err;
      }
    }
    throw failure;
  };
}
