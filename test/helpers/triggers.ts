import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";

/** A Lambda function ARN in the test account for a function name. */
export const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/**
 * A folder of trigger handler modules for one test file, removed afterwards. Handlers record
 * every event they get in `<name>.events.jsonl` beside them, so tests can read what Cognate sent.
 */
export function handlerDir(): {
  dir: string;
  /** Writes `<name>.ts` exporting `handler`; its body sees `event` and may return or throw. */
  write(name: string, body: string): string;
  /** The events the handler `name` received, oldest first. */
  events(name: string): Record<string, unknown>[];
} {
  const dir = mkdtempSync(join(tmpdir(), "cognate-triggers-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, body) {
      const file = join(dir, `${name}.ts`);
      const log = JSON.stringify(join(dir, `${name}.events.jsonl`));
      writeFileSync(
        file,
        `import { appendFileSync } from "node:fs";\n` +
          `export const handler = async (event: any, context: any) => {\n` +
          `  appendFileSync(${log}, JSON.stringify(event) + "\\n");\n${body}\n};\n`,
      );
      return file;
    },
    events(name) {
      const log = join(dir, `${name}.events.jsonl`);
      if (!existsSync(log)) return [];
      return readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "null")));
    req.on("error", reject);
  });
}

export interface FakeEndpoint {
  url: string;
  /** Every request: path, headers and the event body. */
  requests: { path: string; headers: IncomingMessage["headers"]; event: Record<string, unknown> }[];
}

/**
 * A test HTTP server on 127.0.0.1 that answers each event with `answer(event, path)`: an
 * object is sent back as JSON with 200, `{ status, body, headers }` as given. Closed after the file.
 */
export async function fakeEndpoint(
  answer: (
    event: Record<string, unknown>,
    path: string,
  ) => unknown | { status: number; body: string; headers?: Record<string, string> },
): Promise<FakeEndpoint> {
  const requests: FakeEndpoint["requests"] = [];
  const server: Server = createServer((req, res) => {
    void readJson(req).then(async (event) => {
      requests.push({ path: req.url ?? "", headers: req.headers, event: event as Record<string, unknown> });
      const out = await answer(event as Record<string, unknown>, req.url ?? "");
      if (out && typeof out === "object" && "status" in out && "body" in out) {
        const o = out as { status: number; body: string; headers?: Record<string, string> };
        res.writeHead(o.status, { "content-type": "application/json", ...o.headers }).end(o.body);
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}
