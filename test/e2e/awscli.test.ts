import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { useCognate } from "../helpers/cognate.js";

const README = new URL("../../README.md", import.meta.url);
// Asynchronous on purpose: the server runs in this process and must keep answering.
const run = promisify(execFile);
const hasAwsCli = spawnSync("aws", ["--version"]).status === 0;

/** The shell block of README.md between the awscli-example markers. */
function readmeExample(): string {
  const text = readFileSync(README, "utf8");
  const block = /<!-- awscli-example:start -->\s*```sh\n([\s\S]*?)```\s*<!-- awscli-example:end -->/.exec(text);
  assert.ok(block, "README.md has an awscli-example block");
  return block[1]!;
}

// CI installs Debian's awscli (.ci/run); elsewhere the test is skipped when it is missing.
describe("the README's AWS CLI example", { skip: !hasAwsCli && !process.env.CI && "aws CLI not installed" }, () => {
  const t = useCognate();

  it("runs verbatim against Cognate (only the port differs)", async () => {
    const script = readmeExample().replaceAll("http://127.0.0.1:9229", t.url);
    assert.notEqual(script, readmeExample(), "the example names the default endpoint");
    const { stdout: out } = await run("bash", ["--norc", "--noprofile", "-euo", "pipefail", "-c", script], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_PAGER: "" },
      timeout: 60_000,
    });
    // Each command prints one JSON document (top-level braces at column 0): create, then get.
    const documents = out
      .split(/^}$/m)
      .filter((d) => d.trim())
      .map((d) => JSON.parse(`${d}}`) as Record<string, unknown>);
    assert.equal(documents.length, 2, out);
    const created = documents[0] as { User: { Username: string; UserStatus: string } };
    assert.equal(created.User.Username, "alice");
    assert.equal(created.User.UserStatus, "FORCE_CHANGE_PASSWORD");
    const user = documents[1] as {
      Username: string;
      UserStatus: string;
      Enabled: boolean;
      UserAttributes: { Name: string; Value: string }[];
      UserCreateDate: string | number;
    };
    assert.equal(user.Username, "alice");
    assert.equal(user.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal(user.Enabled, true);
    const attributes = Object.fromEntries(user.UserAttributes.map((a) => [a.Name, a.Value]));
    assert.equal(attributes.email, "alice@example.com");
    assert.equal(attributes.email_verified, "true");
    assert.match(attributes.sub ?? "", /^[0-9a-f-]{36}$/);
    // Sent as epoch seconds; depending on its cli_timestamp_format the CLI prints them raw or as ISO 8601.
    const createdMs =
      typeof user.UserCreateDate === "number" ? user.UserCreateDate * 1000 : Date.parse(user.UserCreateDate);
    assert.ok(Math.abs(Date.now() - createdMs) < 60_000, `UserCreateDate ${user.UserCreateDate} is now`);
  });

  it("finds the pool the example created", async () => {
    const { stdout: out } = await run(
      "aws",
      ["cognito-idp", "list-user-pools", "--endpoint-url", t.url, "--max-results", "10", "--output", "json"],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_PAGER: "",
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_DEFAULT_REGION: "us-east-1",
        },
        timeout: 60_000,
      },
    );
    const { UserPools } = JSON.parse(out) as { UserPools: { Name: string }[] };
    assert.deepEqual(
      UserPools.map((p) => p.Name),
      ["MyPool"],
    );
  });
});
