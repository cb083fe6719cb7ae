/**
 * What the benchmarks share: a Cognate server in its own process (the built CLI, SQLite in a
 * temporary data dir, "fast" hashing), raw AWS JSON 1.1 calls, a closed-loop load generator,
 * percentiles, and the server's CPU time and memory from /proc.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiClient } from "./client.js";

/** Clients in flight (BENCH_CONCURRENCY, default 8). */
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

/** The server the benchmarks start (BENCH_CLI, default the build: run `npm run build` first). */
export const CLI = process.env.BENCH_CLI ?? "dist/cli/main.js";

export interface BenchServer {
  url: string;
  pid: number;
  dataDir: string;
  /** Milliseconds from spawning the process to its "cognate started" log line. */
  startedAfterMs: number;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  /** Stops the server and deletes its data dir (unless started with keepDataDir). */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Serve this data dir instead of a new temporary one. */
  dataDir?: string;
  /** Leave the data dir in place on stop (the caller removes it). */
  keepDataDir?: boolean;
}

export async function startServer(options: StartOptions = {}): Promise<BenchServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "cognate-bench-"));
  // BENCH_SERVER_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server alone.
  const nodeOptions = (process.env.BENCH_SERVER_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      CLI,
      "serve",
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--password-hash-cost",
      "fast",
      "--log-level",
      "info",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${buffered}`)), 20_000);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"msg":"cognate started","url":"([^"]+)"/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        // Keep draining stderr (one log line per request) so the pipe never fills.
        child.stderr.off("data", onData);
        child.stderr.resume();
        resolve(match[1]!);
      }
    };
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${buffered}`)));
  });
  const startedAfterMs = performance.now() - spawnedAt;
  return {
    url,
    pid: child.pid!,
    dataDir,
    startedAfterMs,
    spawnedAt,
    stop: () =>
      new Promise<void>((resolve) => {
        clients.get(url)?.close();
        clients.delete(url);
        child.once("exit", () => {
          if (!options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

const clients = new Map<string, ApiClient>();

/**
 * One AWS JSON 1.1 call over a kept-alive connection (bench/client.ts: far cheaper for the
 * load generator than fetch); anything but 200 throws.
 */
export async function call(url: string, operation: string, body: unknown): Promise<Record<string, unknown>> {
  let client = clients.get(url);
  if (!client) {
    client = new ApiClient(url);
    clients.set(url, client);
  }
  return client.call(operation, body);
}

/** Runs `count` calls of fn with `concurrency` in flight; returns each call's latency (ms). */
export async function load(
  count: number,
  fn: (i: number) => Promise<unknown>,
  concurrency = CONCURRENCY,
): Promise<number[]> {
  const latencies = new Array<number>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  return latencies;
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of stat; after "pid (comm) " they are at 11 and 12.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux.
}

/**
 * CPU time (ms) of a process's live threads, from /proc/<pid>/task/<tid>/schedstat: nanosecond
 * resolution where /proc/<pid>/stat counts 10 ms ticks, which matters for a few hundred calls
 * of a fraction of a millisecond. Falls back to cpuMs where schedstat is missing.
 */
export function cpuPreciseMs(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // the thread ended meanwhile
      }
    }
    return ns / 1e6;
  } catch {
    return cpuMs(pid);
  }
}

/**
 * Resident memory in MiB, from /proc/<pid>/status: now (VmRSS, and its anonymous and
 * file-backed parts: memory-mapped database pages count as file) and at its peak (VmHWM).
 */
export function memoryMiB(pid: number): { rss: number; anon: number; file: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const mib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) / 1024;
  return { rss: mib("VmRSS"), anon: mib("RssAnon"), file: mib("RssFile") + mib("RssShmem"), peak: mib("VmHWM") };
}

/** Busy CPU time (ms) of the whole machine, all cores, from /proc/stat (user, nice, system, irq, softirq, steal). */
export function machineBusyMs(): number {
  const f = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  return ((f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) * 1000) / 100;
}

/** Bytes a process has caused to be written to storage so far (write_bytes of /proc/<pid>/io). */
export function writtenBytes(pid: number): number {
  return Number(/^write_bytes: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, "utf8"))?.[1] ?? NaN);
}

export interface Usage {
  seconds: number;
  /** CPU ms of the server, of this process (the load generator) and of everything else on the machine. */
  serverCpuMs: number;
  ownCpuMs: number;
  othersCpuMs: number;
  /** Bytes the server wrote to storage (the database, its WAL; the request log goes to a pipe). */
  serverWrittenBytes: number;
}

/**
 * Starts counting what a measurement costs; the returned function gives the usage since.
 * "Others" is what other processes used meanwhile: on a shared machine it tells a disturbed
 * measurement from a slow server.
 */
export function startUsage(pid: number): () => Usage {
  const t0 = performance.now();
  const server0 = cpuPreciseMs(pid);
  const own0 = process.cpuUsage();
  const machine0 = machineBusyMs();
  const written0 = writtenBytes(pid);
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const serverCpuMs = cpuPreciseMs(pid) - server0;
    const own = process.cpuUsage(own0);
    const ownCpuMs = (own.user + own.system) / 1000;
    const othersCpuMs = Math.max(0, machineBusyMs() - machine0 - serverCpuMs - ownCpuMs);
    return { seconds, serverCpuMs, ownCpuMs, othersCpuMs, serverWrittenBytes: writtenBytes(pid) - written0 };
  };
}
