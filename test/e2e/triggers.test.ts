import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  AdminGetUserCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";
import { fakeEndpoint, functionArn, handlerDir } from "../helpers/triggers.js";

const PASSWORD = "Passw0rd!";
const handlers = handlerDir();
// Endpoints must exist before the server starts: the triggers configuration names them.
const http = await fakeEndpoint((event) => ({
  ...event,
  response: { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false },
}));
const lambda = await fakeEndpoint((event, path) =>
  path.includes("failing")
    ? {
        status: 200,
        body: JSON.stringify({ errorMessage: "no sign-ups today", errorType: "Error" }),
        headers: { "x-amz-function-error": "Unhandled" },
      }
    : { ...event, response: { autoConfirmUser: true, autoVerifyEmail: true } },
);

const t = useCognate({
  triggers: {
    functions: {
      confirmAll: { module: join(handlers.dir, "confirmAll.ts") },
      refuse: { module: join(handlers.dir, "refuse.ts") },
      slow: { module: join(handlers.dir, "slow.ts"), timeoutMs: 1_500 },
      race: { module: join(handlers.dir, "race.ts"), timeoutMs: 2_000 },
      exits: { module: join(handlers.dir, "exits.ts") },
      badAnswer: { module: join(handlers.dir, "badAnswer.ts") },
      callback: { module: join(handlers.dir, "callback.js") },
      [functionArn("viaHttp")]: { url: `${http.url}/presignup` },
      viaLambda: { lambdaEndpoint: lambda.url },
      failing: { lambdaEndpoint: lambda.url },
    },
  },
});

async function poolWith(t: TestCognate, LambdaConfig: LambdaConfigType) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "triggers", LambdaConfig, AutoVerifiedAttributes: ["email"] }),
  );
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: "app" }),
  );
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

const signUp = (
  clientId: string,
  username: string,
  extra: Partial<ConstructorParameters<typeof SignUpCommand>[0]> = {},
) =>
  t.client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [{ Name: "email", Value: `${username}@example.com` }],
      ...extra,
    }),
  );

describe("Lambda triggers: the three ways to run a function, and Cognito's errors", () => {
  it("runs a local TypeScript module with Cognito's PreSignUp event and applies its answer", async () => {
    handlers.write(
      "confirmAll",
      "  return { ...event, response: { ...event.response, autoConfirmUser: true, autoVerifyEmail: true } };",
    );
    const { poolId, clientId } = await poolWith(t, { PreSignUp: functionArn("confirmAll") });
    const answer = await signUp(clientId, "ada", {
      ValidationData: [{ Name: "promo", Value: "x1" }],
      ClientMetadata: { source: "test" },
    });
    assert.equal(answer.UserConfirmed, true);
    assert.equal(answer.CodeDeliveryDetails, undefined, "no code for an auto-confirmed user");
    const [event] = handlers.events("confirmAll");
    assert.deepEqual(event, {
      version: "1",
      triggerSource: "PreSignUp_SignUp",
      region: "us-east-1",
      userPoolId: poolId,
      userName: "ada",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId },
      request: {
        userAttributes: { email: "ada@example.com" },
        validationData: { promo: "x1" },
        clientMetadata: { source: "test" },
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
    assert.equal(user.UserStatus, "CONFIRMED");
    assert.equal(user.UserAttributes!.find((a) => a.Name === "email_verified")?.Value, "true");
  });

  it("picks up an edited module at the next invocation, without a restart", async () => {
    const { clientId } = await poolWith(t, { PreSignUp: functionArn("confirmAll") });
    handlers.write("confirmAll", "  return { ...event, response: { ...event.response, autoConfirmUser: false } };");
    assert.equal((await signUp(clientId, "bea")).UserConfirmed, false);
  });

  it("a function that throws is UserLambdaValidationException, and the user is not created", async () => {
    handlers.write("refuse", '  throw new Error("Sign-ups from example.com are closed");');
    const { poolId, clientId } = await poolWith(t, { PreSignUp: functionArn("refuse") });
    const err = await errorOf(() => signUp(clientId, "cal"));
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "PreSignUp failed with error Sign-ups from example.com are closed.");
    const missing = await errorOf(() =>
      t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "cal" })),
    );
    assert.equal(missing.name, "UserNotFoundException");
  });

  it("a function that overruns its time is UnexpectedLambdaException; the next call gets a fresh worker", async () => {
    handlers.write("slow", "  await new Promise((r) => setTimeout(r, 5_000));\n  return event;");
    const { poolId, clientId } = await poolWith(t, { PreSignUp: functionArn("slow") });
    const err = await errorOf(() => signUp(clientId, "dan"));
    assert.equal(err.name, "UnexpectedLambdaException");
    assert.match(err.message, /^PreSignUp invocation failed due to error slow timed out after 1500 ms\.$/);
    assert.equal(
      (await errorOf(() => t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "dan" })))).name,
      "UserNotFoundException",
    );
    handlers.write("slow", "  return event;");
    assert.equal((await signUp(clientId, "dan")).UserConfirmed, false);
  });

  it("one call overrunning its time does not fail the calls running beside it in the same module", async () => {
    handlers.write(
      "race",
      '  await new Promise((r) => setTimeout(r, event.userName === "slowpoke" ? 6_000 : 1_000));\n  return event;',
    );
    const { clientId } = await poolWith(t, { PreSignUp: functionArn("race") });
    const slow = errorOf(() => signUp(clientId, "slowpoke"));
    await new Promise((r) => setTimeout(r, 1_500));
    // In flight from 1.5 s to 2.5 s: still running when the slow call times out (at 2 s), and
    // well within its own time.
    const fast = await signUp(clientId, "quick");
    assert.equal(fast.UserConfirmed, false);
    assert.equal((await slow).name, "UnexpectedLambdaException");
  });

  it("a worker that dies (process.exit) is UnexpectedLambdaException, and the next call gets a fresh one", async () => {
    handlers.write("exits", "  process.exit(3);");
    const { clientId } = await poolWith(t, { PreSignUp: functionArn("exits") });
    assert.equal((await errorOf(() => signUp(clientId, "kim"))).name, "UnexpectedLambdaException");
    handlers.write("exits", "  return event;");
    assert.equal((await signUp(clientId, "kim")).UserConfirmed, false);
  });

  it("a function named like an Object property (constructor, __proto__) is simply not configured", async () => {
    for (const name of ["constructor", "__proto__", "toString"]) {
      const { clientId } = await poolWith(t, { PreSignUp: functionArn(name) });
      assert.equal(
        (await errorOf(() => signUp(clientId, `user-${name.replace(/_/g, "")}`))).name,
        "UnexpectedLambdaException",
      );
    }
  });

  it("an answer that is not the event, or a flag that is not a boolean, is InvalidLambdaResponseException", async () => {
    handlers.write("badAnswer", '  return "yes";');
    const { clientId } = await poolWith(t, { PreSignUp: functionArn("badAnswer") });
    assert.equal((await errorOf(() => signUp(clientId, "eve"))).name, "InvalidLambdaResponseException");
    handlers.write("badAnswer", '  return { ...event, response: { autoConfirmUser: "yes" } };');
    assert.equal((await errorOf(() => signUp(clientId, "eve"))).name, "InvalidLambdaResponseException");
  });

  it("a function no configuration names is UnexpectedLambdaException, naming how to map it", async () => {
    const { clientId } = await poolWith(t, { PreSignUp: functionArn("nowhere") });
    const err = await errorOf(() => signUp(clientId, "fay"));
    assert.equal(err.name, "UnexpectedLambdaException");
    assert.match(err.message, /nowhere/);
  });

  it("a callback-style JavaScript handler works as in Lambda", async () => {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      join(handlers.dir, "callback.js"),
      "exports.handler = (event, context, callback) => { event.response.autoConfirmUser = true; callback(null, event); };\n",
    );
    const { clientId } = await poolWith(t, { PreSignUp: functionArn("callback") });
    assert.equal((await signUp(clientId, "gus")).UserConfirmed, true);
  });

  it("POSTs the event to a plain HTTP endpoint and applies the event it answers", async () => {
    const { poolId, clientId } = await poolWith(t, { PreSignUp: functionArn("viaHttp") });
    assert.equal((await signUp(clientId, "hal")).UserConfirmed, true);
    const request = http.requests.at(-1)!;
    assert.equal(request.path, "/presignup");
    assert.equal(request.event.triggerSource, "PreSignUp_SignUp");
    assert.equal(request.event.userPoolId, poolId);
  });

  it("calls AWS Lambda's Invoke API, signed, and reports a function error as Cognito does", async () => {
    const { clientId } = await poolWith(t, { PreSignUp: functionArn("viaLambda") });
    assert.equal((await signUp(clientId, "ivy")).UserConfirmed, true);
    const request = lambda.requests.at(-1)!;
    assert.equal(request.path, `/2015-03-31/functions/${encodeURIComponent(functionArn("viaLambda"))}/invocations`);
    assert.match(
      String(request.headers.authorization),
      /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/lambda\/aws4_request/,
    );
    assert.equal(request.event.userName, "ivy");

    const { clientId: failingClient } = await poolWith(t, { PreSignUp: functionArn("failing") });
    const err = await errorOf(() => signUp(failingClient, "jon"));
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "PreSignUp failed with error no sign-ups today.");
  });
});
