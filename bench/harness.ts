/**
 * What the benchmarks share: a Cognate server in its own process (the built CLI, SQLite in a
 * temporary data dir, "fast" hashing), raw AWS JSON 1.1 calls, a closed-loop load generator,
 * percentiles, and the server's CPU time from /proc.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Clients in flight (BENCH_CONCURRENCY, default 8). */
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

export interface BenchServer {
  url: string;
  pid: number;
  /** Stops the server and deletes its data dir. */
  stop(): Promise<void>;
}

export async function startServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-bench-"));
  // BENCH_SERVER_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server alone.
  const nodeOptions = (process.env.BENCH_SERVER_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      "dist/cli/main.js",
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
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** One AWS JSON 1.1 call; anything but 200 throws. */
export async function call(url: string, operation: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${JSON.stringify(json)}`);
  return json;
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
