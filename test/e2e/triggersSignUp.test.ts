import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate } from "../helpers/cognate.js";
import { lastMessage } from "../helpers/mfa.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

const PASSWORD = "Passw0rd!";
const handlers = handlerDir();
const names = ["preSignUp", "refuseSignUp", "postConfirmation", "postConfirmationFails", "autoConfirm"];
const t = useCognate({
  triggers: { functions: Object.fromEntries(names.map((n) => [n, { module: join(handlers.dir, `${n}.ts`) }])) },
});

// Written before any test: functions record their events and answer these.
handlers.write(
  "preSignUp",
  "  return { ...event, response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: true } };",
);
handlers.write("refuseSignUp", '  throw new Error("Only invited users");');
handlers.write("postConfirmation", "  return event;");
handlers.write("postConfirmationFails", '  throw new Error("CRM is down");');
handlers.write("autoConfirm", "  return { ...event, response: { ...event.response, autoConfirmUser: true } };");

async function poolWith(LambdaConfig: LambdaConfigType) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "triggers", LambdaConfig, AutoVerifiedAttributes: ["email"] }),
  );
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

const signUp = (clientId: string, username: string) =>
  t.client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: username,
      Password: PASSWORD,
      UserAttributes: [{ Name: "email", Value: `${username}@example.com` }],
    }),
  );

const getUser = (poolId: string, username: string) =>
  t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
const attribute = (user: Awaited<ReturnType<typeof getUser>>, name: string) =>
  user.UserAttributes!.find((a) => a.Name === name)?.Value;

describe("PreSignUp_AdminCreateUser", () => {
  it("sends Cognito's event (no app client) and ignores autoConfirmUser/autoVerifyEmail/autoVerifyPhone", async () => {
    const { poolId } = await poolWith({ PreSignUp: functionArn("preSignUp") });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "ada",
        UserAttributes: [{ Name: "email", Value: "ada@example.com" }],
        ValidationData: [{ Name: "ticket", Value: "T-1" }],
        ClientMetadata: { origin: "backoffice" },
        MessageAction: "SUPPRESS",
      }),
    );
    const [event] = handlers.events("preSignUp").filter((e) => e.userPoolId === poolId);
    assert.deepEqual(event, {
      version: "1",
      triggerSource: "PreSignUp_AdminCreateUser",
      region: "us-east-1",
      userPoolId: poolId,
      userName: "ada",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "CLIENT_ID_NOT_APPLICABLE" },
      request: {
        userAttributes: { email: "ada@example.com" },
        validationData: { ticket: "T-1" },
        clientMetadata: { origin: "backoffice" },
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    // Cognito documents the response flags as ignored for AdminCreateUser.
    const user = await getUser(poolId, "ada");
    assert.equal(user.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal(attribute(user, "email_verified"), undefined);
  });

  it("sends validationData null when the request has none", async () => {
    const { poolId } = await poolWith({ PreSignUp: functionArn("preSignUp") });
    await t.client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "bo", MessageAction: "SUPPRESS" }));
    const [event] = handlers.events("preSignUp").filter((e) => e.userPoolId === poolId);
    assert.deepEqual(event!.request, { userAttributes: {}, validationData: null });
  });

  it("a function that throws refuses the user: UserLambdaValidationException, nobody is created", async () => {
    const { poolId } = await poolWith({ PreSignUp: functionArn("refuseSignUp") });
    const err = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "cy", MessageAction: "SUPPRESS" })),
    );
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "PreSignUp failed with error Only invited users.");
    assert.equal((await errorOf(() => getUser(poolId, "cy"))).name, "UserNotFoundException");
  });
});

describe("PostConfirmation", () => {
  it("ConfirmSignUp: PostConfirmation_ConfirmSignUp with the confirmed user's attributes and the ClientMetadata", async () => {
    const { poolId, clientId } = await poolWith({ PostConfirmation: functionArn("postConfirmation") });
    const { UserSub } = await signUp(clientId, "dee");
    assert.equal(handlers.events("postConfirmation").filter((e) => e.userPoolId === poolId).length, 0);
    const { code } = await lastMessage(t, poolId, "dee");
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "dee",
        ConfirmationCode: code!,
        ClientMetadata: { campaign: "spring" },
      }),
    );
    const events = handlers.events("postConfirmation").filter((e) => e.userPoolId === poolId);
    assert.deepEqual(events, [
      {
        version: "1",
        triggerSource: "PostConfirmation_ConfirmSignUp",
        region: "us-east-1",
        userPoolId: poolId,
        userName: "dee",
        callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId },
        request: {
          userAttributes: {
            sub: UserSub,
            email: "dee@example.com",
            email_verified: "true",
            "cognito:user_status": "CONFIRMED",
          },
          clientMetadata: { campaign: "spring" },
        },
        response: {},
      },
    ]);
  });

  it("AdminConfirmSignUp: PostConfirmation_ConfirmSignUp without an app client", async () => {
    const { poolId, clientId } = await poolWith({ PostConfirmation: functionArn("postConfirmation") });
    const { UserSub } = await signUp(clientId, "eve");
    await t.client.send(
      new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "eve", ClientMetadata: { by: "admin" } }),
    );
    const [event] = handlers.events("postConfirmation").filter((e) => e.userPoolId === poolId);
    assert.equal(event!.triggerSource, "PostConfirmation_ConfirmSignUp");
    assert.deepEqual(event!.callerContext, {
      awsSdkVersion: "aws-sdk-unknown-unknown",
      clientId: "CLIENT_ID_NOT_APPLICABLE",
    });
    // An administrator's confirmation proves no address: email_verified stays unset.
    assert.deepEqual(event!.request, {
      userAttributes: { sub: UserSub, email: "eve@example.com", "cognito:user_status": "CONFIRMED" },
      clientMetadata: { by: "admin" },
    });
  });

  it("a failing function fails the call, yet the user stays confirmed (Cognito does not roll back)", async () => {
    const { poolId, clientId } = await poolWith({ PostConfirmation: functionArn("postConfirmationFails") });
    await signUp(clientId, "fay");
    const { code } = await lastMessage(t, poolId, "fay");
    const err = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "fay", ConfirmationCode: code! })),
    );
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "PostConfirmation failed with error CRM is down.");
    assert.equal((await getUser(poolId, "fay")).UserStatus, "CONFIRMED");

    await signUp(clientId, "gus");
    const admin = await errorOf(() =>
      t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "gus" })),
    );
    assert.equal(admin.name, "UserLambdaValidationException");
    assert.equal((await getUser(poolId, "gus")).UserStatus, "CONFIRMED");
  });

  it("is not called for administrator-created users", async () => {
    const { poolId } = await poolWith({ PostConfirmation: functionArn("postConfirmation") });
    await t.client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "ivy", MessageAction: "SUPPRESS" }));
    assert.equal(handlers.events("postConfirmation").filter((e) => e.userPoolId === poolId).length, 0);
  });

  // Cognito lists SignUp among the operations whose ClientMetadata reaches PostConfirmation: it
  // runs at sign-up for a user PreSignUp auto-confirmed.
  it("SignUp auto-confirmed by PreSignUp: PostConfirmation_ConfirmSignUp with SignUp's ClientMetadata", async () => {
    const { poolId, clientId } = await poolWith({
      PreSignUp: functionArn("autoConfirm"),
      PostConfirmation: functionArn("postConfirmation"),
    });
    const { UserConfirmed, UserSub } = await t.client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "hal",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: "hal@example.com" }],
        ClientMetadata: { plan: "free" },
      }),
    );
    assert.equal(UserConfirmed, true);
    const events = handlers.events("postConfirmation").filter((e) => e.userPoolId === poolId);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.triggerSource, "PostConfirmation_ConfirmSignUp");
    assert.deepEqual(events[0]!.request, {
      userAttributes: { sub: UserSub, email: "hal@example.com", "cognito:user_status": "CONFIRMED" },
      clientMetadata: { plan: "free" },
    });
  });

  it("ConfirmForgotPassword: PostConfirmation_ConfirmForgotPassword; a failing function leaves the new password set", async () => {
    const { poolId, clientId } = await poolWith({ PostConfirmation: functionArn("postConfirmation") });
    const { UserSub } = await signUp(clientId, "jo");
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "jo",
        ConfirmationCode: (await lastMessage(t, poolId, "jo")).code!,
      }),
    );
    await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "jo" }));
    await t.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: "jo",
        ConfirmationCode: (await lastMessage(t, poolId, "jo")).code!,
        Password: "N3wPassw0rd!",
        ClientMetadata: { reason: "forgot" },
      }),
    );
    const events = handlers.events("postConfirmation").filter((e) => e.userPoolId === poolId);
    assert.equal(events.length, 2);
    assert.deepEqual(events[1], {
      version: "1",
      triggerSource: "PostConfirmation_ConfirmForgotPassword",
      region: "us-east-1",
      userPoolId: poolId,
      userName: "jo",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId },
      request: {
        userAttributes: {
          sub: UserSub,
          email: "jo@example.com",
          email_verified: "true",
          "cognito:user_status": "CONFIRMED",
        },
        clientMetadata: { reason: "forgot" },
      },
      response: {},
    });

    const failing = await poolWith({ PostConfirmation: functionArn("postConfirmationFails") });
    await signUp(failing.clientId, "kim");
    const code = async () => (await lastMessage(t, failing.poolId, "kim")).code!;
    // Confirmed (and the email verified) although the function failed.
    await errorOf(async () =>
      t.client.send(
        new ConfirmSignUpCommand({ ClientId: failing.clientId, Username: "kim", ConfirmationCode: await code() }),
      ),
    );
    await t.client.send(new ForgotPasswordCommand({ ClientId: failing.clientId, Username: "kim" }));
    const err = await errorOf(async () =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: failing.clientId,
          Username: "kim",
          ConfirmationCode: await code(),
          Password: "N3wPassw0rd!",
        }),
      ),
    );
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "PostConfirmation failed with error CRM is down.");
    const signIn = await t.client.send(
      new InitiateAuthCommand({
        ClientId: failing.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "kim", PASSWORD: "N3wPassw0rd!" },
      }),
    );
    assert.ok(signIn.AuthenticationResult?.AccessToken, "the new password stands");
  });
});
