import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DeleteUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
  AdminSetUserSettingsCommand,
  AdminUpdateUserAttributesCommand,
  DeleteUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserAuthFactorsCommand,
  SetUserSettingsCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { createLogger } from "../../src/common/log.js";
import { issueTokens } from "../../src/tokens/issue.js";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

const PASSWORD = "Passw0rd!";

/** Signs a user in with USER_PASSWORD_AUTH through the given client and answers the tokens. */
async function passwordSignIn(t: TestCognate, ClientId: string, USERNAME: string, password = PASSWORD) {
  const res = await t.client.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME, PASSWORD: password },
    }),
  );
  return res.AuthenticationResult!;
}

async function setup(t: TestCognate, pool: Partial<CreateUserPoolCommandInput> = {}) {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "self", ...pool }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "alice",
      MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
    }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "alice", Password: PASSWORD, Permanent: true }),
  );
  const signIn = (password = PASSWORD) => passwordSignIn(t, clientId, "alice", password);
  return { poolId, clientId, signIn };
}

describe("GetUser and access token checks", () => {
  const t = useCognate();

  it("answers the signed-in user's username and attributes", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    const res = await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    assert.equal(res.Username, "alice");
    const attributes = Object.fromEntries(res.UserAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attributes.email, "alice@example.com");
    assert.equal(attributes.sub, decodeJwt(tokens.AccessToken!).sub);
    // A user without MFA gets no MFA members.
    assert.equal(res.MFAOptions, undefined);
    assert.equal(res.PreferredMfaSetting, undefined);
    assert.equal(res.UserMFASettingList, undefined);
  });

  it("shows only the client's ReadAttributes when it has them", async () => {
    const { poolId } = await setup(t);
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "narrow",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        ReadAttributes: ["given_name"],
      }),
    );
    const tokens = await passwordSignIn(t, UserPoolClient!.ClientId!, "alice");
    const res = await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    assert.deepEqual(
      res.UserAttributes!.map((a) => a.Name),
      ["sub"],
    );
  });

  it("hides what ReadAttributes leaves out, the verified flags included", async () => {
    // UserPoolClientType.ReadAttributes: the access token authorizes reading "any attribute in this list";
    // email_verified and phone_number_verified are readable by default only when ReadAttributes isn't set.
    const { poolId } = await setup(t);
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "alice",
        UserAttributes: [
          { Name: "email_verified", Value: "true" },
          { Name: "name", Value: "Alice L." },
          { Name: "family_name", Value: "Hidden" },
        ],
      }),
    );
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "readers",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        ReadAttributes: ["email", "name"],
      }),
    );
    const tokens = await passwordSignIn(t, UserPoolClient!.ClientId!, "alice");
    const res = await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    assert.deepEqual(Object.fromEntries(res.UserAttributes!.map((a) => [a.Name, a.Value])), {
      sub: decodeJwt(tokens.AccessToken!).sub,
      email: "alice@example.com",
      name: "Alice L.",
    });
  });

  it("refuses malformed, tampered, foreign-key and id tokens", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    const refused = async (token: string, message: string) => {
      const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: token })));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, message);
    };
    await refused("garbage", "Invalid Access Token");
    await refused("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "Invalid Access Token");
    const [header, payload, signature] = tokens.AccessToken!.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: 9_999_999_999 })).toString("base64url");
    await refused(`${header}.${forged}.${signature}`, "Invalid Access Token");
    // Same kid and issuer, but signed with a key Cognate never had.
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ kid: decodeProtectedHeader(tokens.AccessToken!).kid!, alg: "RS256" })
      .sign(privateKey);
    await refused(foreign, "Invalid Access Token");
    await refused(tokens.IdToken!, "Invalid Access Token");
  });

  it("refuses expired tokens", async () => {
    const { poolId } = await setup(t);
    const store = t.cognate.store;
    const pool = (await store.pools.get(poolId))!;
    const client = (await store.clients.list(poolId, { limit: 1 })).items[0]!;
    const user = (await store.users.get(poolId, "alice"))!;
    const ctx = {
      store,
      config: t.cognate.config,
      accountId: pool.accountId,
      region: pool.region,
      now: Date.now() - 2 * 3600_000,
      requestId: "test",
      log: createLogger("silent"),
    };
    const old = await store.transaction(() => issueTokens(ctx, { pool, client, user, withRefresh: false }));
    const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: old.AccessToken! })));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Access Token has expired");
  });

  it("accepts an access token until its exp and refuses it just after", async (ctx) => {
    const { poolId } = await setup(t);
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "short",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        AccessTokenValidity: 5,
        TokenValidityUnits: { AccessToken: "minutes" },
      }),
    );
    const tokens = await passwordSignIn(t, UserPoolClient!.ClientId!, "alice");
    const exp = decodeJwt(tokens.AccessToken!).exp! * 1000;
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    ctx.mock.timers.tick(exp - Date.now() - 2000);
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).Username, "alice");
    ctx.mock.timers.tick(4000);
    const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Access Token has expired");
  });

  it("refuses tokens of disabled and deleted users", async () => {
    const { poolId, signIn } = await setup(t);
    const tokens = await signIn();
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "alice" }));
    const disabled = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(disabled.name, "NotAuthorizedException");
    assert.equal(disabled.message, "User is disabled.");
    // AdminDisableUser: "Deactivates a user profile and revokes all access tokens for the user."
    const update = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [{ Name: "name", Value: "Off" }],
        }),
      ),
    );
    assert.equal(update.name, "NotAuthorizedException");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "alice" }));
    const deleted = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(deleted.name, "UserNotFoundException");
    assert.equal(deleted.message, "User does not exist.");
  });
});

describe("ChangePassword", () => {
  const t = useCognate();

  it("changes the password: the old one stops working, the new one signs in", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    const out = await t.client.send(
      new ChangePasswordCommand({
        AccessToken: tokens.AccessToken!,
        PreviousPassword: PASSWORD,
        ProposedPassword: "N3w!password",
      }),
    );
    const { $metadata, ...rest } = out;
    assert.equal($metadata.httpStatusCode, 200);
    assert.deepEqual(rest, {});
    // The access token used for the change stays valid.
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).Username, "alice");
    const old = await errorOf(() => signIn());
    assert.equal(old.name, "NotAuthorizedException");
    assert.equal(old.message, "Incorrect username or password.");
    assert.ok((await signIn("N3w!password")).AccessToken);
  });

  it("refuses a wrong previous password, a weak one and a reused one", async () => {
    const { signIn } = await setup(t, {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 2,
        },
      },
    });
    const tokens = await signIn();
    const wrong = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: tokens.AccessToken!,
          PreviousPassword: "Wr0ng!pass",
          ProposedPassword: "N3w!password",
        }),
      ),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");
    const weak = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: tokens.AccessToken!,
          PreviousPassword: PASSWORD,
          ProposedPassword: "weakweak",
        }),
      ),
    );
    assert.equal(weak.name, "InvalidPasswordException");
    assert.equal(weak.message, "Password did not conform with policy: Password must have uppercase characters");
    const reused = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: tokens.AccessToken!,
          PreviousPassword: PASSWORD,
          ProposedPassword: PASSWORD,
        }),
      ),
    );
    assert.equal(reused.name, "PasswordHistoryPolicyViolationException");
    // A recent password is refused as well as the current one.
    await t.client.send(
      new ChangePasswordCommand({
        AccessToken: tokens.AccessToken!,
        PreviousPassword: PASSWORD,
        ProposedPassword: "N3w!password",
      }),
    );
    const recent = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: tokens.AccessToken!,
          PreviousPassword: "N3w!password",
          ProposedPassword: PASSWORD,
        }),
      ),
    );
    assert.equal(recent.name, "PasswordHistoryPolicyViolationException");
    const invalid = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({ AccessToken: "bad", PreviousPassword: PASSWORD, ProposedPassword: "N3w!password" }),
      ),
    );
    assert.equal(invalid.name, "NotAuthorizedException");
    assert.equal(invalid.message, "Invalid Access Token");
  });
});

describe("ChangePassword without PreviousPassword", () => {
  const t = useCognate();

  it("is refused for a user who has a password", async () => {
    // ChangePasswordRequest.PreviousPassword: "Required if the user has a password."
    const { signIn } = await setup(t);
    const tokens = await signIn();
    const err = await errorOf(() =>
      t.client.send(new ChangePasswordCommand({ AccessToken: tokens.AccessToken!, ProposedPassword: "N3w!password" })),
    );
    assert.ok(err.name);
    assert.ok((await signIn()).AccessToken);
  });
});

describe("ChangePassword attempt limit", () => {
  const t = useCognate();

  it("throttles from the fifth wrong previous password in a row, until the lock runs out", async (ctx) => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    const change = (PreviousPassword: string) =>
      errorOf(() =>
        t.client.send(
          new ChangePasswordCommand({
            AccessToken: tokens.AccessToken!,
            PreviousPassword,
            ProposedPassword: "N3w!password",
          }),
        ),
      );
    for (let i = 0; i < 4; i++) {
      const err = await change(`Wr0ng!pass${i}`);
      assert.equal(err.name, "NotAuthorizedException", `attempt ${i + 1}`);
      assert.equal(err.message, "Incorrect username or password.");
    }
    const fifth = await change("Wr0ng!pass4");
    assert.equal(fifth.name, "LimitExceededException");
    assert.equal(fifth.message, "Attempt limit exceeded, please try after some time.");
    // While locked, even the right password is refused without being checked.
    const locked = await change(PASSWORD);
    assert.equal(locked.name, "LimitExceededException");
    assert.equal(locked.message, "Attempt limit exceeded, please try after some time.");
    ctx.mock.timers.tick(1200);
    await t.client.send(
      new ChangePasswordCommand({
        AccessToken: tokens.AccessToken!,
        PreviousPassword: PASSWORD,
        ProposedPassword: "N3w!password",
      }),
    );
    // Success clears the count: the next wrong password is merely incorrect.
    const after = await change("Wr0ng!again");
    assert.equal(after.name, "NotAuthorizedException");
    assert.equal(after.message, "Incorrect username or password.");
  });
});

describe("DeleteUser", () => {
  const t = useCognate();

  it("deletes the signed-in user", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    await t.client.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken! }));
    const err = await errorOf(() => signIn());
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(err.message, "User does not exist.");
    const again = await errorOf(() => t.client.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(again.name, "UserNotFoundException");
  });
});

describe("UpdateUserAttributes, verification codes and VerifyUserAttribute", () => {
  const t = useCognate();

  const attributesOf = async (accessToken: string) =>
    Object.fromEntries(
      (await t.client.send(new GetUserCommand({ AccessToken: accessToken }))).UserAttributes!.map((a) => [
        a.Name,
        a.Value,
      ]),
    );
  const lastCode = async (poolId: string) => {
    const messages = await t.cognate.store.outbox.list({ userPoolId: poolId });
    return messages[messages.length - 1]!;
  };

  it("updates attributes; a new email is unverified and auto-verified pools send a code", async () => {
    const { poolId, signIn } = await setup(t, { AutoVerifiedAttributes: ["email"] });
    const tokens = await signIn();
    const res = await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: tokens.AccessToken!,
        UserAttributes: [
          { Name: "email", Value: "new@example.com" },
          { Name: "given_name", Value: "Al" },
        ],
      }),
    );
    assert.deepEqual(res.CodeDeliveryDetailsList, [
      { Destination: "n***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" },
    ]);
    const attributes = await attributesOf(tokens.AccessToken!);
    assert.equal(attributes.email, "new@example.com");
    assert.equal(attributes.email_verified, "false");
    assert.equal(attributes.given_name, "Al");

    const message = await lastCode(poolId);
    assert.equal(message.destination, "new@example.com");
    const wrong = await errorOf(() =>
      t.client.send(
        new VerifyUserAttributeCommand({
          AccessToken: tokens.AccessToken!,
          AttributeName: "email",
          Code: "000000" === message.code ? "111111" : "000000",
        }),
      ),
    );
    assert.equal(wrong.name, "CodeMismatchException");
    assert.equal(wrong.message, "Invalid verification code provided, please try again.");
    await t.client.send(
      new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken!, AttributeName: "email", Code: message.code! }),
    );
    assert.equal((await attributesOf(tokens.AccessToken!)).email_verified, "true");
    const reused = await errorOf(() =>
      t.client.send(
        new VerifyUserAttributeCommand({
          AccessToken: tokens.AccessToken!,
          AttributeName: "email",
          Code: message.code!,
        }),
      ),
    );
    assert.equal(reused.name, "ExpiredCodeException");
  });

  it("keeps the old email until the new one is verified when the pool requires it", async () => {
    const { poolId, signIn } = await setup(t, {
      AutoVerifiedAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "alice",
        UserAttributes: [{ Name: "email_verified", Value: "true" }],
      }),
    );
    const tokens = await signIn();
    const res = await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: tokens.AccessToken!,
        UserAttributes: [{ Name: "email", Value: "next@example.com" }],
      }),
    );
    assert.equal(res.CodeDeliveryDetailsList!.length, 1);
    let attributes = await attributesOf(tokens.AccessToken!);
    assert.equal(attributes.email, "alice@example.com");
    assert.equal(attributes.email_verified, "true");
    // A new code goes to the pending address too.
    const resent = await t.client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken!, AttributeName: "email" }),
    );
    assert.deepEqual(resent.CodeDeliveryDetails, {
      Destination: "n***@e***",
      DeliveryMedium: "EMAIL",
      AttributeName: "email",
    });
    const message = await lastCode(poolId);
    assert.equal(message.destination, "next@example.com");
    await t.client.send(
      new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken!, AttributeName: "email", Code: message.code! }),
    );
    attributes = await attributesOf(tokens.AccessToken!);
    assert.equal(attributes.email, "next@example.com");
    assert.equal(attributes.email_verified, "true");
  });

  it("refuses attributes the client may not write, unknown attributes and non-verifiable names", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    const flag = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [{ Name: "email_verified", Value: "true" }],
        }),
      ),
    );
    assert.equal(flag.name, "NotAuthorizedException");
    assert.equal(flag.message, "A client attempted to write unauthorized attribute");
    const unknown = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [
            { Name: "custom:nope", Value: "x" },
            { Name: "nickname", Value: "ok" },
            { Name: "shoe_size", Value: "" },
          ],
        }),
      ),
    );
    // One line per unknown name, as Cognito answers UpdateUserAttributes (aws-amplify/amplify-flutter#1531).
    assert.equal(unknown.name, "InvalidParameterException");
    assert.equal(
      unknown.message,
      "user.custom:nope: Attribute does not exist in the schema.\nuser.shoe_size: Attribute does not exist in the schema.\n",
    );
    const notVerifiable = await errorOf(() =>
      t.client.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken!, AttributeName: "given_name" }),
      ),
    );
    assert.equal(notVerifiable.name, "InvalidParameterException");
    // Nor can an attribute the user has no value for be verified.
    const noPhone = await errorOf(() =>
      t.client.send(
        new GetUserAttributeVerificationCodeCommand({
          AccessToken: tokens.AccessToken!,
          AttributeName: "phone_number",
        }),
      ),
    );
    assert.equal(noPhone.name, "InvalidParameterException");
  });

  it("refuses writes outside the client's WriteAttributes, to UpdateUserAttributes and DeleteUserAttributes", async () => {
    const { poolId } = await setup(t);
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "alice",
        UserAttributes: [{ Name: "name", Value: "Alice" }],
      }),
    );
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "writers",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        WriteAttributes: ["email"],
      }),
    );
    const tokens = await passwordSignIn(t, UserPoolClient!.ClientId!, "alice");
    const update = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [{ Name: "name", Value: "X" }],
        }),
      ),
    );
    assert.equal(update.name, "NotAuthorizedException");
    assert.equal(update.message, "A client attempted to write unauthorized attribute");
    const remove = await errorOf(() =>
      t.client.send(
        new DeleteUserAttributesCommand({ AccessToken: tokens.AccessToken!, UserAttributeNames: ["name"] }),
      ),
    );
    assert.equal(remove.name, "NotAuthorizedException");
    assert.equal(remove.message, "A client attempted to write unauthorized attribute");
    assert.equal((await t.cognate.store.users.get(poolId, "alice"))!.attributes.name, "Alice");
  });

  it("refuses immutable custom attributes and malformed values; a plain change sends nothing", async () => {
    const { poolId, clientId, signIn } = await setup(t, {
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "fixed", AttributeDataType: "String", Mutable: false }],
    });
    const tokens = await signIn();
    // An immutable attribute is set when the user is created, and never again.
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "yan",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "custom:fixed", Value: "a" }],
      }),
    );
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "yan", Password: PASSWORD, Permanent: true }),
    );
    const yan = await passwordSignIn(t, clientId, "yan");
    const plain = await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: tokens.AccessToken!,
        UserAttributes: [{ Name: "name", Value: "Al" }],
      }),
    );
    assert.deepEqual(plain.CodeDeliveryDetailsList ?? [], []);
    assert.equal((await attributesOf(tokens.AccessToken!)).name, "Al");
    const immutable = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: yan.AccessToken!,
          UserAttributes: [{ Name: "custom:fixed", Value: "b" }],
        }),
      ),
    );
    assert.equal(immutable.name, "InvalidParameterException");
    assert.equal((await attributesOf(yan.AccessToken!))["custom:fixed"], "a");
    const malformed = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [{ Name: "email", Value: "nope" }],
        }),
      ),
    );
    assert.equal(malformed.name, "InvalidParameterException");
    assert.equal(malformed.message, "Invalid email address format.");
    assert.equal((await attributesOf(tokens.AccessToken!)).email, "alice@example.com");
  });

  it("refuses developer-only attributes to the user, while the administrator may write them", async () => {
    const { poolId, signIn } = await setup(t, {
      Schema: [{ Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true, Mutable: true }],
    });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "alice",
        UserAttributes: [{ Name: "dev:custom:secret", Value: "admin-set" }],
      }),
    );
    const tokens = await signIn();
    const update = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [{ Name: "dev:custom:secret", Value: "user-set" }],
        }),
      ),
    );
    assert.equal(update.name, "NotAuthorizedException");
    assert.equal(update.message, "A client attempted to write unauthorized attribute");
    const remove = await errorOf(() =>
      t.client.send(
        new DeleteUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributeNames: ["dev:custom:secret"],
        }),
      ),
    );
    assert.equal(remove.name, "NotAuthorizedException");
    assert.equal(remove.message, "A client attempted to write unauthorized attribute");
    const stored = await t.cognate.store.users.get(poolId, "alice");
    assert.equal(stored!.attributes["dev:custom:secret"], "admin-set");
  });

  it("a blank value deletes the attribute (with an address's verified flag), but not a required one", async () => {
    // UpdateUserAttributes: "To delete an attribute from the user, submit the attribute in your API request with a
    // blank value."
    const { poolId, signIn } = await setup(t, {
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "alice",
        UserAttributes: [
          { Name: "family_name", Value: "Liddell" },
          { Name: "phone_number", Value: "+15555550100" },
          { Name: "phone_number_verified", Value: "true" },
        ],
      }),
    );
    const tokens = await signIn();
    await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: tokens.AccessToken!,
        UserAttributes: [
          { Name: "family_name", Value: "" },
          { Name: "phone_number", Value: "" },
          { Name: "nickname", Value: "Al" },
        ],
      }),
    );
    const attributes = await attributesOf(tokens.AccessToken!);
    assert.equal("family_name" in attributes, false);
    assert.equal("phone_number" in attributes, false);
    assert.equal("phone_number_verified" in attributes, false);
    assert.equal(attributes.nickname, "Al");
    const required = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [{ Name: "email", Value: "" }],
        }),
      ),
    );
    assert.equal(required.name, "InvalidParameterException");
    assert.equal(required.message, "Attributes did not conform to the schema: email: The attribute is required");
    assert.equal((await attributesOf(tokens.AccessToken!)).email, "alice@example.com");
  });

  it("DeleteUserAttributes removes attributes (and an address's verified flag)", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    await t.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: tokens.AccessToken!,
        UserAttributes: [{ Name: "given_name", Value: "Al" }],
      }),
    );
    await t.client.send(
      new DeleteUserAttributesCommand({
        AccessToken: tokens.AccessToken!,
        UserAttributeNames: ["given_name", "email"],
      }),
    );
    const attributes = await attributesOf(tokens.AccessToken!);
    assert.equal(attributes.given_name, undefined);
    assert.equal(attributes.email, undefined);
    assert.equal(attributes.email_verified, undefined);
    const sub = await errorOf(() =>
      t.client.send(new DeleteUserAttributesCommand({ AccessToken: tokens.AccessToken!, UserAttributeNames: ["sub"] })),
    );
    assert.equal(sub.name, "InvalidParameterException");
    const changeSub = await errorOf(() =>
      t.client.send(
        new UpdateUserAttributesCommand({
          AccessToken: tokens.AccessToken!,
          UserAttributes: [{ Name: "sub", Value: "x" }],
        }),
      ),
    );
    assert.equal(changeSub.name, "InvalidParameterException");
    // A required attribute can't be deleted.
    const required = await setup(t, {
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    const requiredTokens = await required.signIn();
    const refused = await errorOf(() =>
      t.client.send(
        new DeleteUserAttributesCommand({ AccessToken: requiredTokens.AccessToken!, UserAttributeNames: ["email"] }),
      ),
    );
    assert.equal(refused.name, "InvalidParameterException");
    assert.equal((await attributesOf(requiredTokens.AccessToken!)).email, "alice@example.com");
  });
});

describe("SetUserSettings, AdminSetUserSettings and GetUserAuthFactors", () => {
  const t = useCognate();

  it("stores MFAOptions and lists the user's factors", async () => {
    const { poolId, signIn } = await setup(t);
    const tokens = await signIn();
    const options = [{ DeliveryMedium: "SMS" as const, AttributeName: "phone_number" }];
    await t.client.send(new SetUserSettingsCommand({ AccessToken: tokens.AccessToken!, MFAOptions: options }));
    // SMS MFAOptions turn SMS MFA on, which shows in UserMFASettingList (and as the preference when none was set).
    const withSms = await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    assert.deepEqual(withSms.MFAOptions, options);
    assert.deepEqual(withSms.UserMFASettingList, ["SMS_MFA"]);
    assert.equal(withSms.PreferredMfaSetting, "SMS_MFA");
    const smsFactors = await t.client.send(new GetUserAuthFactorsCommand({ AccessToken: tokens.AccessToken! }));
    assert.deepEqual(smsFactors.UserMFASettingList, ["SMS_MFA"]);
    assert.equal(smsFactors.PreferredMfaSetting, "SMS_MFA");
    await t.client.send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: "alice", MFAOptions: [] }));
    const cleared = await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    assert.equal(cleared.MFAOptions, undefined);
    assert.equal(cleared.UserMFASettingList, undefined);
    assert.equal(cleared.PreferredMfaSetting, undefined);
    // AdminSetUserSettings turns it on the same way.
    await t.client.send(
      new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: "alice", MFAOptions: options }),
    );
    assert.deepEqual(
      (await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).UserMFASettingList,
      ["SMS_MFA"],
    );
    await t.client.send(new SetUserSettingsCommand({ AccessToken: tokens.AccessToken!, MFAOptions: [] }));
    const bad = await errorOf(() =>
      t.client.send(
        new SetUserSettingsCommand({
          AccessToken: tokens.AccessToken!,
          MFAOptions: [{ DeliveryMedium: "EMAIL", AttributeName: "email" }],
        }),
      ),
    );
    assert.equal(bad.name, "InvalidParameterException");
    const missing = await errorOf(() =>
      t.client.send(new AdminSetUserSettingsCommand({ UserPoolId: poolId, Username: "nobody", MFAOptions: [] })),
    );
    assert.equal(missing.name, "UserNotFoundException");

    const factors = await t.client.send(new GetUserAuthFactorsCommand({ AccessToken: tokens.AccessToken! }));
    assert.equal(factors.Username, "alice");
    assert.deepEqual(factors.ConfiguredUserAuthFactors, ["PASSWORD"]);
    assert.equal(factors.UserMFASettingList, undefined);
    assert.equal(factors.PreferredMfaSetting, undefined);
  });
});
