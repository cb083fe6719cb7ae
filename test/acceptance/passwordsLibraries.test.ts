/**
 * Acceptance: password administration, sign-in challenges and the unchanged client libraries,
 * written from Cognito's documentation (API reference, SDK command docs, public issue threads).
 */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type AdminInitiateAuthCommandOutput,
  AdminResetUserPasswordCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  type CreateUserPoolCommandInput,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ISignUpResult,
} from "amazon-cognito-identity-js";
import { Amplify } from "aws-amplify";
import {
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  confirmUserAttribute,
  deleteUser,
  deleteUserAttributes,
  fetchAuthSession,
  fetchUserAttributes,
  resendSignUpCode,
  resetPassword,
  sendUserAttributeVerificationCode,
  signIn,
  signOut,
  signUp,
  updatePassword,
  updateUserAttribute,
  updateUserAttributes,
} from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { ConsoleLogger } from "aws-amplify/utils";
import srpHelper from "cognito-srp-helper";
import { decodeJwt } from "jose";
import { latestCode, MapKeyValueStorage, MapSyncStorage, messagesOf } from "../helpers/amplify.js";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

ConsoleLogger.LOG_LEVEL = "ERROR";

const { createSrpSession, signSrpSession, wrapAuthChallenge, wrapInitiateAuth } = srpHelper;

const PASSWORD = "Secret-Pass1";
const TEMP = "Temp-Pass1!";
const NEW = "Brand-New-Pass2";
const DAY = 24 * 60 * 60 * 1000;

/**
 * SignUp answers "Password did not conform with policy: <rule>"; public error maps show the other
 * password-setting operations answering "Password does not conform to policy: <rule>", so for those
 * only the rule is asserted exactly.
 */
function assertPolicyMessage(message: string, rule: string): void {
  assert.match(message, /^Password (did not conform with|does not conform to) policy: /, message);
  assert.equal(message.replace(/^Password (did not conform with|does not conform to) policy: /, ""), rule);
}

const attr = (attrs: AttributeType[] | undefined, name: string) => attrs?.find((a) => a.Name === name)?.Value;

interface App {
  poolId: string;
  clientId: string;
}

/** A pool with an app client allowing every password flow, including choice-based USER_AUTH. */
async function app(t: TestCognate, pool: Partial<CreateUserPoolCommandInput> = {}): Promise<App> {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "passwords", AutoVerifiedAttributes: ["email"], ...pool }),
  );
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
    }),
  );
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

async function invite(t: TestCognate, a: App, username: string, extra: Partial<{ attributes: AttributeType[] }> = {}) {
  return t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: a.poolId,
      Username: username,
      TemporaryPassword: TEMP,
      DesiredDeliveryMediums: ["EMAIL"],
      UserAttributes: extra.attributes ?? [
        { Name: "email", Value: `${username}@example.com` },
        { Name: "email_verified", Value: "true" },
      ],
    }),
  );
}

/** A CONFIRMED user with a verified email and a permanent password. */
async function confirmedUser(t: TestCognate, a: App, username: string, password = PASSWORD) {
  await invite(t, a, username);
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: a.poolId, Username: username, Password: password, Permanent: true }),
  );
}

function adminSignIn(t: TestCognate, a: App, username: string, password: string) {
  return t.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: a.poolId,
      ClientId: a.clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

function userSignIn(t: TestCognate, a: App, username: string, password: string) {
  return t.client.send(
    new InitiateAuthCommand({
      ClientId: a.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

async function statusOf(t: TestCognate, a: App, username: string) {
  return (await t.client.send(new AdminGetUserCommand({ UserPoolId: a.poolId, Username: username }))).UserStatus;
}

function respondNewPassword(
  t: TestCognate,
  a: App,
  username: string,
  challenge: AdminInitiateAuthCommandOutput,
  responses: Record<string, string>,
) {
  return t.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: a.clientId,
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: username, ...responses },
    }),
  );
}

describe("AdminCreateUser invitations and temporary passwords", () => {
  const t = useCognate();

  it("creates the user in FORCE_CHANGE_PASSWORD and sends an invitation with the temporary password", async () => {
    const a = await app(t);
    const { User } = await invite(t, a, "ann");
    assert.ok(User);
    assert.equal(User.Username, "ann");
    assert.equal(User.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal(User.Enabled, true);
    assert.ok(User.UserCreateDate instanceof Date);
    assert.ok(User.UserLastModifiedDate instanceof Date);
    assert.match(attr(User.Attributes, "sub") ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(attr(User.Attributes, "email"), "ann@example.com");
    const messages = await messagesOf(t.url, a.poolId, "ann");
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.deliveryMedium, "EMAIL");
    assert.equal(messages[0]!.destination, "ann@example.com");
    assert.ok(messages[0]!.message.includes("ann"), "the invitation names the username");
    assert.ok(messages[0]!.message.includes(TEMP), "the invitation carries the temporary password");
    // Cognito's default invitation.
    assert.equal(messages[0]!.message, `Your username is ann and temporary password is ${TEMP}.`);
    assert.equal((messages[0] as unknown as { subject?: string }).subject, "Your temporary password");
  });

  it("a second AdminCreateUser for the same username is UsernameExistsException", async () => {
    const a = await app(t);
    await invite(t, a, "twice");
    const err = await errorOf(() => invite(t, a, "twice"));
    assert.equal(err.name, "UsernameExistsException");
    assert.equal(err.message, "User account already exists");
  });

  it("the invitation follows AdminCreateUserConfig.InviteMessageTemplate", async () => {
    const a = await app(t, {
      AdminCreateUserConfig: {
        InviteMessageTemplate: {
          EmailSubject: "Welcome",
          EmailMessage: "Hello {username}, your first password is {####} - enjoy",
          SMSMessage: "User {username} code {####}",
        },
      },
    });
    await invite(t, a, "tpl");
    const [message] = await messagesOf(t.url, a.poolId, "tpl");
    assert.equal(message?.message, `Hello tpl, your first password is ${TEMP} - enjoy`);
  });

  it("USER_PASSWORD_AUTH with an expired temporary password gets the same answer", async (ctx) => {
    const a = await app(t);
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await invite(t, a, "late2");
    ctx.mock.timers.tick(7 * DAY + 60_000);
    const err = await errorOf(() => userSignIn(t, a, "late2", TEMP));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Temporary password has expired and must be reset by an administrator.");
  });

  it("RESEND is refused for a confirmed user and for an unknown one", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "done");
    const resend = (Username: string) =>
      t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: a.poolId,
          Username,
          MessageAction: "RESEND",
          DesiredDeliveryMediums: ["EMAIL"],
        }),
      );
    const confirmed = await errorOf(() => resend("done"));
    assert.equal(confirmed.name, "UnsupportedUserStateException");
    const unknown = await errorOf(() => resend("nobody"));
    assert.equal(unknown.name, "UserNotFoundException");
    assert.equal(unknown.message, "User does not exist.");
  });

  it("RESEND without a TemporaryPassword sends a new generated one and the old one stops working", async () => {
    const a = await app(t);
    await invite(t, a, "again");
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: a.poolId,
        Username: "again",
        MessageAction: "RESEND",
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    const messages = await messagesOf(t.url, a.poolId, "again");
    assert.equal(messages.length, 2);
    const match = /temporary password is (\S+?)\.?\s*$/.exec(messages[1]!.message.trim());
    assert.ok(match);
    assert.notEqual(match[1], TEMP);
    assert.equal((await adminSignIn(t, a, "again", match[1]!)).ChallengeName, "NEW_PASSWORD_REQUIRED");
    const old = await errorOf(() => adminSignIn(t, a, "again", TEMP));
    assert.equal(old.name, "NotAuthorizedException");
  });

  it("MessageAction SUPPRESS sends no invitation", async () => {
    const a = await app(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: a.poolId,
        Username: "quiet",
        TemporaryPassword: TEMP,
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: "quiet@example.com" }],
      }),
    );
    assert.deepEqual(await messagesOf(t.url, a.poolId, "quiet"), []);
  });

  it("a generated temporary password is sent when none is given, and it opens NEW_PASSWORD_REQUIRED", async () => {
    const a = await app(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: a.poolId,
        Username: "gen",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [{ Name: "email", Value: "gen@example.com" }],
      }),
    );
    const [message] = await messagesOf(t.url, a.poolId, "gen");
    assert.ok(message, "an invitation was sent");
    // Cognito's default invitation: "Your username is {username} and temporary password is {####}."
    const match = /temporary password is (\S+?)\.?\s*$/.exec(message.message.trim());
    assert.ok(match, `the invitation states the password: ${message.message}`);
    const challenge = await adminSignIn(t, a, "gen", match[1]!);
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
  });

  it("a temporary password that breaks the policy is refused with InvalidPasswordException", async () => {
    const a = await app(t);
    const err = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: a.poolId, Username: "weak", TemporaryPassword: "Ab1!xyz" }),
      ),
    );
    assert.equal(err.name, "InvalidPasswordException");
    assertPolicyMessage(err.message, "Password not long enough");
  });

  it("the temporary password expires after TemporaryPasswordValidityDays; RESEND issues a fresh one", async (ctx) => {
    const a = await app(t, { Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 1 } } });
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await invite(t, a, "late");
    ctx.mock.timers.tick(DAY - 60 * 60 * 1000);
    assert.equal((await adminSignIn(t, a, "late", TEMP)).ChallengeName, "NEW_PASSWORD_REQUIRED", "still valid");
    ctx.mock.timers.tick(2 * 60 * 60 * 1000);
    const expired = await errorOf(() => adminSignIn(t, a, "late", TEMP));
    assert.equal(expired.name, "NotAuthorizedException");
    assert.equal(expired.message, "Temporary password has expired and must be reset by an administrator.");

    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: a.poolId,
        Username: "late",
        MessageAction: "RESEND",
        DesiredDeliveryMediums: ["EMAIL"],
        TemporaryPassword: "Again-Temp9!",
      }),
    );
    assert.equal((await adminSignIn(t, a, "late", "Again-Temp9!")).ChallengeName, "NEW_PASSWORD_REQUIRED");
  });

  it("TemporaryPasswordValidityDays 0 is treated as the default, 7", async (ctx) => {
    const a = await app(t, {
      Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 0 } },
    });
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await invite(t, a, "zero");
    ctx.mock.timers.tick(6 * DAY);
    const signIn = await adminSignIn(t, a, "zero", TEMP).catch((err: Error) => err);
    assert.ok(!(signIn instanceof Error) && signIn.ChallengeName === "NEW_PASSWORD_REQUIRED", "valid for 7 days");
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: a.poolId }));
    assert.equal(UserPool?.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays, 7);
  });

  it("a generated temporary password satisfies a strict policy", async () => {
    const a = await app(t, {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 24,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: a.poolId,
        Username: "strict",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [{ Name: "email", Value: "strict@example.com" }],
      }),
    );
    const [message] = await messagesOf(t.url, a.poolId, "strict");
    const match = /temporary password is (\S+?)\.?\s*$/.exec(message?.message.trim() ?? "");
    assert.ok(match, `the invitation states the password: ${message?.message}`);
    const password = match[1]!;
    assert.ok(password.length >= 24, password);
    assert.match(password, /[A-Z]/);
    assert.match(password, /[a-z]/);
    assert.match(password, /[0-9]/);
    assert.match(password, /[^A-Za-z0-9]/);
    assert.equal((await adminSignIn(t, a, "strict", password)).ChallengeName, "NEW_PASSWORD_REQUIRED");
  });

  it("after expiry, AdminSetUserPassword with a new temporary password starts a fresh validity period", async (ctx) => {
    const a = await app(t, { Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 2 } } });
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await invite(t, a, "renew");
    ctx.mock.timers.tick(3 * DAY);
    assert.equal((await errorOf(() => adminSignIn(t, a, "renew", TEMP))).name, "NotAuthorizedException");
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: a.poolId,
        Username: "renew",
        Password: "Renewed-Temp5!",
        Permanent: false,
      }),
    );
    assert.equal(await statusOf(t, a, "renew"), "FORCE_CHANGE_PASSWORD");
    ctx.mock.timers.tick(DAY);
    assert.equal((await adminSignIn(t, a, "renew", "Renewed-Temp5!")).ChallengeName, "NEW_PASSWORD_REQUIRED");
    ctx.mock.timers.tick(2 * DAY);
    const again = await errorOf(() => adminSignIn(t, a, "renew", "Renewed-Temp5!"));
    assert.equal(again.message, "Temporary password has expired and must be reset by an administrator.");
  });

  it("the default validity is 7 days", async (ctx) => {
    const a = await app(t);
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await invite(t, a, "week");
    ctx.mock.timers.tick(6 * DAY);
    assert.equal((await adminSignIn(t, a, "week", TEMP)).ChallengeName, "NEW_PASSWORD_REQUIRED");
    ctx.mock.timers.tick(DAY + 60_000);
    const err = await errorOf(() => adminSignIn(t, a, "week", TEMP));
    assert.equal(err.name, "NotAuthorizedException");
  });
});

describe("NEW_PASSWORD_REQUIRED", () => {
  const t = useCognate();

  it("answers the challenge with USER_ID_FOR_SRP, requiredAttributes and userAttributes as JSON", async () => {
    const a = await app(t);
    await invite(t, a, "nina");
    const challenge = await adminSignIn(t, a, "nina", TEMP);
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.equal(challenge.AuthenticationResult, undefined);
    assert.ok(challenge.Session && challenge.Session.length > 20);
    const params = challenge.ChallengeParameters!;
    assert.equal(params.USER_ID_FOR_SRP, "nina");
    assert.deepEqual(JSON.parse(params.requiredAttributes!), []);
    const userAttributes = JSON.parse(params.userAttributes!) as Record<string, string>;
    assert.equal(userAttributes.email, "nina@example.com");
    assert.equal(userAttributes.email_verified, "true");

    const done = await respondNewPassword(t, a, "nina", challenge, { NEW_PASSWORD: NEW });
    assert.ok(done.AuthenticationResult?.AccessToken);
    assert.equal(done.AuthenticationResult.TokenType, "Bearer");
    assert.equal(done.AuthenticationResult.ExpiresIn, 3600);
    assert.ok(done.AuthenticationResult.RefreshToken);
    assert.ok(done.AuthenticationResult.IdToken);
    assert.equal(done.ChallengeName, undefined);
    assert.equal(await statusOf(t, a, "nina"), "CONFIRMED");
    assert.ok((await userSignIn(t, a, "nina", NEW)).AuthenticationResult);
    const old = await errorOf(() => userSignIn(t, a, "nina", TEMP));
    assert.equal(old.name, "NotAuthorizedException");
    assert.equal(old.message, "Incorrect username or password.");
  });

  it("AdminCreateUser without a required attribute is refused by the schema", async () => {
    // Current Cognito rejects it (aws-amplify/amplify-backend#3117 and #3118, 2026).
    const a = await app(t, {
      Schema: [{ Name: "name", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    const err = await errorOf(() => invite(t, a, "reqd"));
    assert.equal(err.name, "InvalidParameterException");
    assert.match(err.message, /^Attributes did not conform to the schema: name: The attribute is required/);
  });

  it("the answer can set writable attributes as userAttributes.<name>", async () => {
    const a = await app(t);
    await invite(t, a, "reqd");
    const challenge = await adminSignIn(t, a, "reqd", TEMP);
    const done = await t.client.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: a.poolId,
        ClientId: a.clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: "reqd", NEW_PASSWORD: NEW, "userAttributes.name": "Req Uired" },
      }),
    );
    assert.ok(done.AuthenticationResult?.IdToken);
    assert.equal(decodeJwt(done.AuthenticationResult.IdToken).name, "Req Uired");
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: a.poolId, Username: "reqd" }));
    assert.equal(attr(user.UserAttributes, "name"), "Req Uired");
    assert.equal(user.UserStatus, "CONFIRMED");
  });

  it("a new password that breaks the policy is refused and the user stays in FORCE_CHANGE_PASSWORD", async () => {
    const a = await app(t);
    await invite(t, a, "pol");
    const challenge = await adminSignIn(t, a, "pol", TEMP);
    const err = await errorOf(() => respondNewPassword(t, a, "pol", challenge, { NEW_PASSWORD: "NoDigits-Here" }));
    assert.equal(err.name, "InvalidPasswordException");
    assertPolicyMessage(err.message, "Password must have numeric characters");
    assert.equal(await statusOf(t, a, "pol"), "FORCE_CHANGE_PASSWORD");
  });

  it("the temporary password itself is accepted as the new password (no history policy)", async () => {
    // Cognito accepts it: aws-amplify/amplify-js#7957 (reproduced by the Amplify team, labelled Won't Fix).
    const a = await app(t);
    await invite(t, a, "same");
    const challenge = await adminSignIn(t, a, "same", TEMP);
    const done = await respondNewPassword(t, a, "same", challenge, { NEW_PASSWORD: TEMP });
    assert.ok(done.AuthenticationResult?.AccessToken);
    assert.equal(await statusOf(t, a, "same"), "CONFIRMED");
    assert.ok((await userSignIn(t, a, "same", TEMP)).AuthenticationResult);
  });

  it("a required attribute that already has a value can't be changed in the challenge answer", async () => {
    // API reference (RespondToAuthChallenge, NEW_PASSWORD_REQUIRED note); wording from
    // aws-samples/aws-saas-factory-bootcamp#67: NotAuthorizedException "Cannot modify an already provided email".
    const a = await app(t, {
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    await invite(t, a, "keep");
    const challenge = await adminSignIn(t, a, "keep", TEMP);
    assert.deepEqual(JSON.parse(challenge.ChallengeParameters!.requiredAttributes!), []);
    const err = await errorOf(() =>
      respondNewPassword(t, a, "keep", challenge, { NEW_PASSWORD: NEW, "userAttributes.email": "other@example.com" }),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Cannot modify an already provided email");
  });

  it("a challenge session can be used only once", async () => {
    const a = await app(t);
    await invite(t, a, "once");
    const challenge = await adminSignIn(t, a, "once", TEMP);
    await respondNewPassword(t, a, "once", challenge, { NEW_PASSWORD: NEW });
    const err = await errorOf(() => respondNewPassword(t, a, "once", challenge, { NEW_PASSWORD: "Other-Pass4" }));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Invalid session for the user, session can only be used once.");
  });

  it("a challenge session expires after AuthSessionValidity (3 minutes by default)", async (ctx) => {
    const a = await app(t);
    await invite(t, a, "slow");
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    const challenge = await adminSignIn(t, a, "slow", TEMP);
    ctx.mock.timers.tick(4 * 60 * 1000);
    const err = await errorOf(() => respondNewPassword(t, a, "slow", challenge, { NEW_PASSWORD: NEW }));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Invalid session for the user, session is expired.");
  });

  it("a client's AuthSessionValidity lengthens the challenge session", async (ctx) => {
    const a = await app(t);
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: a.poolId,
        ClientName: "patient",
        AuthSessionValidity: 10,
        ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const patient = { poolId: a.poolId, clientId: UserPoolClient!.ClientId! };
    await invite(t, a, "patient");
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    const challenge = await adminSignIn(t, patient, "patient", TEMP);
    ctx.mock.timers.tick(8 * 60 * 1000);
    const done = await respondNewPassword(t, patient, "patient", challenge, { NEW_PASSWORD: NEW });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it("USER_AUTH with PREFERRED_CHALLENGE PASSWORD also leads a temporary password to NEW_PASSWORD_REQUIRED", async () => {
    const a = await app(t);
    await invite(t, a, "ua");
    const out = await t.client.send(
      new InitiateAuthCommand({
        ClientId: a.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "ua", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: TEMP },
      }),
    );
    assert.equal(out.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const done = await respondNewPassword(t, a, "ua", out, { NEW_PASSWORD: NEW });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it("an answer without NEW_PASSWORD is InvalidParameterException", async () => {
    const a = await app(t);
    await invite(t, a, "nonew");
    const challenge = await adminSignIn(t, a, "nonew", TEMP);
    const err = await errorOf(() => respondNewPassword(t, a, "nonew", challenge, {}));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("a wrong temporary password is NotAuthorizedException", async () => {
    const a = await app(t);
    await invite(t, a, "wrong");
    const err = await errorOf(() => adminSignIn(t, a, "wrong", "Not-The-Temp1"));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Incorrect username or password.");
  });
});

describe("password policy at sign-up", () => {
  const t = useCognate();

  it("SignUp names the failing rule: 'Password did not conform with policy: ...'", async () => {
    const a = await app(t);
    const { SignUpCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    const signUp = (Username: string, Password: string) =>
      t.client.send(
        new SignUpCommand({
          ClientId: a.clientId,
          Username,
          Password,
          UserAttributes: [{ Name: "email", Value: `${Username}@example.com` }],
        }),
      );
    const cases: [string, string][] = [
      ["Sh0rt!a", "Password not long enough"],
      ["lowercase-only1", "Password must have uppercase characters"],
      ["UPPERCASE-ONLY1", "Password must have lowercase characters"],
      ["No-Digits-Here", "Password must have numeric characters"],
      ["NoSymbols123", "Password must have symbol characters"],
    ];
    for (const [password, rule] of cases) {
      const err = await errorOf(() => signUp("su", password));
      assert.equal(err.name, "InvalidPasswordException", password);
      assert.equal(err.message, `Password did not conform with policy: ${rule}`);
    }
  });

  it("SignUp with a password under 6 characters fails the API constraint before the policy", async () => {
    const a = await app(t);
    const { SignUpCommand } = await import("@aws-sdk/client-cognito-identity-provider");
    const tiny = await errorOf(() =>
      t.client.send(new SignUpCommand({ ClientId: a.clientId, Username: "tiny", Password: "Ab1!x" })),
    );
    assert.equal(tiny.name, "InvalidParameterException");
    assert.equal(
      tiny.message,
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
  });

  it("ConfirmForgotPassword with a password under 6 characters fails the API constraint", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "tinyreset");
    await t.client.send(new ForgotPasswordCommand({ ClientId: a.clientId, Username: "tinyreset" }));
    const code = await latestCode(t.url, a.poolId, "tinyreset");
    const err = await errorOf(() =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: a.clientId,
          Username: "tinyreset",
          ConfirmationCode: code,
          Password: "Ab1!x",
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
  });
});

describe("AdminSetUserPassword", () => {
  const t = useCognate();

  it("Permanent true confirms the user and the password signs in directly", async () => {
    const a = await app(t);
    await invite(t, a, "perm");
    const out = await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: a.poolId, Username: "perm", Password: PASSWORD, Permanent: true }),
    );
    const { $metadata, ...rest } = out;
    assert.equal($metadata.httpStatusCode, 200);
    assert.deepEqual(rest, {});
    assert.equal(await statusOf(t, a, "perm"), "CONFIRMED");
    const signedIn = await adminSignIn(t, a, "perm", PASSWORD);
    assert.equal(signedIn.ChallengeName, undefined);
    assert.ok(signedIn.AuthenticationResult?.AccessToken);
  });

  it("Permanent false (the default) makes the password temporary: FORCE_CHANGE_PASSWORD and the challenge", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "temp");
    await t.client.send(new AdminSetUserPasswordCommand({ UserPoolId: a.poolId, Username: "temp", Password: NEW }));
    assert.equal(await statusOf(t, a, "temp"), "FORCE_CHANGE_PASSWORD");
    const challenge = await adminSignIn(t, a, "temp", NEW);
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const old = await errorOf(() => adminSignIn(t, a, "temp", PASSWORD));
    assert.equal(old.name, "NotAuthorizedException");
  });

  it("enforces the password policy, naming the rule that failed", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "rules");
    const cases: [string, string][] = [
      ["Sh0rt!a", "Password not long enough"],
      ["lowercase-only1", "Password must have uppercase characters"],
      ["UPPERCASE-ONLY1", "Password must have lowercase characters"],
      ["No-Digits-Here", "Password must have numeric characters"],
      ["NoSymbols123", "Password must have symbol characters"],
    ];
    for (const [password, rule] of cases) {
      const err = await errorOf(() =>
        t.client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: a.poolId,
            Username: "rules",
            Password: password,
            Permanent: true,
          }),
        ),
      );
      assert.equal(err.name, "InvalidPasswordException", password);
      assertPolicyMessage(err.message, rule);
    }
  });

  it("a permanent password confirms a user who signed up but never confirmed", async () => {
    const a = await app(t);
    await t.client.send(
      new (await import("@aws-sdk/client-cognito-identity-provider")).SignUpCommand({
        ClientId: a.clientId,
        Username: "unconf",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: "unconf@example.com" }],
      }),
    );
    assert.equal(await statusOf(t, a, "unconf"), "UNCONFIRMED");
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: a.poolId, Username: "unconf", Password: NEW, Permanent: true }),
    );
    assert.equal(await statusOf(t, a, "unconf"), "CONFIRMED");
    assert.ok((await userSignIn(t, a, "unconf", NEW)).AuthenticationResult);
  });

  it("follows a custom policy: longer minimum, classes switched off", async () => {
    const a = await app(t, {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireUppercase: false,
          RequireLowercase: true,
          RequireNumbers: false,
          RequireSymbols: false,
        },
      },
    });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: a.poolId,
        Username: "custom",
        TemporaryPassword: "a-long-enough-temporary",
        MessageAction: "SUPPRESS",
      }),
    );
    const set = (password: string) =>
      t.client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: a.poolId,
          Username: "custom",
          Password: password,
          Permanent: true,
        }),
      );
    const short = await errorOf(() => set("Abcdef1!xyz"));
    assert.equal(short.name, "InvalidPasswordException");
    assertPolicyMessage(short.message, "Password not long enough");
    await set("onlylowercaseletters");
    assert.ok((await userSignIn(t, a, "custom", "onlylowercaseletters")).AuthenticationResult);
  });

  it("answers UserNotFoundException for an unknown user", async () => {
    const a = await app(t);
    const err = await errorOf(() =>
      t.client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: a.poolId,
          Username: "ghost",
          Password: PASSWORD,
          Permanent: true,
        }),
      ),
    );
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(err.message, "User does not exist.");
  });

  it("PasswordHistorySize 0 is not displayed in DescribeUserPool; a set size is", async () => {
    // PasswordPolicyType: "Password history isn't enforced and isn't displayed in DescribeUserPool responses
    // when you set this value to 0 or don't provide it."
    const describe = async (policy: Record<string, number>) => {
      const { UserPool } = await t.client.send(
        new CreateUserPoolCommand({
          PoolName: "hist",
          Policies: { PasswordPolicy: { MinimumLength: 8, ...policy } },
        }),
      );
      const { UserPool: described } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }));
      return described!.Policies!.PasswordPolicy!;
    };
    assert.equal("PasswordHistorySize" in (await describe({ PasswordHistorySize: 0 })), false);
    assert.equal("PasswordHistorySize" in (await describe({})), false);
    assert.equal((await describe({ PasswordHistorySize: 5 })).PasswordHistorySize, 5);
  });

  it("a MinimumLength under 6 is refused", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({ PoolName: "short", Policies: { PasswordPolicy: { MinimumLength: 5 } } }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("PasswordHistorySize refuses a recent password with PasswordHistoryPolicyViolationException", async () => {
    const a = await app(t, {
      Policies: { PasswordPolicy: { MinimumLength: 8, PasswordHistorySize: 3 } },
    });
    await confirmedUser(t, a, "hist", "First-Pass1");
    const set = (password: string) =>
      t.client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: a.poolId,
          Username: "hist",
          Password: password,
          Permanent: true,
        }),
      );
    await set("Second-Pass2");
    const reuse = await errorOf(() => set("First-Pass1"));
    assert.equal(reuse.name, "PasswordHistoryPolicyViolationException");

    const { AuthenticationResult } = await userSignIn(t, a, "hist", "Second-Pass2");
    const changeBack = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: AuthenticationResult!.AccessToken,
          PreviousPassword: "Second-Pass2",
          ProposedPassword: "First-Pass1",
        }),
      ),
    );
    assert.equal(changeBack.name, "PasswordHistoryPolicyViolationException");
  });
});

describe("AdminResetUserPassword, ForgotPassword and ChangePassword", () => {
  const t = useCognate();

  it("reset → PasswordResetRequiredException at sign-in → ConfirmForgotPassword with the code", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "reset");
    const out = await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: a.poolId, Username: "reset" }));
    const { $metadata, ...rest } = out;
    assert.equal($metadata.httpStatusCode, 200);
    assert.deepEqual(rest, {});
    assert.equal(await statusOf(t, a, "reset"), "RESET_REQUIRED");

    for (const attempt of [() => adminSignIn(t, a, "reset", PASSWORD), () => userSignIn(t, a, "reset", PASSWORD)]) {
      const err = await errorOf(attempt);
      assert.equal(err.name, "PasswordResetRequiredException");
      assert.equal(err.message, "Password reset required for the user");
    }

    const code = await latestCode(t.url, a.poolId, "reset");
    const wrong = await errorOf(() =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: a.clientId,
          Username: "reset",
          ConfirmationCode: code === "000000" ? "111111" : "000000",
          Password: NEW,
        }),
      ),
    );
    assert.equal(wrong.name, "CodeMismatchException");
    assert.equal(wrong.message, "Invalid verification code provided, please try again.");

    await t.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: a.clientId,
        Username: "reset",
        ConfirmationCode: code,
        Password: NEW,
      }),
    );
    assert.equal(await statusOf(t, a, "reset"), "CONFIRMED");
    assert.ok((await userSignIn(t, a, "reset", NEW)).AuthenticationResult);
  });

  it("ForgotPassword answers the masked delivery details and a new code works", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "forgot");
    const { CodeDeliveryDetails } = await t.client.send(
      new ForgotPasswordCommand({ ClientId: a.clientId, Username: "forgot" }),
    );
    assert.deepEqual(CodeDeliveryDetails, {
      Destination: "f***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    const code = await latestCode(t.url, a.poolId, "forgot");
    const weak = await errorOf(() =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: a.clientId,
          Username: "forgot",
          ConfirmationCode: code,
          Password: "weakpassword",
        }),
      ),
    );
    assert.equal(weak.name, "InvalidPasswordException");
    assert.match(weak.message, /^Password (did not conform with|does not conform to) policy: /);
    await t.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: a.clientId,
        Username: "forgot",
        ConfirmationCode: code,
        Password: NEW,
      }),
    );
    assert.ok((await userSignIn(t, a, "forgot", NEW)).AuthenticationResult);
    const old = await errorOf(() => userSignIn(t, a, "forgot", PASSWORD));
    assert.equal(old.message, "Incorrect username or password.");
  });

  it("ForgotPassword is refused while the user still has a temporary password", async () => {
    const a = await app(t);
    await invite(t, a, "invited");
    const err = await errorOf(() =>
      t.client.send(new ForgotPasswordCommand({ ClientId: a.clientId, Username: "invited" })),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "User password cannot be reset in the current state.");
  });

  it("AdminSetUserPassword Permanent true clears RESET_REQUIRED", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "rr");
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: a.poolId, Username: "rr" }));
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: a.poolId, Username: "rr", Password: NEW, Permanent: true }),
    );
    assert.equal(await statusOf(t, a, "rr"), "CONFIRMED");
    assert.ok((await adminSignIn(t, a, "rr", NEW)).AuthenticationResult);
  });

  it("a ForgotPassword code expires after one hour: ExpiredCodeException", async (ctx) => {
    const a = await app(t);
    await confirmedUser(t, a, "hour");
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await t.client.send(new ForgotPasswordCommand({ ClientId: a.clientId, Username: "hour" }));
    const code = await latestCode(t.url, a.poolId, "hour");
    ctx.mock.timers.tick(61 * 60 * 1000);
    const err = await errorOf(() =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: a.clientId,
          Username: "hour",
          ConfirmationCode: code,
          Password: NEW,
        }),
      ),
    );
    assert.equal(err.name, "ExpiredCodeException");
    assert.equal(err.message, "Invalid code provided, please request a code again.");
  });

  it("ForgotPassword for a user without a verified email or phone is InvalidParameterException", async () => {
    const a = await app(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: a.poolId,
        Username: "unverified",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: "unverified@example.com" }],
      }),
    );
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: a.poolId,
        Username: "unverified",
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    const err = await errorOf(() =>
      t.client.send(new ForgotPasswordCommand({ ClientId: a.clientId, Username: "unverified" })),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
  });

  it("ForgotPassword for an unknown user (PreventUserExistenceErrors LEGACY by default) is UserNotFoundException", async () => {
    const a = await app(t);
    const err = await errorOf(() =>
      t.client.send(new ForgotPasswordCommand({ ClientId: a.clientId, Username: "nobody" })),
    );
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(err.message, "Username/client id combination not found.");
  });

  it("ConfirmForgotPassword honours PasswordHistorySize", async () => {
    const a = await app(t, { Policies: { PasswordPolicy: { MinimumLength: 8, PasswordHistorySize: 2 } } });
    await confirmedUser(t, a, "hist2");
    await t.client.send(new ForgotPasswordCommand({ ClientId: a.clientId, Username: "hist2" }));
    const code = await latestCode(t.url, a.poolId, "hist2");
    const err = await errorOf(() =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: a.clientId,
          Username: "hist2",
          ConfirmationCode: code,
          Password: PASSWORD,
        }),
      ),
    );
    assert.equal(err.name, "PasswordHistoryPolicyViolationException");
  });

  it("ForgotPassword works for a RESET_REQUIRED user; a used code can't be used again", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "twocodes");
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: a.poolId, Username: "twocodes" }));
    const { CodeDeliveryDetails } = await t.client.send(
      new ForgotPasswordCommand({ ClientId: a.clientId, Username: "twocodes" }),
    );
    assert.equal(CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    const code = await latestCode(t.url, a.poolId, "twocodes");
    const confirm = (password: string) =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: a.clientId,
          Username: "twocodes",
          ConfirmationCode: code,
          Password: password,
        }),
      );
    await confirm(NEW);
    const reuse = await errorOf(() => confirm("Third-Pass3"));
    assert.ok(["ExpiredCodeException", "CodeMismatchException"].includes(reuse.name), reuse.name);
    assert.ok((await userSignIn(t, a, "twocodes", NEW)).AuthenticationResult);
  });

  it("with PreventUserExistenceErrors ENABLED, ForgotPassword for an unknown user answers a simulated delivery", async () => {
    const a = await app(t);
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: a.poolId,
        ClientName: "private",
        PreventUserExistenceErrors: "ENABLED",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const out = await t.client.send(
      new ForgotPasswordCommand({ ClientId: UserPoolClient!.ClientId!, Username: "nobody" }),
    );
    assert.ok(out.CodeDeliveryDetails?.DeliveryMedium, "a delivery is reported");
    assert.ok(out.CodeDeliveryDetails?.Destination, "to a simulated destination");
    const signIn = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: UserPoolClient!.ClientId!,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "nobody", PASSWORD },
        }),
      ),
    );
    assert.equal(signIn.name, "NotAuthorizedException");
    assert.equal(signIn.message, "Incorrect username or password.");
  });

  it("ChangePassword checks the previous password and the policy", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "chg");
    const { AuthenticationResult } = await userSignIn(t, a, "chg", PASSWORD);
    const token = AuthenticationResult!.AccessToken!;
    const wrongOld = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({ AccessToken: token, PreviousPassword: "Wrong-Pass1", ProposedPassword: NEW }),
      ),
    );
    assert.equal(wrongOld.name, "NotAuthorizedException");
    assert.equal(wrongOld.message, "Incorrect username or password.");
    const weak = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: token,
          PreviousPassword: PASSWORD,
          ProposedPassword: "nouppercase1!",
        }),
      ),
    );
    assert.equal(weak.name, "InvalidPasswordException");
    assertPolicyMessage(weak.message, "Password must have uppercase characters");
    const out = await t.client.send(
      new ChangePasswordCommand({ AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: NEW }),
    );
    const { $metadata, ...rest } = out;
    assert.equal($metadata.httpStatusCode, 200);
    assert.deepEqual(rest, {});
    assert.ok((await userSignIn(t, a, "chg", NEW)).AuthenticationResult);
    // The access token used for the change stays valid.
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: token }))).Username, "chg");
  });
});

describe("USER_AUTH choice-based sign-in with passwords", () => {
  const t = useCognate();

  it("USER_AUTH on a client without ALLOW_USER_AUTH is refused", async () => {
    const a = await app(t);
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: a.poolId,
        ClientName: "classic",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    await confirmedUser(t, a, "classic");
    const err = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: UserPoolClient!.ClientId!,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "classic", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    // One public troubleshooting note quotes "USER_AUTH flow not enabled for this client"; not asserted exactly.
    assert.match(err.message, /flow not enabled for this client$/);
  });

  it("PREFERRED_CHALLENGE PASSWORD signs in at once", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "pref");
    const out = await t.client.send(
      new InitiateAuthCommand({
        ClientId: a.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "pref", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD },
      }),
    );
    assert.equal(out.ChallengeName, undefined);
    assert.ok(out.AuthenticationResult?.AccessToken);
    assert.equal(decodeJwt(out.AuthenticationResult.AccessToken).username, "pref");
    const wrong = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: a.clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "pref", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "Wrong-Pass1" },
        }),
      ),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");
  });

  it("PREFERRED_CHALLENGE PASSWORD_SRP answers PASSWORD_VERIFIER and a correct proof signs in", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "srpuser");
    const session = createSrpSession("srpuser", PASSWORD, a.poolId, false);
    const challenge = await t.client.send(
      new InitiateAuthCommand(
        wrapInitiateAuth(session, {
          ClientId: a.clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "srpuser", PREFERRED_CHALLENGE: "PASSWORD_SRP" },
        }),
      ),
    );
    assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
    const params = challenge.ChallengeParameters!;
    for (const key of ["SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME"]) {
      assert.ok(params[key], `${key} is in the challenge`);
    }
    const done = await t.client.send(
      new RespondToAuthChallengeCommand(
        wrapAuthChallenge(signSrpSession(session, challenge), {
          ClientId: a.clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: { USERNAME: "srpuser" },
          Session: challenge.Session,
        }),
      ),
    );
    assert.ok(done.AuthenticationResult?.IdToken);
  });

  it("without a preference answers SELECT_CHALLENGE with the available challenges; ANSWER PASSWORD signs in", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "sel");
    const first = await t.client.send(
      new InitiateAuthCommand({ ClientId: a.clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "sel" } }),
    );
    assert.equal(first.ChallengeName, "SELECT_CHALLENGE");
    assert.ok(first.Session);
    assert.equal(first.AuthenticationResult, undefined);
    assert.deepEqual([...(first.AvailableChallenges ?? [])].sort(), ["PASSWORD", "PASSWORD_SRP"]);

    const wrong = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: a.clientId,
          ChallengeName: "SELECT_CHALLENGE",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "sel", ANSWER: "PASSWORD", PASSWORD: "Wrong-Pass1" },
        }),
      ),
    );
    assert.equal(wrong.name, "NotAuthorizedException");

    const again = await t.client.send(
      new InitiateAuthCommand({ ClientId: a.clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "sel" } }),
    );
    const done = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: a.clientId,
        ChallengeName: "SELECT_CHALLENGE",
        Session: again.Session,
        ChallengeResponses: { USERNAME: "sel", ANSWER: "PASSWORD", PASSWORD },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it("SELECT_CHALLENGE ANSWER PASSWORD_SRP continues with PASSWORD_VERIFIER", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "selsrp");
    const first = await t.client.send(
      new InitiateAuthCommand({ ClientId: a.clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "selsrp" } }),
    );
    const session = createSrpSession("selsrp", PASSWORD, a.poolId, false);
    const challenge = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: a.clientId,
        ChallengeName: "SELECT_CHALLENGE",
        Session: first.Session,
        ChallengeResponses: { USERNAME: "selsrp", ANSWER: "PASSWORD_SRP", SRP_A: session.largeA },
      }),
    );
    assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
    const done = await t.client.send(
      new RespondToAuthChallengeCommand(
        wrapAuthChallenge(signSrpSession(session, challenge), {
          ClientId: a.clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: { USERNAME: "selsrp" },
          Session: challenge.Session,
        }),
      ),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
  });
});

// ---------------------------------------------------------------- amazon-cognito-identity-js

type LibraryError = Error & { code?: string };

function call<T>(fn: (cb: (err: Error | null | undefined, result?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result as T))));
}

type Outcome =
  | { kind: "session"; session: CognitoUserSession }
  | { kind: "newPassword"; userAttributes: Record<string, string>; requiredAttributes: string[] };

function authenticate(user: CognitoUser, password: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: (session) => resolve({ kind: "session", session }),
      onFailure: reject,
      newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) =>
        resolve({ kind: "newPassword", userAttributes, requiredAttributes }),
    });
  });
}

async function sessionOf(user: CognitoUser, password: string): Promise<CognitoUserSession> {
  const outcome = await authenticate(user, password);
  assert.equal(outcome.kind, "session");
  return (outcome as { session: CognitoUserSession }).session;
}

describe("amazon-cognito-identity-js journeys", () => {
  const t = useCognate();

  async function libPool(a: App) {
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: a.poolId, ClientId: a.clientId, endpoint: t.url, Storage: storage });
    const userOf = (username: string) => new CognitoUser({ Username: username, Pool: pool, Storage: storage });
    return { pool, storage, userOf };
  }

  it("signUp, confirmRegistration, USER_SRP_AUTH and USER_PASSWORD_AUTH, attributes, refresh, sign-out, delete", async () => {
    const a = await app(t);
    const { pool, userOf } = await libPool(a);
    const email = new CognitoUserAttribute({ Name: "email", Value: "lib@example.com" });
    const signed = await call<ISignUpResult>((cb) => pool.signUp("lib", PASSWORD, [email], [], cb));
    assert.equal(signed.userConfirmed, false);
    assert.deepEqual(signed.codeDeliveryDetails, {
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "l***@e***",
    });
    const dup = (await errorOf(() =>
      call<ISignUpResult>((cb) => pool.signUp("lib", PASSWORD, [email], [], cb)),
    )) as LibraryError;
    assert.equal(dup.code, "UsernameExistsException");
    assert.equal(dup.message, "User already exists");

    const code = await latestCode(t.url, a.poolId, "lib");
    const bad = (await errorOf(() =>
      call<string>((cb) => userOf("lib").confirmRegistration(code === "000000" ? "111111" : "000000", true, cb)),
    )) as LibraryError;
    assert.equal(bad.code, "CodeMismatchException");
    assert.equal(await call<string>((cb) => userOf("lib").confirmRegistration(code, true, cb)), "SUCCESS");

    // USER_SRP_AUTH (the library's default)
    const user = userOf("lib");
    const session = await sessionOf(user, PASSWORD);
    assert.ok(session.isValid());
    assert.equal(session.getAccessToken().decodePayload().username, "lib");
    assert.equal(session.getIdToken().decodePayload().email, "lib@example.com");

    const wrong = (await errorOf(() => authenticate(userOf("lib"), "Wrong-Pass1"))) as LibraryError;
    assert.equal(wrong.code, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");

    // USER_PASSWORD_AUTH
    const plain = userOf("lib");
    plain.setAuthenticationFlowType("USER_PASSWORD_AUTH");
    assert.ok((await sessionOf(plain, PASSWORD)).isValid());

    // attributes
    const attrs = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    const byName = Object.fromEntries(attrs.map((x) => [x.getName(), x.getValue()]));
    assert.equal(byName.email, "lib@example.com");
    assert.equal(byName.email_verified, "true");
    assert.match(byName.sub ?? "", /^[0-9a-f-]{36}$/);
    await call<string>((cb) =>
      user.updateAttributes([new CognitoUserAttribute({ Name: "given_name", Value: "Libby" })], cb),
    );
    await call<string>((cb) => user.deleteAttributes(["given_name"], cb));
    const after = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    assert.equal(
      after.find((x) => x.getName() === "given_name"),
      undefined,
    );

    // refresh
    const refreshed = await call<CognitoUserSession>((cb) => user.refreshSession(session.getRefreshToken(), cb));
    assert.notEqual(refreshed.getAccessToken().getJwtToken(), session.getAccessToken().getJwtToken());
    assert.equal(refreshed.getRefreshToken().getToken(), session.getRefreshToken().getToken());

    // changePassword
    const weakChange = (await errorOf(() =>
      call<string>((cb) => user.changePassword(PASSWORD, "nouppercase1!", cb)),
    )) as LibraryError;
    assert.equal(weakChange.code, "InvalidPasswordException");
    assertPolicyMessage(weakChange.message, "Password must have uppercase characters");
    assert.equal(await call<string>((cb) => user.changePassword(PASSWORD, NEW, cb)), "SUCCESS");
    const badChange = (await errorOf(() =>
      call<string>((cb) => user.changePassword("Wrong-Pass1", "Another-Pass3", cb)),
    )) as LibraryError;
    assert.equal(badChange.code, "NotAuthorizedException");
    assert.equal(badChange.message, "Incorrect username or password.");

    // globalSignOut revokes every token
    const access = refreshed.getAccessToken().getJwtToken();
    await new Promise<void>((resolve, reject) => user.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }));
    const revoked = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: access })));
    assert.equal(revoked.name, "NotAuthorizedException");
    assert.equal(revoked.message, "Access Token has been revoked");
    const noRefresh = (await errorOf(() =>
      call<CognitoUserSession>((cb) => userOf("lib").refreshSession(refreshed.getRefreshToken(), cb)),
    )) as LibraryError;
    assert.equal(noRefresh.code, "NotAuthorizedException");
    assert.equal(noRefresh.message, "Refresh Token has been revoked");

    // deleteUser
    const again = userOf("lib");
    await sessionOf(again, NEW);
    assert.equal(await call<string>((cb) => again.deleteUser(cb)), "SUCCESS");
    const gone = await errorOf(() => t.client.send(new AdminGetUserCommand({ UserPoolId: a.poolId, Username: "lib" })));
    assert.equal(gone.name, "UserNotFoundException");
  });

  it("newPasswordRequired hands over the user's attributes; completeNewPasswordChallenge signs in", async () => {
    const a = await app(t);
    await invite(t, a, "admin1");
    const { userOf } = await libPool(a);
    const user = userOf("admin1");
    const outcome = await authenticate(user, TEMP);
    assert.equal(outcome.kind, "newPassword");
    const { userAttributes, requiredAttributes } = outcome as Extract<Outcome, { kind: "newPassword" }>;
    assert.deepEqual(requiredAttributes, []);
    assert.equal(userAttributes.email, "admin1@example.com");

    const weak = (await errorOf(
      () =>
        new Promise((resolve, reject) =>
          user.completeNewPasswordChallenge("weak", {}, { onSuccess: resolve, onFailure: reject }),
        ),
    )) as LibraryError;
    assert.equal(weak.code, "InvalidPasswordException");

    const retry = userOf("admin1");
    await authenticate(retry, TEMP);
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      retry.completeNewPasswordChallenge(NEW, { name: "Admin One" }, { onSuccess: resolve, onFailure: reject }),
    );
    assert.equal(session.getIdToken().decodePayload().name, "Admin One");
    assert.equal(await statusOf(t, a, "admin1"), "CONFIRMED");
  });

  it("an invited user of an email-username pool completes NEW_PASSWORD_REQUIRED over SRP by email", async () => {
    const a = await app(t, { UsernameAttributes: ["email"] });
    const { User } = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: a.poolId,
        Username: "zed@example.com",
        TemporaryPassword: TEMP,
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email_verified", Value: "true" }],
      }),
    );
    assert.match(User!.Username!, /^[0-9a-f-]{36}$/, "Cognito generates the username");
    assert.equal(attr(User!.Attributes, "email"), "zed@example.com");
    const { userOf } = await libPool(a);
    const user = userOf("zed@example.com");
    const outcome = await authenticate(user, TEMP);
    assert.equal(outcome.kind, "newPassword");
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.completeNewPasswordChallenge(NEW, {}, { onSuccess: resolve, onFailure: reject }),
    );
    assert.equal(session.getAccessToken().decodePayload().username, User!.Username);
    assert.ok((await sessionOf(userOf("zed@example.com"), NEW)).isValid());
  });

  it("forgotPassword / confirmPassword", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "libforgot");
    const { userOf } = await libPool(a);
    const user = userOf("libforgot");
    const delivery = await new Promise<unknown>((resolve, reject) =>
      user.forgotPassword({ onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }),
    );
    assert.deepEqual(delivery, {
      CodeDeliveryDetails: { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "l***@e***" },
    });
    const code = await latestCode(t.url, a.poolId, "libforgot");
    const result = await new Promise<string>((resolve, reject) =>
      user.confirmPassword(code, NEW, { onSuccess: resolve, onFailure: reject }),
    );
    assert.equal(result, "SUCCESS");
    assert.ok((await sessionOf(userOf("libforgot"), NEW)).isValid());
  });

  it("an expired temporary password fails USER_SRP_AUTH with the administrator-reset message", async (ctx) => {
    const a = await app(t);
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await invite(t, a, "expired");
    ctx.mock.timers.tick(8 * DAY);
    const { userOf } = await libPool(a);
    const err = (await errorOf(() => authenticate(userOf("expired"), TEMP))) as LibraryError;
    assert.equal(err.code, "NotAuthorizedException");
    assert.equal(err.message, "Temporary password has expired and must be reset by an administrator.");
  });

  it("a user whose password was reset by an admin gets PasswordResetRequiredException", async () => {
    const a = await app(t);
    await confirmedUser(t, a, "libreset");
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: a.poolId, Username: "libreset" }));
    const { userOf } = await libPool(a);
    const err = (await errorOf(() => authenticate(userOf("libreset"), PASSWORD))) as LibraryError;
    assert.equal(err.code, "PasswordResetRequiredException");
    assert.equal(err.message, "Password reset required for the user");
  });

  it("an unknown user fails sign-in with UserNotFoundException", async () => {
    const a = await app(t);
    const { userOf } = await libPool(a);
    const err = (await errorOf(() => authenticate(userOf("nobody"), PASSWORD))) as LibraryError;
    assert.equal(err.code, "UserNotFoundException");
    assert.equal(err.message, "User does not exist.");
  });
});

// ---------------------------------------------------------------- Amplify v6

function configure(t: TestCognate, a: App): MapKeyValueStorage {
  Amplify.configure({
    Auth: { Cognito: { userPoolId: a.poolId, userPoolClientId: a.clientId, userPoolEndpoint: t.url } },
  });
  const storage = new MapKeyValueStorage();
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
  return storage;
}

describe("Amplify v6 journeys", () => {
  const t = useCognate();

  afterEach(async () => {
    await signOut().catch(() => undefined);
  });

  it("signUp, resendSignUpCode, confirmSignUp, signIn, session refresh and attributes", async () => {
    const a = await app(t);
    configure(t, a);
    const up = await signUp({
      username: "amy",
      password: PASSWORD,
      options: { userAttributes: { email: "amy@example.com" } },
    });
    assert.equal(up.isSignUpComplete, false);
    assert.deepEqual(up.nextStep, {
      signUpStep: "CONFIRM_SIGN_UP",
      codeDeliveryDetails: { destination: "a***@e***", deliveryMedium: "EMAIL", attributeName: "email" },
    });
    const first = await latestCode(t.url, a.poolId, "amy");
    const resent = await resendSignUpCode({ username: "amy" });
    assert.deepEqual(resent, { destination: "a***@e***", deliveryMedium: "EMAIL", attributeName: "email" });
    const second = await latestCode(t.url, a.poolId, "amy");
    assert.equal((await messagesOf(t.url, a.poolId, "amy")).length, 2);
    void first;
    const confirmed = await confirmSignUp({ username: "amy", confirmationCode: second });
    assert.deepEqual(confirmed, { isSignUpComplete: true, nextStep: { signUpStep: "DONE" } });

    const wrong = await errorOf(() => signIn({ username: "amy", password: "Wrong-Pass1" }));
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");

    const signedIn = await signIn({ username: "amy", password: PASSWORD });
    assert.deepEqual(signedIn, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
    const s1 = await fetchAuthSession();
    const s2 = await fetchAuthSession({ forceRefresh: true });
    assert.ok(s1.tokens && s2.tokens);
    assert.notEqual(s2.tokens.accessToken.toString(), s1.tokens.accessToken.toString());
    assert.equal(s2.tokens.idToken?.payload.email, "amy@example.com");

    const attrs = await fetchUserAttributes();
    assert.equal(attrs.email, "amy@example.com");
    assert.equal(attrs.email_verified, "true");
    assert.match(attrs.sub ?? "", /^[0-9a-f-]{36}$/);

    const one = await updateUserAttribute({ userAttribute: { attributeKey: "given_name", value: "Amy" } });
    assert.deepEqual(one, { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } });

    const many = await updateUserAttributes({ userAttributes: { family_name: "Pond", email: "amy2@example.com" } });
    assert.deepEqual(many.family_name, { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } });
    assert.deepEqual(many.email, {
      isUpdated: false,
      nextStep: {
        updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE",
        codeDeliveryDetails: { destination: "a***@e***", deliveryMedium: "EMAIL", attributeName: "email" },
      },
    });
    const sent = await sendUserAttributeVerificationCode({ userAttributeKey: "email" });
    assert.deepEqual(sent, { destination: "a***@e***", deliveryMedium: "EMAIL", attributeName: "email" });
    await confirmUserAttribute({
      userAttributeKey: "email",
      confirmationCode: await latestCode(t.url, a.poolId, "amy"),
    });
    const updated = await fetchUserAttributes();
    assert.equal(updated.email, "amy2@example.com");
    assert.equal(updated.email_verified, "true");
    assert.equal(updated.given_name, "Amy");
    assert.equal(updated.family_name, "Pond");

    await deleteUserAttributes({ userAttributeKeys: ["given_name"] });
    assert.equal((await fetchUserAttributes()).given_name, undefined);
  });

  it("signIn with a temporary password → CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED → confirmSignIn", async () => {
    const a = await app(t);
    configure(t, a);
    await invite(t, a, "newbie");
    const first = await signIn({ username: "newbie", password: TEMP });
    assert.equal(first.isSignedIn, false);
    assert.equal(first.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED");
    const weak = await errorOf(() => confirmSignIn({ challengeResponse: "alllowercase1!" }));
    assert.equal(weak.name, "InvalidPasswordException");
    assertPolicyMessage(weak.message, "Password must have uppercase characters");
  });

  it("confirmSignIn with a good new password completes sign-in", async () => {
    const a = await app(t);
    configure(t, a);
    await invite(t, a, "newbie2");
    await signIn({ username: "newbie2", password: TEMP });
    const done = await confirmSignIn({ challengeResponse: NEW, options: { userAttributes: { name: "New Bie" } } });
    assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
    const { tokens } = await fetchAuthSession();
    assert.equal(tokens?.accessToken.payload.username, "newbie2");
    assert.equal(tokens?.idToken?.payload.name, "New Bie");
    assert.equal(await statusOf(t, a, "newbie2"), "CONFIRMED");
  });

  it("updatePassword, resetPassword/confirmResetPassword, signOut({global:true}) and deleteUser", async () => {
    const a = await app(t);
    configure(t, a);
    await confirmedUser(t, a, "rory");
    await signIn({ username: "rory", password: PASSWORD });

    const badOld = await errorOf(() => updatePassword({ oldPassword: "Wrong-Pass1", newPassword: NEW }));
    assert.equal(badOld.name, "NotAuthorizedException");
    assert.equal(badOld.message, "Incorrect username or password.");
    const weak = await errorOf(() => updatePassword({ oldPassword: PASSWORD, newPassword: "NoSymbols123" }));
    assert.equal(weak.name, "InvalidPasswordException");
    assertPolicyMessage(weak.message, "Password must have symbol characters");
    await updatePassword({ oldPassword: PASSWORD, newPassword: NEW });

    const { tokens } = await fetchAuthSession();
    const access = tokens!.accessToken.toString();
    await signOut({ global: true });
    const revoked = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: access })));
    assert.equal(revoked.name, "NotAuthorizedException");
    assert.equal(revoked.message, "Access Token has been revoked");

    const reset = await resetPassword({ username: "rory" });
    assert.deepEqual(reset, {
      isPasswordReset: false,
      nextStep: {
        resetPasswordStep: "CONFIRM_RESET_PASSWORD_WITH_CODE",
        codeDeliveryDetails: { destination: "r***@e***", deliveryMedium: "EMAIL", attributeName: "email" },
      },
    });
    const code = await latestCode(t.url, a.poolId, "rory");
    const mismatch = await errorOf(() =>
      confirmResetPassword({
        username: "rory",
        confirmationCode: code === "000000" ? "111111" : "000000",
        newPassword: "Third-Pass3",
      }),
    );
    assert.equal(mismatch.name, "CodeMismatchException");
    await confirmResetPassword({ username: "rory", confirmationCode: code, newPassword: "Third-Pass3" });

    assert.deepEqual(await signIn({ username: "rory", password: "Third-Pass3" }), {
      isSignedIn: true,
      nextStep: { signInStep: "DONE" },
    });
    await deleteUser();
    const gone = await errorOf(() =>
      t.client.send(new AdminGetUserCommand({ UserPoolId: a.poolId, Username: "rory" })),
    );
    assert.equal(gone.name, "UserNotFoundException");
  });

  it("signIn with USER_AUTH and preferredChallenge PASSWORD_SRP / PASSWORD, and USER_PASSWORD_AUTH", async () => {
    const a = await app(t);
    configure(t, a);
    await confirmedUser(t, a, "flows");
    for (const options of [
      { authFlowType: "USER_AUTH", preferredChallenge: "PASSWORD_SRP" },
      { authFlowType: "USER_AUTH", preferredChallenge: "PASSWORD" },
      { authFlowType: "USER_PASSWORD_AUTH" },
      { authFlowType: "USER_SRP_AUTH" },
    ] as const) {
      const out = await signIn({ username: "flows", password: PASSWORD, options });
      assert.deepEqual(out, { isSignedIn: true, nextStep: { signInStep: "DONE" } }, JSON.stringify(options));
      const { tokens } = await fetchAuthSession();
      assert.equal(tokens?.accessToken.payload.username, "flows");
      await signOut();
    }
  });

  it("signIn with an expired temporary password, and resetPassword for an invited user, are refused", async (ctx) => {
    const a = await app(t);
    configure(t, a);
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await invite(t, a, "stale");
    const notYet = await errorOf(() => resetPassword({ username: "stale" }));
    assert.equal(notYet.name, "NotAuthorizedException");
    assert.equal(notYet.message, "User password cannot be reset in the current state.");
    ctx.mock.timers.tick(8 * DAY);
    const err = await errorOf(() => signIn({ username: "stale", password: TEMP }));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Temporary password has expired and must be reset by an administrator.");
  });

  it("with email as the username: signUp, confirm, SRP signIn and a reset, all by email address", async () => {
    const a = await app(t, { UsernameAttributes: ["email"] });
    configure(t, a);
    const up = await signUp({ username: "eve@example.com", password: PASSWORD });
    assert.match(up.userId ?? "", /^[0-9a-f-]{36}$/);
    const code = await latestCode(t.url, a.poolId, up.userId!).catch(() =>
      latestCode(t.url, a.poolId, "eve@example.com"),
    );
    await confirmSignUp({ username: "eve@example.com", confirmationCode: code });
    for (const options of [
      { authFlowType: "USER_SRP_AUTH" },
      { authFlowType: "USER_AUTH", preferredChallenge: "PASSWORD_SRP" },
    ] as const) {
      assert.deepEqual(await signIn({ username: "eve@example.com", password: PASSWORD, options }), {
        isSignedIn: true,
        nextStep: { signInStep: "DONE" },
      });
      const { tokens } = await fetchAuthSession();
      assert.equal(tokens?.accessToken.payload.username, up.userId, "the access token names the generated username");
      assert.equal(tokens?.idToken?.payload.email, "eve@example.com");
      await signOut();
    }
  });

  it("signIn of an unconfirmed user moves to CONFIRM_SIGN_UP; unknown users are UserNotFoundException", async () => {
    const a = await app(t);
    configure(t, a);
    await signUp({ username: "pending", password: PASSWORD, options: { userAttributes: { email: "p@example.com" } } });
    const out = await signIn({ username: "pending", password: PASSWORD });
    assert.equal(out.isSignedIn, false);
    assert.equal(out.nextStep.signInStep, "CONFIRM_SIGN_UP");
    const unknown = await errorOf(() => signIn({ username: "ghost", password: PASSWORD }));
    assert.equal(unknown.name, "UserNotFoundException");
    assert.equal(unknown.message, "User does not exist.");
    const noReset = await errorOf(() => resetPassword({ username: "ghost" }));
    assert.equal(noReset.name, "UserNotFoundException");
    assert.equal(noReset.message, "Username/client id combination not found.");
  });

  it("signIn of a user whose password was reset by an admin surfaces PasswordResetRequiredException", async () => {
    const a = await app(t);
    configure(t, a);
    await confirmedUser(t, a, "kate");
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: a.poolId, Username: "kate" }));
    // Amplify v6 maps this error to a next step rather than throwing.
    const out = await signIn({ username: "kate", password: PASSWORD });
    assert.equal(out.isSignedIn, false);
    assert.equal(out.nextStep.signInStep, "RESET_PASSWORD");
  });
});
