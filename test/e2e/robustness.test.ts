import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CreateGroupCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { operationNames, operations, shapes } from "../../src/protocol/model.gen.js";
import type { Shape } from "../../src/protocol/modelTypes.js";
import { startCognate, type RunningCognate } from "../../src/index.js";
import { rawCall, sdkClient } from "../helpers/cognate.js";

/** Error types a Cognito front end answers for bad requests, before any handler runs. */
const REQUEST_ERRORS = new Set(["SerializationException", "InvalidParameterException"]);

type Case = { label: string; body: string };

/** Bad requests for one operation: malformed, empty, each member mistyped, oversized or out of range. */
function badRequests(operation: string): Case[] {
  const input = shapes[operations[operation as keyof typeof operations].input] as Extract<Shape, { type: "structure" }>;
  const cases: Case[] = [
    { label: "truncated JSON", body: '{"UserPoolId": "us-east-1_' },
    { label: "not an object", body: "[1,2,3]" },
  ];
  if (input.required?.length) cases.push({ label: "missing required members", body: "{}" });
  for (const [member, shapeName] of Object.entries(input.members)) {
    const shape = shapes[shapeName]!;
    const wrong = wrongType(shape);
    if (wrong !== undefined) cases.push({ label: `${member} mistyped`, body: JSON.stringify({ [member]: wrong }) });
    const oversized = tooBig(shape);
    if (oversized !== undefined)
      cases.push({ label: `${member} oversized`, body: JSON.stringify({ [member]: oversized }) });
  }
  return cases;
}

function wrongType(shape: Shape): unknown {
  switch (shape.type) {
    case "string":
    case "blob":
      return 12345;
    case "integer":
      return "twelve";
    case "boolean":
      return "yes";
    case "list":
      return "not-a-list";
    case "map":
    case "structure":
      return [1];
    default:
      return undefined;
  }
}

function tooBig(shape: Shape): unknown {
  if (shape.type === "string" && shape.max !== undefined) return "a".repeat(shape.max + 1);
  if (shape.type === "integer" && shape.max !== undefined) return shape.max + 1;
  if (shape.type === "list" && shape.max !== undefined && shapes[shape.member]?.type === "string") {
    return Array.from({ length: shape.max + 1 }, (_, i) => `item${i}`);
  }
  return undefined;
}

/** Candidate strings for required members; the first the model accepts is used. */
const STRING_CANDIDATES = [
  "us-east-1_NotThere1",
  "nothere",
  "not-there-1",
  "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_NotThere1",
  "https://example.com/x",
  "a@example.com",
  "123456",
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  "a",
];

/** A minimal input that passes validation, naming resources that do not exist. */
function minimalValid(shapeName: string): unknown {
  const shape = shapes[shapeName]!;
  switch (shape.type) {
    case "string": {
      if (shape.enum) return shape.enum[0];
      return STRING_CANDIDATES.find((s) => fits(shapeName, s)) ?? "x".repeat(Math.max(1, shape.min ?? 1));
    }
    case "integer":
      return shape.min ?? 1;
    case "boolean":
      return false;
    case "blob":
      return Buffer.from("x".repeat(Math.max(1, shape.min ?? 1))).toString("base64");
    case "list":
      return Array.from({ length: shape.min ?? 0 }, () => minimalValid(shape.member));
    case "map":
      return {};
    case "structure":
      return Object.fromEntries((shape.required ?? []).map((m) => [m, minimalValid(shape.members[m]!)]));
    default:
      return "x";
  }
}

/** Whether a string meets a string shape's constraints (model patterns are whole-value Java regexes). */
function fits(shapeName: string, value: string): boolean {
  const shape = shapes[shapeName] as Extract<Shape, { type: "string" }>;
  if (shape.min !== undefined && value.length < shape.min) return false;
  if (shape.max !== undefined && value.length > shape.max) return false;
  if (shape.pattern) {
    let source = shape.pattern;
    let flags = "u";
    if (source.startsWith("(?s)")) {
      source = source.slice(4);
      flags += "s";
    }
    return new RegExp(`^(?:${source})$`, flags).test(value);
  }
  return true;
}

/** Every row of every table, for comparing stored state before and after. */
function snapshot(dataDir: string): string {
  const db = new Database(join(dataDir, "cognate.db"), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).raw().all()]));
  } finally {
    db.close();
  }
}

describe("robustness: every operation against bad input", () => {
  let cognate: RunningCognate;
  const dataDir = mkdtempSync(join(tmpdir(), "cognate-robust-"));

  before(async () => {
    cognate = await startCognate({ port: 0, dataDir, passwordHashCost: "fast", logLevel: "silent" });
    // Some state of every kind, so that "unchanged" means something.
    const client = sdkClient(cognate.url);
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "robust" }));
    const UserPoolId = UserPool!.Id!;
    await client.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "app", GenerateSecret: true }));
    await client.send(new AdminCreateUserCommand({ UserPoolId, Username: "alice", MessageAction: "SUPPRESS" }));
    await client.send(new CreateGroupCommand({ UserPoolId, GroupName: "admins" }));
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: "alice", GroupName: "admins" }));
    await client.send(
      new CreateResourceServerCommand({
        UserPoolId,
        Identifier: "api",
        Name: "API",
        Scopes: [{ ScopeName: "read", ScopeDescription: "r" }],
      }),
    );
    client.destroy();
  });
  after(async () => {
    await cognate?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`answers only Cognito-style 4xx errors and changes nothing (all ${operationNames.length} operations)`, async () => {
    const before = snapshot(dataDir);
    const failures: string[] = [];
    let sent = 0;
    for (const operation of operationNames) {
      for (const { label, body } of badRequests(operation)) {
        const res = await rawCall(cognate.url, operation, body);
        sent++;
        const type = String(res.body.__type);
        if (
          res.status !== 400 ||
          !REQUEST_ERRORS.has(type) ||
          typeof res.body.message !== "string" ||
          !res.body.message
        ) {
          failures.push(`${operation} (${label}): ${res.status} ${type} ${String(res.body.message)}`);
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${sent} bad requests were mishandled`);
    assert.ok(sent > operationNames.length * 5, `sent ${sent} requests`);
    assert.equal((await fetch(`${cognate.url}/_cognate/health`)).status, 200);
    assert.equal(snapshot(dataDir), before, "stored state is unchanged");
  });

  it("answers minimal valid requests naming missing resources without a 5xx", async () => {
    const failures: string[] = [];
    for (const operation of operationNames) {
      const body = minimalValid(operations[operation].input);
      const res = await rawCall(cognate.url, operation, JSON.stringify(body));
      if (res.status >= 500 || (res.status !== 200 && typeof res.body.__type !== "string")) {
        failures.push(`${operation}: ${res.status} ${JSON.stringify(res.body)} for ${JSON.stringify(body)}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal((await fetch(`${cognate.url}/_cognate/health`)).status, 200);
  });
});
