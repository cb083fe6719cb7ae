import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeJwt } from "jose";
import { ResourceKind } from "../../src/storage/kinds.js";
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateDeviceStatusCommand,
  AdminUserGlobalSignOutCommand,
  ConfirmDeviceCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  UpdateDeviceStatusCommand,
  type DeviceConfigurationType,
  type DeviceType,
  type ExplicitAuthFlowsType,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";
import {
  devicePasswordVerifier,
  deviceSrpAuth,
  makeDeviceVerifier,
  srpSignIn,
  type DeviceSecrets,
} from "../helpers/devices.js";

const PASSWORD = "Corr3ct-horse!";

interface Setup {
  poolId: string;
  clientId: string;
  rotatingClientId: string;
}

async function setup(t: TestCognate, DeviceConfiguration?: DeviceConfigurationType): Promise<Setup> {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "devices", ...(DeviceConfiguration ? { DeviceConfiguration } : {}) }),
  );
  const poolId = UserPool!.Id!;
  const flows: ExplicitAuthFlowsType[] = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ];
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ExplicitAuthFlows: flows }),
  );
  const rotating = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "rotating",
      ExplicitAuthFlows: flows,
      RefreshTokenRotation: { Feature: "ENABLED" },
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId!, rotatingClientId: rotating.UserPoolClient!.ClientId! };
}

async function addUser(t: TestCognate, poolId: string, username: string): Promise<void> {
  await t.client.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS" }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }),
  );
}

/** Signs in over SRP on a new device and confirms it as amazon-cognito-identity-js does. */
async function rememberNewDevice(
  t: TestCognate,
  s: Setup,
  username: string,
  name = "test-device",
): Promise<{ device: DeviceSecrets; accessToken: string; refreshToken: string; confirmation: boolean }> {
  const signIn = await srpSignIn(t.client, s.poolId, s.clientId, username, PASSWORD);
  const result = signIn.AuthenticationResult!;
  const metadata = result.NewDeviceMetadata!;
  assert.ok(metadata, "a sign-in without a device key gets NewDeviceMetadata");
  const { secrets, config } = makeDeviceVerifier(metadata.DeviceKey!, metadata.DeviceGroupKey!);
  const confirmed = await t.client.send(
    new ConfirmDeviceCommand({
      AccessToken: result.AccessToken!,
      DeviceKey: metadata.DeviceKey!,
      DeviceSecretVerifierConfig: config,
      DeviceName: name,
    }),
  );
  return {
    device: secrets,
    accessToken: result.AccessToken!,
    refreshToken: result.RefreshToken!,
    confirmation: confirmed.UserConfirmationNecessary!,
  };
}

/** USER_SRP_AUTH with the device key, through DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER. */
async function signInWithDevice(t: TestCognate, s: Setup, username: string, device: DeviceSecrets) {
  const first = await srpSignIn(t.client, s.poolId, s.clientId, username, PASSWORD, device.deviceKey);
  assert.equal(first.ChallengeName, "DEVICE_SRP_AUTH");
  const { helper, response } = await deviceSrpAuth(t.client, s.clientId, first.Session!, username, device);
  return devicePasswordVerifier(t.client, s.clientId, helper, response, device);
}

const attribute = (device: DeviceType, name: string) => device.DeviceAttributes?.find((a) => a.Name === name)?.Value;

describe("remembered devices", () => {
  const t = useCognate();

  it("a pool without DeviceConfiguration hands out no device keys", async () => {
    const s = await setup(t);
    await addUser(t, s.poolId, "plain");
    const signIn = await srpSignIn(t.client, s.poolId, s.clientId, "plain", PASSWORD);
    assert.ok(signIn.AuthenticationResult?.AccessToken);
    assert.equal(signIn.AuthenticationResult?.NewDeviceMetadata, undefined);
    // A DEVICE_KEY the client makes up is not signed into its tokens.
    const withKey = await srpSignIn(t.client, s.poolId, s.clientId, "plain", PASSWORD, "us-east-1_made-up<key>");
    assert.equal(decodeJwt(withKey.AuthenticationResult!.AccessToken!).device_key, undefined);
  });

  it("NewDeviceMetadata → ConfirmDevice → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "alice");

    const signIn = await srpSignIn(t.client, s.poolId, s.clientId, "alice", PASSWORD);
    const metadata = signIn.AuthenticationResult!.NewDeviceMetadata!;
    // Cognito's device keys are <region>_<uuid>.
    assert.match(metadata.DeviceKey!, /^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.ok(metadata.DeviceGroupKey);
    const accessToken = signIn.AuthenticationResult!.AccessToken!;

    // Not tracked until confirmed.
    assert.deepEqual((await t.client.send(new ListDevicesCommand({ AccessToken: accessToken }))).Devices, []);
    const unconfirmed = await errorOf(() =>
      t.client.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: metadata.DeviceKey! })),
    );
    assert.equal(unconfirmed.name, "ResourceNotFoundException");
    assert.equal(unconfirmed.message, "Device does not exist.");

    const { secrets, config } = makeDeviceVerifier(metadata.DeviceKey!, metadata.DeviceGroupKey!);
    const confirmed = await t.client.send(
      new ConfirmDeviceCommand({
        AccessToken: accessToken,
        DeviceKey: metadata.DeviceKey!,
        DeviceSecretVerifierConfig: config,
        DeviceName: "alice's laptop",
      }),
    );
    // DeviceOnlyRememberedOnUserPrompt false: remembered at once, nothing to ask the user.
    assert.equal(confirmed.UserConfirmationNecessary, false);

    const { Devices } = await t.client.send(new ListDevicesCommand({ AccessToken: accessToken }));
    assert.equal(Devices!.length, 1);
    const listed = Devices![0]!;
    assert.equal(listed.DeviceKey, metadata.DeviceKey);
    assert.equal(attribute(listed, "device_name"), "alice's laptop");
    assert.equal(attribute(listed, "dev:device_remembered_status"), "remembered");
    assert.equal(attribute(listed, "device_status"), "valid");
    assert.equal(attribute(listed, "last_ip_used"), "127.0.0.1", "the address of the sign-in that got the key");
    assert.ok(listed.DeviceCreateDate instanceof Date);
    assert.ok(listed.DeviceLastModifiedDate instanceof Date);
    assert.ok(listed.DeviceLastAuthenticatedDate instanceof Date);
    // The verifier is the identity provider's secret: in no answer.
    const answers = JSON.stringify([
      Devices,
      await t.client.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: metadata.DeviceKey! })),
      await t.client.send(
        new AdminGetDeviceCommand({ UserPoolId: s.poolId, Username: "alice", DeviceKey: metadata.DeviceKey! }),
      ),
    ]);
    const verifierHex = Buffer.from(config.PasswordVerifier, "base64").toString("hex");
    assert.ok(!answers.includes(config.PasswordVerifier) && !answers.includes(verifierHex.slice(2, 40)));

    // The next sign-in from this device proves it instead of getting a new key.
    const first = await srpSignIn(t.client, s.poolId, s.clientId, "alice", PASSWORD, secrets.deviceKey);
    assert.equal(first.ChallengeName, "DEVICE_SRP_AUTH");
    assert.ok(first.Session);
    assert.equal(first.AuthenticationResult, undefined);
    const { helper, response } = await deviceSrpAuth(t.client, s.clientId, first.Session!, "alice", secrets);
    assert.equal(response.ChallengeName, "DEVICE_PASSWORD_VERIFIER");
    assert.ok(response.Session);
    const parameters = response.ChallengeParameters!;
    assert.equal(parameters.DEVICE_KEY, secrets.deviceKey);
    assert.equal(parameters.USERNAME, "alice");
    assert.match(parameters.SALT!, /^[0-9a-f]+$/);
    assert.match(parameters.SRP_B!, /^[0-9a-f]+$/);
    assert.ok(parameters.SECRET_BLOCK);
    const done = await devicePasswordVerifier(t.client, s.clientId, helper, response, secrets);
    assert.ok(done.AuthenticationResult?.AccessToken);
    assert.ok(done.AuthenticationResult?.RefreshToken);
    assert.equal(done.AuthenticationResult?.NewDeviceMetadata, undefined, "a known device gets no new key");
    // Access tokens name the device: the new one at the first sign-in, the proved one after.
    assert.equal(decodeJwt(accessToken).device_key, metadata.DeviceKey);
    assert.equal(decodeJwt(done.AuthenticationResult!.AccessToken!).device_key, secrets.deviceKey);
    assert.equal(decodeJwt(done.AuthenticationResult!.IdToken!).device_key, undefined);

    const after = await t.client.send(
      new AdminGetDeviceCommand({ UserPoolId: s.poolId, Username: "alice", DeviceKey: secrets.deviceKey }),
    );
    assert.ok(after.Device!.DeviceLastAuthenticatedDate! >= listed.DeviceLastAuthenticatedDate!);
  });

  it("a wrong device proof is NotAuthorizedException, and the session is spent", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "bob");
    const { device } = await rememberNewDevice(t, s, "bob");

    const first = await srpSignIn(t.client, s.poolId, s.clientId, "bob", PASSWORD, device.deviceKey);
    const { helper, response } = await deviceSrpAuth(t.client, s.clientId, first.Session!, "bob", device);
    const wrong = await errorOf(() =>
      devicePasswordVerifier(t.client, s.clientId, helper, response, device, "not-the-device-password"),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");
    const again = await errorOf(() => devicePasswordVerifier(t.client, s.clientId, helper, response, device));
    assert.equal(again.name, "NotAuthorizedException");
    assert.match(again.message, /session/);

    // The DEVICE_SRP_AUTH session answers once too.
    const second = await srpSignIn(t.client, s.poolId, s.clientId, "bob", PASSWORD, device.deviceKey);
    await deviceSrpAuth(t.client, s.clientId, second.Session!, "bob", device);
    const reused = await errorOf(() => deviceSrpAuth(t.client, s.clientId, second.Session!, "bob", device));
    assert.equal(reused.name, "NotAuthorizedException");

    // And the right proof still works on a fresh sign-in.
    const ok = await signInWithDevice(t, s, "bob", device);
    assert.ok(ok.AuthenticationResult?.AccessToken);
  });

  it("a device key the user has no device under is ResourceNotFoundException 'Device does not exist.'", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "carol");
    await addUser(t, s.poolId, "dave");
    const { device } = await rememberNewDevice(t, s, "dave");
    for (const key of ["us-east-1_00000000-0000-0000-0000-000000000000", device.deviceKey]) {
      const err = await errorOf(() => srpSignIn(t.client, s.poolId, s.clientId, "carol", PASSWORD, key));
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "Device does not exist.");
    }
    // Without the key (what the client libraries retry with), the sign-in goes through.
    const retry = await srpSignIn(t.client, s.poolId, s.clientId, "carol", PASSWORD);
    assert.ok(retry.AuthenticationResult?.NewDeviceMetadata);
  });

  it("ConfirmDevice: unknown key, another user's key, twice, and a missing verifier", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "erin");
    await addUser(t, s.poolId, "frank");
    const erin = await srpSignIn(t.client, s.poolId, s.clientId, "erin", PASSWORD);
    const frank = await srpSignIn(t.client, s.poolId, s.clientId, "frank", PASSWORD);
    const erinKey = erin.AuthenticationResult!.NewDeviceMetadata!;
    const { config } = makeDeviceVerifier(erinKey.DeviceKey!, erinKey.DeviceGroupKey!);
    const confirm = (AccessToken: string, DeviceKey: string, verifier = config) =>
      t.client.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: verifier }));

    const unknown = await errorOf(() =>
      confirm(erin.AuthenticationResult!.AccessToken!, "us-east-1_11111111-2222-3333-4444-555555555555"),
    );
    assert.equal(unknown.name, "ResourceNotFoundException");
    const foreign = await errorOf(() => confirm(frank.AuthenticationResult!.AccessToken!, erinKey.DeviceKey!));
    assert.equal(foreign.name, "ResourceNotFoundException");
    const noVerifier = await errorOf(() =>
      t.client.send(
        new ConfirmDeviceCommand({
          AccessToken: erin.AuthenticationResult!.AccessToken!,
          DeviceKey: erinKey.DeviceKey!,
        }),
      ),
    );
    assert.equal(noVerifier.name, "InvalidParameterException");

    const ok = await confirm(erin.AuthenticationResult!.AccessToken!, erinKey.DeviceKey!);
    assert.equal(ok.UserConfirmationNecessary, false);
    const twice = await errorOf(() => confirm(erin.AuthenticationResult!.AccessToken!, erinKey.DeviceKey!));
    assert.equal(twice.name, "DeviceKeyExistsException");
    const badToken = await errorOf(() => confirm("not-a-token", erinKey.DeviceKey!));
    assert.equal(badToken.name, "NotAuthorizedException");
  });

  it("DeviceOnlyRememberedOnUserPrompt: the user is asked; UpdateDeviceStatus remembers or forgets the choice", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    await addUser(t, s.poolId, "gina");
    const { device, accessToken, confirmation } = await rememberNewDevice(t, s, "gina");
    assert.equal(confirmation, true);
    const status = async () =>
      attribute(
        (await t.client.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: device.deviceKey }))).Device!,
        "dev:device_remembered_status",
      );
    assert.equal(await status(), "not_remembered");

    await t.client.send(
      new UpdateDeviceStatusCommand({
        AccessToken: accessToken,
        DeviceKey: device.deviceKey,
        DeviceRememberedStatus: "remembered",
      }),
    );
    assert.equal(await status(), "remembered");
    await t.client.send(
      new AdminUpdateDeviceStatusCommand({
        UserPoolId: s.poolId,
        Username: "gina",
        DeviceKey: device.deviceKey,
        DeviceRememberedStatus: "not_remembered",
      }),
    );
    assert.equal(await status(), "not_remembered");

    // A tracked device that is not remembered still proves itself at sign-in.
    const signedIn = await signInWithDevice(t, s, "gina", device);
    assert.ok(signedIn.AuthenticationResult?.AccessToken);

    const missing = await errorOf(() =>
      t.client.send(
        new UpdateDeviceStatusCommand({
          AccessToken: accessToken,
          DeviceKey: "us-east-1_99999999-9999-9999-9999-999999999999",
          DeviceRememberedStatus: "remembered",
        }),
      ),
    );
    assert.equal(missing.name, "ResourceNotFoundException");
    assert.equal(missing.message, "Device does not exist.");
  });

  it("ListDevices and AdminListDevices page with Limit and PaginationToken", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "hank");
    const keys: string[] = [];
    let token = "";
    for (const name of ["one", "two", "three"]) {
      const remembered = await rememberNewDevice(t, s, "hank", name);
      keys.push(remembered.device.deviceKey);
      token = remembered.accessToken;
    }
    const first = await t.client.send(new ListDevicesCommand({ AccessToken: token, Limit: 2 }));
    assert.equal(first.Devices!.length, 2);
    assert.ok(first.PaginationToken);
    const second = await t.client.send(
      new ListDevicesCommand({ AccessToken: token, Limit: 2, PaginationToken: first.PaginationToken }),
    );
    assert.equal(second.Devices!.length, 1);
    assert.equal(second.PaginationToken, undefined);
    assert.deepEqual([...first.Devices!, ...second.Devices!].map((d) => d.DeviceKey).sort(), [...keys].sort());

    const admin = await t.client.send(new AdminListDevicesCommand({ UserPoolId: s.poolId, Username: "hank" }));
    assert.deepEqual(admin.Devices!.map((d) => d.DeviceKey).sort(), [...keys].sort());
    assert.equal(admin.PaginationToken, undefined);

    const noUser = await errorOf(() =>
      t.client.send(new AdminListDevicesCommand({ UserPoolId: s.poolId, Username: "nobody" })),
    );
    assert.equal(noUser.name, "UserNotFoundException");
    const badToken = await errorOf(() =>
      t.client.send(new ListDevicesCommand({ AccessToken: token, PaginationToken: "garbage" })),
    );
    assert.equal(badToken.name, "InvalidParameterException");
  });

  it("refresh tokens belong to their device: GetTokensFromRefreshToken needs its confirmed key", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "ivy");
    const { device, refreshToken } = await rememberNewDevice(t, s, "ivy");
    const { device: other } = await rememberNewDevice(t, s, "ivy");
    const refresh = (DeviceKey?: string) =>
      t.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: s.clientId,
          RefreshToken: refreshToken,
          ...(DeviceKey ? { DeviceKey } : {}),
        }),
      );
    const ok = await refresh(device.deviceKey);
    assert.ok(ok.AuthenticationResult?.AccessToken);
    for (const key of [undefined, other.deviceKey]) {
      const err = await errorOf(() => refresh(key));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Invalid Refresh Token.");
    }
    // REFRESH_TOKEN_AUTH without the device key fails the same way.
    const noKey = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: s.clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    );
    assert.equal(noKey.name, "NotAuthorizedException");
    assert.equal(noKey.message, "Invalid Refresh Token.");

    // The sign-in that proved the device is tied to it too.
    const viaDevice = await signInWithDevice(t, s, "ivy", device);
    const rotatedAway = await errorOf(() =>
      t.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: s.clientId,
          RefreshToken: viaDevice.AuthenticationResult!.RefreshToken!,
          DeviceKey: other.deviceKey,
        }),
      ),
    );
    assert.equal(rotatedAway.message, "Invalid Refresh Token.");
    const viaDeviceOk = await t.client.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: s.clientId,
        RefreshToken: viaDevice.AuthenticationResult!.RefreshToken!,
        DeviceKey: device.deviceKey,
      }),
    );
    assert.ok(viaDeviceOk.AuthenticationResult?.AccessToken);
  });

  // src/auth/flows.ts (not the devices engineer's) must pass AuthParameters.DEVICE_KEY to refreshTokens.
  it("REFRESH_TOKEN_AUTH with the device's DEVICE_KEY refreshes; without it the refresh token is refused", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "jack");
    const { device, refreshToken } = await rememberNewDevice(t, s, "jack");
    const result = await t.client.send(
      new InitiateAuthCommand({
        ClientId: s.clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: refreshToken, DEVICE_KEY: device.deviceKey },
      }),
    );
    assert.ok(result.AuthenticationResult?.AccessToken);
    // The refreshed access token still names the device.
    assert.equal(decodeJwt(result.AuthenticationResult.AccessToken).device_key, device.deviceKey);
    const withoutKey = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: s.clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    );
    assert.equal(withoutKey.name, "NotAuthorizedException");
  });

  it("ForgetDevice: gone from the list, no device challenge, and its refresh tokens stop working", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "kate");
    const { device, accessToken, refreshToken } = await rememberNewDevice(t, s, "kate");
    const kept = await rememberNewDevice(t, s, "kate");
    await t.client.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: device.deviceKey }));

    const { Devices } = await t.client.send(new ListDevicesCommand({ AccessToken: accessToken }));
    assert.deepEqual(
      Devices!.map((d) => d.DeviceKey),
      [kept.device.deviceKey],
    );
    const get = await errorOf(() =>
      t.client.send(new GetDeviceCommand({ AccessToken: accessToken, DeviceKey: device.deviceKey })),
    );
    assert.equal(get.name, "ResourceNotFoundException");
    const again = await errorOf(() =>
      t.client.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: device.deviceKey })),
    );
    assert.equal(again.name, "ResourceNotFoundException");
    const refresh = await errorOf(() =>
      t.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: s.clientId,
          RefreshToken: refreshToken,
          DeviceKey: device.deviceKey,
        }),
      ),
    );
    assert.equal(refresh.message, "Invalid Refresh Token.");
    const signIn = await errorOf(() => srpSignIn(t.client, s.poolId, s.clientId, "kate", PASSWORD, device.deviceKey));
    assert.equal(signIn.name, "ResourceNotFoundException");

    // The administrator's variant forgets the other one.
    await t.client.send(
      new AdminForgetDeviceCommand({ UserPoolId: s.poolId, Username: "kate", DeviceKey: kept.device.deviceKey }),
    );
    const admin = await t.client.send(new AdminListDevicesCommand({ UserPoolId: s.poolId, Username: "kate" }));
    assert.deepEqual(admin.Devices, []);
    const adminAgain = await errorOf(() =>
      t.client.send(
        new AdminForgetDeviceCommand({ UserPoolId: s.poolId, Username: "kate", DeviceKey: kept.device.deviceKey }),
      ),
    );
    assert.equal(adminAgain.name, "ResourceNotFoundException");
    const adminGet = await errorOf(() =>
      t.client.send(
        new AdminGetDeviceCommand({ UserPoolId: s.poolId, Username: "kate", DeviceKey: kept.device.deviceKey }),
      ),
    );
    assert.equal(adminGet.name, "ResourceNotFoundException");
  });

  it("GlobalSignOut and AdminUserGlobalSignOut end tokens but keep the user's devices", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "liam");
    const { device, accessToken, refreshToken } = await rememberNewDevice(t, s, "liam");
    await t.client.send(new GlobalSignOutCommand({ AccessToken: accessToken }));
    const refresh = await errorOf(() =>
      t.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: s.clientId,
          RefreshToken: refreshToken,
          DeviceKey: device.deviceKey,
        }),
      ),
    );
    assert.equal(refresh.name, "NotAuthorizedException");
    const listed = await t.client.send(new AdminListDevicesCommand({ UserPoolId: s.poolId, Username: "liam" }));
    assert.deepEqual(
      listed.Devices!.map((d) => [d.DeviceKey, attribute(d, "dev:device_remembered_status")]),
      [[device.deviceKey, "remembered"]],
    );
    const signedIn = await signInWithDevice(t, s, "liam", device);
    assert.ok(signedIn.AuthenticationResult?.AccessToken);

    await t.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: s.poolId, Username: "liam" }));
    const stillThere = await t.client.send(new AdminListDevicesCommand({ UserPoolId: s.poolId, Username: "liam" }));
    assert.equal(stillThere.Devices!.length, 1);
  });

  it("a user deleted and created again under the same name owns none of the old devices", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "nora");
    const { device } = await rememberNewDevice(t, s, "nora");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: s.poolId, Username: "nora" }));
    // Deleted with the user, verifier and all.
    assert.equal(await t.cognate.store.resources.get(ResourceKind.device, s.poolId, device.deviceKey), undefined);
    await addUser(t, s.poolId, "nora");
    const listed = await t.client.send(new AdminListDevicesCommand({ UserPoolId: s.poolId, Username: "nora" }));
    assert.deepEqual(listed.Devices, []);
    const signIn = await errorOf(() => srpSignIn(t.client, s.poolId, s.clientId, "nora", PASSWORD, device.deviceKey));
    assert.equal(signIn.name, "ResourceNotFoundException");
  });

  it("USER_PASSWORD_AUTH gets NewDeviceMetadata too", async () => {
    const s = await setup(t, { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false });
    await addUser(t, s.poolId, "mia");
    const result = await t.client.send(
      new InitiateAuthCommand({
        ClientId: s.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "mia", PASSWORD },
      }),
    );
    assert.ok(result.AuthenticationResult?.NewDeviceMetadata?.DeviceKey);
  });
});
