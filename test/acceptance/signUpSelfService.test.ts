import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolClientCommand,
  type CreateUserPoolCommandInput,
  CreateUserPoolCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SetUserSettingsCommand,
  SignUpCommand,
  type SignUpCommandInput,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, rawCall, useCognate, type TestCognate } from "../helpers/cognate.js";

interface Message {
  username: string;
  deliveryMedium: string;
  destination: string;
  subject: string | null;
  message: string;
  code: string | null;
}

const PASSWORD = "Passw0rd!";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const attr = (attrs: AttributeType[] | undefined, name: string) => attrs?.find((a) => a.Name === name)?.Value;
const secretHash = (username: string, clientId: string, secret: string) =>
  createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");

function helpers(t: TestCognate) {
  const messages = async (userPoolId: string): Promise<Message[]> => {
    const res = await fetch(`${t.url}/_cognate/messages?userPoolId=${encodeURIComponent(userPoolId)}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { messages: Message[] }).messages;
  };
  const lastCode = async (userPoolId: string): Promise<string> => {
    const all = await messages(userPoolId);
    const code = all.at(-1)?.code;
    assert.ok(code, "a message with a code was delivered");
    return code;
  };
  /** A pool (AutoVerifiedAttributes email unless overridden) and an app client with USER_PASSWORD_AUTH. */
  const setup = async (
    pool: Partial<CreateUserPoolCommandInput> = {},
    client: Partial<CreateUserPoolClientCommandInput> = {},
  ) => {
    const { UserPool } = await t.client.send(
      new CreateUserPoolCommand({ PoolName: "acceptance-signup", AutoVerifiedAttributes: ["email"], ...pool }),
    );
    const poolId = UserPool!.Id!;
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "app",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ...client,
      }),
    );
    return { poolId, clientId: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret };
  };
  const signUp = (input: Partial<SignUpCommandInput> & { ClientId: string; Username: string }) =>
    t.client.send(new SignUpCommand({ Password: PASSWORD, ...input }));
  /** Signs a user up with an email and confirms them with the code from the outbox. */
  const confirmedUser = async (poolId: string, clientId: string, username: string, email?: string) => {
    await signUp({
      ClientId: clientId,
      Username: username,
      UserAttributes: [{ Name: "email", Value: email ?? `${username}@example.com` }],
    });
    const code = await lastCode(poolId);
    await t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }));
  };
  const login = async (clientId: string, username: string, password = PASSWORD) => {
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
  const adminGet = (UserPoolId: string, Username: string) =>
    t.client.send(new AdminGetUserCommand({ UserPoolId, Username }));
  return { messages, lastCode, setup, signUp, confirmedUser, login, adminGet };
}

describe("sign-up details", () => {
  const t = useCognate();
  const { setup, signUp, lastCode, adminGet, login, confirmedUser, messages } = helpers(t);

  it("SignUp's Session, passed through ConfirmSignUp, signs the user straight in with USER_AUTH", async () => {
    const { poolId, clientId } = await setup(
      {},
      { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    );
    const up = await signUp({
      ClientId: clientId,
      Username: "quick",
      UserAttributes: [{ Name: "email", Value: "quick@example.com" }],
    });
    assert.ok(up.Session, "SignUp returns a Session");
    const confirmed = await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "quick",
        ConfirmationCode: await lastCode(poolId),
        Session: up.Session,
      }),
    );
    assert.ok(confirmed.Session, "ConfirmSignUp returns a Session");
    const auth = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "quick" },
        Session: confirmed.Session,
      }),
    );
    assert.ok(auth.AuthenticationResult?.AccessToken);
    assert.ok(auth.AuthenticationResult.IdToken);
    assert.ok(auth.AuthenticationResult.RefreshToken);
    // "This option is only valid for users who ... are signing in for the first time" (InitiateAuthRequest.Session)
    const again = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "quick" },
          Session: confirmed.Session,
        }),
      ),
    );
    assert.equal(again.name, "NotAuthorizedException");
  });

  it("when both email and phone are auto-verified, the sign-up code goes to the phone (SMS)", async () => {
    // AWS CDK docs for AutoVerifiedAttrs: "If both email and phone is set, Cognito only verifies the phone number."
    const { clientId } = await setup({ AutoVerifiedAttributes: ["email", "phone_number"] });
    const res = await signUp({
      ClientId: clientId,
      Username: "both",
      UserAttributes: [
        { Name: "email", Value: "both@example.com" },
        { Name: "phone_number", Value: "+12065559876" },
      ],
    });
    assert.deepEqual(res.CodeDeliveryDetails, {
      AttributeName: "phone_number",
      DeliveryMedium: "SMS",
      Destination: "+*******9876",
    });
  });

  it("uses the pool's VerificationMessageTemplate for the sign-up code", async () => {
    const { poolId, clientId } = await setup({
      // VerificationMessageTemplateType: EmailMessage/EmailSubject can be set only with EmailSendingAccount DEVELOPER.
      EmailConfiguration: {
        EmailSendingAccount: "DEVELOPER",
        SourceArn: "arn:aws:ses:us-east-1:000000000000:identity/example.com",
        From: "no-reply@example.com",
      },
      VerificationMessageTemplate: {
        DefaultEmailOption: "CONFIRM_WITH_CODE",
        EmailSubject: "Welcome aboard",
        EmailMessage: "Your code is {####}",
      },
    });
    await signUp({
      ClientId: clientId,
      Username: "tmpl",
      UserAttributes: [{ Name: "email", Value: "tm@example.com" }],
    });
    const sent = (await messages(poolId)).at(-1)!;
    assert.equal(sent.subject, "Welcome aboard");
    assert.equal(sent.message, `Your code is ${sent.code}`);
  });

  it("ResendConfirmationCode in a pool that verifies nothing: 'Cannot resend codes. Auto verification not turned on.'", async () => {
    const { clientId } = await setup({ AutoVerifiedAttributes: [] });
    await signUp({
      ClientId: clientId,
      Username: "noauto",
      UserAttributes: [{ Name: "email", Value: "na@example.com" }],
    });
    const err = await errorOf(() =>
      t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "noauto" })),
    );
    assert.equal(err.message, "Cannot resend codes. Auto verification not turned on.");
  });

  it("repeated wrong confirmation codes end in LimitExceededException", async () => {
    const { poolId, clientId } = await setup();
    await signUp({
      ClientId: clientId,
      Username: "guess",
      UserAttributes: [{ Name: "email", Value: "gu@example.com" }],
    });
    const code = await lastCode(poolId);
    const wrong = code === "000000" ? "111111" : "000000";
    let last: Error & { name: string } = new Error("no attempt");
    for (let i = 0; i < 30; i++) {
      last = await errorOf(() =>
        t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "guess", ConfirmationCode: wrong })),
      );
      if (last.name !== "CodeMismatchException") break;
    }
    assert.equal(last.name, "LimitExceededException");
    assert.equal(last.message, "Attempt limit exceeded, please try after some time.");
  });

  it("with case-insensitive usernames, 'Alice' and 'alice' are the same user", async () => {
    const { clientId } = await setup({ UsernameConfiguration: { CaseSensitive: false } });
    await signUp({
      ClientId: clientId,
      Username: "Alice",
      UserAttributes: [{ Name: "email", Value: "a1@example.com" }],
    });
    const err = await errorOf(() =>
      signUp({ ClientId: clientId, Username: "alice", UserAttributes: [{ Name: "email", Value: "a2@example.com" }] }),
    );
    assert.equal(err.name, "UsernameExistsException");
  });

  it("without UsernameConfiguration the API creates a case-sensitive pool: 'Bob' and 'bob' are two users", async () => {
    const { poolId, clientId } = await setup();
    await signUp({ ClientId: clientId, Username: "Bob", UserAttributes: [{ Name: "email", Value: "b1@example.com" }] });
    await signUp({ ClientId: clientId, Username: "bob", UserAttributes: [{ Name: "email", Value: "b2@example.com" }] });
    assert.equal((await adminGet(poolId, "Bob")).Username, "Bob");
    assert.equal((await adminGet(poolId, "bob")).Username, "bob");
  });

  it("ForgotPassword requires the SECRET_HASH of a client with a secret", async () => {
    const { poolId, clientId, secret } = await setup({}, { GenerateSecret: true });
    await signUp({
      ClientId: clientId,
      Username: "fps",
      UserAttributes: [{ Name: "email", Value: "fps@example.com" }],
      SecretHash: secretHash("fps", clientId, secret!),
    });
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "fps",
        ConfirmationCode: await lastCode(poolId),
        SecretHash: secretHash("fps", clientId, secret!),
      }),
    );
    const err = await errorOf(() => t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "fps" })));
    assert.equal(err.name, "NotAuthorizedException");
    const ok = await t.client.send(
      new ForgotPasswordCommand({
        ClientId: clientId,
        Username: "fps",
        SecretHash: secretHash("fps", clientId, secret!),
      }),
    );
    assert.equal(ok.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
  });

  it("ForgotPassword for a user who never changed the temporary password: 'User password cannot be reset in the current state.'", async () => {
    const { poolId, clientId } = await setup();
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "invited",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "invited@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    const err = await errorOf(() =>
      t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "invited" })),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "User password cannot be reset in the current state.");
  });

  it("UpdateUserAttributes refuses an attribute missing from the schema: 'user.<name>: Attribute does not exist in the schema.'", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "sch");
    const token = await login(clientId, "sch");
    const err = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: "custom:nope", Value: "x" }],
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.match(err.message, /^user\.custom:nope: Attribute does not exist in the schema\.\n?$/);
  });

  it("a changed phone number is unverified and a code goes to it by SMS", async () => {
    const { poolId, clientId } = await setup({ AutoVerifiedAttributes: ["phone_number"] });
    await signUp({
      ClientId: clientId,
      Username: "ph",
      UserAttributes: [{ Name: "phone_number", Value: "+12065550001" }],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "ph", ConfirmationCode: await lastCode(poolId) }),
    );
    const token = await login(clientId, "ph");
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

  it("with PasswordHistorySize, ChangePassword refuses a recent password", async () => {
    const { poolId, clientId } = await setup({
      UserPoolTier: "PLUS",
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 3,
        },
      },
    });
    await confirmedUser(poolId, clientId, "hist");
    const token = await login(clientId, "hist");
    await t.client.send(
      new ChangePasswordCommand({ AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: "Chang3d-Pass!" }),
    );
    const err = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: token,
          PreviousPassword: "Chang3d-Pass!",
          ProposedPassword: PASSWORD,
        }),
      ),
    );
    assert.equal(err.name, "PasswordHistoryPolicyViolationException");
  });

  it("GetUserAuthFactors reports no MFA for a user without MFA", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "nomfa");
    const token = await login(clientId, "nomfa");
    const res = await t.client.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
    assert.equal(res.PreferredMfaSetting, undefined);
    assert.deepEqual(res.UserMFASettingList ?? [], []);
  });
});

describe("account recovery and deletion details", () => {
  const t = useCognate();
  const { setup, signUp, lastCode, adminGet, login, confirmedUser } = helpers(t);

  const addVerifiedPhone = (poolId: string, username: string, phone: string) =>
    t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: username,
        UserAttributes: [
          { Name: "phone_number", Value: phone },
          { Name: "phone_number_verified", Value: "true" },
        ],
      }),
    );

  it("without AccountRecoverySetting, the legacy behaviour prefers SMS over email", async () => {
    // CreateUserPoolRequest.AccountRecoverySetting: "In the absence of this setting, Amazon Cognito uses the legacy
    // behavior to determine the recovery method where SMS is preferred over email."
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "legacy");
    await addVerifiedPhone(poolId, "legacy", "+12065557777");
    const res = await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "legacy" }));
    assert.deepEqual(res.CodeDeliveryDetails, {
      AttributeName: "phone_number",
      DeliveryMedium: "SMS",
      Destination: "+*******7777",
    });
  });

  it("SMS doesn't qualify for recovery when the user has SMS MFA activated", async () => {
    // AccountRecoverySetting: "SMS doesn't qualify for a valid password recovery mechanism if the user also has
    // SMS multi-factor authentication (MFA) activated."
    const { poolId, clientId } = await setup({
      MfaConfiguration: "OPTIONAL",
      SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sms", ExternalId: "cognate" },
      AutoVerifiedAttributes: ["email", "phone_number"],
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: "verified_phone_number", Priority: 1 },
          { Name: "verified_email", Priority: 2 },
        ],
      },
    });
    await confirmedUser(poolId, clientId, "smsmfa");
    await addVerifiedPhone(poolId, "smsmfa", "+12065558888");
    const token = await login(clientId, "smsmfa");
    await t.client.send(
      new SetUserSettingsCommand({
        AccessToken: token,
        MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      }),
    );
    const res = await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "smsmfa" }));
    assert.equal(res.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    assert.equal(res.CodeDeliveryDetails?.AttributeName, "email");
  });

  it("after DeleteUser a password sign-in answers UserNotFoundException 'User does not exist.' (LEGACY)", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "gone");
    const token = await login(clientId, "gone");
    await t.client.send(new DeleteUserCommand({ AccessToken: token }));
    const err = await errorOf(() => login(clientId, "gone"));
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(err.message, "User does not exist.");
  });

  it("refuses a password with leading or trailing whitespace", async () => {
    const { clientId } = await setup();
    const err = await errorOf(() =>
      signUp({
        ClientId: clientId,
        Username: "spacey",
        Password: ` ${PASSWORD} `,
        UserAttributes: [{ Name: "email", Value: "sp@example.com" }],
      }),
    );
    assert.ok(["InvalidParameterException", "InvalidPasswordException"].includes(err.name), err.name);
  });

  it("with case-insensitive usernames, sign-in works with any capitalisation", async () => {
    const { poolId, clientId } = await setup({ UsernameConfiguration: { CaseSensitive: false } });
    await confirmedUser(poolId, clientId, "Carla");
    assert.ok(await login(clientId, "CARLA"));
    assert.ok(await login(clientId, "carla"));
  });

  it("in a case-insensitive email-as-username pool, a case variant of a taken email is refused", async () => {
    const { clientId } = await setup({
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
    });
    await signUp({ ClientId: clientId, Username: "dana@example.com" });
    const err = await errorOf(() => signUp({ ClientId: clientId, Username: "Dana@Example.com" }));
    assert.equal(err.name, "UsernameExistsException");
  });

  it("ConfirmSignUp accepts the email as Username in an email-as-username pool", async () => {
    const { poolId, clientId } = await setup({ UsernameAttributes: ["email"] });
    await signUp({ ClientId: clientId, Username: "ema@example.com" });
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "ema@example.com",
        ConfirmationCode: await lastCode(poolId),
      }),
    );
    assert.equal((await adminGet(poolId, "ema@example.com")).UserStatus, "CONFIRMED");
    const token = await login(clientId, "ema@example.com");
    const me = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.match(me.Username!, UUID);
  });
});

describe("usernames, secrets and tokens in self-service", () => {
  const t = useCognate();
  const { setup, signUp, lastCode, adminGet, login, confirmedUser, messages } = helpers(t);

  it("in an email-as-username pool, the self-service operations accept the sub or the email as Username", async () => {
    // "If username isn't an alias attribute in your user pool, this value must be the sub of a local user or the
    // username of a user from a third-party IdP." (ConfirmSignUpRequest / ResendConfirmationCodeRequest /
    // ForgotPasswordRequest Username)
    const { poolId, clientId } = await setup({ UsernameAttributes: ["email"] });
    const { UserSub } = await signUp({ ClientId: clientId, Username: "bysub@example.com" });
    const resent = await t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: UserSub }));
    assert.equal(resent.CodeDeliveryDetails?.Destination, "b***@e***");
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: UserSub, ConfirmationCode: await lastCode(poolId) }),
    );
    assert.equal((await adminGet(poolId, UserSub!)).UserStatus, "CONFIRMED");
    const forgot = await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: UserSub }));
    assert.equal(forgot.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    await t.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: "bysub@example.com",
        ConfirmationCode: await lastCode(poolId),
        Password: "N3w-Passw0rd!",
      }),
    );
    assert.ok(await login(clientId, "bysub@example.com", "N3w-Passw0rd!"));
  });

  it("ConfirmSignUp, ResendConfirmationCode and ConfirmForgotPassword require the SECRET_HASH of a client with a secret", async () => {
    const { poolId, clientId, secret } = await setup({}, { GenerateSecret: true });
    const hash = secretHash("sh", clientId, secret!);
    await signUp({
      ClientId: clientId,
      Username: "sh",
      SecretHash: hash,
      UserAttributes: [{ Name: "email", Value: "sh@example.com" }],
    });
    const code = await lastCode(poolId);
    const resend = await errorOf(() =>
      t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "sh" })),
    );
    assert.equal(resend.name, "NotAuthorizedException");
    const confirm = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "sh", ConfirmationCode: code })),
    );
    assert.equal(confirm.name, "NotAuthorizedException");
    assert.equal((await adminGet(poolId, "sh")).UserStatus, "UNCONFIRMED");
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

  it("ChangePassword without PreviousPassword is refused for a user who has a password", async () => {
    // ChangePasswordRequest.PreviousPassword: "Required if the user has a password."
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "noprev");
    const token = await login(clientId, "noprev");
    const err = await errorOf(() =>
      t.client.send(new ChangePasswordCommand({ AccessToken: token, ProposedPassword: "Chang3d-Pass!" })),
    );
    assert.ok(err.name);
    assert.ok(await login(clientId, "noprev"));
  });

  it("AdminDisableUser revokes the user's access tokens", async () => {
    // AdminDisableUser: "Deactivates a user profile and revokes all access tokens for the user."
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "off");
    const token = await login(clientId, "off");
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "off" }));
    const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: token })));
    assert.equal(err.name, "NotAuthorizedException");
    const upd = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: "name", Value: "Off" }] }),
      ),
    );
    assert.equal(upd.name, "NotAuthorizedException");
  });

  it("while a new email awaits verification, the user signs in with the original one", async () => {
    // UpdateUserAttributesRequest.UserAttributes: "Your user can sign in and receive messages with the original
    // attribute value until they verify the new value."
    const { poolId, clientId } = await setup({
      UsernameAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
    await signUp({ ClientId: clientId, Username: "orig@example.com" });
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "orig@example.com",
        ConfirmationCode: await lastCode(poolId),
      }),
    );
    const token = await login(clientId, "orig@example.com");
    await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: "email", Value: "next@example.com" }],
      }),
    );
    assert.ok(await login(clientId, "orig@example.com"));
    const early = await errorOf(() => login(clientId, "next@example.com"));
    assert.ok(["NotAuthorizedException", "UserNotFoundException"].includes(early.name), early.name);
    await t.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(poolId) }),
    );
    assert.ok(await login(clientId, "next@example.com"));
    const sent = (await messages(poolId)).at(-1)!;
    assert.equal(sent.destination, "next@example.com");
  });

  it("repeated wrong ConfirmForgotPassword codes end in LimitExceededException", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "brute");
    await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "brute" }));
    const code = await lastCode(poolId);
    const wrong = code === "000000" ? "111111" : "000000";
    let last: Error & { name: string } = new Error("no attempt");
    for (let i = 0; i < 30; i++) {
      last = await errorOf(() =>
        t.client.send(
          new ConfirmForgotPasswordCommand({
            ClientId: clientId,
            Username: "brute",
            ConfirmationCode: wrong,
            Password: "N3w-Passw0rd!",
          }),
        ),
      );
      if (last.name !== "CodeMismatchException") break;
    }
    assert.equal(last.name, "LimitExceededException");
    assert.equal(last.message, "Attempt limit exceeded, please try after some time.");
  });

  it("SignUp's wire response carries exactly UserConfirmed, UserSub, CodeDeliveryDetails and Session", async () => {
    const { clientId } = await setup();
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
});

describe("attribute maintenance", () => {
  const t = useCognate();
  const { setup, signUp, lastCode, login, confirmedUser, messages } = helpers(t);

  it("UpdateUserAttributes with a blank value deletes the attribute", async () => {
    // UpdateUserAttributes: "To delete an attribute from the user, submit the attribute in your API request with a
    // blank value."
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "blank");
    const token = await login(clientId, "blank");
    await t.client.send(
      new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: "name", Value: "Blank" }] }),
    );
    await t.client.send(
      new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: "name", Value: "" }] }),
    );
    const user = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.equal(attr(user.UserAttributes, "name"), undefined);
  });

  it("DeleteUserAttributes removes a custom attribute named with its custom: prefix", async () => {
    const { poolId, clientId } = await setup({
      Schema: [{ Name: "dept", AttributeDataType: "String", Mutable: true }],
    });
    await confirmedUser(poolId, clientId, "dept");
    const token = await login(clientId, "dept");
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
    const { poolId, clientId } = await setup({
      AutoVerifiedAttributes: ["email"],
      VerificationMessageTemplate: { SmsMessage: "Code: {####}" },
    });
    await confirmedUser(poolId, clientId, "sms");
    const token = await login(clientId, "sms");
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
    const sent = (await messages(poolId)).at(-1)!;
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
    const { poolId, clientId } = await setup({
      Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
    });
    await signUp({
      ClientId: clientId,
      Username: "tiered",
      UserAttributes: [
        { Name: "email", Value: "tiered@example.com" },
        { Name: "custom:tier", Value: "gold" },
      ],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "tiered", ConfirmationCode: await lastCode(poolId) }),
    );
    const token = await login(clientId, "tiered");
    const user = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.equal(attr(user.UserAttributes, "custom:tier"), "gold");
  });
});

describe("confirmation edge cases", () => {
  const t = useCognate();
  const { setup, signUp } = helpers(t);

  it("ConfirmSignUp refuses an administrator-created user: 'Current status is FORCE_CHANGE_PASSWORD'", async () => {
    const { poolId, clientId } = await setup();
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
    const { clientId } = await setup({ AliasAttributes: ["phone_number"], AutoVerifiedAttributes: [] });
    const err = await errorOf(() => signUp({ ClientId: clientId, Username: "+12065550123" }));
    assert.equal(err.name, "InvalidParameterException");
    assert.match(err.message, /^Username cannot be of phone number format/);
  });
});

describe("passwordless sign-up", () => {
  const t = useCognate();
  const { setup, signUp, lastCode } = helpers(t);
  const passwordlessPool = {
    EmailConfiguration: {
      EmailSendingAccount: "DEVELOPER" as const,
      SourceArn: "arn:aws:ses:us-east-1:000000000000:identity/example.com",
      From: "no-reply@example.com",
    },
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD" as const, "EMAIL_OTP" as const] } },
  };
  const userAuthClient = { ExplicitAuthFlows: ["ALLOW_USER_AUTH" as const, "ALLOW_REFRESH_TOKEN_AUTH" as const] };

  it("SignUp without a password is refused with a client error when passwordless sign-in isn't available", async () => {
    // SignUpRequest.Password: "You can only create a passwordless user when passwordless sign-in is available."
    const { clientId } = await setup();
    const err = await errorOf(() =>
      t.client.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: "nopass",
          UserAttributes: [{ Name: "email", Value: "nopass@example.com" }],
        }),
      ),
    );
    assert.notEqual(err.name, "InternalErrorException");
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  it("with EMAIL_OTP allowed, a user signs up without a password and gets EMAIL_OTP as their factor", async () => {
    const { poolId, clientId } = await setup(passwordlessPool, userAuthClient);
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
        ConfirmationCode: await lastCode(poolId),
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

  it("with EMAIL_OTP allowed, a blank Password also creates a passwordless user", async () => {
    const { clientId } = await setup(passwordlessPool, userAuthClient);
    const up = await t.client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "blankpw",
        Password: "",
        UserAttributes: [{ Name: "email", Value: "blankpw@example.com" }],
      }),
    );
    assert.equal(up.UserConfirmed, false);
    assert.match(up.UserSub!, UUID);
  });

  it("GetUserAuthFactors lists PASSWORD and EMAIL_OTP for a password user with a verified email", async () => {
    const { poolId, clientId } = await setup(passwordlessPool, {
      ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
    await signUp({
      ClientId: clientId,
      Username: "both",
      UserAttributes: [{ Name: "email", Value: "bo@example.com" }],
    });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "both", ConfirmationCode: await lastCode(poolId) }),
    );
    const res = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "both", PASSWORD },
      }),
    );
    const factors = await t.client.send(
      new GetUserAuthFactorsCommand({ AccessToken: res.AuthenticationResult!.AccessToken! }),
    );
    assert.deepEqual([...(factors.ConfiguredUserAuthFactors ?? [])].sort(), ["EMAIL_OTP", "PASSWORD"]);
  });
});

describe("developer-only and immutable attributes", () => {
  const t = useCognate();
  const { setup, login, confirmedUser, adminGet } = helpers(t);
  const devPool = {
    Schema: [{ Name: "secret", AttributeDataType: "String" as const, DeveloperOnlyAttribute: true, Mutable: true }],
  };

  it("SignUp can't set a developer-only attribute", async () => {
    const { clientId } = await setup(devPool);
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

  it("UpdateUserAttributes can't change a developer-only attribute", async () => {
    const { poolId, clientId } = await setup(devPool);
    await confirmedUser(poolId, clientId, "devupd");
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "devupd",
        UserAttributes: [{ Name: "dev:custom:secret", Value: "admin-set" }],
      }),
    );
    const token = await login(clientId, "devupd");
    const err = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: token,
          UserAttributes: [{ Name: "dev:custom:secret", Value: "user-set" }],
        }),
      ),
    );
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(attr((await adminGet(poolId, "devupd")).UserAttributes, "dev:custom:secret"), "admin-set");
  });

  it("the user can't change or delete sub", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "subby");
    const token = await login(clientId, "subby");
    const upd = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: "sub", Value: "x" }] }),
      ),
    );
    assert.equal(upd.name, "InvalidParameterException");
    const del = await errorOf(() =>
      t.client.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ["sub"] })),
    );
    assert.equal(del.name, "InvalidParameterException");
  });

  it("GetUser refuses an ID token", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "idtok");
    const res = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "idtok", PASSWORD },
      }),
    );
    const err = await errorOf(() =>
      t.client.send(new GetUserCommand({ AccessToken: res.AuthenticationResult!.IdToken! })),
    );
    assert.equal(err.name, "NotAuthorizedException");
  });

  it("GetUserAttributeVerificationCode refuses an attribute that can't be verified or has no value", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "noverify");
    const token = await login(clientId, "noverify");
    const name = await errorOf(() =>
      t.client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: "name" })),
    );
    assert.equal(name.name, "InvalidParameterException");
    const phone = await errorOf(() =>
      t.client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: "phone_number" })),
    );
    assert.equal(phone.name, "InvalidParameterException");
  });
});

describe("resets and limits", () => {
  const t = useCognate();
  const { setup, login, confirmedUser, lastCode, adminGet } = helpers(t);

  it("after AdminResetUserPassword, the emailed code and ConfirmForgotPassword set a new password", async () => {
    // AdminResetUserPassword: "Sets the requested user's account into a RESET_REQUIRED status, and sends them a
    // password-reset code."
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "reset");
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "reset" }));
    assert.equal((await adminGet(poolId, "reset")).UserStatus, "RESET_REQUIRED");
    const blocked = await errorOf(() => login(clientId, "reset"));
    assert.equal(blocked.name, "PasswordResetRequiredException");
    assert.equal(blocked.message, "Password reset required for the user");
    await t.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: "reset",
        ConfirmationCode: await lastCode(poolId),
        Password: "N3w-Passw0rd!",
      }),
    );
    assert.equal((await adminGet(poolId, "reset")).UserStatus, "CONFIRMED");
    assert.ok(await login(clientId, "reset", "N3w-Passw0rd!"));
  });

  it("with PasswordHistorySize, ConfirmForgotPassword refuses the current password", async () => {
    const { poolId, clientId } = await setup({
      UserPoolTier: "PLUS",
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 2,
        },
      },
    });
    await confirmedUser(poolId, clientId, "again");
    await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "again" }));
    const err = await errorOf(() =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: "again",
          ConfirmationCode: "000000",
          Password: PASSWORD,
        }),
      ),
    );
    assert.ok(["PasswordHistoryPolicyViolationException", "CodeMismatchException"].includes(err.name), err.name);
    const code = await lastCode(poolId);
    const reuse = await errorOf(() =>
      t.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: "again",
          ConfirmationCode: code,
          Password: PASSWORD,
        }),
      ),
    );
    assert.equal(reuse.name, "PasswordHistoryPolicyViolationException");
  });

  it("ForgotPassword for a disabled user is refused", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "disabled");
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "disabled" }));
    const err = await errorOf(() =>
      t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "disabled" })),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.match(err.message, /disabled/i);
  });

  it("repeated wrong previous passwords in ChangePassword end in LimitExceededException", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "guesser");
    const token = await login(clientId, "guesser");
    let last: Error & { name: string } = new Error("no attempt");
    for (let i = 0; i < 30; i++) {
      last = await errorOf(() =>
        t.client.send(
          new ChangePasswordCommand({
            AccessToken: token,
            PreviousPassword: `Wr0ng-Pass!${i}`,
            ProposedPassword: "Chang3d-Pass!",
          }),
        ),
      );
      if (last.name !== "NotAuthorizedException") break;
    }
    assert.equal(last.name, "LimitExceededException");
    assert.equal(last.message, "Attempt limit exceeded, please try after some time.");
  });

  it("repeated ForgotPassword requests end in LimitExceededException", async () => {
    const { poolId, clientId } = await setup();
    await confirmedUser(poolId, clientId, "spammer");
    let last: Error & { name: string } = new Error("no attempt");
    for (let i = 0; i < 30; i++) {
      try {
        await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "spammer" }));
      } catch (err) {
        last = err as Error & { name: string };
        break;
      }
    }
    assert.equal(last.name, "LimitExceededException");
    assert.equal(last.message, "Attempt limit exceeded, please try after some time.");
  });
});

describe("changing a sign-in email (Developer Guide, 'Verifying when users change their email or phone number')", () => {
  const t = useCognate();
  const { setup, signUp, lastCode, login } = helpers(t);

  const signInFails = async (clientId: string, username: string) => {
    const err = await errorOf(() => login(clientId, username));
    assert.ok(["NotAuthorizedException", "UserNotFoundException"].includes(err.name), `${username}: ${err.name}`);
  };

  const aliasUser = async (requireVerification: boolean, username: string, email: string) => {
    const { poolId, clientId } = await setup({
      AliasAttributes: ["email"],
      ...(requireVerification
        ? { UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email" as const] } }
        : {}),
    });
    await signUp({ ClientId: clientId, Username: username, UserAttributes: [{ Name: "email", Value: email }] });
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: await lastCode(poolId) }),
    );
    return { poolId, clientId, token: await login(clientId, email) };
  };

  it("Example 1 (alias, verification required): only the original email signs in until the new one is verified", async () => {
    const { poolId, clientId, token } = await aliasUser(true, "user1", "user1@example.com");
    await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: "email", Value: "user1+foo@example.com" }],
      }),
    );
    assert.ok(await login(clientId, "user1@example.com"));
    await signInFails(clientId, "user1+foo@example.com");
    await t.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(poolId) }),
    );
    assert.ok(await login(clientId, "user1+foo@example.com"));
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
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(poolId) }),
    );
    assert.ok(await login(clientId, "user2+bar@example.com"));
    await signInFails(clientId, "user2@example.com");
  });

  it("Example 3 (email as username, no verification required): the new email signs in at once", async () => {
    const { poolId, clientId } = await setup({ UsernameAttributes: ["email"] });
    await signUp({ ClientId: clientId, Username: "user3@example.com" });
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "user3@example.com",
        ConfirmationCode: await lastCode(poolId),
      }),
    );
    const token = await login(clientId, "user3@example.com");
    await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: "email", Value: "user3+baz@example.com" }],
      }),
    );
    assert.ok(await login(clientId, "user3+baz@example.com"));
  });

  it("email as username, verification required: after verifying, the original email no longer signs in", async () => {
    const { poolId, clientId } = await setup({
      UsernameAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
    await signUp({ ClientId: clientId, Username: "user4@example.com" });
    await t.client.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: "user4@example.com",
        ConfirmationCode: await lastCode(poolId),
      }),
    );
    const token = await login(clientId, "user4@example.com");
    await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: token,
        UserAttributes: [{ Name: "email", Value: "user4+qux@example.com" }],
      }),
    );
    await t.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(poolId) }),
    );
    assert.ok(await login(clientId, "user4+qux@example.com"));
    await signInFails(clientId, "user4@example.com");
  });
});

describe("confirming both email and phone (Developer Guide, 'Signing up and confirming user accounts')", () => {
  const t = useCognate();
  const { setup, signUp, lastCode, login, messages } = helpers(t);

  it("sign-up verifies the phone; the email is verified later with GetUserAttributeVerificationCode", async () => {
    const { poolId, clientId } = await setup({ AutoVerifiedAttributes: ["email", "phone_number"] });
    await signUp({
      ClientId: clientId,
      Username: "twoways",
      UserAttributes: [
        { Name: "email", Value: "twoways@example.com" },
        { Name: "phone_number", Value: "+12065553434" },
      ],
    });
    const sent = (await messages(poolId)).at(-1)!;
    assert.equal(sent.deliveryMedium, "SMS");
    await t.client.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: "twoways", ConfirmationCode: sent.code! }),
    );
    const token = await login(clientId, "twoways");
    const before = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.equal(attr(before.UserAttributes, "phone_number_verified"), "true");
    assert.notEqual(attr(before.UserAttributes, "email_verified"), "true");
    const res = await t.client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: "email" }),
    );
    assert.equal(res.CodeDeliveryDetails?.Destination, "t***@e***");
    await t.client.send(
      new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: "email", Code: await lastCode(poolId) }),
    );
    const after = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.equal(attr(after.UserAttributes, "email_verified"), "true");
  });
});

describe("aliases and simulated deliveries", () => {
  const t = useCognate();
  const { setup, signUp, login } = helpers(t);

  it("an email alias signs in only once it is verified", async () => {
    // Developer Guide: "a user can sign in with an alias only if the alias is verified."
    const { poolId, clientId } = await setup({ AliasAttributes: ["email"] });
    await signUp({
      ClientId: clientId,
      Username: "aliased",
      UserAttributes: [{ Name: "email", Value: "al@example.com" }],
    });
    await t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "aliased" }));
    const err = await errorOf(() => login(clientId, "al@example.com"));
    assert.ok(["NotAuthorizedException", "UserNotFoundException"].includes(err.name), err.name);
    assert.ok(await login(clientId, "aliased"));
  });

  it("with PreventUserExistenceErrors, the simulated delivery follows the input username's format", async () => {
    // "The simulated delivery medium is determined by the input username format and verification settings of the
    // user pool." (Developer Guide, Managing user existence error responses, ForgotPassword)
    const email = await setup({ UsernameAttributes: ["email"] }, { PreventUserExistenceErrors: "ENABLED" });
    const byEmail = await t.client.send(
      new ForgotPasswordCommand({ ClientId: email.clientId, Username: "ghost@example.com" }),
    );
    assert.deepEqual(byEmail.CodeDeliveryDetails, {
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "g***@e***",
    });
    const phone = await setup(
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
});
