/**
 * Scale benchmark (issue 9): for each pool size in BENCH_SIZES (default 10,000 and 1,000,000)
 * it builds a pool, then measures through the API, with BENCH_CONCURRENCY clients (default 16)
 * and with one client:
 *
 *   - AdminCreateUser into the empty pool and again into the full pool (is its cost flat?),
 *   - AdminGetUser, ListUsers at Limit 60 on every filterable attribute with `=` and `^=`,
 *     paginating the whole pool, USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH and GetUser,
 *   - start-up time and RSS of the server on the full database and on an empty one,
 *     database size on disk and the server's peak RSS after the run,
 *
 * and prints each figure beside its target, one table a size, then a summary of all sizes.
 *
 * How the pool is built: the pool, its app client and the first BENCH_CREATES users (default
 * 2,000) go through the API; the server is then stopped and the rest of the users are written
 * through the storage layer in-process (openSqliteStore, users.insert in transactions of
 * BENCH_FILL_BATCH), all with one precomputed hash of the same password, then the server is
 * started again on that database. Measured operations always go through the API.
 *
 * The server is the built CLI (BENCH_CLI, default dist/cli/main.js; the bulk fill imports the
 * storage layer from the same build) with "fast" password hashing and the request log on;
 * its CPU per request is read from /proc. The load generator is this process: its own CPU per
 * request is printed too, since it shares the machine's cores with the server.
 *
 *   npm run build && npm run bench                 # both sizes, ~15 minutes on 2 cores
 *   BENCH_SIZES=10000 npm run bench                # one size, ~2 minutes
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { USER_FILTER_ATTRIBUTES, type UserRecord } from "../src/storage/types.js";
import { ApiClient } from "./client.js";
import { CLI, machineBusyMs, memoryMiB, percentile, startServer, startUsage, type BenchServer } from "./harness.js";
import { benchUser, bulkState, bulkSub, canSignIn, picker, SortedValues } from "./population.js";

type StorageModule = typeof import("../src/storage/sqlite/index.js");
type PasswordsModule = typeof import("../src/common/passwords.js");
type LookupModule = typeof import("../src/users/lookup.js");

const numberEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
  return value;
};
const SIZES = (process.env.BENCH_SIZES ?? "10000,1000000").split(",").map((s) => Number(s.replace(/_/g, "")));
const CLIENTS = numberEnv("BENCH_CONCURRENCY", 16);
/** Calls per measurement with CLIENTS clients. */
const SAMPLES = numberEnv("BENCH_SAMPLES", 2_000);
/** Calls per ListUsers filter with CLIENTS clients (there are 20 filters). */
const LIST_SAMPLES = numberEnv("BENCH_LIST_SAMPLES", 1_000);
/** Calls per measurement with one client. */
const ONE_SAMPLES = numberEnv("BENCH_ONE_CLIENT_SAMPLES", 300);
/** Unmeasured calls before each measurement (JIT, statement cache), with other inputs. */
const WARMUP = numberEnv("BENCH_WARMUP", 200);
/** Users created through the API into the empty pool, and again into the full one. */
const CREATES = numberEnv("BENCH_CREATES", 2_000);
const FILL_BATCH = numberEnv("BENCH_FILL_BATCH", 10_000);
/** A measurement stops issuing calls after this long (bounded runs on a slow server). */
const MAX_SECONDS = numberEnv("BENCH_MAX_SECONDS", 120);
const IDLE_MS = 2_000;
/** Other processes above this share of one core (%) during a measurement (and 50 ms in all) mark it as disturbed. */
const DISTURBED = 10;
const PAGE = 60;
const PASSWORD = "Bench-Passw0rd!";
const TEMPORARY_PASSWORD = "Temp-Passw0rd!";

const DIST = resolve(dirname(dirname(CLI)));
const importBuilt = <T>(path: string): Promise<T> => import(pathToFileURL(join(DIST, path)).href) as Promise<T>;

// ---------------------------------------------------------------------------------------------
// Measuring

interface Figure {
  label: string;
  clients: number;
  calls: number;
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU ms per call (all its threads: scrypt runs on libuv's pool). */
  serverCpu: number;
  /** This process's CPU ms per call (the load generator, and reading the server's log pipe). */
  clientCpu: number;
  /** Server CPU over wall time, % of one core (above 100: libuv's pool was busy too). */
  serverBusy: number;
  /** CPU of other processes on the machine meanwhile, % of one core: high means a disturbed figure. */
  others: number;
  /** Whether others used enough to matter: above DISTURBED and above the resolution of /proc/stat. */
  disturbed: boolean;
  /** KiB the server wrote to storage per call (database and WAL pages). */
  writtenKiB: number;
  target?: string;
  /** Whether the figure meets its target, when it has one. */
  ok?: boolean;
  note?: string;
}

interface MeasureOptions {
  calls: number;
  clients: number;
  /** Unmeasured calls first, with the indices before the measured ones. */
  warmup?: number;
  /** Index of the first call (warm-up included). */
  start?: number;
}

/** Runs fn(i) for `calls` indices with `clients` in flight (closed loop); latencies in ms. */
async function drive(
  fn: (i: number) => Promise<unknown>,
  first: number,
  calls: number,
  clients: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + MAX_SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(clients, calls) }, async () => {
      while (next < calls && performance.now() < deadline) {
        const i = first + next++;
        const t0 = performance.now();
        await fn(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

async function measure(
  server: BenchServer,
  label: string,
  fn: (i: number) => Promise<unknown>,
  options: MeasureOptions,
): Promise<Figure> {
  const start = options.start ?? 0;
  const warmup = options.warmup ?? WARMUP;
  if (warmup > 0) await drive(fn, start, warmup, options.clients);
  const usage = startUsage(server.pid);
  const latencies = await drive(fn, start + warmup, options.calls, options.clients);
  const used = usage();
  const n = latencies.length;
  return {
    label,
    clients: options.clients,
    calls: n,
    rps: n / used.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    serverCpu: used.serverCpuMs / n,
    clientCpu: used.ownCpuMs / n,
    serverBusy: used.serverCpuMs / used.seconds / 10,
    others: used.othersCpuMs / used.seconds / 10,
    // /proc/stat counts 10 ms ticks: on a 0.1 s measurement one stray tick is 10 % of a core.
    disturbed: used.othersCpuMs / used.seconds / 10 > DISTURBED && used.othersCpuMs > 50,
    writtenKiB: used.serverWrittenBytes / 1024 / n,
  };
}

const withTarget = (figure: Figure, target: string, ok: boolean, note?: string): Figure => ({
  ...figure,
  target,
  ok,
  ...(note ? { note } : {}),
});

// ---------------------------------------------------------------------------------------------
// Output

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const f3 = (n: number) => n.toFixed(3);
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const mark = (ok: boolean | undefined) => (ok === undefined ? "" : ok ? "ok" : "MISSED");

function table(headers: string[], rows: string[][], align: ("l" | "r")[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (align[c] === "r" ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function figureTable(figures: Figure[]): string {
  return table(
    [
      "measurement",
      "clients",
      "calls",
      "req/s",
      "p50 ms",
      "p99 ms",
      "server CPU ms",
      "bench CPU ms",
      "server %",
      "others %",
      "written KiB",
      "target",
      "",
    ],
    figures.map((f) => [
      f.label + (f.note ? ` (${f.note})` : ""),
      String(f.clients),
      String(f.calls),
      int(f.rps),
      f2(f.p50),
      f2(f.p99),
      f3(f.serverCpu),
      f3(f.clientCpu),
      f1(f.serverBusy),
      f1(f.others) + (f.disturbed ? " !" : ""),
      f1(f.writtenKiB),
      f.target ?? "",
      mark(f.ok),
    ]),
    ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "l", "l"],
  );
}

const log = (line = "") => console.log(line);

// ---------------------------------------------------------------------------------------------
// The machine and the password hash cost

function machine(): string[] {
  const model = cpus()[0]?.model ?? "unknown CPU";
  const nodeStart = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    spawnSync(process.execPath, ["-e", "0"]);
    return performance.now() - t0;
  }).sort((a, b) => a - b)[2]!;
  return [
    `${cpus().length} cores (${model}), ${f1(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`,
    `temporary data dirs in ${tmpdir()}; \`node -e 0\` starts in ${f1(nodeStart)} ms here`,
  ];
}

interface HashCost {
  /** The stored form's parameters, e.g. "scrypt$1024$8$1" or "$argon2id$v=19$m=1024,t=1,p=1". */
  fastScheme: string;
  owaspScheme: string;
  fastMs: number;
  fastCpuMs: number;
  owaspMs: number;
  owaspCpuMs: number;
}

/** One password check at each hashing setting, alone on an idle machine (one core). */
async function hashCost(passwords: PasswordsModule): Promise<HashCost> {
  const one = async (cost: "fast" | "owasp", runs: number) => {
    const hash = await passwords.hashPassword(PASSWORD, cost);
    for (let i = 0; i < Math.min(runs, 3); i++) await passwords.verifyPassword(PASSWORD, hash);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) {
      if (!(await passwords.verifyPassword(PASSWORD, hash))) throw new Error("password check failed");
    }
    const own = process.cpuUsage(own0);
    // Everything before the salt and the key: the scheme and its parameters.
    const scheme = hash.split("$").slice(0, -2).join("$");
    return { scheme, wall: (performance.now() - t0) / runs, cpu: (own.user + own.system) / 1000 / runs };
  };
  const fast = await one("fast", 300);
  const owasp = await one("owasp", 5);
  return {
    fastScheme: fast.scheme,
    owaspScheme: owasp.scheme,
    fastMs: fast.wall,
    fastCpuMs: fast.cpu,
    owaspMs: owasp.wall,
    owaspCpuMs: owasp.cpu,
  };
}

// ---------------------------------------------------------------------------------------------
// One pool size

interface StartFigures {
  /** Spawn to the "cognate started" log line. */
  startedMs: number;
  /** Spawn to the answer of the first request (sent as soon as the log line is seen). */
  firstRequestMs: number;
  /** VmRSS right after the first request, then after IDLE_MS idle (MiB). */
  rssAtStart: number;
  rssIdle: number;
  rssIdleAnon: number;
}

interface SizeResult {
  size: number;
  users: number;
  fill: { users: number; seconds: number; rate: number };
  empty: StartFigures;
  full: StartFigures;
  createEmpty: Figure;
  createFull: Figure;
  createRatio: number;
  figures: Figure[];
  lists: Figure[];
  pagination: Awaited<ReturnType<typeof paginate>>;
  dbBytesAfterFill: number;
  dbBytesAfterRun: number;
  peak: { rss: number; anon: number; file: number };
  listMismatches: number;
}

function dbBytes(dataDir: string): number {
  return readdirSync(dataDir)
    .filter((f) => f.startsWith("cognate.db"))
    .reduce((sum, f) => sum + statSync(join(dataDir, f)).size, 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds to wait for other processes to calm down before each pool size (BENCH_QUIET_WAIT). */
const QUIET_WAIT = numberEnv("BENCH_QUIET_WAIT", 60);

/**
 * What other processes use of the machine (% of one core, over one second); waits up to
 * QUIET_WAIT seconds for it to fall under DISTURBED, since the figures are only as good as
 * the machine is quiet. Returns the last reading.
 */
async function waitForQuiet(): Promise<number> {
  const deadline = performance.now() + QUIET_WAIT * 1000;
  for (let warned = false; ; ) {
    const machine0 = machineBusyMs();
    const own0 = process.cpuUsage();
    await sleep(1_000);
    const own = process.cpuUsage(own0);
    const others = Math.max(0, machineBusyMs() - machine0 - (own.user + own.system) / 1000) / 10;
    if (others <= DISTURBED || performance.now() > deadline) {
      if (others > DISTURBED) log(`! the machine is busy: other processes use ${f1(others)} % of a core`);
      return others;
    }
    if (!warned)
      log(`other processes use ${f1(others)} % of a core; waiting up to ${QUIET_WAIT} s for a quiet machine`);
    warned = true;
  }
}

/** Starts the server on dataDir and takes its start-up figures; the server is left running. */
async function startMeasured(dataDir: string): Promise<{ server: BenchServer; api: ApiClient; start: StartFigures }> {
  const server = await startServer({ dataDir, keepDataDir: true });
  const api = new ApiClient(server.url);
  await api.call("ListUserPools", { MaxResults: 1 });
  const firstRequestMs = performance.now() - server.spawnedAt;
  const rssAtStart = memoryMiB(server.pid).rss;
  await sleep(IDLE_MS);
  const idle = memoryMiB(server.pid);
  return {
    server,
    api,
    start: { startedMs: server.startedAfterMs, firstRequestMs, rssAtStart, rssIdle: idle.rss, rssIdleAnon: idle.anon },
  };
}

/** Start-up figures of `runs` starts (medians); the last server is left running. */
async function startMedian(dataDir: string, runs: number) {
  const starts: StartFigures[] = [];
  for (let r = 0; ; r++) {
    const started = await startMeasured(dataDir);
    starts.push(started.start);
    if (r === runs - 1) {
      const median = (pick: (s: StartFigures) => number) => starts.map(pick).sort((a, b) => a - b)[(runs - 1) >> 1]!;
      return {
        ...started,
        start: {
          startedMs: median((s) => s.startedMs),
          firstRequestMs: median((s) => s.firstRequestMs),
          rssAtStart: median((s) => s.rssAtStart),
          rssIdle: median((s) => s.rssIdle),
          rssIdleAnon: median((s) => s.rssIdleAnon),
        },
      };
    }
    started.api.close();
    await started.server.stop();
  }
}

async function runSize(size: number, cost: HashCost): Promise<SizeResult> {
  const creates = Math.min(CREATES, size);
  const total = size + creates; // the pool after AdminCreateUser at full size
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-scale-"));
  log(`\n=== ${int(size)} users ===`);
  log(`other processes on the machine: ${f1(await waitForQuiet())} % of a core`);
  try {
    // --- Empty pool, through the API.
    const first = await startMedian(dataDir, 3);
    let server = first.server;
    let api = first.api;
    const empty = first.start;
    log(
      `server on an empty database: started in ${f1(empty.startedMs)} ms, first answer ${f1(empty.firstRequestMs)} ms, idle RSS ${f1(empty.rssIdle)} MiB`,
    );
    const { UserPool } = (await api.call("CreateUserPool", { PoolName: "scale" })) as { UserPool: { Id: string } };
    const poolId = UserPool.Id;
    const { UserPoolClient } = (await api.call("CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "scale",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      ],
    })) as { UserPoolClient: { ClientId: string } };
    const clientId = UserPoolClient.ClientId;

    /** Subs the server gave the users created through the API, by index. */
    const apiSubs = new Map<number, string>();
    const createUser = (pool: string, record: boolean) => async (i: number) => {
      const user = benchUser(i);
      const out = (await api.call("AdminCreateUser", {
        UserPoolId: pool,
        Username: user.username,
        TemporaryPassword: TEMPORARY_PASSWORD,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
      })) as { User: { Attributes: { Name: string; Value: string }[] } };
      if (record) apiSubs.set(i, out.User.Attributes.find((a) => a.Name === "sub")!.Value);
    };
    /** AdminCreateUser warm-up in a pool of its own, deleted afterwards (not part of any count). */
    const warmCreates = async (offset: number) => {
      const { UserPool: warm } = (await api.call("CreateUserPool", { PoolName: "warm-up" })) as {
        UserPool: { Id: string };
      };
      await drive(createUser(warm.Id, false), offset, Math.max(WARMUP, 500), CLIENTS);
      await api.call("DeleteUserPool", { UserPoolId: warm.Id });
    };
    await warmCreates(10_000_000);
    const createEmpty = await measure(server, "AdminCreateUser, empty pool", createUser(poolId, true), {
      calls: creates,
      clients: CLIENTS,
      warmup: 0,
      start: 0,
    });
    log(`AdminCreateUser into the empty pool: ${int(createEmpty.rps)} req/s`);
    api.close();
    await server.stop();

    // --- Bulk fill through the storage layer, server stopped.
    const fill = await bulkFill(dataDir, poolId, creates, size);
    const dbBytesAfterFill = dbBytes(dataDir);
    log(`database after the fill: ${f1(dbBytesAfterFill / 2 ** 20)} MiB`);

    // --- Full pool: start-up, then everything through the API.
    const second = await startMedian(dataDir, 3);
    server = second.server;
    api = second.api;
    const full = second.start;
    log(
      `server on the full database: started in ${f1(full.startedMs)} ms, first answer ${f1(full.firstRequestMs)} ms, idle RSS ${f1(full.rssIdle)} MiB`,
    );
    const srv = server;
    const figures: Figure[] = [];
    const show = (f: Figure) => {
      log(
        `  ${f.label} (${f.clients} client${f.clients > 1 ? "s" : ""}): ${int(f.rps)} req/s, p50 ${f2(f.p50)} ms, p99 ${f2(f.p99)} ms, server CPU ${f3(f.serverCpu)} ms`,
      );
      return f;
    };

    await warmCreates(20_000_000);
    const createFull = await measure(srv, "AdminCreateUser, full pool", createUser(poolId, true), {
      calls: creates,
      clients: CLIENTS,
      warmup: 0,
      start: size,
    });
    const createRatio = createFull.rps / createEmpty.rps;
    show(createFull);

    const pick = picker(size);
    const anyUser = () => pick(total);
    const signInUser = () => {
      for (;;) {
        const j = creates + pick(size - creates);
        if (canSignIn(j)) return j;
      }
    };

    // AdminGetUser: random users of the whole pool.
    const adminGetUser = () =>
      api.call("AdminGetUser", { UserPoolId: poolId, Username: benchUser(anyUser()).username });
    figures.push(show(await measure(srv, "AdminGetUser", adminGetUser, { calls: SAMPLES, clients: CLIENTS })));
    figures.push(show(await measure(srv, "AdminGetUser", adminGetUser, { calls: ONE_SAMPLES, clients: 1 })));

    // ListUsers on every filterable attribute.
    const { lists, mismatches } = await listUsersFigures(srv, api, poolId, size, creates, apiSubs, show);

    // Full pagination, one client: a chain of PaginationTokens.
    const pagination = await paginate(srv, api, poolId, total);
    log(
      `  ListUsers, whole pool: ${int(pagination.users)} users in ${int(pagination.pages)} pages, ${f1(pagination.seconds)} s, p99 ${f2(pagination.p99)} ms a page`,
    );

    // USER_PASSWORD_AUTH on random users; the tokens feed the refresh and GetUser rounds.
    const sessions: { AccessToken: string; RefreshToken: string }[] = [];
    const signIn = async () => {
      const out = (await api.call("InitiateAuth", {
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: benchUser(signInUser()).username, PASSWORD },
      })) as { AuthenticationResult: { AccessToken: string; RefreshToken: string } };
      sessions.push(out.AuthenticationResult);
    };
    const signInTarget = cost.fastCpuMs + 2;
    const signInFigure = (f: Figure) =>
      withTarget(f, `<= hash + 2 = ${f2(signInTarget)} ms CPU`, f.serverCpu <= signInTarget, "fast hash");
    figures.push(
      show(signInFigure(await measure(srv, "USER_PASSWORD_AUTH", signIn, { calls: SAMPLES, clients: CLIENTS }))),
    );
    figures.push(
      show(signInFigure(await measure(srv, "USER_PASSWORD_AUTH", signIn, { calls: ONE_SAMPLES, clients: 1 }))),
    );

    // REFRESH_TOKEN_AUTH: each refresh token once (sessions of different users).
    const refresh = (i: number) =>
      api.call("InitiateAuth", {
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: sessions[i % sessions.length]!.RefreshToken },
      });
    const refreshFigure = (f: Figure) => withTarget(f, "<= 1 ms CPU", f.serverCpu <= 1);
    figures.push(
      show(refreshFigure(await measure(srv, "REFRESH_TOKEN_AUTH", refresh, { calls: SAMPLES, clients: CLIENTS }))),
    );
    figures.push(
      show(
        refreshFigure(
          await measure(srv, "REFRESH_TOKEN_AUTH", refresh, {
            calls: ONE_SAMPLES,
            clients: 1,
            start: WARMUP + SAMPLES,
          }),
        ),
      ),
    );

    // GetUser: first the first use of each access token (its signature is checked), then
    // tokens already seen (the server remembers checked signatures), as an app calls it.
    const getUser = (i: number) => api.call("GetUser", { AccessToken: sessions[i % sessions.length]!.AccessToken });
    const seen = SAMPLES + WARMUP;
    const getUserFigure = (f: Figure) => withTarget(f, "<= 0.2 ms CPU", f.serverCpu <= 0.2);
    figures.push(
      show(
        getUserFigure({
          ...(await measure(srv, "GetUser, token's first use", getUser, { calls: SAMPLES, clients: CLIENTS })),
        }),
      ),
    );
    const again = picker(size + 1);
    const getUserAgain = () => getUser(again(seen));
    figures.push(
      show(
        getUserFigure(
          await measure(srv, "GetUser, token used before", getUserAgain, { calls: SAMPLES, clients: CLIENTS }),
        ),
      ),
    );
    figures.push(
      show(
        getUserFigure(
          await measure(srv, "GetUser, token used before", getUserAgain, { calls: ONE_SAMPLES, clients: 1 }),
        ),
      ),
    );

    const dbBytesAfterRun = dbBytes(dataDir);
    const mem = memoryMiB(srv.pid);
    const result: SizeResult = {
      size,
      users: total,
      fill,
      empty,
      full,
      createEmpty,
      createFull: withTarget(createFull, ">= 0.67 x empty", createRatio >= 1 / 1.5, `x${f2(createRatio)} of empty`),
      createRatio,
      figures,
      lists,
      pagination,
      dbBytesAfterFill,
      dbBytesAfterRun,
      peak: { rss: mem.peak, anon: mem.anon, file: mem.file },
      listMismatches: mismatches,
    };
    api.close();
    await srv.stop();
    printSize(result, cost);
    return result;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Writes users [from, to) through the storage layer, in primary-key order. */
async function bulkFill(dataDir: string, poolId: string, from: number, to: number) {
  const count = Math.max(0, to - from);
  if (count === 0) return { users: 0, seconds: 0, rate: 0 };
  const { openSqliteStore } = await importBuilt<StorageModule>("storage/sqlite/index.js");
  const { usernameKey } = await importBuilt<LookupModule>("users/lookup.js");
  const { hashPassword } = await importBuilt<PasswordsModule>("common/passwords.js");
  const t0 = performance.now();
  const store = openSqliteStore({ dataDir });
  try {
    const pool = await store.pools.get(poolId);
    if (!pool) throw new Error(`pool ${poolId} not found in ${dataDir}`);
    // One hash for everyone: hashing a million passwords would take longer than the fill.
    const passwordHash = await hashPassword(PASSWORD, "fast");
    // Rows go in in primary-key (username key) order: the table then grows at its end instead
    // of splitting pages all over; the secondary indexes still take their values at random.
    const keys = new Array<string>(count);
    for (let k = 0; k < count; k++) keys[k] = usernameKey(pool, benchUser(from + k).username);
    const order = Array.from({ length: count }, (_, k) => k).sort((a, b) =>
      keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0,
    );
    const now = Date.now();
    let done = 0;
    let lastReport = performance.now();
    for (let b = 0; b < count; b += FILL_BATCH) {
      await store.transaction(async () => {
        for (let k = b; k < Math.min(count, b + FILL_BATCH); k++) {
          const i = from + order[k]!;
          const user = benchUser(i);
          const sub = bulkSub(i);
          const record: UserRecord = {
            poolId,
            username: user.username,
            sub,
            ...bulkState(i),
            createdAt: now,
            updatedAt: now,
            attributes: { sub, ...user.attributes },
            passwordHash,
          };
          await store.users.insert(record, keys[order[k]!]!);
        }
      });
      done = Math.min(count, b + FILL_BATCH);
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        log(`  bulk fill: ${int(done)} of ${int(count)} users, ${int(done / ((lastReport - t0) / 1000))} users/s`);
      }
    }
  } finally {
    await store.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  log(
    `bulk fill through the storage layer: ${int(count)} users in ${f1(seconds)} s, ${int(count / seconds)} users/s ` +
      `(transactions of ${int(FILL_BATCH)}; every bulk user has the same "fast" hash of one password, no SRP verifier)`,
  );
  return { users: count, seconds, rate: count / seconds };
}

// ---------------------------------------------------------------------------------------------
// ListUsers

const LIST_ATTRIBUTES = USER_FILTER_ATTRIBUTES;
type ListAttribute = (typeof LIST_ATTRIBUTES)[number];

/**
 * ListUsers at Limit 60 for each attribute with `=` and `^=` (Cognito's API reference allows
 * both on every searchable attribute). Values: exact matches are the value of a random user
 * (or, for the two status attributes, each of their values in turn); prefixes are the longest
 * prefix of a random user's value that at least a page of users share, so pages are full.
 * Every answer's length is checked against what the pool holds.
 */
async function listUsersFigures(
  server: BenchServer,
  api: ApiClient,
  poolId: string,
  size: number,
  creates: number,
  apiSubs: Map<number, string>,
  show: (f: Figure) => Figure,
): Promise<{ lists: Figure[]; mismatches: number }> {
  const total = size + creates;
  const isApiUser = (j: number) => j < creates || j >= size;
  const valueOf = (attribute: ListAttribute, j: number): string => {
    switch (attribute) {
      case "username":
        return benchUser(j).username;
      case "sub":
        return isApiUser(j) ? apiSubs.get(j)! : bulkSub(j);
      case "cognito:user_status":
        return isApiUser(j) ? "FORCE_CHANGE_PASSWORD" : bulkState(j).status;
      case "status":
        return isApiUser(j) || bulkState(j).enabled ? "Enabled" : "Disabled";
      default:
        return benchUser(j).attributes[attribute];
    }
  };
  const fixed: Partial<Record<ListAttribute, { exact: string[]; prefix: string[] }>> = {
    "cognito:user_status": {
      exact: ["CONFIRMED", "UNCONFIRMED", "FORCE_CHANGE_PASSWORD"],
      prefix: ["C", "CONF", "U", "UNCONF", "F", "FORCE_"],
    },
    status: { exact: ["Enabled", "Disabled"], prefix: ["E", "Ena", "D", "Dis"] },
  };
  const lists: Figure[] = [];
  let mismatches = 0;
  const samples = WARMUP + LIST_SAMPLES + ONE_SAMPLES;
  for (const attribute of LIST_ATTRIBUTES) {
    const values = new SortedValues(Array.from({ length: total }, (_, j) => valueOf(attribute, j)));
    const pick = picker(attribute.length * 7919 + size);
    for (const op of ["=", "^="] as const) {
      // The filter values of this round and the page length each must answer.
      const filters: { value: string; expected: number }[] = [];
      for (let k = 0; k < samples; k++) {
        const own = fixed[attribute];
        const value = own
          ? (op === "=" ? own.exact : own.prefix)[k % (op === "=" ? own.exact.length : own.prefix.length)]!
          : op === "="
            ? valueOf(attribute, pick(total))
            : values.pagePrefix(valueOf(attribute, pick(total)), PAGE).prefix;
        const matches = op === "=" ? values.countEqual(value) : values.countPrefix(value);
        filters.push({ value, expected: Math.min(PAGE, matches) });
      }
      let returned = 0;
      let calls = 0;
      const list = async (i: number) => {
        const { value, expected } = filters[i]!;
        const out = (await api.call("ListUsers", {
          UserPoolId: poolId,
          Filter: `${attribute} ${op} "${value.replace(/["\\]/g, "\\$&")}"`,
          Limit: PAGE,
        })) as { Users: unknown[] };
        returned += out.Users.length;
        calls++;
        if (out.Users.length !== expected) {
          if (mismatches++ < 5) {
            log(
              `  ! ListUsers ${attribute} ${op} "${value}" answered ${out.Users.length} users, the pool has ${expected}`,
            );
          }
        }
      };
      const label = `ListUsers ${attribute} ${op}`;
      const target = (f: Figure) => withTarget(f, "p99 < 20 ms", f.p99 < 20);
      returned = 0;
      calls = 0;
      const many = await measure(server, label, list, { calls: LIST_SAMPLES, clients: CLIENTS, start: 0 });
      const perPage = returned / Math.max(1, calls);
      lists.push(show(target({ ...many, note: `${f1(perPage)} a page` })));
      const one = await measure(server, label, list, {
        calls: ONE_SAMPLES,
        clients: 1,
        warmup: 0,
        start: WARMUP + LIST_SAMPLES,
      });
      lists.push(show({ ...one, note: `${f1(perPage)} a page` }));
    }
  }
  return { lists, mismatches };
}

/** Every page of the pool at Limit 60, one request after the other. */
async function paginate(server: BenchServer, api: ApiClient, poolId: string, expected: number) {
  const maxPages = Math.ceil(expected / PAGE) + 10;
  // Warm-up: a few pages from the start.
  let token: string | undefined;
  for (let p = 0; p < 20; p++) {
    const out = (await api.call("ListUsers", { UserPoolId: poolId, Limit: PAGE, PaginationToken: token })) as {
      PaginationToken?: string;
    };
    token = out.PaginationToken;
  }
  const seen = new Set<string>();
  const latencies: number[] = [];
  const usage = startUsage(server.pid);
  const deadline = performance.now() + 5 * MAX_SECONDS * 1000;
  token = undefined;
  let pages = 0;
  do {
    const t = performance.now();
    const out = (await api.call("ListUsers", {
      UserPoolId: poolId,
      Limit: PAGE,
      ...(token ? { PaginationToken: token } : {}),
    })) as { Users: { Username: string }[]; PaginationToken?: string };
    latencies.push(performance.now() - t);
    for (const user of out.Users) seen.add(user.Username);
    token = out.PaginationToken;
    pages++;
  } while (token && pages < maxPages && performance.now() < deadline);
  const used = usage();
  const complete = token === undefined;
  if (!complete || seen.size !== expected) {
    log(
      `  ! pagination: ${seen.size} distinct users in ${pages} pages${complete ? "" : " (stopped)"}, expected ${expected}`,
    );
  }
  return {
    pages,
    users: seen.size,
    seconds: used.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    serverCpu: used.serverCpuMs / pages,
    clientCpu: used.ownCpuMs / pages,
    others: used.othersCpuMs / used.seconds / 10,
    ok: complete && seen.size === expected,
  };
}

// ---------------------------------------------------------------------------------------------
// Reports

function printSize(r: SizeResult, cost: HashCost): void {
  log("");
  log(`--- Results at ${int(r.size)} users (${int(r.users)} after AdminCreateUser at full size) ---`);
  log(
    `bulk fill: ${int(r.fill.users)} users in ${f1(r.fill.seconds)} s = ${int(r.fill.rate)} users/s (storage layer, in-process; one shared "fast" hash)`,
  );
  log(
    `start-up, empty database: ${f1(r.empty.startedMs)} ms to "cognate started", ${f1(r.empty.firstRequestMs)} ms to the first answer; RSS ${f1(r.empty.rssAtStart)} MiB, ${f1(r.empty.rssIdle)} MiB after ${IDLE_MS / 1000} s idle`,
  );
  log(
    `start-up, full database:  ${f1(r.full.startedMs)} ms to "cognate started", ${f1(r.full.firstRequestMs)} ms to the first answer; RSS ${f1(r.full.rssAtStart)} MiB, ${f1(r.full.rssIdle)} MiB after ${IDLE_MS / 1000} s idle (anonymous ${f1(r.full.rssIdleAnon)} MiB)` +
      `  [targets: < 300 ms, idle RSS < 80 MiB]`,
  );
  log(
    `database on disk: ${f1(r.dbBytesAfterFill / 2 ** 20)} MiB after the fill, ${f1(r.dbBytesAfterRun / 2 ** 20)} MiB after the run (cognate.db, -wal, -shm)`,
  );
  log(
    `server peak RSS (VmHWM) after the run: ${f1(r.peak.rss)} MiB; at the end ${f1(r.peak.anon)} MiB anonymous + ${f1(r.peak.file)} MiB file pages (the database is memory-mapped)`,
  );
  log(
    `password check alone (one core): fast ${f2(cost.fastMs)} ms (${f2(cost.fastCpuMs)} ms CPU), owasp ${f1(cost.owaspMs)} ms (${f1(cost.owaspCpuMs)} ms CPU)`,
  );
  log("");
  log(figureTable([r.createEmpty, r.createFull, ...r.figures]));
  log("");
  log(figureTable(r.lists));
  const disturbed = [r.createEmpty, r.createFull, ...r.figures, ...r.lists].filter((f) => f.disturbed);
  if (disturbed.length) {
    log(
      `! other processes used more than ${DISTURBED} % of a core during: ${disturbed.map((f) => `${f.label} (${f.clients})`).join(", ")}; re-run on a quiet machine`,
    );
  }
  if (r.listMismatches) log(`! ${r.listMismatches} ListUsers answers had another length than the pool holds`);
  log("");
  log(
    `ListUsers, whole pool at Limit 60, one client: ${int(r.pagination.users)} users (${r.pagination.ok ? "all of them, once each" : "INCOMPLETE"}) in ${int(r.pagination.pages)} pages, ` +
      `${f1(r.pagination.seconds)} s = ${int(r.pagination.pages / r.pagination.seconds)} pages/s; p50 ${f2(r.pagination.p50)} ms, p99 ${f2(r.pagination.p99)} ms, server CPU ${f3(r.pagination.serverCpu)} ms a page, bench CPU ${f3(r.pagination.clientCpu)} ms, others ${f1(r.pagination.others)} %`,
  );
}

function printSummary(results: SizeResult[], cost: HashCost): void {
  const heads = results.map((r) => `${int(r.size)} users`);
  const rows: string[][] = [];
  const row = (label: string, target: string, cell: (r: SizeResult) => string) =>
    rows.push([label, ...results.map(cell), target]);
  const fig = (r: SizeResult, label: string, clients: number) =>
    [...r.figures, ...r.lists].find((f) => f.label === label && f.clients === clients);
  const cpuP99 = (f: Figure | undefined) =>
    f ? `${f3(f.serverCpu)} ms CPU, p99 ${f2(f.p99)} ms, ${int(f.rps)}/s` : "";

  row("bulk fill (storage layer)", "~1M in a minute", (r) => `${int(r.fill.rate)} users/s`);
  row("AdminCreateUser, empty pool", "", (r) => `${int(r.createEmpty.rps)}/s, ${f3(r.createEmpty.serverCpu)} ms CPU`);
  row("AdminCreateUser, full pool", "", (r) => `${int(r.createFull.rps)}/s, ${f3(r.createFull.serverCpu)} ms CPU`);
  row("AdminCreateUser full/empty rate", ">= 0.67", (r) => `${f2(r.createRatio)} ${mark(r.createRatio >= 1 / 1.5)}`);
  row(`AdminGetUser (${CLIENTS} clients)`, "", (r) => cpuP99(fig(r, "AdminGetUser", CLIENTS)));
  row("AdminGetUser (1 client)", "", (r) => {
    const f = fig(r, "AdminGetUser", 1);
    return f ? `p50 ${f2(f.p50)} ms, p99 ${f2(f.p99)} ms` : "";
  });
  for (const attribute of LIST_ATTRIBUTES) {
    for (const op of ["=", "^="]) {
      const label = `ListUsers ${attribute} ${op}`;
      row(`${label} (${CLIENTS} clients)`, "p99 < 20 ms", (r) => {
        const f = fig(r, label, CLIENTS);
        return f ? `p99 ${f2(f.p99)} ms, ${f3(f.serverCpu)} ms CPU ${mark(f.ok)}` : "";
      });
    }
  }
  row(
    "ListUsers, whole pool (1 client)",
    "",
    (r) =>
      `${f1(r.pagination.seconds)} s, ${int(r.pagination.pages / r.pagination.seconds)} pages/s, ${f3(r.pagination.serverCpu)} ms CPU a page${r.pagination.ok ? "" : " INCOMPLETE"}`,
  );
  row(`USER_PASSWORD_AUTH (${CLIENTS} clients)`, `<= hash ${f2(cost.fastCpuMs)} + 2 ms CPU`, (r) => {
    const f = fig(r, "USER_PASSWORD_AUTH", CLIENTS);
    return f ? `${cpuP99(f)} ${mark(f.ok)}` : "";
  });
  row(`REFRESH_TOKEN_AUTH (${CLIENTS} clients)`, "<= 1 ms CPU", (r) => {
    const f = fig(r, "REFRESH_TOKEN_AUTH", CLIENTS);
    return f ? `${cpuP99(f)} ${mark(f.ok)}` : "";
  });
  for (const label of ["GetUser, token's first use", "GetUser, token used before"]) {
    row(`${label} (${CLIENTS} clients)`, "<= 0.2 ms CPU", (r) => {
      const f = fig(r, label, CLIENTS);
      return f ? `${cpuP99(f)} ${mark(f.ok)}` : "";
    });
  }
  row(
    "start-up, full database",
    "< 300 ms",
    (r) =>
      `${f1(r.full.startedMs)} ms (first answer ${f1(r.full.firstRequestMs)} ms) ${mark(r.full.firstRequestMs < 300)}`,
  );
  row("idle RSS, full database", "< 80 MiB", (r) => `${f1(r.full.rssIdle)} MiB ${mark(r.full.rssIdle < 80)}`);
  row("idle RSS, empty database", "< 80 MiB", (r) => `${f1(r.empty.rssIdle)} MiB ${mark(r.empty.rssIdle < 80)}`);
  row(
    "peak RSS after the run (VmHWM)",
    "",
    (r) => `${f1(r.peak.rss)} MiB (${f1(r.peak.anon)} MiB anonymous at the end)`,
  );
  row("database on disk after the run", "", (r) => `${f1(r.dbBytesAfterRun / 2 ** 20)} MiB`);
  row(
    "password check alone (one core)",
    "",
    () => `fast ${f2(cost.fastMs)} ms, owasp ${f1(cost.owaspMs)} ms (${cost.owaspScheme})`,
  );

  log("");
  log("=== Summary (markdown) ===");
  log("");
  log(`| figure | ${heads.join(" | ")} | target |`);
  log(`| --- | ${heads.map(() => "---").join(" | ")} | --- |`);
  for (const r of rows) log(`| ${r.join(" | ")} |`);
}

async function main(): Promise<void> {
  for (const size of SIZES) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`BENCH_SIZES: invalid size ${size}`);
  }
  log("Cognate scale benchmark");
  for (const line of machine()) log(line);
  const built = statSync(CLI).mtime.toISOString();
  log(
    `server: ${CLI} (built ${built}) serve --password-hash-cost fast --log-level info (request log on); ${CLIENTS} clients, ` +
      `${SAMPLES} calls a measurement (${LIST_SAMPLES} a ListUsers filter, ${ONE_SAMPLES} with one client), ${WARMUP} warm-up calls before each`,
  );
  const passwords = await importBuilt<PasswordsModule>("common/passwords.js");
  const cost = await hashCost(passwords);
  log(
    `password check alone (one core): fast ${f2(cost.fastMs)} ms (${f2(cost.fastCpuMs)} ms CPU; ${cost.fastScheme}), ` +
      `owasp ${f1(cost.owaspMs)} ms (${f1(cost.owaspCpuMs)} ms CPU; ${cost.owaspScheme})`,
  );
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await runSize(size, cost));
  printSummary(results, cost);
  log("");
  log(`(the run took ${f1(performance.now() / 60_000)} minutes)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
