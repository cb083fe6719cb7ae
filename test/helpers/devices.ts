import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
  type RespondToAuthChallengeCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { formatSrpTimestamp } from "../../src/auth/srp/index.js";

// The reference client's SRP half, amazon-cognito-identity-js (CommonJS, no typings for lib/).
const require = createRequire(import.meta.url);
interface ClientBigInteger {
  toString(radix: number): string;
}
interface ClientHelper {
  largeAValue: ClientBigInteger;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: ClientBigInteger,
    salt: ClientBigInteger,
    callback: (err: Error | null, key: Buffer) => void,
  ): void;
  generateHashDevice(groupKey: string, deviceKey: string, callback: (err: Error | null) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
}
const AuthenticationHelper = (
  require("amazon-cognito-identity-js/lib/AuthenticationHelper.js") as {
    default: new (poolName: string) => ClientHelper;
  }
).default;
const BigInteger = (
  require("amazon-cognito-identity-js/lib/BigInteger.js") as {
    default: new (hex: string, radix: number) => ClientBigInteger;
  }
).default;

/** What a client keeps about a remembered device: as amazon-cognito-identity-js caches it. */
export interface DeviceSecrets {
  deviceKey: string;
  deviceGroupKey: string;
  randomPassword: string;
}

/**
 * A device verifier made as amazon-cognito-identity-js makes it (generateHashDevice: a random
 * password, salt and verifier for identity DeviceGroupKey + DeviceKey), with the config
 * ConfirmDevice takes: the salt's and verifier's bytes in base64.
 */
export function makeDeviceVerifier(
  deviceKey: string,
  deviceGroupKey: string,
): { secrets: DeviceSecrets; config: { PasswordVerifier: string; Salt: string } } {
  const helper = new AuthenticationHelper(deviceGroupKey);
  helper.generateHashDevice(deviceGroupKey, deviceKey, (err) => {
    if (err) throw err;
  });
  return {
    secrets: { deviceKey, deviceGroupKey, randomPassword: helper.getRandomPassword() },
    config: {
      Salt: Buffer.from(helper.getSaltDevices(), "hex").toString("base64"),
      PasswordVerifier: Buffer.from(helper.getVerifierDevices(), "hex").toString("base64"),
    },
  };
}

/** PASSWORD_CLAIM_SIGNATURE for an SRP challenge, with the client library's key derivation. */
function claim(
  helper: ClientHelper,
  poolName: string,
  userId: string,
  password: string,
  parameters: Record<string, string>,
  timestamp: string,
): string {
  let key: Buffer | undefined;
  helper.getPasswordAuthenticationKey(
    userId,
    password,
    new BigInteger(parameters.SRP_B!, 16),
    new BigInteger(parameters.SALT!, 16),
    (err, hkdf) => {
      if (err) throw err;
      key = hkdf;
    },
  );
  return createHmac("sha256", key!)
    .update(
      Buffer.concat([
        Buffer.from(poolName, "utf8"),
        Buffer.from(userId, "utf8"),
        Buffer.from(parameters.SECRET_BLOCK!, "base64"),
        Buffer.from(timestamp, "utf8"),
      ]),
    )
    .digest("base64");
}

/** USER_SRP_AUTH through both round trips, DEVICE_KEY sent with each when given. */
export async function srpSignIn(
  client: CognitoIdentityProviderClient,
  poolId: string,
  clientId: string,
  username: string,
  password: string,
  deviceKey?: string,
): Promise<RespondToAuthChallengeCommandOutput> {
  const poolName = poolId.slice(poolId.indexOf("_") + 1);
  const helper = new AuthenticationHelper(poolName);
  const device: Record<string, string> = deviceKey ? { DEVICE_KEY: deviceKey } : {};
  const start: InitiateAuthCommandOutput = await client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: username, SRP_A: helper.largeAValue.toString(16), ...device },
    }),
  );
  const parameters = start.ChallengeParameters!;
  const userId = parameters.USER_ID_FOR_SRP!;
  const timestamp = formatSrpTimestamp(Date.now());
  return client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeResponses: {
        USERNAME: userId,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: claim(helper, poolName, userId, password, parameters, timestamp),
        ...device,
      },
    }),
  );
}

/** The DEVICE_SRP_AUTH answer: SRP_A of a fresh client helper for the device's group. */
export async function deviceSrpAuth(
  client: CognitoIdentityProviderClient,
  clientId: string,
  session: string,
  username: string,
  device: DeviceSecrets,
): Promise<{ helper: ClientHelper; response: RespondToAuthChallengeCommandOutput }> {
  const helper = new AuthenticationHelper(device.deviceGroupKey);
  const response = await client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "DEVICE_SRP_AUTH",
      Session: session,
      ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.deviceKey, SRP_A: helper.largeAValue.toString(16) },
    }),
  );
  return { helper, response };
}

/** The DEVICE_PASSWORD_VERIFIER answer, signed with `password` (the device's, or a wrong one). */
export async function devicePasswordVerifier(
  client: CognitoIdentityProviderClient,
  clientId: string,
  helper: ClientHelper,
  challenge: RespondToAuthChallengeCommandOutput,
  device: DeviceSecrets,
  password = device.randomPassword,
): Promise<RespondToAuthChallengeCommandOutput> {
  const parameters = challenge.ChallengeParameters!;
  const timestamp = formatSrpTimestamp(Date.now());
  return client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      Session: challenge.Session!,
      ChallengeResponses: {
        USERNAME: parameters.USERNAME!,
        DEVICE_KEY: device.deviceKey,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: claim(
          helper,
          device.deviceGroupKey,
          device.deviceKey,
          password,
          parameters,
          timestamp,
        ),
      },
    }),
  );
}
