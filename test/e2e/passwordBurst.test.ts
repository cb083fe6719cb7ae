import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { openSqliteStore } from "../../src/storage/sqlite/index.js";
import { sdkClient } from "../helpers/cognate.js";
import { argon2idParams } from "../helpers/passwords.js";
import { tryJson } from "../helpers/process.js";

const CLI = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const BURST = 50;
const PEAK_RSS_LIMIT_MB = 300;

/** A /proc/<pid>/status field in MB (VmHWM: the peak resident set size; VmRSS: the current one). */
function procMb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  assert.ok(match, `${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

describe("a burst of sign-ins at the default cost", { skip: process.platform !== "linux" && "reads /proc" }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-burst-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`${BURST} concurrent USER_PASSWORD_AUTH all succeed and the server's peak RSS stays under ${PEAK_RSS_LIMIT_MB} MB`, async (t) => {
    // The CLI as a separate process with no cost flag and no COGNATE_PASSWORD_HASH_COST: the default.
    const env = { ...process.env };
    delete env.COGNATE_PASSWORD_HASH_COST;
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "serve", "--port", "0", "--data-dir", dataDir], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const exited = once(child, "exit");
    const url = await new Promise<string>((resolve, reject) => {
      let buffer = "";
      const timer = setTimeout(() => reject(new Error(`cognate did not start: ${buffer}`)), 20_000);
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        buffer += chunk;
        const started = buffer
          .split("\n")
          .map(tryJson)
          .find((line) => line?.msg === "cognate started");
        if (started) {
          clearTimeout(timer);
          resolve(String(started.url));
        }
      });
      child.once("exit", (code) => reject(new Error(`cognate exited with ${code}: ${buffer}`)));
    });
    const client = sdkClient(url);
    let poolId: string;
    try {
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "burst" }));
      poolId = UserPool!.Id!;
      const { UserPoolClient } = await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "app",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      );
      const clientId = UserPoolClient!.ClientId!;
      await client.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: "burst", MessageAction: "SUPPRESS" }),
      );
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "burst",
          Password: "Burst-Pass1!",
          Permanent: true,
        }),
      );
      const before = procMb(child.pid!, "VmHWM");

      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: BURST }, () =>
          client.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: "USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: "burst", PASSWORD: "Burst-Pass1!" },
            }),
          ),
        ),
      );
      const ms = performance.now() - started;
      assert.equal(results.filter((r) => r.AuthenticationResult?.AccessToken).length, BURST);

      const peak = procMb(child.pid!, "VmHWM");
      t.diagnostic(
        `peak RSS ${peak.toFixed(1)} MB (${before.toFixed(1)} MB before the burst); ${BURST} sign-ins in ${ms.toFixed(0)} ms`,
      );
      assert.ok(peak < PEAK_RSS_LIMIT_MB, `peak RSS ${peak.toFixed(1)} MB`);
    } finally {
      client.destroy();
      child.kill("SIGTERM");
      await exited;
    }

    // What the default cost stored: argon2id at OWASP's first recommendation.
    const store = openSqliteStore({ dataDir });
    try {
      const user = await store.users.get(poolId, "burst");
      assert.deepEqual(argon2idParams(user?.passwordHash), { m: 19456, t: 2, p: 1 });
    } finally {
      await store.close();
    }
  });
});
