/**
 * Sign-in benchmark: fills one pool with BENCH_USERS users (default 10,000), then measures
 * with BENCH_CONCURRENCY clients (default 8):
 *   - USER_PASSWORD_AUTH,
 *   - USER_SRP_AUTH, both round trips (the client half is amazon-cognito-identity-js),
 *   - REFRESH_TOKEN_AUTH,
 *   - GetUser with an access token,
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
    const srpAuth = async (i: number) => {
      const user = username(pick(i));
      const helper = new AuthenticationHelper(poolName);
      const first = (await call(server.url, "InitiateAuth", {
        ClientId: clientId,
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: { USERNAME: user, SRP_A: helper.largeAValue.toString(16) },
      })) as { ChallengeParameters: Record<string, string> };
      const p = first.ChallengeParameters;
      let key: Buffer | undefined;
      helper.getPasswordAuthenticationKey(
        p.USER_ID_FOR_SRP!,
        PASSWORD,
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
            Buffer.from(poolName),
            Buffer.from(p.USER_ID_FOR_SRP!),
            Buffer.from(p.SECRET_BLOCK!, "base64"),
            Buffer.from(timestamp),
          ]),
        )
        .digest("base64");
      await call(server.url, "RespondToAuthChallenge", {
        ClientId: clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: {
          USERNAME: p.USER_ID_FOR_SRP,
          PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
          PASSWORD_CLAIM_SIGNATURE: signature,
          TIMESTAMP: timestamp,
        },
      });
    };
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
    console.log(
      `  password check alone: fast ${(await hashCost("fast")).toFixed(2)} ms, owasp ${(await hashCost("owasp")).toFixed(1)} ms (wall, one core)`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
