import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, sdkClient } from "../helpers/cognate.js";
import { runCli, spawnCognate, tryJson } from "../helpers/process.js";

/** The `cognate` command as a user runs it: flags, log, signals, persistence. */
describe("cognate CLI", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-cli-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints its usage for --help and exits 0", async () => {
    const child = runCli(["--help"]);
    let out = "";
    child.stdout!.setEncoding("utf8").on("data", (c: string) => (out += c));
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
    assert.match(out, /Usage: cognate serve/);
    assert.match(out, /--in-memory/);
    assert.match(out, /--data-dir/);
  });

  it("refuses an invalid flag value with a message and exit code 1", async () => {
    const child = runCli(["serve", "--port", "99999"]);
    let err = "";
    child.stderr!.setEncoding("utf8").on("data", (c: string) => (err += c));
    const [code] = await once(child, "exit");
    assert.equal(code, 1);
    assert.match(err, /invalid --port/);
  });

  it("serves, logs one line per request without secrets, keeps data across restarts and stops on SIGTERM", async () => {
    const first = await spawnCognate(["--data-dir", dataDir]);
    const client = sdkClient(first.url);
    let poolId: string;
    try {
      assert.equal((await fetch(`${first.url}/_cognate/health`)).status, 200);
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "persisted" }));
      poolId = UserPool!.Id!;
      const secret = "Sup3r-Secret-Passw0rd!";
      // Whatever this answers, the password it carries must never reach the log.
      await client
        .send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "logged",
            TemporaryPassword: secret,
            MessageAction: "SUPPRESS",
          }),
        )
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(!first.lines.some((l) => l.includes(secret)), "the log must not contain the password");
      const requests = first.lines.map(tryJson).filter((l) => l?.msg === "request");
      const create = requests.find((l) => l?.operation === "CreateUserPool");
      assert.ok(create, "a request line for CreateUserPool");
      assert.equal(create.status, 200);
      assert.equal(typeof create.durationMs, "number");
      assert.match(String(create.requestId), /^[0-9a-f-]{36}$/);
      assert.ok(requests.some((l) => l?.operation === "AdminCreateUser"));
    } finally {
      client.destroy();
    }
    assert.equal(await first.stop("SIGTERM"), 0);
    assert.ok(first.lines.some((l) => tryJson(l)?.msg === "stopping"));

    const second = await spawnCognate(["--data-dir", dataDir]);
    const again = sdkClient(second.url);
    try {
      const { UserPool } = await again.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      assert.equal(UserPool?.Name, "persisted");
    } finally {
      again.destroy();
    }
    assert.equal(await second.stop("SIGINT"), 0);
  });

  it("keeps nothing with --in-memory", async () => {
    const first = await spawnCognate(["--in-memory"]);
    const client = sdkClient(first.url);
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "ephemeral" }));
    client.destroy();
    assert.equal(await first.stop(), 0);
    const second = await spawnCognate(["--in-memory"]);
    const again = sdkClient(second.url);
    try {
      const err = await errorOf(() => again.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! })));
      assert.equal(err.name, "ResourceNotFoundException");
    } finally {
      again.destroy();
      await second.stop();
    }
  });

  it("uses --region and --account-id for unsigned defaults and names them in ARNs", async () => {
    const server = await spawnCognate(["--in-memory", "--region", "eu-central-1", "--account-id", "111122223333"]);
    try {
      // An unsigned request carries no credential: region and account come from the flags.
      const res = await fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "AWSCognitoIdentityProviderService.CreateUserPool",
        },
        body: JSON.stringify({ PoolName: "flags" }),
      });
      const body = (await res.json()) as { UserPool: { Id: string; Arn: string } };
      assert.match(body.UserPool.Id, /^eu-central-1_/);
      assert.equal(body.UserPool.Arn, `arn:aws:cognito-idp:eu-central-1:111122223333:userpool/${body.UserPool.Id}`);
    } finally {
      await server.stop();
    }
  });

  it("runs pools' triggers from a --triggers file, its module paths relative to the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-cli-triggers-"));
    try {
      mkdirSync(join(dir, "handlers"));
      writeFileSync(
        join(dir, "handlers", "autoConfirm.mjs"),
        "export const handler = async (event) => { event.response.autoConfirmUser = true; return event; };\n",
      );
      writeFileSync(
        join(dir, "triggers.json"),
        JSON.stringify({ functions: { autoConfirm: { module: "./handlers/autoConfirm.mjs" } } }),
      );
      const bad = runCli(["serve", "--in-memory", "--triggers", join(dir, "missing.json")]);
      const [code] = (await once(bad, "exit")) as [number];
      assert.equal(code, 1);

      const server = await spawnCognate(["--in-memory", "--triggers", join(dir, "triggers.json")]);
      const client = sdkClient(server.url);
      try {
        const { UserPool } = await client.send(
          new CreateUserPoolCommand({
            PoolName: "cli-triggers",
            LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:000000000000:function:autoConfirm" },
          }),
        );
        const { UserPoolClient } = await client.send(
          new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: "app" }),
        );
        const signedUp = await client.send(
          new SignUpCommand({ ClientId: UserPoolClient!.ClientId!, Username: "cli-user", Password: "Passw0rd!" }),
        );
        assert.equal(signedUp.UserConfirmed, true);
      } finally {
        client.destroy();
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
