import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { TriggerUnreachable, type RunResult } from "./result.js";

const require = createRequire(import.meta.url);
/** tsx's loader API: registered inside the worker for TypeScript handlers. */
const TSX_API = require.resolve("tsx/esm/api");

// The worker's code, as a CommonJS script (eval): it loads the handler module once and runs one
// event a message. Handlers are async functions, or take (event, context, callback) as Lambda's do.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
const loading = (async () => {
  if (/\\.[cm]?tsx?$/.test(workerData.path)) (await import(pathToFileURL(workerData.tsxApi).href)).register();
  const mod = await import(pathToFileURL(workerData.path).href);
  const handler = mod.handler ?? (mod.default && mod.default.handler);
  if (typeof handler !== "function") throw new Error(workerData.path + " does not export a handler function");
  return handler;
})();
const failure = (e) => ({ message: String((e && e.message) || e), type: (e && e.name) || "Error" });
parentPort.on("message", async ({ id, event, context }) => {
  try {
    const handler = await loading;
    const value = await new Promise((resolve, reject) => {
      const callback = (err, result) => (err ? reject(err) : resolve(result));
      const returned = handler(event, { ...context, getRemainingTimeInMillis: () => context.deadline - Date.now() }, callback);
      if (returned && typeof returned.then === "function") returned.then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    });
    parentPort.postMessage({ id, value });
  } catch (e) {
    parentPort.postMessage({ id, error: failure(e) });
  }
});
`;

interface Pending {
  resolve: (result: RunResult) => void;
  reject: (err: Error) => void;
}

interface Host {
  worker: Worker;
  mtimeMs: number;
  pending: Map<number, Pending>;
  /** No new calls: ended once its calls in flight are settled. */
  retiring: boolean;
}

/**
 * Handler modules run in worker threads: isolated from the server (a crash or an endless loop
 * ends the worker, not Cognate) yet warm between invocations. A module is loaded again when its
 * file changes, so edits apply at the next invocation without restarting Cognate. Each server
 * (startCognate) has its own workers, keyed by module path.
 */
export class ModuleWorkers {
  private readonly hosts = new Map<string, Host>();
  private nextId = 1;

  async run(path: string, event: unknown, functionName: string, timeoutMs: number): Promise<RunResult> {
    const host = this.hostFor(path);
    const id = this.nextId++;
    const deadline = Date.now() + timeoutMs;
    return new Promise<RunResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        host.pending.delete(id);
        // The handler may still be running (or loop forever): no new calls go to its worker, which
        // ends once the other calls in flight on it are settled; theirs are not failed for this one.
        this.retire(path, host);
        reject(new TriggerUnreachable(`${functionName} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const settled = () => {
        clearTimeout(timer);
        if (host.retiring && host.pending.size === 0) void host.worker.terminate();
      };
      host.pending.set(id, {
        resolve: (result) => {
          settled();
          resolve(result);
        },
        reject: (err) => {
          settled();
          reject(err);
        },
      });
      host.worker.postMessage({ id, event, context: { functionName, deadline, awsRequestId: randomUUID() } });
    });
  }

  /** Ends every worker (when the server stops). */
  async close(): Promise<void> {
    const all = [...this.hosts.values()];
    this.hosts.clear();
    await Promise.all(all.map((h) => h.worker.terminate()));
  }

  private hostFor(path: string): Host {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      throw new TriggerUnreachable(`trigger module ${path} does not exist`);
    }
    const current = this.hosts.get(path);
    if (current && current.mtimeMs === mtimeMs) return current;
    if (current) this.retire(path, current);
    const worker = new Worker(WORKER, { eval: true, workerData: { path, tsxApi: TSX_API } });
    worker.unref();
    const host: Host = { worker, mtimeMs, pending: new Map(), retiring: false };
    worker.on("message", ({ id, ...result }: { id: number } & RunResult) => {
      const pending = host.pending.get(id);
      host.pending.delete(id);
      pending?.resolve(result as RunResult);
    });
    // A worker that dies (process.exit, an error thrown outside the handler) ran nothing to the
    // end: its calls fail as unreachable functions do.
    const fail = (message: string) => {
      const all = [...host.pending.values()];
      host.pending.clear();
      if (this.hosts.get(path) === host) this.hosts.delete(path);
      for (const p of all) p.reject(new TriggerUnreachable(message));
    };
    worker.on("error", (err) => fail(`the trigger's worker failed: ${err.message}`));
    worker.on("exit", () => fail("the trigger's worker exited"));
    this.hosts.set(path, host);
    return host;
  }

  private retire(path: string, host: Host): void {
    if (this.hosts.get(path) === host) this.hosts.delete(path);
    host.retiring = true;
    if (host.pending.size === 0) void host.worker.terminate();
  }
}

/** The workers of each server, keyed by its configuration object (one per startCognate). */
const perServer = new WeakMap<object, ModuleWorkers>();

export function moduleWorkersOf(server: object): ModuleWorkers {
  let workers = perServer.get(server);
  if (!workers) perServer.set(server, (workers = new ModuleWorkers()));
  return workers;
}

/** Ends a server's trigger workers (when it stops); other servers' in the process go on. */
export async function closeModuleWorkers(server: object): Promise<void> {
  const workers = perServer.get(server);
  perServer.delete(server);
  await workers?.close();
}
