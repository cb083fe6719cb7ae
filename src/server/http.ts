import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createDispatcher } from "../protocol/awsJson.js";
import { newRequestId } from "../common/ids.js";
import { argon2Parameters } from "../common/passwords.js";
import { createLogger, type Logger } from "../common/log.js";
import { openSqliteStore } from "../storage/sqlite/index.js";
import type { Store } from "../storage/types.js";
import { RawJson } from "../protocol/rawJson.js";
import { handlers } from "../protocol/registry.js";
import { handleOAuth } from "../oauth/router.js";
import { checkTriggersConfig } from "../triggers/config.js";
import { closeModuleWorkers } from "../triggers/runners/module.js";
import { defaultConfig, type CognateConfig } from "./config.js";
import { handleControl } from "./control.js";
import { startSweeper } from "./sweeper.js";
import { handleWellKnown, WELL_KNOWN_PATH } from "./wellKnown.js";

/** Largest request body accepted (branding assets are the largest legitimate inputs). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface RunningCognate {
  /** Base URL, e.g. http://127.0.0.1:9229 — give it to the SDK as `endpoint`. */
  url: string;
  port: number;
  config: CognateConfig;
  store: Store;
  /** Stops accepting connections, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

export type StartOptions = Partial<CognateConfig> & { logger?: Logger };

/** Starts Cognate. For test suites: `startCognate({ port: 0, inMemory: true })`. */
export async function startCognate(options: StartOptions = {}): Promise<RunningCognate> {
  const { logger, ...overrides } = options;
  const config: CognateConfig = { ...defaultConfig, ...stripUndefined(overrides) };
  argon2Parameters(config.passwordHashCost); // throws for a malformed or too weak cost, before anything starts
  if (config.triggers) config.triggers = checkTriggersConfig(config.triggers);
  const log = logger ?? createLogger(config.logLevel);
  const store = openSqliteStore({ dataDir: config.dataDir, inMemory: config.inMemory });
  const dispatcher = createDispatcher({ store, config, log, handlers });

  const server = createHttpServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      log.error("request failed", { error: err instanceof Error ? err.stack : String(err) });
      if (!res.headersSent) send(res, 500, { __type: "InternalErrorException", message: "Internal error" });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = newRequestId();
    res.setHeader("x-amzn-RequestId", requestId);
    setCors(req, res);
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    // The API's own route first, without building a URL: it is nearly every request.
    if (req.method !== "POST" || req.url !== "/") {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "GET" && WELL_KNOWN_PATH.test(url.pathname)) {
        await handleWellKnown(req, res, url, { store, config });
        return;
      }
      if (url.pathname.startsWith("/_cognate/")) {
        await handleControl(req, res, url, { store, config });
        return;
      }
      // The pools' domains: OAuth endpoints and managed login pages (src/oauth/domainRouting.ts).
      if (await handleOAuth(req, res, url, { store, config, log })) return;
      if (req.method !== "POST" || url.pathname !== "/") {
        send(res, 404, { __type: "ResourceNotFoundException", message: `No route for ${req.method} ${url.pathname}` });
        return;
      }
    }
    const body = await readBody(req);
    const peer = sourceIp(req);
    const result =
      body === undefined
        ? {
            status: 400,
            body: { __type: "SerializationException", message: `Request body exceeds ${MAX_BODY_BYTES} bytes` },
            error: { type: "SerializationException", message: "body too large" },
            operation: undefined,
          }
        : await dispatcher.handle({
            target: header(req, "x-amz-target"),
            authorization: header(req, "authorization"),
            body,
            requestId,
            ...(peer ? { sourceIp: peer } : {}),
          });
    if (result.error) res.setHeader("x-amzn-ErrorType", result.error.type);
    send(res, result.status, result.body);
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    log.info("request", {
      requestId,
      operation: result.operation ?? header(req, "x-amz-target") ?? null,
      status: result.status,
      durationMs: Math.round(durationMs * 100) / 100,
      ...(result.error ? { error: result.error.type } : {}),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  config.publicUrl ??= url;
  const sweeper = startSweeper(store, log, config.sweepIntervalMs);
  log.info("cognate started", { url, dataDir: config.inMemory ? null : config.dataDir, inMemory: config.inMemory });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    config,
    store,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await sweeper.stop();
        await closeModuleWorkers(config);
        await store.close();
      })();
      return closing;
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The peer's address, IPv4-mapped IPv6 written as plain IPv4 (as Cognito shows addresses). */
function sourceIp(req: IncomingMessage): string | undefined {
  const address = req.socket.remoteAddress;
  return address?.startsWith("::ffff:") ? address.slice(7) : address;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Browsers (Amplify, amazon-cognito-identity-js) call from other origins: allow them, as AWS does. */
function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Access-Control-Allow-Origin", header(req, "origin") ?? "*");
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.setHeader(
    "Access-Control-Allow-Headers",
    header(req, "access-control-request-headers") ??
      "authorization, content-type, x-amz-target, x-amz-date, x-amz-user-agent, x-amz-security-token, amz-sdk-invocation-id, amz-sdk-request",
  );
  res.setHeader("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date");
  res.setHeader("Access-Control-Max-Age", "86400");
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body instanceof RawJson ? body.text : JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/x-amz-json-1.1",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
