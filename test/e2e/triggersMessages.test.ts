import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type CreateUserPoolCommandInput,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { loadTriggersFile } from "../../src/triggers/config.js";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";
import { mfaPool, mfaUser, passwordAuth, PASSWORD, TEMPORARY } from "../helpers/mfa.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

// What Cognito documents (developer guide, "Custom message Lambda trigger" and "Custom sender
// Lambda triggers"), as these tests check it:
// - CustomMessage runs before every code or invitation message, with trigger sources
//   CustomMessage_SignUp / _ResendCode / _ForgotPassword / _UpdateUserAttribute /
//   _VerifyUserAttribute / _AdminCreateUser / _Authentication; the request has userAttributes,
//   codeParameter "{####}", linkParameter "{##Click Here##}", usernameParameter ("{username}" for
//   AdminCreateUser, else null) and clientMetadata; response smsMessage/emailMessage/emailSubject
//   start null. The body must contain codeParameter (AdminCreateUser: usernameParameter too); an
//   unusable body is ignored and the pool's message sent (a custom subject still applies).
//   Limits: SMS 140 characters, email 20,000, code included.
// - CustomEmailSender / CustomSMSSender (LambdaVersion V1_0) take over delivery: Cognito sends
//   nothing itself; request {type: custom…SenderRequestV1, code (KMS-encrypted on Cognito,
//   base64 of a marker and the code locally), userAttributes, clientMetadata}.

const require = createRequire(import.meta.url);
const SDK = require.resolve("@aws-sdk/client-cognito-identity-provider");
const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const ADMIN = "CLIENT_ID_NOT_APPLICABLE";

/** The fenced code block between `<!-- name:start -->` and `<!-- name:end -->` of the README. */
function docsBlock(name: string): string {
  const section = README.slice(README.indexOf(`<!-- ${name}:start -->`), README.indexOf(`<!-- ${name}:end -->`));
  const match = /```\w*\n([\s\S]*?)```/.exec(section);
  assert.ok(match, `the README has a ${name} block`);
  return match[1]!;
}

// The README's example: its configuration file and PreSignUp module, written as they are there.
const exampleDir = mkdtempSync(join(tmpdir(), "cognate-docs-example-"));
after(() => rmSync(exampleDir, { recursive: true, force: true }));
writeFileSync(join(exampleDir, "triggers.json"), docsBlock("triggers-config"));
writeFileSync(join(exampleDir, "autoConfirm.ts"), docsBlock("presignup-example"));
const exampleConfig = loadTriggersFile(join(exampleDir, "triggers.json"));

const handlers = handlerDir();
const t = useCognate({
  triggers: {
    functions: {
      ...exampleConfig.functions,
      messages: { module: join(handlers.dir, "messages.ts") },
      noPlaceholder: { module: join(handlers.dir, "noPlaceholder.ts") },
      refuse: { module: join(handlers.dir, "refuse.ts") },
      readsBack: { module: join(handlers.dir, "readsBack.ts") },
      emailSender: { module: join(handlers.dir, "emailSender.ts") },
      smsSender: { module: join(handlers.dir, "smsSender.ts") },
    },
  },
});

// One CustomMessage function for every source: the text names the source and carries the placeholders.
handlers.write(
  "messages",
  `  const { codeParameter, usernameParameter } = event.request;
  const who = usernameParameter ? " for " + usernameParameter : "";
  event.response.smsMessage = "SMS " + event.triggerSource + who + ": " + codeParameter;
  event.response.emailSubject = "Subject " + event.triggerSource;
  event.response.emailMessage = "<p>Email " + event.triggerSource + who + ": " + codeParameter + "</p>";
  return event;`,
);

async function pool(LambdaConfig: LambdaConfigType, extra: Partial<CreateUserPoolCommandInput> = {}) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "messages", LambdaConfig, AutoVerifiedAttributes: ["email"], ...extra }),
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

const messagesOf = (t: TestCognate, poolId: string, username: string) =>
  t.cognate.store.outbox.list({ userPoolId: poolId, username });

/** The events `name` received for one pool and source. */
const eventsOf = (name: string, poolId: string, source: string) =>
  handlers.events(name).filter((e) => e.userPoolId === poolId && e.triggerSource === source);

/** The user's attributes as message triggers see them: every attribute and cognito:user_status. */
async function triggerAttributes(poolId: string, username: string): Promise<Record<string, string>> {
  const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  return {
    ...Object.fromEntries(user.UserAttributes!.map((a) => [a.Name!, a.Value!])),
    "cognito:user_status": user.UserStatus!,
  };
}

/** CustomMessage's event as Cognito documents it. */
function customMessageEvent(
  poolId: string,
  source: string,
  userName: string,
  userAttributes: Record<string, string>,
  clientId = ADMIN,
) {
  return {
    version: "1",
    triggerSource: source,
    region: "us-east-1",
    userPoolId: poolId,
    userName,
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId },
    request: {
      userAttributes,
      codeParameter: "{####}",
      linkParameter: "{##Click Here##}",
      usernameParameter: source === "CustomMessage_AdminCreateUser" ? "{username}" : null,
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  };
}

/** The whole event, callerContext (SDK version and app client) included. */
function assertEventShape(actual: Record<string, unknown> | undefined, expected: Record<string, unknown>) {
  assert.ok(actual, "the trigger was called");
  assert.deepEqual(actual, expected);
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

describe("the README's trigger configuration and PreSignUp example", () => {
  it("the example configuration loads, and the example PreSignUp function confirms every sign-up", async () => {
    assert.deepEqual(Object.keys(exampleConfig.functions), [
      "autoConfirm",
      "arn:aws:lambda:us-east-1:000000000000:function:sendEmails",
      "tokens",
    ]);
    assert.equal(exampleConfig.defaultLambdaEndpoint, "http://127.0.0.1:4566");
    const { poolId, clientId } = await pool({ PreSignUp: functionArn("autoConfirm") });
    const answer = await signUp(clientId, "docs");
    assert.equal(answer.UserConfirmed, true);
    assert.equal(answer.CodeDeliveryDetails, undefined);
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "docs" }));
    assert.equal(user.UserStatus, "CONFIRMED");
    assert.equal(user.UserAttributes!.find((a) => a.Name === "email_verified")?.Value, "true");
  });
});

describe("CustomMessage: every trigger source Cognate sends, with Cognito's event and the custom text", () => {
  it("CustomMessage_SignUp: the confirmation code goes out in the function's email, subject and all", async () => {
    const { poolId, clientId } = await pool({ CustomMessage: functionArn("messages") });
    await signUp(clientId, "ada");
    const [event] = eventsOf("messages", poolId, "CustomMessage_SignUp");
    assertEventShape(
      event,
      customMessageEvent(poolId, "CustomMessage_SignUp", "ada", await triggerAttributes(poolId, "ada"), clientId),
    );
    assert.equal(
      (event!.request as { userAttributes: Record<string, string> }).userAttributes["cognito:user_status"],
      "UNCONFIRMED",
    );
    const [message] = await messagesOf(t, poolId, "ada");
    assert.equal(message!.subject, "Subject CustomMessage_SignUp");
    assert.equal(message!.message, `<p>Email CustomMessage_SignUp: ${message!.code}</p>`);
    assert.match(message!.code!, /^\d{6}$/);
    // The code in the custom text is the one that confirms.
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "ada", ConfirmationCode: message!.code! }),
    );
  });

  it("CustomMessage_ResendCode: ResendConfirmationCode", async () => {
    const { poolId, clientId } = await pool({ CustomMessage: functionArn("messages") });
    await signUp(clientId, "bea");
    await t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "bea" }));
    const [event] = eventsOf("messages", poolId, "CustomMessage_ResendCode");
    assertEventShape(
      event,
      customMessageEvent(poolId, "CustomMessage_ResendCode", "bea", await triggerAttributes(poolId, "bea"), clientId),
    );
    const message = (await messagesOf(t, poolId, "bea")).at(-1)!;
    assert.equal(message.message, `<p>Email CustomMessage_ResendCode: ${message.code}</p>`);
  });

  it("CustomMessage_ForgotPassword: ForgotPassword and AdminResetUserPassword", async () => {
    const { poolId, clientId } = await pool({ CustomMessage: functionArn("messages") });
    await mfaUser(t, poolId, "cal", { email: "cal@example.com", email_verified: "true" });
    await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "cal" }));
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "cal" }));
    const [forgot, reset] = eventsOf("messages", poolId, "CustomMessage_ForgotPassword");
    assertEventShape(
      forgot,
      customMessageEvent(poolId, "CustomMessage_ForgotPassword", "cal", {
        ...(await triggerAttributes(poolId, "cal")),
        "cognito:user_status": "CONFIRMED",
      }),
    );
    // An administrator's call: no app client.
    assert.deepEqual(
      reset,
      customMessageEvent(poolId, "CustomMessage_ForgotPassword", "cal", await triggerAttributes(poolId, "cal")),
    );
    const messages = await messagesOf(t, poolId, "cal");
    assert.equal(messages.length, 2);
    for (const m of messages) assert.equal(m.message, `<p>Email CustomMessage_ForgotPassword: ${m.code}</p>`);
  });

  it("CustomMessage_AdminCreateUser: usernameParameter, and the temporary password in place of the code", async () => {
    const { poolId } = await pool({ CustomMessage: functionArn("messages") });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "dan",
        TemporaryPassword: TEMPORARY,
        UserAttributes: [
          { Name: "email", Value: "dan@example.com" },
          { Name: "phone_number", Value: "+15555550100" },
        ],
        DesiredDeliveryMediums: ["EMAIL", "SMS"],
      }),
    );
    const events = eventsOf("messages", poolId, "CustomMessage_AdminCreateUser");
    assert.equal(events.length, 2, "one invocation per medium");
    const attributes = await triggerAttributes(poolId, "dan");
    assert.equal(attributes["cognito:user_status"], "FORCE_CHANGE_PASSWORD");
    assert.deepEqual(events[0], customMessageEvent(poolId, "CustomMessage_AdminCreateUser", "dan", attributes));
    const [email, sms] = await messagesOf(t, poolId, "dan");
    assert.equal(email!.message, `<p>Email CustomMessage_AdminCreateUser for dan: ${TEMPORARY}</p>`);
    assert.equal(email!.subject, "Subject CustomMessage_AdminCreateUser");
    assert.equal(sms!.message, `SMS CustomMessage_AdminCreateUser for dan: ${TEMPORARY}`);
    assert.equal(sms!.subject, undefined);
  });

  it("CustomMessage_UpdateUserAttribute: a new email set by AdminUpdateUserAttributes", async () => {
    const { poolId } = await pool({ CustomMessage: functionArn("messages") });
    await mfaUser(t, poolId, "eve", { email: "eve@example.com", email_verified: "true" });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "eve",
        UserAttributes: [{ Name: "email", Value: "eve@example.org" }],
      }),
    );
    const [event] = eventsOf("messages", poolId, "CustomMessage_UpdateUserAttribute");
    assert.deepEqual(
      event,
      customMessageEvent(poolId, "CustomMessage_UpdateUserAttribute", "eve", await triggerAttributes(poolId, "eve")),
    );
    const message = (await messagesOf(t, poolId, "eve")).at(-1)!;
    assert.equal(message.destination, "eve@example.org");
    assert.equal(message.message, `<p>Email CustomMessage_UpdateUserAttribute: ${message.code}</p>`);
  });

  it("CustomMessage_VerifyUserAttribute: GetUserAttributeVerificationCode", async () => {
    const { poolId, clientId } = await pool({ CustomMessage: functionArn("messages") });
    await mfaUser(t, poolId, "fay", { email: "fay@example.com" });
    const { AuthenticationResult } = await passwordAuth(t, clientId, "fay");
    await t.client.send(
      new GetUserAttributeVerificationCodeCommand({
        AccessToken: AuthenticationResult!.AccessToken!,
        AttributeName: "email",
      }),
    );
    const [event] = eventsOf("messages", poolId, "CustomMessage_VerifyUserAttribute");
    assertEventShape(
      event,
      customMessageEvent(
        poolId,
        "CustomMessage_VerifyUserAttribute",
        "fay",
        await triggerAttributes(poolId, "fay"),
        clientId,
      ),
    );
    const message = (await messagesOf(t, poolId, "fay")).at(-1)!;
    assert.equal(message.message, `<p>Email CustomMessage_VerifyUserAttribute: ${message.code}</p>`);
  });

  it("CustomMessage_Authentication: an SMS MFA code", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["SMS"], {
      pool: { LambdaConfig: { CustomMessage: functionArn("messages") } },
    });
    await mfaUser(t, poolId, "gus", { phone_number: "+15555550101", phone_number_verified: "true" });
    const answer = await passwordAuth(t, clientId, "gus");
    assert.equal(answer.ChallengeName, "SMS_MFA");
    const [event] = eventsOf("messages", poolId, "CustomMessage_Authentication");
    assertEventShape(
      event,
      customMessageEvent(
        poolId,
        "CustomMessage_Authentication",
        "gus",
        await triggerAttributes(poolId, "gus"),
        clientId,
      ),
    );
    const message = (await messagesOf(t, poolId, "gus")).at(-1)!;
    assert.equal(message.deliveryMedium, "SMS");
    assert.equal(message.message, `SMS CustomMessage_Authentication: ${message.code}`);
  });

  it("a body without the code placeholder, or too long, is ignored: the pool's message goes out (the subject still applies)", async () => {
    handlers.write(
      "noPlaceholder",
      `  event.response.emailSubject = "Welcome!";
  event.response.emailMessage = "Welcome, your code is below.";
  event.response.smsMessage = "x".repeat(135) + event.request.codeParameter;
  return event;`,
    );
    const { poolId, clientId } = await pool(
      { CustomMessage: functionArn("noPlaceholder") },
      {
        VerificationMessageTemplate: {
          EmailMessage: "Pool code {####}",
          EmailSubject: "Pool subject",
          SmsMessage: "Pool SMS {####}",
        },
      },
    );
    await signUp(clientId, "hal");
    const [email] = await messagesOf(t, poolId, "hal");
    assert.equal(email!.subject, "Welcome!");
    assert.equal(email!.message, `Pool code ${email!.code}`);

    // 135 + 6 digits = 141 characters: over SMS's 140.
    const { poolId: smsPool, clientId: smsClient } = await pool(
      { CustomMessage: functionArn("noPlaceholder") },
      { AutoVerifiedAttributes: ["phone_number"], VerificationMessageTemplate: { SmsMessage: "Pool SMS {####}" } },
    );
    await signUp(smsClient, "ian", { UserAttributes: [{ Name: "phone_number", Value: "+15555550102" }] });
    const [sms] = await messagesOf(t, smsPool, "ian");
    assert.equal(sms!.message, `Pool SMS ${sms!.code}`);
  });

  it("an invitation without the username placeholder is ignored too", async () => {
    handlers.write(
      "noPlaceholder",
      `  event.response.emailMessage = "Your password: " + event.request.codeParameter;
  return event;`,
    );
    const { poolId } = await pool({ CustomMessage: functionArn("noPlaceholder") });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "jon",
        TemporaryPassword: TEMPORARY,
        UserAttributes: [{ Name: "email", Value: "jon@example.com" }],
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    const [email] = await messagesOf(t, poolId, "jon");
    assert.equal(email!.message, `Your username is jon and temporary password is ${TEMPORARY}.`);
  });

  it("a function that throws fails the operation with UserLambdaValidationException, and the sign-up is not kept", async () => {
    handlers.write("refuse", '  throw new Error("no messages today");');
    const { poolId, clientId } = await pool({ CustomMessage: functionArn("refuse") });
    const err = await errorOf(() => signUp(clientId, "kay"));
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "CustomMessage failed with error no messages today.");
    const missing = await errorOf(() =>
      t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "kay" })),
    );
    assert.equal(missing.name, "UserNotFoundException");
    assert.equal((await messagesOf(t, poolId, "kay")).length, 0);
  });

  it("a function called inside SignUp's transaction may read from Cognate through the AWS SDK", async () => {
    const { poolId, clientId } = await pool({ CustomMessage: functionArn("readsBack") });
    await mfaUser(t, poolId, "anchor", { email: "anchor@example.com" });
    handlers.write(
      "readsBack",
      `  const { CognitoIdentityProviderClient, AdminGetUserCommand } = await import(${JSON.stringify(SDK)});
  const client = new CognitoIdentityProviderClient({
    endpoint: ${JSON.stringify(t.url)},
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  const other = await client.send(new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: "anchor" }));
  event.response.emailMessage = "anchor is " + other.UserStatus + "; your code " + event.request.codeParameter;
  return event;`,
    );
    const started = Date.now();
    await signUp(clientId, "lee");
    assert.ok(Date.now() - started < 4_000, "answered without waiting for the trigger's timeout");
    const [email] = await messagesOf(t, poolId, "lee");
    assert.equal(email!.message, `anchor is CONFIRMED; your code ${email!.code}`);
  });

  it("callerContext.clientId is the app client of SignUp, with its ClientMetadata", async () => {
    const { poolId, clientId } = await pool({ CustomMessage: functionArn("messages") });
    await signUp(clientId, "mia", { ClientMetadata: { from: "test" } });
    const [event] = eventsOf("messages", poolId, "CustomMessage_SignUp");
    assert.deepEqual(event!.callerContext, { awsSdkVersion: "aws-sdk-unknown-unknown", clientId });
    assert.deepEqual((event!.request as { clientMetadata?: unknown }).clientMetadata, { from: "test" });
  });
});

describe("CustomEmailSender and CustomSMSSender: the function delivers, Cognate's outbox stays empty", () => {
  const marker = "cognate-unencrypted:";
  const decode = (code: string) => {
    const text = Buffer.from(code, "base64").toString("utf8");
    assert.ok(text.startsWith(marker), "request.code is base64 of the marker and the code");
    return text.slice(marker.length);
  };

  it("CustomEmailSender_SignUp: the code handed over (base64, marked unencrypted) confirms the user; nothing in the outbox", async () => {
    // Cognito's own example ends with a bare return: what a sender returns is not read.
    handlers.write("emailSender", "  return;");
    const { poolId, clientId } = await pool({
      CustomEmailSender: { LambdaArn: functionArn("emailSender"), LambdaVersion: "V1_0" },
      CustomMessage: functionArn("messages"),
      KMSKeyID: "arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555",
    });
    const answer = await signUp(clientId, "ned");
    assert.equal(answer.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    const [event] = eventsOf("emailSender", poolId, "CustomEmailSender_SignUp");
    assert.ok(event);
    const request = event.request as { code: string };
    assertEventShape(event, {
      version: "1",
      triggerSource: "CustomEmailSender_SignUp",
      region: "us-east-1",
      userPoolId: poolId,
      userName: "ned",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId },
      request: {
        type: "customEmailSenderRequestV1",
        code: request.code,
        userAttributes: await triggerAttributes(poolId, "ned"),
      },
      response: {},
    });
    assert.equal((await messagesOf(t, poolId, "ned")).length, 0, "Cognate sent nothing itself");
    assert.equal(
      eventsOf("messages", poolId, "CustomMessage_SignUp").length,
      0,
      "no CustomMessage for a custom sender's medium",
    );
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "ned", ConfirmationCode: decode(request.code) }),
    );
  });

  it("CustomSMSSender_AdminCreateUser: the temporary password handed over signs the user in", async () => {
    handlers.write("smsSender", "  return event;");
    const { poolId, clientId } = await pool({
      CustomSMSSender: { LambdaArn: functionArn("smsSender"), LambdaVersion: "V1_0" },
      KMSKeyID: "arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555",
    });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "oli",
        UserAttributes: [{ Name: "phone_number", Value: "+15555550103" }],
      }),
    );
    const [event] = eventsOf("smsSender", poolId, "CustomSMSSender_AdminCreateUser");
    assert.ok(event);
    const request = event.request as { code: string };
    assert.deepEqual(event, {
      version: "1",
      triggerSource: "CustomSMSSender_AdminCreateUser",
      region: "us-east-1",
      userPoolId: poolId,
      userName: "oli",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: ADMIN },
      request: {
        type: "customSMSSenderRequestV1",
        code: request.code,
        userAttributes: await triggerAttributes(poolId, "oli"),
      },
      response: {},
    });
    assert.equal((await messagesOf(t, poolId, "oli")).length, 0);
    const challenge = await passwordAuth(t, clientId, "oli", decode(request.code));
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
  });

  it("CustomSMSSender_Authentication and CustomEmailSender_ForgotPassword; a sender that throws is UserLambdaValidationException", async () => {
    handlers.write("smsSender", "  return event;");
    handlers.write("emailSender", "  return event;");
    const { poolId, clientId } = await mfaPool(t, "ON", ["SMS"], {
      pool: {
        LambdaConfig: {
          CustomSMSSender: { LambdaArn: functionArn("smsSender"), LambdaVersion: "V1_0" },
          CustomEmailSender: { LambdaArn: functionArn("emailSender"), LambdaVersion: "V1_0" },
          KMSKeyID: "arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555",
        },
      },
    });
    await mfaUser(t, poolId, "pat", {
      phone_number: "+15555550104",
      phone_number_verified: "true",
      email: "pat@example.com",
      email_verified: "true",
    });
    assert.equal((await passwordAuth(t, clientId, "pat")).ChallengeName, "SMS_MFA");
    const [sms] = eventsOf("smsSender", poolId, "CustomSMSSender_Authentication");
    assert.equal((sms!.request as { type: string }).type, "customSMSSenderRequestV1");
    assert.match(decode((sms!.request as { code: string }).code), /^\d{6}$/);

    await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "pat" }));
    const forgot = [
      ...eventsOf("emailSender", poolId, "CustomEmailSender_ForgotPassword"),
      ...eventsOf("smsSender", poolId, "CustomSMSSender_ForgotPassword"),
    ];
    assert.equal(forgot.length, 1);
    assert.equal((await messagesOf(t, poolId, "pat")).length, 0);

    handlers.write("smsSender", '  throw new Error("SMS provider down");');
    const err = await errorOf(() => passwordAuth(t, clientId, "pat"));
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "CustomSMSSender failed with error SMS provider down.");
  });
});
