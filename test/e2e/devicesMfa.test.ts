import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminUpdateDeviceStatusCommand,
  ConfirmDeviceCommand,
  RespondToAuthChallengeCommand,
  type DeviceConfigurationType,
  type RespondToAuthChallengeCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { useCognate, type TestCognate } from "../helpers/cognate.js";
import { devicePasswordVerifier, deviceSrpAuth, makeDeviceVerifier, srpSignIn } from "../helpers/devices.js";
import { lastMessage, mfaPool, mfaUser, PASSWORD } from "../helpers/mfa.js";

/** A pool with MFA ON by SMS and the device settings, and a user with a verified phone. */
async function smsMfaPool(t: TestCognate, DeviceConfiguration: DeviceConfigurationType, username: string) {
  const ids = await mfaPool(t, "ON", ["SMS"], { pool: { DeviceConfiguration } });
  await mfaUser(t, ids.poolId, username, { phone_number: "+15555550123", phone_number_verified: "true" });
  return ids;
}

async function answerSms(
  t: TestCognate,
  poolId: string,
  clientId: string,
  username: string,
  challenge: RespondToAuthChallengeCommandOutput,
) {
  assert.equal(challenge.ChallengeName, "SMS_MFA");
  const { code } = await lastMessage(t, poolId, username);
  return t.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "SMS_MFA",
      Session: challenge.Session!,
      ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: code! },
    }),
  );
}

/** First sign-in on a new device: password, SMS code, then NewDeviceMetadata, confirmed. */
async function rememberAfterMfa(t: TestCognate, poolId: string, clientId: string, username: string) {
  const challenge = await srpSignIn(t.client, poolId, clientId, username, PASSWORD);
  const done = await answerSms(t, poolId, clientId, username, challenge);
  const metadata = done.AuthenticationResult!.NewDeviceMetadata!;
  assert.ok(metadata, "the sign-in that passed MFA hands out a device key");
  const { secrets, config } = makeDeviceVerifier(metadata.DeviceKey!, metadata.DeviceGroupKey!);
  await t.client.send(
    new ConfirmDeviceCommand({
      AccessToken: done.AuthenticationResult!.AccessToken!,
      DeviceKey: metadata.DeviceKey!,
      DeviceSecretVerifierConfig: config,
    }),
  );
  return secrets;
}

async function deviceSignIn(
  t: TestCognate,
  poolId: string,
  clientId: string,
  username: string,
  device: ReturnType<typeof makeDeviceVerifier>["secrets"],
) {
  const first = await srpSignIn(t.client, poolId, clientId, username, PASSWORD, device.deviceKey);
  assert.equal(first.ChallengeName, "DEVICE_SRP_AUTH", "the device is challenged before MFA");
  const { helper, response } = await deviceSrpAuth(t.client, clientId, first.Session!, username, device);
  return devicePasswordVerifier(t.client, clientId, helper, response, device);
}

describe("remembered devices and MFA", () => {
  const t = useCognate();

  it("ChallengeRequiredOnNewDevice: a remembered device signs in without MFA; a not-remembered one still gets it", async () => {
    const { poolId, clientId } = await smsMfaPool(
      t,
      { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      "alice",
    );
    const device = await rememberAfterMfa(t, poolId, clientId, "alice");

    const remembered = await deviceSignIn(t, poolId, clientId, "alice", device);
    assert.equal(remembered.ChallengeName, undefined);
    assert.ok(remembered.AuthenticationResult?.AccessToken, "tokens straight after the device proof");

    await t.client.send(
      new AdminUpdateDeviceStatusCommand({
        UserPoolId: poolId,
        Username: "alice",
        DeviceKey: device.deviceKey,
        DeviceRememberedStatus: "not_remembered",
      }),
    );
    const tracked = await deviceSignIn(t, poolId, clientId, "alice", device);
    const done = await answerSms(t, poolId, clientId, "alice", tracked);
    assert.ok(done.AuthenticationResult?.AccessToken);
    assert.equal(done.AuthenticationResult?.NewDeviceMetadata, undefined, "the device is known");
  });

  it("without ChallengeRequiredOnNewDevice, even a remembered device answers MFA", async () => {
    const { poolId, clientId } = await smsMfaPool(
      t,
      { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
      "bob",
    );
    const device = await rememberAfterMfa(t, poolId, clientId, "bob");
    const afterDevice = await deviceSignIn(t, poolId, clientId, "bob", device);
    const done = await answerSms(t, poolId, clientId, "bob", afterDevice);
    assert.ok(done.AuthenticationResult?.AccessToken);
  });
});
