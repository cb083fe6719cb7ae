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

interface Host {
  worker: Worker;
  mtimeMs: number;
  pending: Map<number, (result: RunResult) => void>;
}

/**
 * Handler modules run in worker threads: isolated from the server (a crash or an endless loop
 * ends the worker, not Cognate) yet warm between invocations. A module is loaded again when its
 * file changes, so edits apply at the next invocation without restarting Cognate.
 */
const hosts = new Map<string, Host>();
let nextId = 1;

function hostFor(path: string): Host {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    throw new TriggerUnreachable(`trigger module ${path} does not exist`);
  }
  const current = hosts.get(path);
  if (current && current.mtimeMs === mtimeMs) return current;
  if (current) retire(path, current);
  const worker = new Worker(WORKER, { eval: true, workerData: { path, tsxApi: TSX_API } });
  worker.unref();
  const host: Host = { worker, mtimeMs, pending: new Map() };
  worker.on("message", ({ id, ...result }: { id: number } & RunResult) => {
    host.pending.get(id)?.(result as RunResult);
    host.pending.delete(id);
  });
  const fail = (message: string) => {
    for (const settle of host.pending.values()) settle({ error: { message, type: "Error" } });
    host.pending.clear();
    if (hosts.get(path) === host) hosts.delete(path);
  };
  worker.on("error", (err) => fail(err.message));
  worker.on("exit", () => fail("the trigger's worker exited"));
  hosts.set(path, host);
  return host;
}

function retire(path: string, host: Host): void {
  if (hosts.get(path) === host) hosts.delete(path);
  void host.worker.terminate();
}

export async function runModule(
  path: string,
  event: unknown,
  functionName: string,
  timeoutMs: number,
): Promise<RunResult> {
  const host = hostFor(path);
  const id = nextId++;
  const deadline = Date.now() + timeoutMs;
  return new Promise<RunResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      host.pending.delete(id);
      // A handler that overran may still be running: its worker is ended, the next call starts afresh.
      retire(path, host);
      reject(new TriggerUnreachable(`${functionName} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    host.pending.set(id, (result) => {
      clearTimeout(timer);
      resolve(result);
    });
    host.worker.postMessage({ id, event, context: { functionName, deadline, awsRequestId: randomUUID() } });
  });
}

/** Ends every trigger worker (when the server stops). */
export async function closeModuleWorkers(): Promise<void> {
  const all = [...hosts.values()];
  hosts.clear();
  await Promise.all(all.map((h) => h.worker.terminate()));
}
