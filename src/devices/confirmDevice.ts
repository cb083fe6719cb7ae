import type { ConfirmDeviceRequest, ConfirmDeviceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError, errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { tokenValidity } from "../tokens/issue.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { addToIndex, bindSignIn, deviceConfiguration, deviceNotFound, userDevice, writeDevice } from "./record.js";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Hex of a base64 value of DeviceSecretVerifierConfig (clients send the SRP numbers' bytes). */
function hexOf(value: string | undefined, name: string): string {
  const bytes = value && BASE64.test(value) ? Buffer.from(value, "base64") : Buffer.alloc(0);
  // An all-zero verifier or salt would make the device's proof trivial.
  if (!bytes.some((byte) => byte !== 0))
    throw errors.invalidParameter(`Invalid ${name} in DeviceSecretVerifierConfig.`);
  return bytes.toString("hex");
}

/**
 * Turns the device key a sign-in handed out in NewDeviceMetadata into a tracked device with
 * its SRP verifier. Remembered at once, unless the pool leaves that to the user
 * (DeviceOnlyRememberedOnUserPrompt): then UserConfirmationNecessary asks the app to prompt.
 * The sign-in whose access token confirms the device has its refresh token tied to it.
 */
export const confirmDevice = defineOperation<ConfirmDeviceRequest, ConfirmDeviceResponse>(
  "ConfirmDevice",
  async (input, ctx) => {
    const { pool, user, claims } = await verifyAccessToken(ctx, input.AccessToken!);
    const record = await userDevice(ctx, pool, user, input.DeviceKey!);
    if (!record) throw deviceNotFound();
    if (record.data.confirmed) throw new CognitoError("DeviceKeyExistsException", "Device key already exists.");
    const verifier = hexOf(input.DeviceSecretVerifierConfig?.PasswordVerifier, "PasswordVerifier");
    const salt = hexOf(input.DeviceSecretVerifierConfig?.Salt, "Salt");
    const promptUser = deviceConfiguration(pool)?.DeviceOnlyRememberedOnUserPrompt === true;
    await writeDevice(ctx, pool, input.DeviceKey!, {
      ...record.data,
      confirmed: true,
      verifier,
      salt,
      status: promptUser ? "not_remembered" : "remembered",
      ...(input.DeviceName !== undefined ? { name: input.DeviceName } : {}),
      lastModifiedAt: ctx.now,
      // The sign-in that received the key is the device's first authentication.
      lastAuthenticatedAt: record.data.lastAuthenticatedAt ?? record.data.createdAt,
    });
    await addToIndex(ctx, pool, user, input.DeviceKey!);
    const client = await ctx.store.clients.get(pool.id, claims.client_id);
    const signIn = claims.origin_jti ?? claims.event_id;
    if (client && signIn) {
      await bindSignIn(ctx, pool, signIn, input.DeviceKey!, ctx.now + tokenValidity(client).refresh * 1000);
    }
    return { UserConfirmationNecessary: promptUser };
  },
);
