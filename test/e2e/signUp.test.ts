import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserAttributesCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
  type SignUpCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoUserAttribute, CognitoUserPool, type ISignUpResult } from "amazon-cognito-identity-js";
import { computeSecretHash } from "../../src/clients/secretHash.js";
import { consumeCode, issueCode } from "../../src/messaging/codes.js";
import type { OperationContext } from "../../src/protocol/operation.js";
import { verifyPassword } from "../../src/common/passwords.js";
import { ResourceKind } from "../../src/storage/kinds.js";
import { errorOf, rawCall, useCognate, type TestCognate } from "../helpers/cognate.js";

interface Message {
  username: string;
  deliveryMedium: string;
  destination: string;
  subject: string | null;
  message: string;
  code: string | null;
}

const PASSWORD = "Secret-Pass1";

async function messagesOf(t: TestCognate, userPoolId: string): Promise<Message[]> {
  const res = await fetch(`${t.url}/_cognate/messages?userPoolId=${encodeURIComponent(userPoolId)}`);
  return ((await res.json()) as { messages: Message[] }).messages;
}

async function lastCode(t: TestCognate, userPoolId: string): Promise<string> {
  const messages = await messagesOf(t, userPoolId);
  return messages.at(-1)!.code!;
}

/** A pool that verifies email at sign-up (unless overridden) and one app client of it. */
async function setup(
  t: TestCognate,
  pool: Partial<CreateUserPoolRequest> = { AutoVerifiedAttributes: ["email"] },
  client: Partial<CreateUserPoolClientRequest> = {},
): Promise<{ poolId: string; clientId: string; secret?: string }> {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "signup", ...pool }));
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: "app", ...client }),
  );
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret };
}

const signUp = (t: TestCognate, input: Partial<SignUpCommandInput> & { ClientId: string; Username: string }) =>
  t.client.send(new SignUpCommand({ Password: PASSWORD, ...input }));

const adminGet = (t: TestCognate, UserPoolId: string, Username: string) =>
  t.client.send(new AdminGetUserCommand({ UserPoolId, Username }));

const attrs = (list: { Name?: string; Value?: string }[] | undefined) =>
  Object.fromEntries((list ?? []).map((a) => [a.Name, a.Value]));

describe("SignUp", () => {
  const t = useCognate();

  it("creates an unconfirmed user and sends a code to the auto-verified email", async () => {
    const { poolId, clientId } = await setup(t);
    const out = await signUp(t, {
      ClientId: clientId,
      Username: "alice",
      UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
      ValidationData: [{ Name: "source", Value: "test" }],
      ClientMetadata: { any: "thing" },
    });
    assert.equal(out.UserConfirmed, false);
    assert.match(out.UserSub!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(out.CodeDeliveryDetails, {
      Destination: "a***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    assert.ok(out.Session && out.Session.length > 20);

    const user = await adminGet(t, poolId, "alice");
    assert.equal(user.UserStatus, "UNCONFIRMED");
    assert.equal(user.Enabled, true);
    assert.deepEqual(attrs(user.UserAttributes), { sub: out.UserSub, email: "alice@example.com" });

    const [message] = await messagesOf(t, poolId);
    assert.equal(message!.deliveryMedium, "EMAIL");
    assert.equal(message!.destination, "alice@example.com");
    assert.equal(message!.subject, "Your verification code");
    assert.match(message!.code!, /^[0-9]{6}$/);
    assert.equal(message!.message, `Your verification code is ${message!.code}.`);

    // The password is stored hashed, with what SRP needs.
    const stored = await t.cognate.store.users.get(poolId, "alice");
    assert.ok(await verifyPassword(PASSWORD, stored!.passwordHash!));
    assert.ok(stored!.srp?.salt && stored!.srp.verifier);
    // The code is stored hashed, never in clear.
    const code = await t.cognate.store.resources.get<Record<string, unknown>>(
      ResourceKind.code,
      poolId,
      "signUp:alice",
    );
    assert.ok(code);
    assert.deepEqual(Object.keys(code.data).sort(), ["attempts", "expiresAt", "hash", "salt"]);
    assert.ok(!JSON.stringify(code.data).includes(message!.code!));
    assert.equal(code.data.attempts, 0);
    // Sign-up codes live 24 hours.
    assert.equal((code.data.expiresAt as number) - code.createdAt, 24 * 3600 * 1000);

    // The session is left for the sign-in that follows confirmation.
    const session = await t.cognate.store.resources.get<Record<string, unknown>>(
      ResourceKind.authSession,
      poolId,
      out.Session!,
    );
    assert.equal(session?.data.type, "signUp");
    assert.equal(session?.data.username, "alice");
    assert.equal(session?.data.clientId, clientId);
  });

  it("uses the pool's verification template", async () => {
    const { poolId, clientId } = await setup(t, {
      AutoVerifiedAttributes: ["email"],
      VerificationMessageTemplate: { EmailSubject: "Welcome", EmailMessage: "Code: {####}" },
    });
    await signUp(t, { ClientId: clientId, Username: "tom", UserAttributes: [{ Name: "email", Value: "t@x.io" }] });
    const [message] = await messagesOf(t, poolId);
    assert.equal(message!.subject, "Welcome");
    assert.equal(message!.message, `Code: ${message!.code}`);
  });

  it("sends the code by SMS when the phone is auto-verified, even if email is too", async () => {
    // AWS CDK docs for AutoVerifiedAttrs: "If both email and phone is set, Cognito only verifies the phone number."
    const { poolId, clientId } = await setup(t, { AutoVerifiedAttributes: ["email", "phone_number"] });
    const out = await signUp(t, {
      ClientId: clientId,
      Username: "bob",
      UserAttributes: [
        { Name: "email", Value: "bob@example.com" },
        { Name: "phone_number", Value: "+15555550123" },
      ],
    });
    assert.deepEqual(out.CodeDeliveryDetails, {
      Destination: "+*******0123",
      DeliveryMedium: "SMS",
      AttributeName: "phone_number",
    });
    const messages = await messagesOf(t, poolId);
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.destination, "+15555550123");
    assert.equal(messages[0]!.subject, null);
  });

  it("sends no code when nothing is auto-verified", async () => {
    const { poolId, clientId } = await setup(t, {});
    const out = await signUp(t, {
      ClientId: clientId,
      Username: "carl",
      UserAttributes: [{ Name: "email", Value: "carl@example.com" }],
    });
    assert.equal(out.UserConfirmed, false);
    assert.equal(out.CodeDeliveryDetails, undefined);
    assert.deepEqual(await messagesOf(t, poolId), []);
    assert.equal((await adminGet(t, poolId, "carl")).UserStatus, "UNCONFIRMED");
  });

  it("stores a generated username when the pool signs in with email", async () => {
    const { poolId, clientId } = await setup(t, { UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] });
    const out = await signUp(t, { ClientId: clientId, Username: "dora@example.com" });
    const user = await adminGet(t, poolId, "dora@example.com");
    assert.equal(user.Username, out.UserSub);
    assert.equal(attrs(user.UserAttributes).email, "dora@example.com");
    assert.equal(out.CodeDeliveryDetails?.Destination, "d***@e***");

    const again = await errorOf(() => signUp(t, { ClientId: clientId, Username: "dora@example.com" }));
    assert.equal(again.name, "UsernameExistsException");
    assert.equal(again.message, "An account with the given email already exists.");

    const notEmail = await errorOf(() => signUp(t, { ClientId: clientId, Username: "dora" }));
    assert.equal(notEmail.name, "InvalidParameterException");
    assert.equal(notEmail.message, "Username should be an email.");
  });

  it("refuses an email-shaped username when email is an alias", async () => {
    const { clientId } = await setup(t, { AliasAttributes: ["email"] });
    const err = await errorOf(() => signUp(t, { ClientId: clientId, Username: "eve@example.com" }));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Username cannot be of email format, since user pool is configured for email alias.");
  });

  it("answers UsernameExistsException for a taken username", async () => {
    const { clientId } = await setup(t);
    await signUp(t, { ClientId: clientId, Username: "frank" });
    const err = await errorOf(() => signUp(t, { ClientId: clientId, Username: "frank" }));
    assert.equal(err.name, "UsernameExistsException");
    assert.equal(err.message, "User already exists");
    // Pools created through the API are case-sensitive unless they say otherwise.
    await signUp(t, { ClientId: clientId, Username: "Frank" });
    const insensitive = await setup(t, { UsernameConfiguration: { CaseSensitive: false } });
    await signUp(t, { ClientId: insensitive.clientId, Username: "frank" });
    const clash = await errorOf(() => signUp(t, { ClientId: insensitive.clientId, Username: "FRANK" }));
    assert.equal(clash.name, "UsernameExistsException");
    // Developer Guide, "Managing user existence error responses": "The SignUp operation always returns
    // UsernameExistsException when a username is already taken."
    const hidden = await setup(t, {}, { PreventUserExistenceErrors: "ENABLED" });
    await signUp(t, { ClientId: hidden.clientId, Username: "frank" });
    const hiddenClash = await errorOf(() => signUp(t, { ClientId: hidden.clientId, Username: "frank" }));
    assert.equal(hiddenClash.name, "UsernameExistsException");
    assert.equal(hiddenClash.message, "User already exists");
  });

  it("applies the password policy", async () => {
    const { clientId } = await setup(t);
    const err = await errorOf(() => signUp(t, { ClientId: clientId, Username: "gina", Password: "Short1!" }));
    assert.equal(err.name, "InvalidPasswordException");
    assert.equal(err.message, "Password did not conform with policy: Password not long enough");
    // The default policy names each missing kind of character.
    const cases: [string, string][] = [
      ["password1!", "Password must have uppercase characters"],
      ["PASSWORD1!", "Password must have lowercase characters"],
      ["Password!!", "Password must have numeric characters"],
      ["Password11", "Password must have symbol characters"],
    ];
    for (const [i, [Password, reason]] of cases.entries()) {
      const weak = await errorOf(() => signUp(t, { ClientId: clientId, Username: `weak${i}`, Password }));
      assert.equal(weak.name, "InvalidPasswordException", Password);
      assert.equal(weak.message, `Password did not conform with policy: ${reason}`, Password);
    }
    // Leading or trailing whitespace is refused.
    const spaced = await errorOf(() =>
      signUp(t, { ClientId: clientId, Username: "spacey", Password: ` ${PASSWORD} ` }),
    );
    assert.ok(["InvalidParameterException", "InvalidPasswordException"].includes(spaced.name), spaced.name);
    // A relaxed custom policy accepts what the default one refuses.
    const relaxed = await setup(t, {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 6,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
        },
      },
    });
    const ok = await signUp(t, { ClientId: relaxed.clientId, Username: "relaxed", Password: "abcdef" });
    assert.equal(ok.UserConfirmed, false);
    // Under 6 characters fails validation before any policy (amazon-cognito-identity-js#311).
    const tiny = await errorOf(() => signUp(t, { ClientId: clientId, Username: "gina", Password: "Ab1!" }));
    assert.equal(tiny.name, "InvalidParameterException");
    assert.equal(
      tiny.message,
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
  });

  it("creates a passwordless user only where the pool signs in with one-time codes", async () => {
    // SignUpRequest.Password: "You can only create a passwordless user when passwordless sign-in is available."
    // Without EMAIL_OTP or SMS_OTP among the first factors a password is needed, as it was before
    // Password became optional in the API (Cognito then answered the validation error).
    const plain = await setup(t);
    for (const Password of [undefined, ""]) {
      const err = await errorOf(() => signUp(t, { ClientId: plain.clientId, Username: "nopass", Password }));
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(
        err.message,
        "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
      );
    }
    // With EMAIL_OTP allowed, an omitted or blank Password creates a user with no password at all.
    const otp = await setup(t, {
      AutoVerifiedAttributes: ["email"],
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
    });
    for (const [Username, Password] of [
      ["omitted", undefined],
      ["blank", ""],
    ] as const) {
      const res = await signUp(t, {
        ClientId: otp.clientId,
        Username,
        Password,
        UserAttributes: [{ Name: "email", Value: `${Username}@example.com` }],
      });
      assert.equal(res.UserConfirmed, false);
      assert.equal((await adminGet(t, otp.poolId, Username)).UserStatus, "UNCONFIRMED");
    }
  });

  it("checks attributes against the schema and required attributes", async () => {
    const { clientId } = await setup(t, {
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    const missing = await errorOf(() => signUp(t, { ClientId: clientId, Username: "hank" }));
    assert.equal(missing.name, "InvalidParameterException");
    assert.equal(missing.message, "Attributes did not conform to the schema: email: The attribute is required");
    const badEmail = await errorOf(() =>
      signUp(t, { ClientId: clientId, Username: "hank", UserAttributes: [{ Name: "email", Value: "nope" }] }),
    );
    assert.equal(badEmail.name, "InvalidParameterException");
    assert.equal(badEmail.message, "Invalid email address format.");
    const badPhone = await errorOf(() =>
      signUp(t, {
        ClientId: clientId,
        Username: "hank",
        UserAttributes: [
          { Name: "email", Value: "h@example.com" },
          { Name: "phone_number", Value: "555-1212" },
        ],
      }),
    );
    assert.equal(badPhone.name, "InvalidParameterException");
    assert.equal(badPhone.message, "Invalid phone number format.");
    const spaced = await errorOf(() =>
      signUp(t, {
        ClientId: clientId,
        Username: "hank",
        UserAttributes: [
          { Name: "email", Value: "h@example.com" },
          { Name: "phone_number", Value: "+1 206 555 1212" },
        ],
      }),
    );
    assert.equal(spaced.name, "InvalidParameterException");
    assert.equal(spaced.message, "Invalid phone number format.");
    const unknown = await errorOf(() =>
      signUp(t, {
        ClientId: clientId,
        Username: "hank",
        UserAttributes: [
          { Name: "email", Value: "h@example.com" },
          { Name: "custom:nothere", Value: "x" },
        ],
      }),
    );
    assert.equal(unknown.name, "InvalidParameterException");
    assert.equal(
      unknown.message,
      "Attributes did not conform to the schema: custom:nothere: Attribute does not exist in the schema.",
    );
  });

  it("stores declared custom attributes and checks them against their type and constraints", async () => {
    const { poolId, clientId } = await setup(t, {
      Schema: [
        { Name: "team", AttributeDataType: "String", Mutable: true },
        {
          Name: "code",
          AttributeDataType: "String",
          Mutable: true,
          StringAttributeConstraints: { MinLength: "1", MaxLength: "3" },
        },
        { Name: "age", AttributeDataType: "Number", Mutable: true },
        {
          Name: "level",
          AttributeDataType: "Number",
          Mutable: true,
          NumberAttributeConstraints: { MinValue: "1", MaxValue: "10" },
        },
      ],
    });
    await signUp(t, { ClientId: clientId, Username: "cara", UserAttributes: [{ Name: "custom:team", Value: "blue" }] });
    assert.equal(attrs((await adminGet(t, poolId, "cara")).UserAttributes)["custom:team"], "blue");
    for (const [Name, Value] of [
      ["custom:code", "abcd"],
      ["custom:age", "old"],
      ["custom:level", "11"],
    ]) {
      const err = await errorOf(() =>
        signUp(t, { ClientId: clientId, Username: "carl", UserAttributes: [{ Name, Value }] }),
      );
      assert.equal(err.name, "InvalidParameterException", `${Name}=${Value}`);
    }
  });

  it("checks the username's pattern, and its shape where the pool signs in with phone or email", async () => {
    const { clientId } = await setup(t, {});
    const spaced = await errorOf(() => signUp(t, { ClientId: clientId, Username: "has space" }));
    assert.equal(spaced.name, "InvalidParameterException");
    const phone = await setup(t, { UsernameAttributes: ["phone_number"] });
    const notPhone = await errorOf(() => signUp(t, { ClientId: phone.clientId, Username: "notaphone" }));
    assert.equal(notPhone.name, "InvalidParameterException");
    assert.match(notPhone.message, /^Username should be a phone number/);
    // An email used as username satisfies a required email.
    const email = await setup(t, {
      UsernameAttributes: ["email"],
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    const out = await signUp(t, { ClientId: email.clientId, Username: "req@example.com" });
    assert.equal(out.UserConfirmed, false);
    assert.equal(attrs((await adminGet(t, email.poolId, "req@example.com")).UserAttributes).email, "req@example.com");
  });

  it("lets a client write only its WriteAttributes, and never the verification flags", async () => {
    const { clientId } = await setup(t, { AutoVerifiedAttributes: ["email"] }, { WriteAttributes: ["email"] });
    const err = await errorOf(() =>
      signUp(t, {
        ClientId: clientId,
        Username: "ian",
        UserAttributes: [
          { Name: "email", Value: "ian@example.com" },
          { Name: "name", Value: "Ian" },
        ],
      }),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "A client attempted to write unauthorized attribute");

    const open = await setup(t);
    const verified = await errorOf(() =>
      signUp(t, {
        ClientId: open.clientId,
        Username: "ian",
        UserAttributes: [
          { Name: "email", Value: "ian@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    assert.equal(verified.name, "NotAuthorizedException");
    assert.equal(verified.message, "A client attempted to write unauthorized attribute");
  });

  it("is refused when only administrators may create users", async () => {
    const { clientId } = await setup(t, { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    const err = await errorOf(() => signUp(t, { ClientId: clientId, Username: "jay" }));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "SignUp is not permitted for this user pool");
  });

  it("needs the SECRET_HASH of a client with a secret", async () => {
    const { poolId, clientId, secret } = await setup(
      t,
      { AutoVerifiedAttributes: ["email"] },
      { GenerateSecret: true },
    );
    const missing = await errorOf(() => signUp(t, { ClientId: clientId, Username: "kay" }));
    assert.equal(missing.name, "NotAuthorizedException");
    assert.equal(missing.message, `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
    const wrong = await errorOf(() =>
      signUp(t, { ClientId: clientId, Username: "kay", SecretHash: computeSecretHash("kay", clientId, "nope") }),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(wrong.message, `Unable to verify secret hash for client ${clientId}`);
    await signUp(t, { ClientId: clientId, Username: "kay", SecretHash: computeSecretHash("kay", clientId, secret!) });
    assert.equal((await adminGet(t, poolId, "kay")).UserStatus, "UNCONFIRMED");
  });

  it("answers ResourceNotFoundException for an unknown client", async () => {
    const err = await errorOf(() => signUp(t, { ClientId: "nosuchclient0000000000000", Username: "lou" }));
    assert.equal(err.name, "ResourceNotFoundException");
    assert.equal(err.message, "User pool client nosuchclient0000000000000 does not exist.");
  });
});

describe("ConfirmSignUp", () => {
  const t = useCognate();

  it("confirms with the code, verifies the address and answers a session", async () => {
    const { poolId, clientId } = await setup(t);
    await signUp(t, {
      ClientId: clientId,
      Username: "mia",
      UserAttributes: [{ Name: "email", Value: "mia@example.com" }],
    });
    const code = await lastCode(t, poolId);
    const out = await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "mia", ConfirmationCode: code }),
    );
    assert.ok(out.Session && out.Session.length > 20);
    const user = await adminGet(t, poolId, "mia");
    assert.equal(user.UserStatus, "CONFIRMED");
    assert.equal(attrs(user.UserAttributes).email_verified, "true");
    const session = await t.cognate.store.resources.get<Record<string, unknown>>(
      ResourceKind.authSession,
      poolId,
      out.Session!,
    );
    assert.equal(session?.data.type, "signUp");
    assert.equal(session?.data.username, "mia");
    // The code was used up.
    assert.equal(await t.cognate.store.resources.get(ResourceKind.code, poolId, "signUp:mia"), undefined);

    const again = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "mia", ConfirmationCode: code })),
    );
    assert.equal(again.name, "NotAuthorizedException");
    assert.equal(again.message, "User cannot be confirmed. Current status is CONFIRMED");
  });

  it("verifies the phone the code went to", async () => {
    const { poolId, clientId } = await setup(t, { AutoVerifiedAttributes: ["phone_number"] });
    await signUp(t, {
      ClientId: clientId,
      Username: "ned",
      UserAttributes: [
        { Name: "phone_number", Value: "+15555550150" },
        { Name: "email", Value: "ned@example.com" },
      ],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "ned", ConfirmationCode: await lastCode(t, poolId) }),
    );
    const user = attrs((await adminGet(t, poolId, "ned")).UserAttributes);
    assert.equal(user.phone_number_verified, "true");
    assert.equal(user.email_verified, undefined);
  });

  it("confirms by email in an email-as-username pool", async () => {
    const { poolId, clientId } = await setup(t, { UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] });
    await signUp(t, { ClientId: clientId, Username: "olga@example.com" });
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "olga@example.com",
        ConfirmationCode: await lastCode(t, poolId),
      }),
    );
    assert.equal((await adminGet(t, poolId, "olga@example.com")).UserStatus, "CONFIRMED");
  });

  it("counts wrong codes and stops accepting any after five", async () => {
    const { poolId, clientId } = await setup(t);
    await signUp(t, {
      ClientId: clientId,
      Username: "pam",
      UserAttributes: [{ Name: "email", Value: "pam@example.com" }],
    });
    const code = await lastCode(t, poolId);
    const wrong = code === "000000" ? "111111" : "000000";
    const confirm = (ConfirmationCode: string) =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "pam", ConfirmationCode }));
    for (let i = 0; i < 5; i++) {
      const err = await errorOf(() => confirm(wrong));
      assert.equal(err.name, "CodeMismatchException");
      assert.equal(err.message, "Invalid verification code provided, please try again.");
    }
    const stored = await t.cognate.store.resources.get<{ attempts: number }>(ResourceKind.code, poolId, "signUp:pam");
    assert.equal(stored?.data.attempts, 5);
    const limited = await errorOf(() => confirm(code));
    assert.equal(limited.name, "LimitExceededException");
    assert.equal(limited.message, "Attempt limit exceeded, please try after some time.");
    assert.equal((await adminGet(t, poolId, "pam")).UserStatus, "UNCONFIRMED");

    // A new code starts afresh.
    await t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "pam" }));
    await confirm(await lastCode(t, poolId));
    assert.equal((await adminGet(t, poolId, "pam")).UserStatus, "CONFIRMED");
  });

  it("refuses an expired code", async () => {
    const { poolId, clientId } = await setup(t);
    await signUp(t, {
      ClientId: clientId,
      Username: "quin",
      UserAttributes: [{ Name: "email", Value: "q@example.com" }],
    });
    const code = await lastCode(t, poolId);
    const stored = (await t.cognate.store.resources.get<{ expiresAt: number }>(
      ResourceKind.code,
      poolId,
      "signUp:quin",
    ))!;
    await t.cognate.store.resources.put({ ...stored, data: { ...stored.data, expiresAt: Date.now() - 1 } });
    const err = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "quin", ConfirmationCode: code })),
    );
    assert.equal(err.name, "ExpiredCodeException");
    assert.equal(err.message, "Invalid code provided, please request a code again.");
  });

  it("answers ExpiredCodeException when no code was sent", async () => {
    const { clientId } = await setup(t, {});
    await signUp(t, { ClientId: clientId, Username: "rita" });
    const err = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "rita", ConfirmationCode: "123456" })),
    );
    assert.equal(err.name, "ExpiredCodeException");
  });

  it("makes the verified email an alias, taking it over only with ForceAliasCreation", async () => {
    const { poolId, clientId } = await setup(
      t,
      { AliasAttributes: ["email"], AutoVerifiedAttributes: ["email"] },
      { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    );
    await signUp(t, {
      ClientId: clientId,
      Username: "sam",
      UserAttributes: [{ Name: "email", Value: "s@example.com" }],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "sam", ConfirmationCode: await lastCode(t, poolId) }),
    );
    await signUp(t, {
      ClientId: clientId,
      Username: "sue",
      UserAttributes: [{ Name: "email", Value: "s@example.com" }],
    });
    const code = await lastCode(t, poolId);
    const taken = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "sue", ConfirmationCode: code })),
    );
    assert.equal(taken.name, "AliasExistsException");
    assert.equal(taken.message, "An account with the email already exists.");
    assert.equal((await adminGet(t, poolId, "sue")).UserStatus, "UNCONFIRMED");
    // The code survives the refusal, so the user can insist.
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "sue",
        ConfirmationCode: code,
        ForceAliasCreation: true,
      }),
    );
    assert.equal(attrs((await adminGet(t, poolId, "sue")).UserAttributes).email_verified, "true");
    assert.equal(attrs((await adminGet(t, poolId, "sam")).UserAttributes).email_verified, "false");
    // ConfirmSignUpRequest.ForceAliasCreation: "the new user can sign in with a username of bob@example.com and
    // the existing user can no longer do so."
    const signIn = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "s@example.com", PASSWORD },
      }),
    );
    const me = await t.client.send(new GetUserCommand({ AccessToken: signIn.AuthenticationResult!.AccessToken! }));
    assert.equal(me.Username, "sue");
  });

  it("answers UserNotFoundException for an unknown user, or a code error when existence is hidden", async () => {
    const { clientId } = await setup(t);
    const err = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "ghost", ConfirmationCode: "123456" })),
    );
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(err.message, "Username/client id combination not found.");

    const hidden = await setup(t, { AutoVerifiedAttributes: ["email"] }, { PreventUserExistenceErrors: "ENABLED" });
    const masked = await errorOf(() =>
      t.client.send(
        new ConfirmSignUpCommand({ ClientId: hidden.clientId, Username: "ghost", ConfirmationCode: "123456" }),
      ),
    );
    assert.equal(masked.name, "CodeMismatchException");
    assert.equal(masked.message, "Invalid verification code provided, please try again.");
  });

  it("needs the SECRET_HASH of a client with a secret", async () => {
    const { clientId } = await setup(t, { AutoVerifiedAttributes: ["email"] }, { GenerateSecret: true });
    const err = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "tia", ConfirmationCode: "123456" })),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
  });
});

describe("ResendConfirmationCode", () => {
  const t = useCognate();

  it("sends a new code that replaces the old one", async () => {
    const { poolId, clientId } = await setup(t);
    await signUp(t, {
      ClientId: clientId,
      Username: "uma",
      UserAttributes: [{ Name: "email", Value: "uma@example.com" }],
    });
    const first = await lastCode(t, poolId);
    const out = await t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "uma" }));
    assert.deepEqual(out.CodeDeliveryDetails, {
      Destination: "u***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    const messages = await messagesOf(t, poolId);
    assert.equal(messages.length, 2);
    const second = messages[1]!.code!;
    if (first !== second) {
      const old = await errorOf(() =>
        t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "uma", ConfirmationCode: first })),
      );
      assert.equal(old.name, "CodeMismatchException");
    }
    await t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "uma", ConfirmationCode: second }));
    assert.equal((await adminGet(t, poolId, "uma")).UserStatus, "CONFIRMED");
  });

  it("refuses confirmed users and pools that verify nothing", async () => {
    const { poolId, clientId } = await setup(t);
    await signUp(t, {
      ClientId: clientId,
      Username: "vic",
      UserAttributes: [{ Name: "email", Value: "v@example.com" }],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "vic", ConfirmationCode: await lastCode(t, poolId) }),
    );
    const confirmed = await errorOf(() =>
      t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "vic" })),
    );
    assert.equal(confirmed.name, "InvalidParameterException");
    assert.equal(confirmed.message, "User is already confirmed.");

    const plain = await setup(t, {});
    await signUp(t, { ClientId: plain.clientId, Username: "wes" });
    const off = await errorOf(() =>
      t.client.send(new ResendConfirmationCodeCommand({ ClientId: plain.clientId, Username: "wes" })),
    );
    assert.equal(off.name, "InvalidParameterException");
    assert.equal(off.message, "Cannot resend codes. Auto verification not turned on.");
  });

  it("answers UserNotFoundException, or a pretend delivery when existence is hidden", async () => {
    const { clientId } = await setup(t);
    const err = await errorOf(() =>
      t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "ghost" })),
    );
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(err.message, "Username/client id combination not found.");

    const hidden = await setup(t, { AutoVerifiedAttributes: ["email"] }, { PreventUserExistenceErrors: "ENABLED" });
    const pretend = await t.client.send(
      new ResendConfirmationCodeCommand({ ClientId: hidden.clientId, Username: "ghost" }),
    );
    assert.equal(pretend.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    assert.equal(pretend.CodeDeliveryDetails?.AttributeName, "email");
    assert.match(pretend.CodeDeliveryDetails!.Destination!, /^.\*\*\*@.\*\*\*$/);
    // Asking again gives the same answer, so repetition does not expose the pretence.
    const twice = await t.client.send(
      new ResendConfirmationCodeCommand({ ClientId: hidden.clientId, Username: "ghost" }),
    );
    assert.deepEqual(twice.CodeDeliveryDetails, pretend.CodeDeliveryDetails);
    const byEmail = await t.client.send(
      new ResendConfirmationCodeCommand({ ClientId: hidden.clientId, Username: "ghost@example.com" }),
    );
    assert.equal(byEmail.CodeDeliveryDetails?.Destination, "g***@e***");
  });

  it("answers a pretend delivery for a disabled user when existence is hidden", async () => {
    const { poolId, clientId } = await setup(
      t,
      { AutoVerifiedAttributes: ["email"] },
      { PreventUserExistenceErrors: "ENABLED" },
    );
    await signUp(t, {
      ClientId: clientId,
      Username: "xan",
      UserAttributes: [{ Name: "email", Value: "xan@example.com" }],
    });
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "xan" }));
    const out = await t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "xan" }));
    assert.equal(out.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    assert.equal((await messagesOf(t, poolId)).length, 1);
  });

  it("sends to the current address after an admin change", async () => {
    const { poolId, clientId } = await setup(t);
    await signUp(t, {
      ClientId: clientId,
      Username: "yan",
      UserAttributes: [{ Name: "email", Value: "old@example.com" }],
    });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "yan",
        UserAttributes: [{ Name: "email", Value: "new@example.org" }],
      }),
    );
    const out = await t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "yan" }));
    assert.equal(out.CodeDeliveryDetails?.Destination, "n***@e***");
    assert.equal((await messagesOf(t, poolId)).at(-1)!.destination, "new@example.org");
  });
});

describe("sign-up with amazon-cognito-identity-js", () => {
  const t = useCognate();

  it("signs up, resends, confirms and resets the password through the library", async () => {
    const { poolId, clientId } = await setup(t);
    const userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url });
    const result = await new Promise<ISignUpResult>((resolve, reject) =>
      userPool.signUp(
        "zed",
        PASSWORD,
        [new CognitoUserAttribute({ Name: "email", Value: "zed@example.com" })],
        null as unknown as CognitoUserAttribute[],
        (err, data) => (err ? reject(err) : resolve(data!)),
      ),
    );
    assert.equal(result.userConfirmed, false);
    assert.match(result.userSub, /^[0-9a-f-]{36}$/);
    assert.deepEqual(result.codeDeliveryDetails, {
      Destination: "z***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    const user = result.user;
    await new Promise((resolve, reject) =>
      user.resendConfirmationCode((err, data) => (err ? reject(err) : resolve(data))),
    );
    const wrong = await new Promise<Error & { code?: string }>((resolve) =>
      user.confirmRegistration("99999a", false, (err) => resolve(err as Error)),
    );
    assert.equal(wrong.name, "CodeMismatchException");
    const confirmed = await new Promise((resolve, reject) =>
      user.confirmRegistration("", false, (err, data) => (err ? reject(err) : resolve(data))),
    ).catch((err: Error) => err);
    // The model refuses an empty code before any handler runs.
    assert.equal((confirmed as Error).name, "InvalidParameterException");
    const code = await lastCode(t, poolId);
    assert.equal(
      await new Promise((resolve, reject) =>
        user.confirmRegistration(code, false, (err, data) => (err ? reject(err) : resolve(data))),
      ),
      "SUCCESS",
    );
    assert.equal((await adminGet(t, poolId, "zed")).UserStatus, "CONFIRMED");

    const delivery = await new Promise<{ CodeDeliveryDetails: unknown }>((resolve, reject) =>
      user.forgotPassword({ onSuccess: resolve, onFailure: reject }),
    );
    assert.deepEqual(delivery.CodeDeliveryDetails, {
      Destination: "z***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    const resetCode = await lastCode(t, poolId);
    const outcome = await new Promise((resolve, reject) =>
      user.confirmPassword(resetCode, "Brand-New1", { onSuccess: resolve, onFailure: reject }),
    );
    assert.equal(outcome, "SUCCESS");
    assert.ok(await verifyPassword("Brand-New1", (await t.cognate.store.users.get(poolId, "zed"))!.passwordHash!));
  });
});

describe("codes shared with attribute verification (issueCode / consumeCode)", () => {
  const t = useCognate();

  it("keeps counting failures that consumeCode throws, and works once", async () => {
    const { poolId, clientId } = await setup(t);
    await signUp(t, {
      ClientId: clientId,
      Username: "vera",
      UserAttributes: [{ Name: "email", Value: "v@example.com" }],
    });
    const pool = (await t.cognate.store.pools.get(poolId))!;
    const user = (await t.cognate.store.users.get(poolId, "vera"))!;
    const ctx = {
      store: t.cognate.store,
      config: t.cognate.config,
      now: Date.now(),
      log: { info() {}, warn() {}, error() {}, debug() {} },
    } as unknown as OperationContext;
    const delivery = await issueCode(ctx, pool, user, "verify:email", {
      medium: "EMAIL",
      destination: "v@example.com",
    });
    assert.deepEqual(delivery, { Destination: "v***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
    const code = await lastCode(t, poolId);
    const wrong = code === "000000" ? "111111" : "000000";
    const failed = await errorOf(() => consumeCode(ctx, pool, user, "verify:email", wrong));
    assert.equal(failed.name, "CodeMismatchException");
    const stored = await t.cognate.store.resources.get<{ attempts: number }>(
      ResourceKind.code,
      poolId,
      "verify:email:vera",
    );
    assert.equal(stored?.data.attempts, 1);
    // Each purpose has its own code: the sign-up code is untouched.
    assert.ok(await t.cognate.store.resources.get(ResourceKind.code, poolId, "signUp:vera"));
    await consumeCode(ctx, pool, user, "verify:email", code);
    const reused = await errorOf(() => consumeCode(ctx, pool, user, "verify:email", code));
    assert.equal(reused.name, "ExpiredCodeException");
  });
});
describe("journeys that start with SignUp", () => {
  const t = useCognate();
  /** A pool that verifies email (unless overridden) and a client that signs in with USER_PASSWORD_AUTH. */
  const journeySetup = (pool: Partial<CreateUserPoolRequest> = {}, client: Partial<CreateUserPoolClientRequest> = {}) =>
    setup(
      t,
      { AutoVerifiedAttributes: ["email"], ...pool },
      { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], ...client },
    );
  const signIn = async (clientId: string, username: string, password = PASSWORD) => {
    const res = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    assert.ok(res.AuthenticationResult?.AccessToken);
    return res.AuthenticationResult.AccessToken;
  };
  /** Signs a user up with an email and confirms them with the code from the outbox. */
  const confirmedUser = async (poolId: string, clientId: string, username: string, email?: string) => {
    await signUp(t, {
      ClientId: clientId,
      Username: username,
      UserAttributes: [{ Name: "email", Value: email ?? `${username}@example.com` }],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: await lastCode(t, poolId) }),
    );
  };
  const attr = (list: { Name?: string; Value?: string }[] | undefined, name: string) => attrs(list)[name];
  const passwordlessPool = {
    EmailConfiguration: {
      EmailSendingAccount: "DEVELOPER" as const,
      SourceArn: "arn:aws:ses:us-east-1:000000000000:identity/example.com",
      From: "no-reply@example.com",
    },
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD" as const, "EMAIL_OTP" as const] } },
  };
  const userAuthClient = { ExplicitAuthFlows: ["ALLOW_USER_AUTH" as const, "ALLOW_REFRESH_TOKEN_AUTH" as const] };
  const devPool = {
    Schema: [{ Name: "secret", AttributeDataType: "String" as const, DeveloperOnlyAttribute: true, Mutable: true }],
  };

  it("a changed phone number is unverified and a code goes to it by SMS", async () => {
    const { poolId, clientId } = await journeySetup({ AutoVerifiedAttributes: ["phone_number"] });
    await signUp(t, {
      ClientId: clientId,
      Username: "ph",
      UserAttributes: [{ Name: "phone_number", Value: "+12065550001" }],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "ph", ConfirmationCode: await lastCode(t, poolId) }),
    );
    const token = await signIn(clientId, "ph");
    const res = await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: "phone_number", Value: "+12065554321" }],
      }),
    );
    assert.deepEqual(res.CodeDeliveryDetailsList, [
      { AttributeName: "phone_number", DeliveryMedium: "SMS", Destination: "+*******4321" },
    ]);
    const user = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.equal(attr(user.UserAttributes, "phone_number"), "+12065554321");
    assert.equal(attr(user.UserAttributes, "phone_number_verified"), "false");
  });

  it("in a case-insensitive email-as-username pool, a case variant of a taken email is refused", async () => {
    const { clientId } = await journeySetup({
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
    });
    await signUp(t, { ClientId: clientId, Username: "dana@example.com" });
    const err = await errorOf(() => signUp(t, { ClientId: clientId, Username: "Dana@Example.com" }));
    assert.equal(err.name, "UsernameExistsException");
  });

  it("in an email-as-username pool, the self-service operations accept the sub or the email as Username", async () => {
    // "If username isn't an alias attribute in your user pool, this value must be the sub of a local user or the
    // username of a user from a third-party IdP." (ConfirmSignUpRequest / ResendConfirmationCodeRequest /
    // ForgotPasswordRequest Username)
    const { poolId, clientId } = await journeySetup({ UsernameAttributes: ["email"] });
    const { UserSub } = await signUp(t, { ClientId: clientId, Username: "bysub@example.com" });
    const resent = await t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: UserSub }));
    assert.equal(resent.CodeDeliveryDetails?.Destination, "b***@e***");
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: UserSub, ConfirmationCode: await lastCode(t, poolId) }),
    );
    assert.equal((await adminGet(t, poolId, UserSub!)).UserStatus, "CONFIRMED");
    const forgot = await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: UserSub }));
    assert.equal(forgot.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    await t.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: "bysub@example.com",
        ConfirmationCode: await lastCode(t, poolId),
        Password: "N3w-Passw0rd!",
      }),
    );
    assert.ok(await signIn(clientId, "bysub@example.com", "N3w-Passw0rd!"));
  });

  it("ConfirmSignUp, ResendConfirmationCode and ConfirmForgotPassword require the SECRET_HASH of a client with a secret", async () => {
    const { poolId, clientId, secret } = await journeySetup({}, { GenerateSecret: true });
    const hash = computeSecretHash("sh", clientId, secret!);
    await signUp(t, {
      ClientId: clientId,
      Username: "sh",
      SecretHash: hash,
      UserAttributes: [{ Name: "email", Value: "sh@example.com" }],
    });
    const code = await lastCode(t, poolId);
    const resend = await errorOf(() =>
      t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "sh" })),
    );
    assert.equal(resend.name, "NotAuthorizedException");
    const confirm = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "sh", ConfirmationCode: code })),
    );
    assert.equal(confirm.name, "NotAuthorizedException");
    assert.equal((await adminGet(t, poolId, "sh")).UserStatus, "UNCONFIRMED");
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "sh", ConfirmationCode: code, SecretHash: hash }),
    );
    await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "sh", SecretHash: hash }));
    const reset = await errorOf(() =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: "sh",
          ConfirmationCode: code,
          Password: "N3w-Passw0rd!",
        }),
      ),
    );
    assert.equal(reset.name, "NotAuthorizedException");
  });

  it("while a new email awaits verification, the user signs in with the original one", async () => {
    // UpdateUserAttributesRequest.UserAttributes: "Your user can sign in and receive messages with the original
    // attribute value until they verify the new value."
    const { poolId, clientId } = await journeySetup({
      UsernameAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
    await signUp(t, { ClientId: clientId, Username: "orig@example.com" });
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "orig@example.com",
        ConfirmationCode: await lastCode(t, poolId),
      }),
    );
    const token = await signIn(clientId, "orig@example.com");
    await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: "email", Value: "next@example.com" }],
      }),
    );
    assert.ok(await signIn(clientId, "orig@example.com"));
    const early = await errorOf(() => signIn(clientId, "next@example.com"));
    assert.ok(["NotAuthorizedException", "UserNotFoundException"].includes(early.name), early.name);
    await t.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(t, poolId) }),
    );
    assert.ok(await signIn(clientId, "next@example.com"));
    const sent = (await messagesOf(t, poolId)).at(-1)!;
    assert.equal(sent.destination, "next@example.com");
  });

  it("SignUp's wire response carries exactly UserConfirmed, UserSub, CodeDeliveryDetails and Session", async () => {
    const { clientId } = await journeySetup();
    const res = await rawCall(
      t.url,
      "SignUp",
      JSON.stringify({
        ClientId: clientId,
        Username: "wire",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: "wire@example.com" }],
      }),
    );
    assert.equal(res.status, 200);
    const keys = Object.keys(res.body).sort();
    for (const k of keys) assert.ok(["CodeDeliveryDetails", "Session", "UserConfirmed", "UserSub"].includes(k), k);
    assert.equal(res.body.UserConfirmed, false);
    assert.deepEqual(res.body.CodeDeliveryDetails, {
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "w***@e***",
    });
  });

  it("DeleteUserAttributes removes a custom attribute named with its custom: prefix", async () => {
    const { poolId, clientId } = await journeySetup({
      Schema: [{ Name: "dept", AttributeDataType: "String", Mutable: true }],
    });
    await confirmedUser(poolId, clientId, "dept");
    const token = await signIn(clientId, "dept");
    await t.client.send(
      new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: "custom:dept", Value: "R&D" }] }),
    );
    assert.equal(
      attr((await t.client.send(new GetUserCommand({ AccessToken: token }))).UserAttributes, "custom:dept"),
      "R&D",
    );
    await t.client.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ["custom:dept"] }));
    assert.equal(
      attr((await t.client.send(new GetUserCommand({ AccessToken: token }))).UserAttributes, "custom:dept"),
      undefined,
    );
  });

  it("verifies a phone number by SMS code with the pool's SmsMessage template", async () => {
    const { poolId, clientId } = await journeySetup({
      AutoVerifiedAttributes: ["email"],
      VerificationMessageTemplate: { SmsMessage: "Code: {####}" },
    });
    await confirmedUser(poolId, clientId, "sms");
    const token = await signIn(clientId, "sms");
    await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: "phone_number", Value: "+12065552468" }],
      }),
    );
    const res = await t.client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: "phone_number" }),
    );
    assert.deepEqual(res.CodeDeliveryDetails, {
      AttributeName: "phone_number",
      DeliveryMedium: "SMS",
      Destination: "+*******2468",
    });
    const sent = (await messagesOf(t, poolId)).at(-1)!;
    assert.equal(sent.deliveryMedium, "SMS");
    assert.equal(sent.destination, "+12065552468");
    assert.equal(sent.message, `Code: ${sent.code}`);
    await t.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "phone_number", Code: sent.code! }),
    );
    const user = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.equal(attr(user.UserAttributes, "phone_number_verified"), "true");
  });

  it("GetUser returns custom attributes by default", async () => {
    const { poolId, clientId } = await journeySetup({
      Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
    });
    await signUp(t, {
      ClientId: clientId,
      Username: "tiered",
      UserAttributes: [
        { Name: "email", Value: "tiered@example.com" },
        { Name: "custom:tier", Value: "gold" },
      ],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "tiered", ConfirmationCode: await lastCode(t, poolId) }),
    );
    const token = await signIn(clientId, "tiered");
    const user = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.equal(attr(user.UserAttributes, "custom:tier"), "gold");
  });

  it("ConfirmSignUp refuses an administrator-created user: 'Current status is FORCE_CHANGE_PASSWORD'", async () => {
    const { poolId, clientId } = await journeySetup();
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "invitee", MessageAction: "SUPPRESS" }),
    );
    const err = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "invitee", ConfirmationCode: "123456" })),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD");
  });

  it("in a phone-alias pool, refuses a phone-shaped username", async () => {
    const { clientId } = await journeySetup({ AliasAttributes: ["phone_number"], AutoVerifiedAttributes: [] });
    const err = await errorOf(() => signUp(t, { ClientId: clientId, Username: "+12065550123" }));
    assert.equal(err.name, "InvalidParameterException");
    assert.match(err.message, /^Username cannot be of phone number format/);
  });

  it("with EMAIL_OTP allowed, a user signs up without a password and gets EMAIL_OTP as their factor", async () => {
    const { poolId, clientId } = await journeySetup(passwordlessPool, userAuthClient);
    const up = await t.client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "otp",
        UserAttributes: [{ Name: "email", Value: "otp@example.com" }],
      }),
    );
    assert.equal(up.UserConfirmed, false);
    const confirmed = await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "otp",
        ConfirmationCode: await lastCode(t, poolId),
        Session: up.Session,
      }),
    );
    const auth = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "otp" },
        Session: confirmed.Session,
      }),
    );
    const token = auth.AuthenticationResult!.AccessToken!;
    const factors = await t.client.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
    assert.equal(factors.Username, "otp");
    assert.deepEqual(factors.ConfiguredUserAuthFactors, ["EMAIL_OTP"]);
    // ChangePasswordRequest.PreviousPassword: "If the user has no password and only signs in with passwordless
    // authentication options, you can omit this parameter."
    await t.client.send(new ChangePasswordCommand({ AccessToken: token, ProposedPassword: "Fresh-Passw0rd!" }));
    const after = await t.client.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
    assert.deepEqual([...(after.ConfiguredUserAuthFactors ?? [])].sort(), ["EMAIL_OTP", "PASSWORD"]);
  });

  it("SignUp can't set a developer-only attribute", async () => {
    const { clientId } = await journeySetup(devPool);
    const err = await errorOf(() =>
      t.client.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: "devsign",
          Password: PASSWORD,
          UserAttributes: [
            { Name: "email", Value: "devsign@example.com" },
            { Name: "dev:custom:secret", Value: "x" },
          ],
        }),
      ),
    );
    assert.equal(err.name, "NotAuthorizedException");
  });

  it("with PreventUserExistenceErrors, the simulated delivery follows the input username's format", async () => {
    // "The simulated delivery medium is determined by the input username format and verification settings of the
    // user pool." (Developer Guide, Managing user existence error responses, ForgotPassword)
    const email = await journeySetup({ UsernameAttributes: ["email"] }, { PreventUserExistenceErrors: "ENABLED" });
    const byEmail = await t.client.send(
      new ForgotPasswordCommand({ ClientId: email.clientId, Username: "ghost@example.com" }),
    );
    assert.deepEqual(byEmail.CodeDeliveryDetails, {
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "g***@e***",
    });
    const phone = await journeySetup(
      { UsernameAttributes: ["phone_number"], AutoVerifiedAttributes: ["phone_number"] },
      { PreventUserExistenceErrors: "ENABLED" },
    );
    const byPhone = await t.client.send(
      new ForgotPasswordCommand({ ClientId: phone.clientId, Username: "+12065550199" }),
    );
    assert.deepEqual(byPhone.CodeDeliveryDetails, {
      AttributeName: "phone_number",
      DeliveryMedium: "SMS",
      Destination: "+*******0199",
    });
  });

  describe("changing a sign-in email (Developer Guide, 'Verifying when users change their email or phone number')", () => {
    const signInFails = async (clientId: string, username: string) => {
      const err = await errorOf(() => signIn(clientId, username));
      assert.ok(["NotAuthorizedException", "UserNotFoundException"].includes(err.name), `${username}: ${err.name}`);
    };

    const aliasUser = async (requireVerification: boolean, username: string, email: string) => {
      const { poolId, clientId } = await journeySetup({
        AliasAttributes: ["email"],
        ...(requireVerification
          ? { UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email" as const] } }
          : {}),
      });
      await signUp(t, { ClientId: clientId, Username: username, UserAttributes: [{ Name: "email", Value: email }] });
      await t.client.send(
        new ConfirmSignUpCommand({
          ClientId: clientId,
          Username: username,
          ConfirmationCode: await lastCode(t, poolId),
        }),
      );
      return { poolId, clientId, token: await signIn(clientId, email) };
    };

    it("Example 1 (alias, verification required): only the original email signs in until the new one is verified", async () => {
      const { poolId, clientId, token } = await aliasUser(true, "user1", "user1@example.com");
      await t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: "email", Value: "user1+foo@example.com" }],
        }),
      );
      assert.ok(await signIn(clientId, "user1@example.com"));
      await signInFails(clientId, "user1+foo@example.com");
      await t.client.send(
        new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(t, poolId) }),
      );
      assert.ok(await signIn(clientId, "user1+foo@example.com"));
      await signInFails(clientId, "user1@example.com");
    });

    it("Example 2 (alias, no verification required): neither email signs in until the new one is verified", async () => {
      const { poolId, clientId, token } = await aliasUser(false, "user2", "user2@example.com");
      await t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: "email", Value: "user2+bar@example.com" }],
        }),
      );
      await signInFails(clientId, "user2@example.com");
      await signInFails(clientId, "user2+bar@example.com");
      await t.client.send(
        new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(t, poolId) }),
      );
      assert.ok(await signIn(clientId, "user2+bar@example.com"));
      await signInFails(clientId, "user2@example.com");
    });

    it("Example 3 (email as username, no verification required): the new email signs in at once", async () => {
      const { poolId, clientId } = await journeySetup({ UsernameAttributes: ["email"] });
      await signUp(t, { ClientId: clientId, Username: "user3@example.com" });
      await t.client.send(
        new ConfirmSignUpCommand({
          ClientId: clientId,
          Username: "user3@example.com",
          ConfirmationCode: await lastCode(t, poolId),
        }),
      );
      const token = await signIn(clientId, "user3@example.com");
      await t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: "email", Value: "user3+baz@example.com" }],
        }),
      );
      assert.ok(await signIn(clientId, "user3+baz@example.com"));
    });

    it("email as username, verification required: after verifying, the original email no longer signs in", async () => {
      const { poolId, clientId } = await journeySetup({
        UsernameAttributes: ["email"],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      });
      await signUp(t, { ClientId: clientId, Username: "user4@example.com" });
      await t.client.send(
        new ConfirmSignUpCommand({
          ClientId: clientId,
          Username: "user4@example.com",
          ConfirmationCode: await lastCode(t, poolId),
        }),
      );
      const token = await signIn(clientId, "user4@example.com");
      await t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: "email", Value: "user4+qux@example.com" }],
        }),
      );
      await t.client.send(
        new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(t, poolId) }),
      );
      assert.ok(await signIn(clientId, "user4+qux@example.com"));
      await signInFails(clientId, "user4@example.com");
    });
  });

  describe("confirming both email and phone (Developer Guide, 'Signing up and confirming user accounts')", () => {
    it("sign-up verifies the phone; the email is verified later with GetUserAttributeVerificationCode", async () => {
      const { poolId, clientId } = await journeySetup({ AutoVerifiedAttributes: ["email", "phone_number"] });
      await signUp(t, {
        ClientId: clientId,
        Username: "twoways",
        UserAttributes: [
          { Name: "email", Value: "twoways@example.com" },
          { Name: "phone_number", Value: "+12065553434" },
        ],
      });
      const sent = (await messagesOf(t, poolId)).at(-1)!;
      assert.equal(sent.deliveryMedium, "SMS");
      await t.client.send(
        new ConfirmSignUpCommand({ ClientId: clientId, Username: "twoways", ConfirmationCode: sent.code! }),
      );
      const token = await signIn(clientId, "twoways");
      const before = await t.client.send(new GetUserCommand({ AccessToken: token }));
      assert.equal(attr(before.UserAttributes, "phone_number_verified"), "true");
      assert.notEqual(attr(before.UserAttributes, "email_verified"), "true");
      const res = await t.client.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: "email" }),
      );
      assert.equal(res.CodeDeliveryDetails?.Destination, "t***@e***");
      await t.client.send(
        new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(t, poolId) }),
      );
      const after = await t.client.send(new GetUserCommand({ AccessToken: token }));
      assert.equal(attr(after.UserAttributes, "email_verified"), "true");
    });
  });
});
