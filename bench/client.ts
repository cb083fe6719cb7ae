/**
 * A minimal HTTP/1.1 client for the benchmarks: AWS JSON 1.1 calls over keep-alive TCP
 * connections to a Cognate server on this machine.
 *
 * Why not fetch: on the 2-core benchmark machine, Node's fetch (undici) spent ~0.45 ms of the
 * load generator's CPU per request and node:http ~0.15 ms, as much as or more than the server
 * spends on a cheap request, so the load generator, not the server, set the pace. This client
 * writes the request in one string and reads a Content-Length response (what Cognate sends),
 * ~0.08 ms a request. It is not a general HTTP client: no chunked responses, no redirects,
 * no TLS.
 */
import { connect, type Socket } from "node:net";

export class ApiError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly type: string,
    body: string,
  ) {
    super(`${operation}: ${status} ${body}`);
  }
}

interface Reply {
  status: number;
  body: string;
}

/** Idle connections older than this are dropped rather than reused: the server closes them after 5 s. */
const IDLE_REUSE_MS = 4_000;

class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (reply: Reply) => void; reject: (err: Error) => void } | undefined;
  closed = false;
  lastUsed = performance.now();

  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.parse();
    });
    const fail = (err?: Error) => {
      this.closed = true;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.reject(err ?? new Error("connection closed by the server"));
    };
    socket.on("error", fail);
    socket.on("close", () => fail());
  }

  private parse(): void {
    const end = this.buffered.indexOf("\r\n\r\n");
    if (end < 0) return;
    const head = this.buffered.subarray(0, end).toString("latin1");
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.waiting?.reject(new Error(`response without Content-Length: ${head}`));
      this.waiting = undefined;
      this.socket.destroy();
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.buffered.length < total) return;
    const body = this.buffered.subarray(end + 4, total).toString("utf8");
    this.buffered = this.buffered.subarray(total);
    if (/\r\nconnection: *close/i.test(head)) this.closed = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    this.lastUsed = performance.now();
    waiting?.resolve({ status: Number(head.slice(9, 12)), body });
  }

  send(request: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

export class ApiClient {
  private readonly host: string;
  private readonly port: number;
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();

  constructor(url: string) {
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port);
  }

  private open(): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.port, this.host, () => {
        socket.off("error", reject);
        const connection = new Connection(socket);
        this.all.add(connection);
        socket.once("close", () => this.all.delete(connection));
        resolve(connection);
      });
      socket.once("error", reject);
    });
  }

  private async take(): Promise<Connection> {
    const now = performance.now();
    for (let c = this.idle.pop(); c; c = this.idle.pop()) {
      if (!c.closed && now - c.lastUsed < IDLE_REUSE_MS) return c;
      c.close();
    }
    return this.open();
  }

  /** One AWS JSON 1.1 call; anything but 200 throws an ApiError carrying the error's __type. */
  async call(operation: string, body: unknown): Promise<Record<string, unknown>> {
    const payload = JSON.stringify(body);
    const request =
      `POST / HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n` +
      `Content-Type: application/x-amz-json-1.1\r\n` +
      `X-Amz-Target: AWSCognitoIdentityProviderService.${operation}\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`;
    const connection = await this.take();
    const reply = await connection.send(request);
    if (!connection.closed) this.idle.push(connection);
    const json = JSON.parse(reply.body) as Record<string, unknown>;
    if (reply.status !== 200) throw new ApiError(operation, reply.status, String(json.__type), reply.body);
    return json;
  }

  /** Closes every connection. */
  close(): void {
    for (const c of this.all) c.close();
    this.idle.length = 0;
  }
}
