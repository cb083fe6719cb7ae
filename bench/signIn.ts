/**
 * Sign-in benchmark: fills one pool with BENCH_USERS users (default 10,000), then measures
 * with BENCH_CONCURRENCY clients (default 8):
 *   - USER_PASSWORD_AUTH,
 *   - USER_SRP_AUTH, both round trips (the client half is amazon-cognito-identity-js),
 *   - REFRESH_TOKEN_AUTH,
 *   - GetUser with an access token,
 *   - USER_PASSWORD_AUTH + SOFTWARE_TOKEN_MFA (both round trips; a pool with TOTP MFA, codes from otpauth),
 *   - USER_SRP_AUTH with a remembered device: PASSWORD_VERIFIER, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER
 *     (four round trips; a pool that remembers devices),
 * each as requests per second, p50/p99 latency and the server's CPU milliseconds per request
 * (read from /proc for the server process, so the load generator is not counted).
 *
 * The server runs the built CLI with "fast" password hashing so that filling the pool is
 * quick; the hash cost of a real password check is printed separately so that
 * USER_PASSWORD_AUTH can be compared with "hash cost + 2 ms".
 *
 *   npm run build && npx tsx bench/signIn.ts          # BENCH_USERS=2000 for a quicker run
 *   BENCH_ONLY=GetUser BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" ...  # profile one round
 */
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { Secret, TOTP } from "otpauth";
import { formatSrpTimestamp } from "../src/auth/srp/timestamp.js";
import { call, CONCURRENCY, cpuMs, load, percentile, startServer } from "./harness.js";
import { hashPassword, verifyPassword } from "../src/common/passwords.js";

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2_000);
const PASSWORD = "Bench-Passw0rd!";
/** BENCH_ONLY=GetUser,REFRESH_TOKEN_AUTH measures only those rounds. */
const ONLY = process.env.BENCH_ONLY?.split(",");

const require = createRequire(import.meta.url);
interface ClientBigInteger {
  toString(radix: number): string;
}
interface ClientHelper {
  largeAValue: ClientBigInteger;
  generateHashDevice(deviceGroupKey: string, username: string, callback: (err: Error | null) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: ClientBigInteger,
    salt: ClientBigInteger,
    callback: (err: Error | null, key: Buffer) => void,
  ): void;
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

async function main(): Promise<void> {
  const server = await startServer();
  const pid = server.pid;
  try {
    const { UserPool } = (await call(server.url, "CreateUserPool", { PoolName: "bench" })) as {
      UserPool: { Id: string };
    };
    const poolId = UserPool.Id;
    const poolName = poolId.slice(poolId.indexOf("_") + 1);
    const { UserPoolClient } = (await call(server.url, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "bench",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    })) as { UserPoolClient: { ClientId: string } };
    const clientId = UserPoolClient.ClientId;
    const username = (i: number) => `user${String(i).padStart(6, "0")}`;

    console.log(`Filling ${USERS} users (concurrency ${CONCURRENCY})`);
    await load(USERS, async (i) => {
      await call(server.url, "AdminCreateUser", {
        UserPoolId: poolId,
        Username: username(i),
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: `${username(i)}@example.com` }],
      });
      await call(server.url, "AdminSetUserPassword", {
        UserPoolId: poolId,
        Username: username(i),
        Password: PASSWORD,
        Permanent: true,
      });
    });

    const pick = (i: number) => (i * 7919) % USERS;
    const passwordAuth = async (i: number) =>
      (
        (await call(server.url, "InitiateAuth", {
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username(pick(i)), PASSWORD },
        })) as { AuthenticationResult: { AccessToken: string; RefreshToken: string } }
      ).AuthenticationResult;

    // Tokens for the refresh and GetUser rounds (taken before measuring).
    const sessions = await Promise.all(Array.from({ length: 200 }, (_, i) => passwordAuth(i)));

    // The client's SRP arithmetic runs here, outside the server; only the server's CPU is counted.
    /** PASSWORD_CLAIM_SIGNATURE of SRP (user or device), as amazon-cognito-identity-js computes it. */
    const srpClaim = (
      helper: ClientHelper,
      poolOrGroup: string,
      identity: string,
      secret: string,
      p: Record<string, string>,
    ) => {
      let key: Buffer | undefined;
      helper.getPasswordAuthenticationKey(
        identity,
        secret,
        new BigInteger(p.SRP_B!, 16),
        new BigInteger(p.SALT!, 16),
        (err, hkdf) => {
          if (err) throw err;
          key = hkdf;
        },
      );
      const timestamp = formatSrpTimestamp(Date.now());
      const signature = createHmac("sha256", key!)
        .update(
          Buffer.concat([
            Buffer.from(poolOrGroup),
            Buffer.from(identity),
            Buffer.from(p.SECRET_BLOCK!, "base64"),
            Buffer.from(timestamp),
          ]),
        )
        .digest("base64");
      return {
        PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK!,
        PASSWORD_CLAIM_SIGNATURE: signature,
        TIMESTAMP: timestamp,
      };
    };
    /** USER_SRP_AUTH's two round trips; with a device key, what the server answers next. */
    const srpSignIn = async (
      inPool: { id: string; name: string; clientId: string },
      user: string,
      deviceKey?: string,
    ) => {
      const helper = new AuthenticationHelper(inPool.name);
      const device = deviceKey ? { DEVICE_KEY: deviceKey } : {};
      const first = (await call(server.url, "InitiateAuth", {
        ClientId: inPool.clientId,
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: { USERNAME: user, SRP_A: helper.largeAValue.toString(16), ...device },
      })) as { ChallengeParameters: Record<string, string> };
      const p = first.ChallengeParameters;
      return (await call(server.url, "RespondToAuthChallenge", {
        ClientId: inPool.clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: {
          USERNAME: p.USER_ID_FOR_SRP,
          ...srpClaim(helper, inPool.name, p.USER_ID_FOR_SRP!, PASSWORD, p),
          ...device,
        },
      })) as unknown as SignInAnswer;
    };
    const mainPool = { id: poolId, name: poolName, clientId };
    const srpAuth = (i: number) => srpSignIn(mainPool, username(pick(i)));
    const refresh = (i: number) =>
      call(server.url, "InitiateAuth", {
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: sessions[i % sessions.length]!.RefreshToken },
      });
    const getUser = (i: number) =>
      call(server.url, "GetUser", { AccessToken: sessions[i % sessions.length]!.AccessToken });

    const measure = async (name: string, fn: (i: number) => Promise<unknown>, samples: number, target: string) => {
      if (ONLY && !ONLY.some((only) => name.startsWith(only))) return;
      await load(Math.min(200, samples), fn); // warm-up
      const cpu0 = cpuMs(pid);
      const t0 = performance.now();
      const latencies = await load(samples, fn);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = (cpuMs(pid) - cpu0) / samples;
      console.log(
        `  ${name.padEnd(26)} ${(samples / seconds).toFixed(0).padStart(6)} req/s  p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms  server CPU ${cpu.toFixed(3)} ms/req  (${target})`,
      );
    };

    // What one password check costs at each hashing setting, for the USER_PASSWORD_AUTH target.
    const hashCost = async (cost: "fast" | "owasp") => {
      const hash = await hashPassword(PASSWORD, cost);
      const runs = cost === "fast" ? 200 : 5;
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) await verifyPassword(PASSWORD, hash);
      return (performance.now() - t0) / runs;
    };

    console.log("");
    console.log(`Results at ${USERS} users, ${CONCURRENCY} clients, ${SAMPLES} calls each:`);
    await measure("USER_PASSWORD_AUTH", passwordAuth, SAMPLES, "target: hash cost + 2 ms");
    await measure("USER_SRP_AUTH (2 round trips)", srpAuth, Math.min(SAMPLES, 1000), "target <= 15 ms");
    await measure("REFRESH_TOKEN_AUTH", refresh, SAMPLES, "target <= 1.5 ms");
    await measure("GetUser", getUser, SAMPLES, "target <= 0.3 ms");
    if (!ONLY || ONLY.some((only) => "TOTP MFA".startsWith(only))) {
      const mfaSignIn = await totpRound(server.url, Math.min(SAMPLES, 1000) + 200);
      await measure("TOTP MFA sign-in (2 round trips)", mfaSignIn, Math.min(SAMPLES, 1000), "issue 10");
    }
    if (!ONLY || ONLY.some((only) => "DEVICE_SRP_AUTH".startsWith(only))) {
      const deviceSignIn = await deviceRound(server.url, Math.min(SAMPLES, 500) + 200, srpSignIn, srpClaim);
      await measure("DEVICE_SRP_AUTH sign-in (4 round trips)", deviceSignIn, Math.min(SAMPLES, 500), "issue 10");
    }
    console.log(
      `  password check alone: fast ${(await hashCost("fast")).toFixed(2)} ms, owasp ${(await hashCost("owasp")).toFixed(1)} ms (wall, one core)`,
    );
  } finally {
    await server.stop();
  }
}

interface SignInAnswer {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters: Record<string, string>;
  AuthenticationResult?: {
    AccessToken: string;
    RefreshToken: string;
    NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
  };
}

type Pool = { id: string; name: string; clientId: string };

/** A pool, its app client, and `count` users with the benchmark's password. */
async function benchPool(url: string, name: string, count: number, settings: Record<string, unknown> = {}) {
  const { UserPool } = (await call(url, "CreateUserPool", { PoolName: name, ...settings })) as {
    UserPool: { Id: string };
  };
  const { UserPoolClient } = (await call(url, "CreateUserPoolClient", {
    UserPoolId: UserPool.Id,
    ClientName: name,
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
  })) as { UserPoolClient: { ClientId: string } };
  const pool: Pool = {
    id: UserPool.Id,
    name: UserPool.Id.slice(UserPool.Id.indexOf("_") + 1),
    clientId: UserPoolClient.ClientId,
  };
  const user = (i: number) => `${name}${String(i).padStart(6, "0")}`;
  await load(count, async (i) => {
    await call(url, "AdminCreateUser", { UserPoolId: pool.id, Username: user(i), MessageAction: "SUPPRESS" });
    await call(url, "AdminSetUserPassword", {
      UserPoolId: pool.id,
      Username: user(i),
      Password: PASSWORD,
      Permanent: true,
    });
  });
  return { pool, user };
}

/**
 * Users with an authenticator app in a pool with optional TOTP MFA. A TOTP code is accepted
 * once, so each measured sign-in is another user's (count covers warm-up and samples).
 */
async function totpRound(url: string, count: number): Promise<(i: number) => Promise<unknown>> {
  const { pool, user } = await benchPool(url, "mfa", count);
  await call(url, "SetUserPoolMfaConfig", {
    UserPoolId: pool.id,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: "OPTIONAL",
  });
  const secrets: string[] = [];
  await load(count, async (i) => {
    const signedIn = (await call(url, "InitiateAuth", {
      ClientId: pool.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: user(i), PASSWORD },
    })) as unknown as SignInAnswer;
    const AccessToken = signedIn.AuthenticationResult!.AccessToken;
    const { SecretCode } = (await call(url, "AssociateSoftwareToken", { AccessToken })) as { SecretCode: string };
    secrets[i] = SecretCode;
    await call(url, "VerifySoftwareToken", { AccessToken, UserCode: totp(SecretCode).generate() });
    await call(url, "SetUserMFAPreference", {
      AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  });
  // Association spent each user's current code: sign-ins wait for the next time step.
  await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
  let next = 0;
  return async () => {
    const i = next++ % count;
    const challenge = (await call(url, "InitiateAuth", {
      ClientId: pool.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: user(i), PASSWORD },
    })) as unknown as SignInAnswer;
    if (challenge.ChallengeName !== "SOFTWARE_TOKEN_MFA")
      throw new Error(`expected SOFTWARE_TOKEN_MFA, got ${challenge.ChallengeName}`);
    await call(url, "RespondToAuthChallenge", {
      ClientId: pool.clientId,
      ChallengeName: "SOFTWARE_TOKEN_MFA",
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: user(i), SOFTWARE_TOKEN_MFA_CODE: totp(secrets[i]!).generate() },
    });
  };
}

const totp = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });

/**
 * Users who each confirmed a device in a pool that remembers devices; a measured sign-in is
 * USER_SRP_AUTH with the device key, then the device's own SRP proof (four round trips).
 */
async function deviceRound(
  url: string,
  count: number,
  srpSignIn: (pool: Pool, user: string, deviceKey?: string) => Promise<SignInAnswer>,
  srpClaim: (
    helper: ClientHelper,
    group: string,
    identity: string,
    secret: string,
    p: Record<string, string>,
  ) => Record<string, string>,
): Promise<(i: number) => Promise<unknown>> {
  const { pool, user } = await benchPool(url, "dev", count, {
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
  });
  const devices: { key: string; group: string; password: string }[] = [];
  await load(count, async (i) => {
    const answer = await srpSignIn(pool, user(i));
    const metadata = answer.AuthenticationResult?.NewDeviceMetadata;
    if (!metadata) throw new Error("no NewDeviceMetadata from a pool that remembers devices");
    const helper = new AuthenticationHelper(pool.name);
    helper.generateHashDevice(metadata.DeviceGroupKey, metadata.DeviceKey, (err) => {
      if (err) throw err;
    });
    await call(url, "ConfirmDevice", {
      AccessToken: answer.AuthenticationResult!.AccessToken,
      DeviceKey: metadata.DeviceKey,
      DeviceSecretVerifierConfig: {
        Salt: Buffer.from(helper.getSaltDevices(), "hex").toString("base64"),
        PasswordVerifier: Buffer.from(helper.getVerifierDevices(), "hex").toString("base64"),
      },
      DeviceName: "bench",
    });
    devices[i] = { key: metadata.DeviceKey, group: metadata.DeviceGroupKey, password: helper.getRandomPassword() };
  });
  let next = 0;
  return async () => {
    const i = next++ % count;
    const device = devices[i]!;
    const challenge = await srpSignIn(pool, user(i), device.key);
    if (challenge.ChallengeName !== "DEVICE_SRP_AUTH")
      throw new Error(`expected DEVICE_SRP_AUTH, got ${challenge.ChallengeName}`);
    const helper = new AuthenticationHelper(device.group);
    const verifier = (await call(url, "RespondToAuthChallenge", {
      ClientId: pool.clientId,
      ChallengeName: "DEVICE_SRP_AUTH",
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: user(i), DEVICE_KEY: device.key, SRP_A: helper.largeAValue.toString(16) },
    })) as unknown as SignInAnswer;
    await call(url, "RespondToAuthChallenge", {
      ClientId: pool.clientId,
      ChallengeName: "DEVICE_PASSWORD_VERIFIER",
      Session: verifier.Session,
      ChallengeResponses: {
        USERNAME: user(i),
        DEVICE_KEY: device.key,
        ...srpClaim(helper, device.group, device.key, device.password, verifier.ChallengeParameters),
      },
    });
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
