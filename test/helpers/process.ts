import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

export interface CognateProcess {
  url: string;
  child: ChildProcess;
  /** Every line the process wrote to stderr (its JSON log) so far. */
  lines: string[];
  /** Milliseconds from spawn to the "cognate started" log line. */
  startupMs: number;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the `cognate` CLI from source as a child process. */
export function runCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

/** Starts `cognate serve` with the given flags on a free port and waits for its start-up log line. */
export async function spawnCognate(args: string[]): Promise<CognateProcess> {
  const started = Date.now();
  const child = runCli(["serve", "--port", "0", "--password-hash-cost", "fast", ...args]);
  const lines: string[] = [];
  let buffer = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cognate did not start:\n${lines.join("\n")}`)), 20_000);
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        const parsed = tryJson(line);
        if (parsed?.msg === "cognate started") {
          clearTimeout(timer);
          resolve(String(parsed.url));
        }
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`cognate exited with ${code}:\n${lines.join("\n")}`));
    });
  });
  const startupMs = Date.now() - started;
  return {
    url,
    child,
    lines,
    startupMs,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

export function tryJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
