import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CreateUserPoolCommand, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, rawCall, sdkClient, useCognate } from "../helpers/cognate.js";

/** The AWS JSON 1.1 wire protocol as AWS serves it, checked below the SDK. */
describe("AWS JSON 1.1 protocol", () => {
  const t = useCognate();

  it("answers an unknown target with UnknownOperationException", async () => {
    const res = await rawCall(t.url, "NoSuchOperation", "{}");
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "UnknownOperationException");
    assert.equal(res.headers.get("x-amzn-errortype"), "UnknownOperationException");
  });

  it("answers a request without X-Amz-Target with UnknownOperationException", async () => {
    const res = await rawCall(t.url, undefined, "{}");
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "UnknownOperationException");
  });

  it("answers a malformed body with SerializationException", async () => {
    const res = await rawCall(t.url, "DescribeUserPool", "{not json");
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "SerializationException");
    assert.equal(typeof res.body.message, "string");
  });

  it("answers a JSON body that is not an object with SerializationException", async () => {
    for (const body of ["[]", '"text"', "42", "null"]) {
      const res = await rawCall(t.url, "DescribeUserPool", body);
      assert.equal(res.status, 400, body);
      assert.equal(res.body.__type, "SerializationException", body);
    }
  });

  it("treats an empty body as an empty object (missing members are validation errors)", async () => {
    const res = await rawCall(t.url, "DescribeUserPool", "");
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "InvalidParameterException");
    assert.match(
      String(res.body.message),
      /Value null at 'userPoolId' failed to satisfy constraint: Member must not be null/,
    );
  });

  it("answers a wrongly typed member with SerializationException", async () => {
    const res = await rawCall(t.url, "DescribeUserPool", JSON.stringify({ UserPoolId: 42 }));
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "SerializationException");
  });

  it("counts every violation in one message, as AWS does", async () => {
    const res = await rawCall(t.url, "CreateUserPool", JSON.stringify({ PoolName: "", MfaConfiguration: "SOMETIMES" }));
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "InvalidParameterException");
    assert.match(String(res.body.message), /^3 validation errors detected: /);
    assert.match(
      String(res.body.message),
      /at 'poolName' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    );
    assert.match(
      String(res.body.message),
      /Value 'SOMETIMES' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: \[OFF, ON, OPTIONAL\]/,
    );
  });

  it("never echoes sensitive values in validation messages", async () => {
    const res = await rawCall(
      t.url,
      "AdminSetUserPassword",
      JSON.stringify({ UserPoolId: "us-east-1_abcdefghi", Username: "alice", Password: "x".repeat(300) }),
    );
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "InvalidParameterException");
    assert.doesNotMatch(String(res.body.message), /xxxx/);
    assert.match(String(res.body.message), /at 'password'/);
  });

  it("puts an x-amzn-RequestId on every answer, success or error", async () => {
    const ok = await rawCall(t.url, "CreateUserPool", JSON.stringify({ PoolName: "ids" }));
    const bad = await rawCall(t.url, "NoSuchOperation", "{}");
    const idOk = ok.headers.get("x-amzn-requestid");
    const idBad = bad.headers.get("x-amzn-requestid");
    assert.match(idOk ?? "", /^[0-9a-f-]{36}$/);
    assert.match(idBad ?? "", /^[0-9a-f-]{36}$/);
    assert.notEqual(idOk, idBad);
    assert.equal(ok.headers.get("content-type"), "application/x-amz-json-1.1");
  });

  it("serialises timestamps as epoch seconds", async () => {
    const before = Date.now() / 1000;
    const res = await rawCall(t.url, "CreateUserPool", JSON.stringify({ PoolName: "times" }));
    const pool = res.body.UserPool as { CreationDate: unknown; LastModifiedDate: unknown };
    assert.equal(typeof pool.CreationDate, "number");
    assert.ok((pool.CreationDate as number) >= before - 1 && (pool.CreationDate as number) <= Date.now() / 1000 + 1);
    assert.equal(pool.LastModifiedDate, pool.CreationDate);
  });

  it("answers a not-yet-built operation with an error that names it", async () => {
    const res = await rawCall(
      t.url,
      "CreateUserImportJob",
      JSON.stringify({
        UserPoolId: "us-east-1_abcdefghi",
        JobName: "j",
        CloudWatchLogsRoleArn: "arn:aws:iam::000000000000:role/x",
      }),
    );
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "UnsupportedOperationException");
    assert.match(String(res.body.message), /CreateUserImportJob/);
  });

  it("answers CORS preflights so browsers can call it", async () => {
    const res = await fetch(t.url, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent",
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:5173");
    assert.match(res.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.match(res.headers.get("access-control-allow-headers") ?? "", /x-amz-target/);
    const post = await rawCall(t.url, "NoSuchOperation", "{}", { origin: "http://localhost:5173" });
    assert.equal(post.headers.get("access-control-allow-origin"), "http://localhost:5173");
    assert.match(post.headers.get("access-control-expose-headers") ?? "", /x-amzn-RequestId/i);
  });

  it("refuses bodies larger than 16 MiB with SerializationException", async () => {
    const res = await rawCall(t.url, "CreateUserPool", JSON.stringify({ PoolName: "x".repeat(17 * 1024 * 1024) }));
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "SerializationException");
    const health = await fetch(`${t.url}/_cognate/health`);
    assert.equal(health.status, 200);
  });

  it("takes the account from a 12-digit SigV4 access key and isolates accounts", async () => {
    const other = sdkClient(t.url, "123456789012");
    try {
      const { UserPool } = await other.send(new CreateUserPoolCommand({ PoolName: "theirs" }));
      assert.equal(UserPool?.Arn, `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${UserPool?.Id}`);
      const err = await errorOf(() => t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! })));
      assert.equal(err.name, "ResourceNotFoundException");
      const mine = await other.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }));
      assert.equal(mine.UserPool?.Name, "theirs");
    } finally {
      other.destroy();
    }
  });

  it("creates pools in the region the request was signed for", async () => {
    const eu = sdkClient(t.url);
    const client =
      new (eu.constructor as typeof import("@aws-sdk/client-cognito-identity-provider").CognitoIdentityProviderClient)({
        endpoint: t.url,
        region: "eu-west-1",
        credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "secret" },
        maxAttempts: 1,
      });
    eu.destroy();
    try {
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "eu" }));
      assert.match(UserPool!.Id!, /^eu-west-1_[0-9a-zA-Z]{9}$/);
      assert.match(UserPool!.Arn!, /^arn:aws:cognito-idp:eu-west-1:/);
    } finally {
      client.destroy();
    }
  });
});

describe("local control endpoints", () => {
  const t = useCognate();

  it("reports health", async () => {
    const res = await fetch(`${t.url}/_cognate/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
  });

  it("wipes all state on reset", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "gone soon" }));
    const res = await fetch(`${t.url}/_cognate/reset`, { method: "POST" });
    assert.equal(res.status, 200);
    const err = await errorOf(() => t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! })));
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("answers an empty outbox", async () => {
    const res = await fetch(`${t.url}/_cognate/messages?userPoolId=us-east-1_abcdefghi`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { messages: [] });
  });

  it("answers 404 for unknown paths", async () => {
    assert.equal((await fetch(`${t.url}/_cognate/nothing`)).status, 404);
    assert.equal((await fetch(`${t.url}/somewhere`)).status, 404);
  });
});
