import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { useCognate } from "../helpers/cognate.js";

const README = new URL("../../README.md", import.meta.url);
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

  it("runs verbatim against Cognate (only the port differs)", () => {
    const script = readmeExample().replaceAll("http://127.0.0.1:9229", t.url);
    assert.notEqual(script, readmeExample(), "the example names the default endpoint");
    const out = execFileSync("bash", ["-euo", "pipefail", "-c", script], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_PAGER: "" },
      timeout: 60_000,
    });
    const user = JSON.parse(out) as {
      Username: string;
      UserStatus: string;
      Enabled: boolean;
      UserAttributes: { Name: string; Value: string }[];
      UserCreateDate: string;
    };
    assert.equal(user.Username, "alice");
    assert.equal(user.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal(user.Enabled, true);
    const attributes = Object.fromEntries(user.UserAttributes.map((a) => [a.Name, a.Value]));
    assert.equal(attributes.email, "alice@example.com");
    assert.equal(attributes.email_verified, "true");
    assert.match(attributes.sub ?? "", /^[0-9a-f-]{36}$/);
    // The CLI renders epoch-second timestamps as ISO dates: proof they were sent as numbers.
    assert.match(user.UserCreateDate, /^\d{4}-\d{2}-\d{2}T/);
  });

  it("finds the pool the example created", () => {
    const out = execFileSync(
      "aws",
      ["cognito-idp", "list-user-pools", "--endpoint-url", t.url, "--max-results", "10", "--output", "json"],
      {
        encoding: "utf8",
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
