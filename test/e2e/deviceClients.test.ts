import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  type DeviceConfigurationType,
  type DeviceType,
} from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import { fetchDevices, forgetDevice, rememberDevice, signIn, signOut } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { ConsoleLogger } from "aws-amplify/utils";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { appPool, MapKeyValueStorage, MapSyncStorage } from "../helpers/amplify.js";
import { useCognate, type TestCognate } from "../helpers/cognate.js";

ConsoleLogger.LOG_LEVEL = "ERROR";

const PASSWORD = "Secret-Pass1";

async function poolWithUser(t: TestCognate, DeviceConfiguration: DeviceConfigurationType, username: string) {
  const { poolId, clientId } = await appPool(t, { DeviceConfiguration });
  await t.client.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS" }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }),
  );
  return { poolId, clientId };
}

const attribute = (device: DeviceType, name: string) => device.DeviceAttributes?.find((a) => a.Name === name)?.Value;

function call<T>(fn: (cb: (err: Error | null | undefined, result?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result as T))));
}

/** authenticateUser, resolving with the session and the library's userConfirmationNecessary flag. */
function authenticate(user: CognitoUser): Promise<{ session: CognitoUserSession; confirmationNecessary?: boolean }> {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: PASSWORD }), {
      onSuccess: (session, confirmationNecessary) => resolve({ session, confirmationNecessary }),
      onFailure: reject,
    });
  });
}

describe("amazon-cognito-identity-js with remembered devices", () => {
  const t = useCognate();

  it("confirms the device, remembers it on the user's word, and signs in again through DEVICE_SRP_AUTH", async () => {
    const { poolId, clientId } = await poolWithUser(
      t,
      { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      "alice",
    );
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
    const user = new CognitoUser({ Username: "alice", Pool: pool, Storage: storage });

    // The library confirms the new device itself and reports that the user must be asked.
    const first = await authenticate(user);
    assert.equal(first.confirmationNecessary, true);
    const keyItem = `CognitoIdentityServiceProvider.${clientId}.alice.deviceKey`;
    const deviceKey = storage.getItem(keyItem);
    assert.match(deviceKey ?? "", /^us-east-1_[0-9a-f-]{36}$/);

    assert.equal(
      await call<string>((cb) => user.setDeviceStatusRemembered({ onSuccess: (r) => cb(null, r), onFailure: cb })),
      "SUCCESS",
    );
    const before = (
      await t.client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: "alice", DeviceKey: deviceKey! }))
    ).Device!;
    assert.equal(attribute(before, "dev:device_remembered_status"), "remembered");

    // A later sign-in on this device: the library answers DEVICE_SRP_AUTH with its cached secret.
    const again = new CognitoUser({ Username: "alice", Pool: pool, Storage: storage });
    const second = await authenticate(again);
    assert.ok(second.session.isValid());
    assert.equal(storage.getItem(keyItem), deviceKey, "no new device key");
    const { Devices } = await t.client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "alice" }));
    assert.equal(Devices!.length, 1);
    assert.ok(
      Devices![0]!.DeviceLastAuthenticatedDate! > before.DeviceLastAuthenticatedDate!,
      "the device proved itself",
    );

    // The library's device calls.
    const listed = await call<{ Devices: DeviceType[] }>((cb) =>
      again.listDevices(10, null, { onSuccess: (r) => cb(null, r), onFailure: cb }),
    );
    assert.deepEqual(
      listed.Devices.map((d) => d.DeviceKey),
      [deviceKey],
    );
    const got = await call<{ Device: DeviceType }>((cb) =>
      again.getDevice({ onSuccess: (r) => cb(null, r as unknown as { Device: DeviceType }), onFailure: cb }),
    );
    assert.equal(got.Device.DeviceKey, deviceKey);
    assert.equal(
      await call<string>((cb) => again.forgetDevice({ onSuccess: (r) => cb(null, r), onFailure: cb })),
      "SUCCESS",
    );
    assert.equal(storage.getItem(keyItem), null);
    const after = await t.client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "alice" }));
    assert.deepEqual(after.Devices, []);
  });

  it("a forgotten device: the library drops its key on ResourceNotFoundException and signs in as a new device", async () => {
    const { poolId, clientId } = await poolWithUser(
      t,
      { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      "bob",
    );
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
    const first = await authenticate(new CognitoUser({ Username: "bob", Pool: pool, Storage: storage }));
    assert.notEqual(first.confirmationNecessary, true);
    const keyItem = `CognitoIdentityServiceProvider.${clientId}.bob.deviceKey`;
    const oldKey = storage.getItem(keyItem)!;
    const { Devices } = await t.client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "bob" }));
    assert.equal(attribute(Devices![0]!, "dev:device_remembered_status"), "remembered");

    const { AdminForgetDeviceCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    await t.client.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: "bob", DeviceKey: oldKey }));
    const second = await authenticate(new CognitoUser({ Username: "bob", Pool: pool, Storage: storage }));
    assert.ok(second.session.isValid());
    const newKey = storage.getItem(keyItem);
    assert.ok(newKey && newKey !== oldKey, "a new device was confirmed");
  });
});

describe("Amplify v6 with a remembered device", () => {
  const t = useCognate();
  // Amplify names the device after navigator.userAgent, which Node 20 lacks (it then skips ConfirmDevice).
  before(() => {
    if (!("navigator" in globalThis)) {
      Object.defineProperty(globalThis, "navigator", {
        value: { userAgent: "Cognate test (Node)" },
        configurable: true,
      });
    }
  });

  it("signIn confirms the device, rememberDevice, and the next signIn passes the device challenge", async () => {
    const { poolId, clientId } = await poolWithUser(
      t,
      { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      "carol",
    );
    Amplify.configure({
      Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: t.url } },
    });
    const storage = new MapKeyValueStorage();
    cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);

    assert.deepEqual(await signIn({ username: "carol", password: PASSWORD }), {
      isSignedIn: true,
      nextStep: { signInStep: "DONE" },
    });
    const deviceKey = [...storage.items].find(([key]) => key.endsWith(".deviceKey"))?.[1];
    assert.match(deviceKey ?? "", /^us-east-1_[0-9a-f-]{36}$/);
    await rememberDevice();
    const devices = await fetchDevices();
    assert.deepEqual(
      devices.map((d) => d.id),
      [deviceKey],
    );
    const before = (
      await t.client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: "carol", DeviceKey: deviceKey! }))
    ).Device!;
    assert.equal(attribute(before, "dev:device_remembered_status"), "remembered");

    await signOut();
    assert.deepEqual(await signIn({ username: "carol", password: PASSWORD }), {
      isSignedIn: true,
      nextStep: { signInStep: "DONE" },
    });
    const after = (
      await t.client.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: "carol", DeviceKey: deviceKey! }))
    ).Device!;
    assert.ok(after.DeviceLastAuthenticatedDate! > before.DeviceLastAuthenticatedDate!, "the device proved itself");
    const listed = await t.client.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "carol" }));
    assert.equal(listed.Devices!.length, 1, "no second device");

    await forgetDevice();
    assert.deepEqual(await fetchDevices(), []);
    await signOut();
  });
});
