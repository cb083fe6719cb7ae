/**
 * Control-plane benchmark: fills one user pool with BENCH_USERS users (default 100,000)
 * through AdminCreateUser and prints
 *   - AdminCreateUser throughput for each tenth of the fill (first vs last: is cost flat?),
 *   - AdminGetUser p50/p99 at full size, with one client and with BENCH_CONCURRENCY clients,
 *   - ListUsers `email ^= "..."` with Limit 60, p50/p99 at full size, likewise.
 *
 * The server runs in its own process (the built CLI, SQLite in a temporary data dir) so the
 * load generator's CPU is not counted against it. Passwords are hashed with the "fast"
 * setting: this measures Cognate's storage and protocol path, not scrypt.
 *
 *   npm run build && npm run bench:users            # BENCH_USERS=20000 for a quicker run
 */
import { call, CONCURRENCY, cpuMs, load, percentile, startServer } from "./harness.js";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2_000);

const fmt = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const server = await startServer();
  try {
    const { UserPool } = (await call(server.url, "CreateUserPool", { PoolName: "bench" })) as {
      UserPool: { Id: string };
    };
    const poolId = UserPool.Id;
    const username = (i: number) => `user${String(i).padStart(7, "0")}`;
    const email = (i: number) => `${username(i)}@example.com`;

    // Warm the server up (JIT, statement cache) on another pool, so the first tenth measures
    // a small pool rather than a cold process.
    const { UserPool: warmPool } = (await call(server.url, "CreateUserPool", { PoolName: "warm-up" })) as {
      UserPool: { Id: string };
    };
    await load(2_000, (k) =>
      call(server.url, "AdminCreateUser", {
        UserPoolId: warmPool.Id,
        Username: `warm${k}`,
        TemporaryPassword: "Temp-Passw0rd!",
        MessageAction: "SUPPRESS",
      }),
    );

    console.log(`Filling ${USERS} users (concurrency ${CONCURRENCY})`);
    const slice = Math.max(1, Math.floor(USERS / 10));
    const rates: number[] = [];
    for (let start = 0; start < USERS; start += slice) {
      const n = Math.min(slice, USERS - start);
      const t0 = performance.now();
      await load(n, (k) =>
        call(server.url, "AdminCreateUser", {
          UserPoolId: poolId,
          Username: username(start + k),
          TemporaryPassword: "Temp-Passw0rd!",
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: email(start + k) },
            { Name: "given_name", Value: `Given${start + k}` },
          ],
        }),
      );
      const rate = n / ((performance.now() - t0) / 1000);
      rates.push(rate);
      console.log(`  users ${start}..${start + n}: AdminCreateUser ${rate.toFixed(0)} req/s`);
    }
    const first = rates[0]!;
    const last = rates[rates.length - 1]!;

    const pick = (i: number) => (i * 7919) % USERS;
    const getUser = (i: number) =>
      call(server.url, "AdminGetUser", { UserPoolId: poolId, Username: username(pick(i)) });
    const listByEmailPrefix = async (i: number) => {
      // Drops the last two digits: "user00123" matches user0012300..user0012399, so Limit 60 fills a page.
      const prefix = username(pick(i)).slice(0, -2);
      const out = (await call(server.url, "ListUsers", {
        UserPoolId: poolId,
        Filter: `email ^= "${prefix}"`,
        Limit: 60,
      })) as { Users: unknown[] };
      if (out.Users.length === 0) throw new Error(`no users for prefix ${prefix}`);
    };
    // One client alone shows the cost of a request; several show it with queueing on 2 cores.
    // Server CPU per request (from /proc) is steadier than latency on a shared 2-core machine.
    const latency = async (fn: (i: number) => Promise<unknown>, concurrency: number) => {
      const cpu0 = cpuMs(server.pid);
      const values = await load(SAMPLES, fn, concurrency);
      const cpu = (cpuMs(server.pid) - cpu0) / SAMPLES;
      return `p50 ${fmt(percentile(values, 50))} ms  p99 ${fmt(percentile(values, 99))} ms  (server CPU ${cpu.toFixed(2)} ms)`;
    };
    const get1 = await latency(getUser, 1);
    const getN = await latency(getUser, CONCURRENCY);
    const list1 = await latency(listByEmailPrefix, 1);
    const listN = await latency(listByEmailPrefix, CONCURRENCY);

    console.log("");
    console.log(`Results at ${USERS} users (${SAMPLES} calls each):`);
    console.log(
      `  AdminCreateUser first tenth: ${first.toFixed(0)} req/s, last tenth: ${last.toFixed(0)} req/s, ratio ${(last / first).toFixed(2)} (target >= 0.67)`,
    );
    console.log(`  AdminGetUser                       1 client: ${get1}   ${CONCURRENCY} clients: ${getN}`);
    console.log(
      `  ListUsers email ^= prefix, Limit 60 1 client: ${list1}   ${CONCURRENCY} clients: ${listN}  (target p99 < 20 ms)`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
