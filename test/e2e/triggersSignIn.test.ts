import assert from "node:assert/strict";
import { join } from "node:path";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CreateUserPoolCommandInput,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate } from "../helpers/cognate.js";
import { lastMessage, messageCount } from "../helpers/mfa.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

const PASSWORD = "Passw0rd!";
/** amazon-cognito-identity-js's SRP client: its A value. */
const AuthenticationHelper = (
  createRequire(import.meta.url)("amazon-cognito-identity-js/lib/AuthenticationHelper.js") as {
    default: new (pool: string) => { largeAValue: { toString(radix: number): string } };
  }
).default;
const SDK = "aws-sdk-unknown-unknown";
const handlers = handlerDir();
const names = ["preAuth", "preAuthRefuses", "postAuth", "postAuthFails", "migrate"];
const t = useCognate({
  triggers: { functions: Object.fromEntries(names.map((n) => [n, { module: join(handlers.dir, `${n}.ts`) }])) },
});

handlers.write("preAuth", "  return event;");
handlers.write("preAuthRefuses", '  throw new Error("Sign-in blocked for this app");');
handlers.write("postAuth", "  return event;");
handlers.write("postAuthFails", '  throw new Error("audit log unavailable");');
// A legacy user store: "legacy-*" users with password "Legacy1!" exist there; the name picks the answer.
handlers.write(
  "migrate",
  `  const name: string = event.userName;
  if (!name.startsWith("legacy-")) throw new Error("User not found in the legacy store");
  if (event.triggerSource === "UserMigration_Authentication" && event.request.password !== "Legacy1!") {
    throw new Error("Bad password");
  }
  if (name.includes("nobody")) return event;
  event.response.userAttributes = {
    email: name.includes("@") ? name : name + "@legacy.example.com",
    email_verified: "true",
  };
  event.response.messageAction = name.includes("welcome") ? "RESEND" : "SUPPRESS";
  if (name.includes("welcome")) event.response.desiredDeliveryMediums = ["EMAIL"];
  event.response.finalUserStatus = name.includes("reset") ? "RESET_REQUIRED" : "CONFIRMED";
  if (name.includes("alias")) {
    event.response.userAttributes.email = "shared@example.com";
    event.response.forceAliasCreation = name.includes("force");
  }
  if (name.includes("mfa")) {
    event.response.userAttributes.phone_number = "+15555550100";
    event.response.enableSMSMFA = true;
  }
  return event;`,
);

async function poolWith(LambdaConfig: LambdaConfigType, extra: Partial<CreateUserPoolCommandInput> = {}) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "signin-triggers", LambdaConfig, ...extra }),
  );
  const poolId = UserPool!.Id!;
  const client = async (PreventUserExistenceErrors: "ENABLED" | "LEGACY") =>
    (
      await t.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "app",
          ExplicitAuthFlows: [
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
          ],
          PreventUserExistenceErrors,
        }),
      )
    ).UserPoolClient!.ClientId!;
  return { poolId, clientId: await client("LEGACY"), hidingClientId: await client("ENABLED") };
}

async function createUser(poolId: string, username: string, temporary = false) {
  const { User } = await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: PASSWORD,
      UserAttributes: [
        { Name: "email", Value: `${username}@example.com` },
        { Name: "email_verified", Value: "true" },
      ],
      MessageAction: "SUPPRESS",
    }),
  );
  const sub = User!.Attributes!.find((a) => a.Name === "sub")!.Value!;
  if (temporary) return sub;
  // A permanent password: the user is CONFIRMED.
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }),
  );
  return sub;
}

const passwordAuth = (
  clientId: string,
  username: string,
  password = PASSWORD,
  ClientMetadata?: Record<string, string>,
) =>
  t.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
      ...(ClientMetadata ? { ClientMetadata } : {}),
    }),
  );

const eventsOf = (name: string, poolId: string) => handlers.events(name).filter((e) => e.userPoolId === poolId);

describe("PreAuthentication", () => {
  it("is called before the password is checked, with the user's attributes and InitiateAuth's ClientMetadata as validationData", async () => {
    const { poolId, clientId } = await poolWith({ PreAuthentication: functionArn("preAuth") });
    const sub = await createUser(poolId, "ada");
    const answer = await passwordAuth(clientId, "ada", PASSWORD, { device: "kiosk" });
    assert.ok(answer.AuthenticationResult?.AccessToken);
    assert.deepEqual(eventsOf("preAuth", poolId), [
      {
        version: "1",
        triggerSource: "PreAuthentication_Authentication",
        region: "us-east-1",
        userPoolId: poolId,
        userName: "ada",
        callerContext: { awsSdkVersion: SDK, clientId },
        request: {
          userAttributes: {
            sub,
            email: "ada@example.com",
            email_verified: "true",
            "cognito:user_status": "CONFIRMED",
          },
          validationData: { device: "kiosk" },
        },
        response: {},
      },
    ]);
    // A wrong password: the function was still asked first; without ClientMetadata validationData is null.
    const wrong = await errorOf(() => passwordAuth(clientId, "ada", "Wr0ngPassword!"));
    assert.equal(wrong.name, "NotAuthorizedException");
    const second = eventsOf("preAuth", poolId)[1]!;
    assert.equal((second.request as { validationData: unknown }).validationData, null);
  });

  it("a function that throws refuses the sign-in: UserLambdaValidationException, no tokens", async () => {
    const { poolId, clientId } = await poolWith({ PreAuthentication: functionArn("preAuthRefuses") });
    await createUser(poolId, "bea");
    const err = await errorOf(() => passwordAuth(clientId, "bea"));
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "PreAuthentication failed with error Sign-in blocked for this app.");
    const admin = await errorOf(() =>
      t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "bea", PASSWORD },
        }),
      ),
    );
    assert.equal(admin.message, "PreAuthentication failed with error Sign-in blocked for this app.");
  });

  it("also refuses a passwordless USER_AUTH sign-in before any code is sent", async () => {
    const { poolId } = await poolWith(
      { PreAuthentication: functionArn("preAuthRefuses") },
      { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } },
    );
    await createUser(poolId, "bob");
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "choice",
        ExplicitAuthFlows: ["ALLOW_USER_AUTH"],
      }),
    );
    const err = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: UserPoolClient!.ClientId!,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "bob", PREFERRED_CHALLENGE: "EMAIL_OTP" },
        }),
      ),
    );
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "PreAuthentication failed with error Sign-in blocked for this app.");
    assert.equal(await messageCount(t, poolId, "bob"), 0);
  });

  it("with PreventUserExistenceErrors it is called for unknown users too, with userNotFound", async () => {
    const { poolId, clientId, hidingClientId } = await poolWith({ PreAuthentication: functionArn("preAuth") });
    await createUser(poolId, "cal");
    // Without the setting: an unknown user is not looked at.
    assert.equal((await errorOf(() => passwordAuth(clientId, "ghost"))).name, "UserNotFoundException");
    assert.equal(eventsOf("preAuth", poolId).length, 0);

    assert.equal((await errorOf(() => passwordAuth(hidingClientId, "ghost"))).name, "NotAuthorizedException");
    await passwordAuth(hidingClientId, "cal");
    const [unknown, known] = eventsOf("preAuth", poolId);
    assert.equal(unknown!.userName, "ghost");
    assert.deepEqual(unknown!.request, { userAttributes: {}, validationData: null, userNotFound: true });
    assert.equal((known!.request as { userNotFound: boolean }).userNotFound, false);

    // USER_SRP_AUTH answers an unknown user with a challenge, and tells PreAuthentication the same.
    const srp = await t.client.send(
      new InitiateAuthCommand({
        ClientId: hidingClientId,
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: { USERNAME: "phantom", SRP_A: new AuthenticationHelper("pool").largeAValue.toString(16) },
      }),
    );
    assert.equal(srp.ChallengeName, "PASSWORD_VERIFIER");
    const phantom = eventsOf("preAuth", poolId).at(-1)!;
    assert.equal(phantom.userName, "phantom");
    assert.equal((phantom.request as { userNotFound: boolean }).userNotFound, true);
  });
});

describe("PostAuthentication", () => {
  it("is called once a sign-in issued tokens (newDeviceUsed, no InitiateAuth ClientMetadata), not for a refresh", async () => {
    const { poolId, clientId } = await poolWith({ PostAuthentication: functionArn("postAuth") });
    const sub = await createUser(poolId, "dee");
    const answer = await passwordAuth(clientId, "dee", PASSWORD, { ignored: "yes" });
    assert.deepEqual(eventsOf("postAuth", poolId), [
      {
        version: "1",
        triggerSource: "PostAuthentication_Authentication",
        region: "us-east-1",
        userPoolId: poolId,
        userName: "dee",
        callerContext: { awsSdkVersion: SDK, clientId },
        request: {
          userAttributes: {
            sub,
            email: "dee@example.com",
            email_verified: "true",
            "cognito:user_status": "CONFIRMED",
          },
          newDeviceUsed: false,
        },
        response: {},
      },
    ]);
    await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: answer.AuthenticationResult!.RefreshToken! },
      }),
    );
    assert.equal(eventsOf("postAuth", poolId).length, 1, "a refresh is no sign-in");
    // A failed sign-in never reaches it.
    await errorOf(() => passwordAuth(clientId, "dee", "Wr0ngPassword!"));
    assert.equal(eventsOf("postAuth", poolId).length, 1);
  });

  it("a sign-in completed by a challenge answer passes that answer's ClientMetadata", async () => {
    const { poolId, clientId } = await poolWith({ PostAuthentication: functionArn("postAuth") });
    await createUser(poolId, "eve", true);
    const first = await passwordAuth(clientId, "eve");
    assert.equal(first.ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.equal(eventsOf("postAuth", poolId).length, 0, "no tokens yet");
    const done = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: first.Session!,
        ChallengeResponses: { USERNAME: "eve", NEW_PASSWORD: "N3wPassw0rd!" },
        ClientMetadata: { step: "new-password" },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
    const [event] = eventsOf("postAuth", poolId);
    assert.deepEqual((event!.request as Record<string, unknown>).clientMetadata, { step: "new-password" });
    assert.equal(
      (event!.request as { userAttributes: Record<string, string> }).userAttributes["cognito:user_status"],
      "CONFIRMED",
    );
  });

  it("newDeviceUsed is true when the sign-in hands out a new device", async () => {
    const { poolId, clientId } = await poolWith(
      { PostAuthentication: functionArn("postAuth") },
      { DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false } },
    );
    await createUser(poolId, "fay");
    const answer = await passwordAuth(clientId, "fay");
    assert.ok(answer.AuthenticationResult?.NewDeviceMetadata);
    const [event] = eventsOf("postAuth", poolId);
    assert.equal((event!.request as { newDeviceUsed: boolean }).newDeviceUsed, true);
  });

  it("a function that throws fails the sign-in: UserLambdaValidationException instead of tokens", async () => {
    const { poolId, clientId } = await poolWith({ PostAuthentication: functionArn("postAuthFails") });
    await createUser(poolId, "gus");
    const err = await errorOf(() => passwordAuth(clientId, "gus"));
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "PostAuthentication failed with error audit log unavailable.");
  });
});

describe("UserMigration", () => {
  it("UserMigration_Authentication: an unknown user is migrated with the sign-in password and signed in", async () => {
    const { poolId, clientId } = await poolWith({ UserMigration: functionArn("migrate") });
    const answer = await passwordAuth(clientId, "legacy-hal", "Legacy1!", { app: "web" });
    assert.ok(answer.AuthenticationResult?.AccessToken, "signed in at once");
    assert.deepEqual(eventsOf("migrate", poolId), [
      {
        version: "1",
        triggerSource: "UserMigration_Authentication",
        region: "us-east-1",
        userPoolId: poolId,
        userName: "legacy-hal",
        callerContext: { awsSdkVersion: SDK, clientId },
        request: { password: "Legacy1!", validationData: { app: "web" } },
        response: {
          userAttributes: null,
          finalUserStatus: null,
          messageAction: null,
          desiredDeliveryMediums: null,
          forceAliasCreation: null,
          enableSMSMFA: null,
        },
      },
    ]);
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "legacy-hal" }));
    assert.equal(user.UserStatus, "CONFIRMED");
    assert.equal(user.UserAttributes!.find((a) => a.Name === "email")?.Value, "legacy-hal@legacy.example.com");
    assert.equal(await messageCount(t, poolId, "legacy-hal"), 0, "messageAction SUPPRESS");
  });

  it("a migrated user signs in again without the trigger", async () => {
    const { poolId, clientId } = await poolWith({ UserMigration: functionArn("migrate") });
    await passwordAuth(clientId, "legacy-ivy", "Legacy1!");
    const again = await passwordAuth(clientId, "legacy-ivy", "Legacy1!");
    assert.ok(again.AuthenticationResult?.AccessToken);
    // A wrong password is checked by Cognate now, not by the legacy store.
    assert.equal((await errorOf(() => passwordAuth(clientId, "legacy-ivy", "Wr0ng!"))).name, "NotAuthorizedException");
    assert.equal(eventsOf("migrate", poolId).length, 1);
  });

  it("finalUserStatus RESET_REQUIRED: the user is created and told to reset the password", async () => {
    const { poolId, clientId } = await poolWith({ UserMigration: functionArn("migrate") });
    const err = await errorOf(() => passwordAuth(clientId, "legacy-reset-jo", "Legacy1!"));
    assert.equal(err.name, "PasswordResetRequiredException");
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "legacy-reset-jo" }));
    assert.equal(user.UserStatus, "RESET_REQUIRED");
  });

  it("a function that throws migrates nobody (UserLambdaValidationException); one that answers no attributes neither", async () => {
    const { poolId, clientId } = await poolWith({ UserMigration: functionArn("migrate") });
    const err = await errorOf(() => passwordAuth(clientId, "legacy-kim", "Wr0ngPassword!"));
    assert.equal(err.name, "UserLambdaValidationException");
    assert.equal(err.message, "UserMigration failed with error Bad password.");
    const nobody = await errorOf(() => passwordAuth(clientId, "legacy-nobody", "Legacy1!"));
    assert.equal(nobody.name, "UserNotFoundException");
    for (const name of ["legacy-kim", "legacy-nobody"]) {
      const missing = await errorOf(() =>
        t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name })),
      );
      assert.equal(missing.name, "UserNotFoundException");
    }
  });

  it("without messageAction SUPPRESS the welcome message goes to the desiredDeliveryMediums", async () => {
    const { poolId, clientId } = await poolWith({ UserMigration: functionArn("migrate") });
    await passwordAuth(clientId, "legacy-welcome-lou", "Legacy1!");
    const message = await lastMessage(t, poolId, "legacy-welcome-lou");
    assert.equal(message.deliveryMedium, "EMAIL");
    assert.equal(message.destination, "legacy-welcome-lou@legacy.example.com");
    // The password the user typed is never sent in a message.
    assert.ok(!message.message.includes("Legacy1!"), message.message);
  });

  it("UserMigration_ForgotPassword: the user is migrated without a password and gets the reset code", async () => {
    const { poolId, clientId } = await poolWith({ UserMigration: functionArn("migrate") });
    const sent = await t.client.send(
      new ForgotPasswordCommand({ ClientId: clientId, Username: "legacy-max", ClientMetadata: { from: "reset-page" } }),
    );
    assert.equal(sent.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    const [event] = eventsOf("migrate", poolId);
    assert.equal(event!.triggerSource, "UserMigration_ForgotPassword");
    assert.deepEqual(event!.request, { validationData: null, clientMetadata: { from: "reset-page" } });
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "legacy-max" }));
    assert.equal(user.UserStatus, "RESET_REQUIRED");

    await t.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: "legacy-max",
        ConfirmationCode: (await lastMessage(t, poolId, "legacy-max")).code!,
        Password: "N3wPassw0rd!",
      }),
    );
    const signedIn = await passwordAuth(clientId, "legacy-max", "N3wPassw0rd!");
    assert.ok(signedIn.AuthenticationResult?.AccessToken);
    assert.equal(eventsOf("migrate", poolId).length, 1, "not migrated twice");
  });

  it("USER_SRP_AUTH never migrates: the password does not reach Cognito", async () => {
    const { poolId, clientId } = await poolWith({ UserMigration: functionArn("migrate") });
    const err = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: "legacy-ned", SRP_A: "ab".repeat(192) },
        }),
      ),
    );
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(eventsOf("migrate", poolId).length, 0);
  });

  it("forceAliasCreation: a verified email another user holds as alias is refused, or moved when forced", async () => {
    const { poolId, clientId } = await poolWith(
      { UserMigration: functionArn("migrate") },
      { AliasAttributes: ["email"] },
    );
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "holder",
        UserAttributes: [
          { Name: "email", Value: "shared@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
        MessageAction: "SUPPRESS",
      }),
    );
    const refused = await errorOf(() => passwordAuth(clientId, "legacy-alias-oz", "Legacy1!"));
    assert.equal(refused.name, "AliasExistsException");
    const forced = await passwordAuth(clientId, "legacy-alias-force-pat", "Legacy1!");
    assert.ok(forced.AuthenticationResult?.AccessToken);
    const holder = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "holder" }));
    assert.equal(holder.UserAttributes!.find((a) => a.Name === "email_verified")?.Value, "false");
  });

  it("enableSMSMFA turns SMS MFA on for the migrated user", async () => {
    const { poolId, clientId } = await poolWith({ UserMigration: functionArn("migrate") });
    await passwordAuth(clientId, "legacy-mfa-quinn", "Legacy1!");
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "legacy-mfa-quinn" }));
    assert.deepEqual(user.UserMFASettingList, ["SMS_MFA"]);
  });

  it("ADMIN_USER_PASSWORD_AUTH migrates too, and PostAuthentication sees the migrated user", async () => {
    const { poolId, clientId } = await poolWith({
      UserMigration: functionArn("migrate"),
      PostAuthentication: functionArn("postAuth"),
    });
    const answer = await t.client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "legacy-rae", PASSWORD: "Legacy1!" },
      }),
    );
    assert.ok(answer.AuthenticationResult?.AccessToken);
    const [event] = eventsOf("postAuth", poolId);
    assert.equal(event!.userName, "legacy-rae");
    assert.deepEqual(event!.callerContext, { awsSdkVersion: SDK, clientId });
    const attributes = (event!.request as { userAttributes: Record<string, string> }).userAttributes;
    assert.equal(attributes.email, "legacy-rae@legacy.example.com");
    assert.equal(attributes["cognito:user_status"], "CONFIRMED");
  });

  it("in a pool that signs in with email, the migrated user gets a generated username and signs in by email", async () => {
    const { poolId, clientId } = await poolWith(
      { UserMigration: functionArn("migrate") },
      { UsernameAttributes: ["email"] },
    );
    const email = "legacy-sam@legacy.example.com";
    assert.ok((await passwordAuth(clientId, email, "Legacy1!")).AuthenticationResult?.AccessToken);
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }));
    assert.notEqual(user.Username, email);
    assert.equal(user.UserAttributes!.find((a) => a.Name === "email")?.Value, email);
    assert.ok((await passwordAuth(clientId, email, "Legacy1!")).AuthenticationResult?.AccessToken);
    assert.equal(eventsOf("migrate", poolId).length, 1);
  });
});
