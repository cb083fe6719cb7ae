import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserSettingsCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
  ConfirmSignUpCommand,
  type AttributeType,
  type ConfirmForgotPasswordCommandInput,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { computeSecretHash } from "../../src/clients/secretHash.js";
import { verifyPassword } from "../../src/common/passwords.js";
import { ResourceKind } from "../../src/storage/kinds.js";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

interface Message {
  deliveryMedium: string;
  destination: string;
  message: string;
  code: string | null;
}

async function messagesOf(t: TestCognate, userPoolId: string): Promise<Message[]> {
  const res = await fetch(`${t.url}/_cognate/messages?userPoolId=${encodeURIComponent(userPoolId)}`);
  return ((await res.json()) as { messages: Message[] }).messages;
}

const lastCode = async (t: TestCognate, userPoolId: string) => (await messagesOf(t, userPoolId)).at(-1)!.code!;

async function setup(
  t: TestCognate,
  pool: Partial<CreateUserPoolRequest> = {},
  client: Partial<CreateUserPoolClientRequest> = {},
): Promise<{ poolId: string; clientId: string; secret?: string }> {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "recovery", ...pool }));
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: "app", ...client }),
  );
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret };
}

/** A confirmed user with a permanent password and the given attributes. */
async function confirmedUser(
  t: TestCognate,
  UserPoolId: string,
  Username: string,
  attributes: Record<string, string>,
  Password = "Old-Pass1",
): Promise<void> {
  const UserAttributes: AttributeType[] = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
  await t.client.send(new AdminCreateUserCommand({ UserPoolId, Username, UserAttributes, MessageAction: "SUPPRESS" }));
  await t.client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password, Permanent: true }));
}

const verifiedEmail = (email: string) => ({ email, email_verified: "true" });

const forgot = (t: TestCognate, ClientId: string, Username: string, SecretHash?: string) =>
  t.client.send(new ForgotPasswordCommand({ ClientId, Username, SecretHash }));

const confirm = (t: TestCognate, input: Partial<ConfirmForgotPasswordCommandInput>) =>
  t.client.send(
    new ConfirmForgotPasswordCommand({
      ConfirmationCode: "000000",
      Password: "New-Pass1",
      ...input,
    } as ConfirmForgotPasswordCommandInput),
  );

const status = async (t: TestCognate, UserPoolId: string, Username: string) =>
  (await t.client.send(new AdminGetUserCommand({ UserPoolId, Username }))).UserStatus;

describe("ForgotPassword", () => {
  const t = useCognate();

  it("sends a code to the verified email and leaves the user signed up as before", async () => {
    const { poolId, clientId } = await setup(t);
    await confirmedUser(t, poolId, "amy", verifiedEmail("amy@example.com"));
    const out = await forgot(t, clientId, "amy");
    assert.deepEqual(out.CodeDeliveryDetails, {
      Destination: "a***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    const [message] = await messagesOf(t, poolId);
    assert.equal(message!.destination, "amy@example.com");
    assert.match(message!.code!, /^[0-9]{6}$/);
    assert.equal(message!.message, `Your verification code is ${message!.code}.`);
    assert.equal(await status(t, poolId, "amy"), "CONFIRMED");
    // Reset codes live one hour.
    const code = await t.cognate.store.resources.get<{ expiresAt: number }>(
      ResourceKind.code,
      poolId,
      "forgotPassword:amy",
    );
    assert.equal(code!.data.expiresAt - code!.createdAt, 3600 * 1000);
  });

  it("follows AccountRecoverySetting priorities, and prefers the phone without one", async () => {
    // CreateUserPoolRequest.AccountRecoverySetting: "In the absence of this setting, Amazon Cognito uses the legacy
    // behavior to determine the recovery method where SMS is preferred over email."
    const both = {
      ...verifiedEmail("bo@example.com"),
      phone_number: "+15555550177",
      phone_number_verified: "true",
    };
    const legacy = await setup(t);
    await confirmedUser(t, legacy.poolId, "bo", both);
    const bySms = await forgot(t, legacy.clientId, "bo");
    assert.deepEqual(bySms.CodeDeliveryDetails, {
      Destination: "+*******0177",
      DeliveryMedium: "SMS",
      AttributeName: "phone_number",
    });

    const emailFirst = await setup(t, {
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: "verified_phone_number", Priority: 2 },
          { Name: "verified_email", Priority: 1 },
        ],
      },
    });
    await confirmedUser(t, emailFirst.poolId, "bo", both);
    assert.equal((await forgot(t, emailFirst.clientId, "bo")).CodeDeliveryDetails?.DeliveryMedium, "EMAIL");

    // A mechanism whose address is unverified is skipped.
    await confirmedUser(t, emailFirst.poolId, "cy", {
      email: "cy@example.com",
      phone_number: "+15555550178",
      phone_number_verified: "true",
    });
    assert.equal((await forgot(t, emailFirst.clientId, "cy")).CodeDeliveryDetails?.DeliveryMedium, "SMS");
  });

  it("under an AccountRecoverySetting, doesn't recover by SMS a user with SMS MFA", async () => {
    // AccountRecoverySetting: "SMS doesn't qualify for a valid password recovery mechanism if the user also has
    // SMS multi-factor authentication (MFA) activated."
    const phoneFirst = await setup(t, {
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: "verified_phone_number", Priority: 1 },
          { Name: "verified_email", Priority: 2 },
        ],
      },
    });
    const smsMfa = (UserPoolId: string, Username: string, on = true) =>
      t.client.send(
        new AdminSetUserSettingsCommand({
          UserPoolId,
          Username,
          MFAOptions: on ? [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] : [],
        }),
      );
    const verifiedPhone = { phone_number: "+15555550190", phone_number_verified: "true" };
    await confirmedUser(t, phoneFirst.poolId, "kim", { ...verifiedEmail("kim@example.com"), ...verifiedPhone });
    await smsMfa(phoneFirst.poolId, "kim");
    assert.deepEqual((await forgot(t, phoneFirst.clientId, "kim")).CodeDeliveryDetails, {
      Destination: "k***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    assert.equal((await messagesOf(t, phoneFirst.poolId)).at(-1)!.destination, "kim@example.com");
    // Without a verified email nothing is left.
    await confirmedUser(t, phoneFirst.poolId, "lee", { email: "lee@example.com", ...verifiedPhone });
    await smsMfa(phoneFirst.poolId, "lee");
    const none = await errorOf(() => forgot(t, phoneFirst.clientId, "lee"));
    assert.equal(none.name, "InvalidParameterException");
    assert.equal(
      none.message,
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
    // SMS MFA off again: the phone qualifies.
    await smsMfa(phoneFirst.poolId, "lee", false);
    assert.equal((await forgot(t, phoneFirst.clientId, "lee")).CodeDeliveryDetails?.DeliveryMedium, "SMS");

    // The legacy behaviour (no setting) still prefers the phone.
    const legacy = await setup(t);
    await confirmedUser(t, legacy.poolId, "kim", { ...verifiedEmail("kim@example.com"), ...verifiedPhone });
    await smsMfa(legacy.poolId, "kim");
    assert.equal((await forgot(t, legacy.clientId, "kim")).CodeDeliveryDetails?.DeliveryMedium, "SMS");
  });

  it("allows ten reset codes a user an hour, then answers LimitExceededException", async (ctx) => {
    const { poolId, clientId } = await setup(t);
    await confirmedUser(t, poolId, "max", verifiedEmail("max@example.com"));
    await confirmedUser(t, poolId, "ned", verifiedEmail("ned@example.com"));
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    const opened = Date.now();
    for (let i = 0; i < 10; i++) {
      assert.equal((await forgot(t, clientId, "max")).CodeDeliveryDetails?.DeliveryMedium, "EMAIL", `request ${i + 1}`);
      ctx.mock.timers.tick(60_000);
    }
    const limited = await errorOf(() => forgot(t, clientId, "max"));
    assert.equal(limited.name, "LimitExceededException");
    assert.equal(limited.message, "Attempt limit exceeded, please try after some time.");
    assert.equal((await messagesOf(t, poolId)).length, 10);
    // Counted in storage, per user, for the hour that the first request opened.
    const counter = await t.cognate.store.resources.get<{ count: number }>(
      ResourceKind.code,
      poolId,
      "forgotPasswordRequests:max",
    );
    assert.equal(counter!.data.count, 10);
    assert.equal(counter!.expiresAt, opened + 3600 * 1000);
    // The code already sent still works, and other users aren't limited.
    await confirm(t, { ClientId: clientId, Username: "max", ConfirmationCode: await lastCode(t, poolId) });
    assert.equal((await forgot(t, clientId, "ned")).CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    ctx.mock.timers.tick(3600 * 1000 - 10 * 60_000);
    assert.equal((await forgot(t, clientId, "max")).CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
  });

  it("refuses users without a verified address, disabled users and unknown users", async () => {
    const { poolId, clientId } = await setup(t);
    await confirmedUser(t, poolId, "dee", { email: "dee@example.com" });
    const unverified = await errorOf(() => forgot(t, clientId, "dee"));
    assert.equal(unverified.name, "InvalidParameterException");
    assert.equal(
      unverified.message,
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );

    await confirmedUser(t, poolId, "eli", verifiedEmail("eli@example.com"));
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "eli" }));
    const disabled = await errorOf(() => forgot(t, clientId, "eli"));
    assert.equal(disabled.name, "NotAuthorizedException");
    assert.equal(disabled.message, "User is disabled.");

    const unknown = await errorOf(() => forgot(t, clientId, "ghost"));
    assert.equal(unknown.name, "UserNotFoundException");
    assert.equal(unknown.message, "Username/client id combination not found.");
    assert.deepEqual(await messagesOf(t, poolId), []);
  });

  it("pretends to deliver when the client hides user existence", async () => {
    const { poolId, clientId } = await setup(
      t,
      { AutoVerifiedAttributes: ["email"] },
      { PreventUserExistenceErrors: "ENABLED" },
    );
    const unknown = await forgot(t, clientId, "ghost@example.com");
    assert.deepEqual(unknown.CodeDeliveryDetails, {
      Destination: "g***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    await confirmedUser(t, poolId, "fay", { email: "fay@example.com" });
    const unverified = await forgot(t, clientId, "fay");
    assert.equal(unverified.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    assert.deepEqual((await forgot(t, clientId, "fay")).CodeDeliveryDetails, unverified.CodeDeliveryDetails);
    // Developer Guide, "Managing user existence error responses": a deactivated user gets simulated
    // CodeDeliveryDetails too.
    await confirmedUser(t, poolId, "gil", verifiedEmail("gil@example.com"));
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "gil" }));
    assert.equal((await forgot(t, clientId, "gil")).CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    assert.deepEqual(await messagesOf(t, poolId), []);
  });

  it("refuses self-service reset when only administrators may recover accounts", async () => {
    const { poolId, clientId } = await setup(t, {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
    });
    await confirmedUser(t, poolId, "gus", verifiedEmail("gus@example.com"));
    const err = await errorOf(() => forgot(t, clientId, "gus"));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Contact administrator to reset password.");
  });

  it("refuses users who still hold a temporary password", async () => {
    const { poolId, clientId } = await setup(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "hal",
        UserAttributes: [
          { Name: "email", Value: "hal@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
        MessageAction: "SUPPRESS",
      }),
    );
    const err = await errorOf(() => forgot(t, clientId, "hal"));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "User password cannot be reset in the current state.");
  });

  it("needs the SECRET_HASH of a client with a secret", async () => {
    const { poolId, clientId, secret } = await setup(t, {}, { GenerateSecret: true });
    await confirmedUser(t, poolId, "ida", verifiedEmail("ida@example.com"));
    const err = await errorOf(() => forgot(t, clientId, "ida"));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    const out = await forgot(t, clientId, "ida", computeSecretHash("ida", clientId, secret!));
    assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
  });
});

describe("ConfirmForgotPassword", () => {
  const t = useCognate();

  it("sets the new password with the code, once", async () => {
    const { poolId, clientId } = await setup(t);
    await confirmedUser(t, poolId, "jo", verifiedEmail("jo@example.com"));
    await forgot(t, clientId, "jo");
    const code = await lastCode(t, poolId);
    const before = (await t.cognate.store.users.get(poolId, "jo"))!;
    const out = await confirm(t, { ClientId: clientId, Username: "jo", ConfirmationCode: code });
    assert.deepEqual(
      Object.keys(out).filter((k) => k !== "$metadata"),
      [],
    );
    const after = (await t.cognate.store.users.get(poolId, "jo"))!;
    assert.ok(await verifyPassword("New-Pass1", after.passwordHash!));
    assert.ok(!(await verifyPassword("Old-Pass1", after.passwordHash!)));
    assert.notDeepEqual(after.srp, before.srp);
    assert.equal(after.status, "CONFIRMED");

    const reused = await errorOf(() => confirm(t, { ClientId: clientId, Username: "jo", ConfirmationCode: code }));
    assert.equal(reused.name, "ExpiredCodeException");
    assert.equal(reused.message, "Invalid code provided, please request a code again.");
  });

  it("completes an administrator's reset and confirms the user", async () => {
    // AdminResetUserPassword: "Sets the requested user's account into a RESET_REQUIRED status, and sends them a
    // password-reset code."
    const { poolId, clientId } = await setup(t);
    await confirmedUser(t, poolId, "kai", verifiedEmail("kai@example.com"));
    const out = await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "kai" }));
    const { $metadata, ...rest } = out;
    assert.equal($metadata.httpStatusCode, 200);
    assert.deepEqual(rest, {});
    assert.equal(await status(t, poolId, "kai"), "RESET_REQUIRED");
    await confirm(t, { ClientId: clientId, Username: "kai", ConfirmationCode: await lastCode(t, poolId) });
    assert.equal(await status(t, poolId, "kai"), "CONFIRMED");
    assert.ok(await verifyPassword("New-Pass1", (await t.cognate.store.users.get(poolId, "kai"))!.passwordHash!));

    // A user left in RESET_REQUIRED may also ask for a code with ForgotPassword.
    await confirmedUser(t, poolId, "kim", verifiedEmail("kim@example.com"));
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "kim" }));
    const asked = await forgot(t, clientId, "kim");
    assert.equal(asked.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    await confirm(t, { ClientId: clientId, Username: "kim", ConfirmationCode: await lastCode(t, poolId) });
    assert.equal(await status(t, poolId, "kim"), "CONFIRMED");
  });

  it("accepts the user's verified email as username in an alias pool", async () => {
    const { poolId, clientId } = await setup(t, { AliasAttributes: ["email"] });
    await confirmedUser(t, poolId, "lea", verifiedEmail("lea@example.com"));
    await forgot(t, clientId, "lea@example.com");
    await confirm(t, { ClientId: clientId, Username: "lea@example.com", ConfirmationCode: await lastCode(t, poolId) });
    assert.ok(await verifyPassword("New-Pass1", (await t.cognate.store.users.get(poolId, "lea"))!.passwordHash!));
  });

  it("applies the password policy and history", async () => {
    const { poolId, clientId } = await setup(t, {
      Policies: { PasswordPolicy: { MinimumLength: 8, PasswordHistorySize: 2 } },
    });
    await confirmedUser(t, poolId, "max", verifiedEmail("max@example.com"));
    await forgot(t, clientId, "max");
    const code = await lastCode(t, poolId);
    const weak = await errorOf(() =>
      confirm(t, { ClientId: clientId, Username: "max", ConfirmationCode: code, Password: "Short1!" }),
    );
    assert.equal(weak.name, "InvalidPasswordException");
    assert.equal(weak.message, "Password did not conform with policy: Password not long enough");
    // Under six characters the API's own constraint answers first.
    const tiny = await errorOf(() =>
      confirm(t, { ClientId: clientId, Username: "max", ConfirmationCode: code, Password: "Ab1!x" }),
    );
    assert.equal(tiny.name, "InvalidParameterException");
    assert.equal(
      tiny.message,
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
    const reused = await errorOf(() =>
      confirm(t, { ClientId: clientId, Username: "max", ConfirmationCode: code, Password: "Old-Pass1" }),
    );
    assert.equal(reused.name, "PasswordHistoryPolicyViolationException");
    assert.equal(reused.message, "Password has previously been used");
    // Neither refusal used the code up.
    await confirm(t, { ClientId: clientId, Username: "max", ConfirmationCode: code });
    assert.ok(await verifyPassword("New-Pass1", (await t.cognate.store.users.get(poolId, "max"))!.passwordHash!));
  });

  it("does not reveal password history to a caller without the code", async () => {
    const { poolId, clientId } = await setup(t, {
      Policies: { PasswordPolicy: { MinimumLength: 8, PasswordHistorySize: 2 } },
    });
    await confirmedUser(t, poolId, "ned", verifiedEmail("ned@example.com"));
    await forgot(t, clientId, "ned");
    const code = await lastCode(t, poolId);
    const err = await errorOf(() =>
      confirm(t, {
        ClientId: clientId,
        Username: "ned",
        ConfirmationCode: code === "000000" ? "111111" : "000000",
        Password: "Old-Pass1",
      }),
    );
    assert.equal(err.name, "CodeMismatchException");
  });

  it("counts wrong codes, refuses expired ones and answers ExpiredCodeException without a request", async () => {
    const { poolId, clientId } = await setup(t);
    await confirmedUser(t, poolId, "ola", verifiedEmail("ola@example.com"));
    const none = await errorOf(() => confirm(t, { ClientId: clientId, Username: "ola", ConfirmationCode: "123456" }));
    assert.equal(none.name, "ExpiredCodeException");

    await forgot(t, clientId, "ola");
    const code = await lastCode(t, poolId);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const err = await errorOf(() => confirm(t, { ClientId: clientId, Username: "ola", ConfirmationCode: wrong }));
      assert.equal(err.name, "CodeMismatchException");
      assert.equal(err.message, "Invalid verification code provided, please try again.");
    }
    const limited = await errorOf(() => confirm(t, { ClientId: clientId, Username: "ola", ConfirmationCode: code }));
    assert.equal(limited.name, "LimitExceededException");
    assert.equal(limited.message, "Attempt limit exceeded, please try after some time.");

    await forgot(t, clientId, "ola");
    const fresh = await lastCode(t, poolId);
    const stored = (await t.cognate.store.resources.get<{ expiresAt: number }>(
      ResourceKind.code,
      poolId,
      "forgotPassword:ola",
    ))!;
    assert.equal((stored.data as { attempts?: number }).attempts, 0);
    await t.cognate.store.resources.put({ ...stored, data: { ...stored.data, expiresAt: Date.now() - 1 } });
    const expired = await errorOf(() => confirm(t, { ClientId: clientId, Username: "ola", ConfirmationCode: fresh }));
    assert.equal(expired.name, "ExpiredCodeException");
    assert.equal(expired.message, "Invalid code provided, please request a code again.");
    assert.ok(await verifyPassword("Old-Pass1", (await t.cognate.store.users.get(poolId, "ola"))!.passwordHash!));
  });

  it("answers unknown and disabled users, or a code mismatch when existence is hidden", async () => {
    const { poolId, clientId } = await setup(t);
    const unknown = await errorOf(() => confirm(t, { ClientId: clientId, Username: "ghost" }));
    assert.equal(unknown.name, "UserNotFoundException");
    assert.equal(unknown.message, "Username/client id combination not found.");
    await confirmedUser(t, poolId, "pia", verifiedEmail("pia@example.com"));
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "pia" }));
    const disabled = await errorOf(() => confirm(t, { ClientId: clientId, Username: "pia" }));
    assert.equal(disabled.name, "NotAuthorizedException");
    assert.equal(disabled.message, "User is disabled.");

    const hidden = await setup(t, {}, { PreventUserExistenceErrors: "ENABLED" });
    const masked = await errorOf(() => confirm(t, { ClientId: hidden.clientId, Username: "ghost" }));
    assert.equal(masked.name, "CodeMismatchException");
    assert.equal(masked.message, "Invalid verification code provided, please try again.");
    // A disabled user who asked for a code gets the same answer; a user who asked for none, ExpiredCodeException.
    await confirmedUser(t, hidden.poolId, "pia", verifiedEmail("pia@example.com"));
    await forgot(t, hidden.clientId, "pia");
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: hidden.poolId, Username: "pia" }));
    assert.equal(
      (await errorOf(() => confirm(t, { ClientId: hidden.clientId, Username: "pia" }))).name,
      "CodeMismatchException",
    );
    await confirmedUser(t, hidden.poolId, "pru", verifiedEmail("pru@example.com"));
    const none = await errorOf(() => confirm(t, { ClientId: hidden.clientId, Username: "pru" }));
    assert.equal(none.name, "ExpiredCodeException");
  });

  it("needs the SECRET_HASH of a client with a secret", async () => {
    const { clientId } = await setup(t, {}, { GenerateSecret: true });
    const err = await errorOf(() => confirm(t, { ClientId: clientId, Username: "quin" }));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
  });
});

describe("signing in after sign-up and password reset", () => {
  const t = useCognate();

  it("signs in with the sign-up password once confirmed, then only with the reset one", async () => {
    const { poolId, clientId } = await setup(
      t,
      { AutoVerifiedAttributes: ["email"] },
      { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    );
    const signIn = (PASSWORD: string) =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "rae", PASSWORD },
        }),
      );
    await t.client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "rae",
        Password: "First-Pass1",
        UserAttributes: [{ Name: "email", Value: "rae@example.com" }],
      }),
    );
    const unconfirmed = await errorOf(() => signIn("First-Pass1"));
    assert.equal(unconfirmed.name, "UserNotConfirmedException");
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "rae", ConfirmationCode: await lastCode(t, poolId) }),
    );
    assert.ok((await signIn("First-Pass1")).AuthenticationResult?.AccessToken);

    await forgot(t, clientId, "rae");
    // ForgotPassword alone doesn't stop the current password from working.
    assert.ok((await signIn("First-Pass1")).AuthenticationResult?.AccessToken);
    await confirm(t, {
      ClientId: clientId,
      Username: "rae",
      ConfirmationCode: await lastCode(t, poolId),
      Password: "Second-Pass1",
    });
    const old = await errorOf(() => signIn("First-Pass1"));
    assert.equal(old.name, "NotAuthorizedException");
    assert.ok((await signIn("Second-Pass1")).AuthenticationResult?.IdToken);

    // SRP uses the verifier written with the new password.
    const userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url });
    const user = new CognitoUser({ Username: "rae", Pool: userPool });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: "rae", Password: "Second-Pass1" }), {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );
    assert.equal(session.getIdToken().decodePayload()["cognito:username"], "rae");
  });
});

describe("codes of a deleted user", () => {
  const t = useCognate();

  it("do not carry over to a new user of the same name", async () => {
    const { poolId, clientId } = await setup(t);
    await confirmedUser(t, poolId, "lee", verifiedEmail("lee@example.com"));
    await forgot(t, clientId, "lee");
    const oldCode = await lastCode(t, poolId);
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "lee" }));
    await confirmedUser(t, poolId, "lee", verifiedEmail("lee@example.com"));

    const err = await errorOf(() => confirm(t, { ClientId: clientId, Username: "lee", ConfirmationCode: oldCode }));
    assert.equal(err.name, "ExpiredCodeException");
  });

  it("nor does the count of their reset requests", async () => {
    const { poolId, clientId } = await setup(t);
    await confirmedUser(t, poolId, "mo", verifiedEmail("mo@example.com"));
    for (let i = 0; i < 10; i++) await forgot(t, clientId, "mo");
    assert.equal((await errorOf(() => forgot(t, clientId, "mo"))).name, "LimitExceededException");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "mo" }));
    await confirmedUser(t, poolId, "mo", verifiedEmail("mo@example.com"));
    assert.equal((await forgot(t, clientId, "mo")).CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
  });
});
