import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AddUserPoolClientSecretCommand,
  AdminUserGlobalSignOutCommand,
  type AuthenticationResultType,
  CreateGroupCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolClientCommand,
  type CreateUserPoolCommandInput,
  CreateUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { errorOf, rawCall, useCognate } from "../helpers/cognate.js";

const PASSWORD = "Corr3ct-Horse!";
const TEMP_PASSWORD = "Temp-Passw0rd!";

const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");

describe("sign-in, tokens and sign-out", () => {
  const t = useCognate();
  let n = 0;

  const pool = async (extra: Partial<CreateUserPoolCommandInput> = {}) =>
    (await t.client.send(new CreateUserPoolCommand({ PoolName: `signin-${++n}`, ...extra }))).UserPool!;

  const appClient = async (UserPoolId: string, extra: Partial<CreateUserPoolClientCommandInput> = {}) =>
    (
      await t.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId,
          ClientName: `app-${++n}`,
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          ...extra,
        }),
      )
    ).UserPoolClient!;

  /** A confirmed user with a permanent password. */
  const user = async (UserPoolId: string, Username: string, attrs: Record<string, string> = {}) => {
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    await t.client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: PASSWORD, Permanent: true }));
  };

  const passwordAuth = async (ClientId: string, USERNAME: string, PASSWORD_: string = PASSWORD, extra = {}) =>
    t.client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId,
        AuthParameters: { USERNAME, PASSWORD: PASSWORD_, ...extra },
      }),
    );

  /** Pool + client + user, signed in. */
  const signedIn = async (
    clientExtra: Partial<CreateUserPoolClientCommandInput> = {},
    attrs: Record<string, string> = {},
  ) => {
    const p = await pool();
    const c = await appClient(p.Id!, clientExtra);
    await user(p.Id!, "alice", attrs);
    const res = await passwordAuth(c.ClientId!, "alice");
    return { pool: p, client: c, res, tokens: res.AuthenticationResult! };
  };

  const getUser = (AccessToken: string) => t.client.send(new GetUserCommand({ AccessToken }));

  const checkTokenSet = (r: AuthenticationResultType, withRefresh: boolean) => {
    assert.equal(r.TokenType, "Bearer");
    assert.equal(r.ExpiresIn, 3600);
    assert.equal(typeof r.AccessToken, "string");
    assert.equal(typeof r.IdToken, "string");
    if (withRefresh) assert.equal(typeof r.RefreshToken, "string");
    else assert.equal(r.RefreshToken, undefined);
  };

  describe("USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH", () => {
    it("signs in with USER_PASSWORD_AUTH and answers tokens with empty ChallengeParameters", async () => {
      const { res } = await signedIn();
      assert.equal(res.ChallengeName, undefined);
      assert.equal(res.Session, undefined);
      assert.deepEqual(res.ChallengeParameters, {});
      checkTokenSet(res.AuthenticationResult!, true);
      assert.equal(res.AuthenticationResult!.NewDeviceMetadata, undefined);
    });

    it("signs in with ADMIN_USER_PASSWORD_AUTH", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "bob");
      const res = await t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: p.Id,
          ClientId: c.ClientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "bob", PASSWORD },
        }),
      );
      assert.deepEqual(res.ChallengeParameters, {});
      checkTokenSet(res.AuthenticationResult!, true);
      assert.equal(decodeJwt(res.AuthenticationResult!.AccessToken!).username, "bob");
    });

    it("refuses a wrong password with NotAuthorizedException 'Incorrect username or password.'", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "carol");
      const err = await errorOf(() => passwordAuth(c.ClientId!, "carol", "Wr0ng-Password!"));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Incorrect username or password.");
      assert.equal(err.$metadata?.httpStatusCode, 400);
    });

    it("answers UserNotFoundException 'User does not exist.' for an unknown user on a LEGACY client", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      const err = await errorOf(() => passwordAuth(c.ClientId!, "nobody"));
      assert.equal(err.name, "UserNotFoundException");
      assert.equal(err.message, "User does not exist.");
    });

    it("hides an unknown user behind 'Incorrect username or password.' when PreventUserExistenceErrors is ENABLED", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { PreventUserExistenceErrors: "ENABLED" });
      const err = await errorOf(() => passwordAuth(c.ClientId!, "nobody"));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Incorrect username or password.");
      const admin = await errorOf(() =>
        t.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: p.Id,
            ClientId: c.ClientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "nobody", PASSWORD },
          }),
        ),
      );
      assert.equal(admin.name, "NotAuthorizedException");
      assert.equal(admin.message, "Incorrect username or password.");
    });

    it("answers UserNotConfirmedException for a signed-up user who has not confirmed", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await t.client.send(new SignUpCommand({ ClientId: c.ClientId, Username: "dave", Password: PASSWORD }));
      const err = await errorOf(() => passwordAuth(c.ClientId!, "dave"));
      assert.equal(err.name, "UserNotConfirmedException");
      assert.equal(err.message, "User is not confirmed.");
    });

    it("on a LEGACY client, an unconfirmed user gets UserNotConfirmedException even with a wrong password", async () => {
      // AWS: "Yes, this is the intended behavior" (amazon-cognito-identity-js#288); amplify-js#11209, aws-sdk-js#4608
      const p = await pool();
      const c = await appClient(p.Id!);
      await t.client.send(new SignUpCommand({ ClientId: c.ClientId, Username: "dave", Password: PASSWORD }));
      const err = await errorOf(() => passwordAuth(c.ClientId!, "dave", "Wr0ng-Password!"));
      assert.equal(err.name, "UserNotConfirmedException");
      assert.equal(err.message, "User is not confirmed.");
    });

    it("with PreventUserExistenceErrors too, a user who must reset the password gets PasswordResetRequiredException", async () => {
      // AWS (aws-sdk-ios#2298): "PasswordResetRequiredException is returned whether or not Prevent User Existence
      // Errors is enabled or disabled" (this supersedes an older Developer Guide note about imported users)
      const p = await pool({ AutoVerifiedAttributes: ["email"] });
      const c = await appClient(p.Id!, { PreventUserExistenceErrors: "ENABLED" });
      await user(p.Id!, "frank", { email: "frank@example.com", email_verified: "true" });
      await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: p.Id, Username: "frank" }));
      const err = await errorOf(() => passwordAuth(c.ClientId!, "frank"));
      assert.equal(err.name, "PasswordResetRequiredException");
    });

    it("answers NotAuthorizedException 'User is disabled.' for a disabled user", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "erin");
      await t.client.send(new AdminDisableUserCommand({ UserPoolId: p.Id, Username: "erin" }));
      const err = await errorOf(() => passwordAuth(c.ClientId!, "erin"));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "User is disabled.");
    });

    it("answers PasswordResetRequiredException after AdminResetUserPassword", async () => {
      const p = await pool({ AutoVerifiedAttributes: ["email"] });
      const c = await appClient(p.Id!);
      await user(p.Id!, "frank", { email: "frank@example.com", email_verified: "true" });
      await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: p.Id, Username: "frank" }));
      const err = await errorOf(() => passwordAuth(c.ClientId!, "frank"));
      assert.equal(err.name, "PasswordResetRequiredException");
      assert.equal(err.message, "Password reset required for the user");
    });

    it("answers ResourceNotFoundException for an unknown app client", async () => {
      const err = await errorOf(() => passwordAuth("1example23456789abcdefghij", "alice"));
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "User pool client 1example23456789abcdefghij does not exist.");
    });

    it("AdminInitiateAuth answers ResourceNotFoundException for an unknown pool", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      const err = await errorOf(() =>
        t.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: "us-east-1_nothere00",
            ClientId: c.ClientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice", PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "ResourceNotFoundException");
    });

    it("signs in with a verified email alias; cognito:username stays the username", async () => {
      const p = await pool({ AliasAttributes: ["email"] });
      const c = await appClient(p.Id!);
      await user(p.Id!, "gina", { email: "gina@example.com", email_verified: "true" });
      const res = await passwordAuth(c.ClientId!, "gina@example.com");
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(id["cognito:username"], "gina");
      assert.equal(decodeJwt(res.AuthenticationResult!.AccessToken!).username, "gina");
    });

    it("an unverified email alias cannot be used to sign in", async () => {
      const p = await pool({ AliasAttributes: ["email"] });
      const c = await appClient(p.Id!);
      await user(p.Id!, "gail", { email: "gail@example.com" });
      const err = await errorOf(() => passwordAuth(c.ClientId!, "gail@example.com"));
      assert.equal(err.name, "UserNotFoundException");
    });

    it("signs in with a preferred_username alias", async () => {
      const p = await pool({ AliasAttributes: ["preferred_username"] });
      const c = await appClient(p.Id!);
      await user(p.Id!, "hugo", { preferred_username: "captain" });
      const res = await passwordAuth(c.ClientId!, "captain");
      assert.equal(decodeJwt(res.AuthenticationResult!.AccessToken!).username, "hugo");
    });

    it("in an email-as-username pool, cognito:username and username are the sub", async () => {
      const p = await pool({ UsernameAttributes: ["email"] });
      const c = await appClient(p.Id!);
      await user(p.Id!, "hank@example.com", { email_verified: "true" });
      const res = await passwordAuth(c.ClientId!, "hank@example.com");
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      const access = decodeJwt(res.AuthenticationResult!.AccessToken!);
      assert.match(id.sub!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(id["cognito:username"], id.sub);
      assert.equal(access.username, id.sub);
      assert.equal(id.email, "hank@example.com");
    });
  });

  describe("on the wire", () => {
    it("a successful InitiateAuth body has only AuthenticationResult and ChallengeParameters", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      const res = await rawCall(
        t.url,
        "InitiateAuth",
        JSON.stringify({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { USERNAME: "alice", PASSWORD },
        }),
      );
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), ["AuthenticationResult", "ChallengeParameters"]);
      assert.deepEqual(Object.keys(res.body.AuthenticationResult as object).sort(), [
        "AccessToken",
        "ExpiresIn",
        "IdToken",
        "RefreshToken",
        "TokenType",
      ]);
      assert.ok(res.headers.get("x-amzn-requestid"));
    });

    it("a refused sign-in carries __type, message and the x-amzn-ErrorType header", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      const res = await rawCall(
        t.url,
        "InitiateAuth",
        JSON.stringify({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { USERNAME: "alice", PASSWORD: "Wr0ng-Password!" },
        }),
      );
      assert.equal(res.status, 400);
      assert.equal(res.body.__type, "NotAuthorizedException");
      assert.equal(res.body.message, "Incorrect username or password.");
      assert.match(res.headers.get("x-amzn-errortype") ?? "", /^NotAuthorizedException/);
    });
  });

  describe("ExplicitAuthFlows", () => {
    it("a client created without ExplicitAuthFlows refuses USER_PASSWORD_AUTH", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { ExplicitAuthFlows: undefined });
      await user(p.Id!, "alice");
      const err = await errorOf(() => passwordAuth(c.ClientId!, "alice"));
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "USER_PASSWORD_AUTH flow not enabled for this client");
    });

    it("a client created without ExplicitAuthFlows refuses ADMIN_USER_PASSWORD_AUTH", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { ExplicitAuthFlows: undefined });
      await user(p.Id!, "alice");
      const err = await errorOf(() =>
        t.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: p.Id,
            ClientId: c.ClientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice", PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "Auth flow not enabled for this client");
    });

    it("refuses ADMIN_USER_PASSWORD_AUTH on a client that only allows USER_PASSWORD_AUTH", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      await user(p.Id!, "alice");
      const err = await errorOf(() =>
        t.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: p.Id,
            ClientId: c.ClientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice", PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "Auth flow not enabled for this client");
    });

    it("refuses USER_PASSWORD_AUTH on a client that only allows ADMIN_USER_PASSWORD_AUTH", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, {
        ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      });
      await user(p.Id!, "alice");
      const err = await errorOf(() => passwordAuth(c.ClientId!, "alice"));
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "USER_PASSWORD_AUTH flow not enabled for this client");
    });

    it("a client with the legacy USER_PASSWORD_AUTH value signs in with it and refreshes", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { ExplicitAuthFlows: ["USER_PASSWORD_AUTH"] });
      await user(p.Id!, "alice");
      const res = await passwordAuth(c.ClientId!, "alice");
      const refreshed = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { REFRESH_TOKEN: res.AuthenticationResult!.RefreshToken! },
        }),
      );
      checkTokenSet(refreshed.AuthenticationResult!, false);
    });

    it("a client with the legacy ADMIN_NO_SRP_AUTH value allows ADMIN_USER_PASSWORD_AUTH", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH"] });
      await user(p.Id!, "alice");
      const res = await t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: p.Id,
          ClientId: c.ClientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "alice", PASSWORD },
        }),
      );
      checkTokenSet(res.AuthenticationResult!, true);
    });

    it("a client without ALLOW_REFRESH_TOKEN_AUTH refuses REFRESH_TOKEN_AUTH", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] });
      await user(p.Id!, "alice");
      const res = await passwordAuth(c.ClientId!, "alice");
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: res.AuthenticationResult!.RefreshToken! },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
    });

    it("answers InvalidParameterException when USERNAME is missing", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "USER_PASSWORD_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
    });
  });

  describe("flow and parameter validation", () => {
    it("InitiateAuth refuses the admin flows with 'Initiate Auth method not supported.'", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      for (const AuthFlow of ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"] as const) {
        const err = await errorOf(() =>
          t.client.send(
            new InitiateAuthCommand({
              AuthFlow,
              ClientId: c.ClientId,
              AuthParameters: { USERNAME: "alice", PASSWORD },
            }),
          ),
        );
        assert.equal(err.name, "InvalidParameterException", AuthFlow);
        assert.equal(err.message, "Initiate Auth method not supported.", AuthFlow);
      }
    });

    it("AdminInitiateAuth refuses USER_PASSWORD_AUTH with 'Initiate Auth method not supported.'", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      const err = await errorOf(() =>
        t.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: p.Id,
            ClientId: c.ClientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice", PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "Initiate Auth method not supported.");
    });

    it("AdminInitiateAuth accepts the legacy ADMIN_NO_SRP_AUTH", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      const res = await t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: p.Id,
          ClientId: c.ClientId,
          AuthFlow: "ADMIN_NO_SRP_AUTH",
          AuthParameters: { USERNAME: "alice", PASSWORD },
        }),
      );
      checkTokenSet(res.AuthenticationResult!, true);
    });

    it("names the missing USERNAME or PASSWORD parameter", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      const noUser = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "USER_PASSWORD_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { PASSWORD },
          }),
        ),
      );
      assert.equal(noUser.name, "InvalidParameterException");
      assert.equal(noUser.message, "Missing required parameter USERNAME");
      const noPassword = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "USER_PASSWORD_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { USERNAME: "alice" },
          }),
        ),
      );
      assert.equal(noPassword.name, "InvalidParameterException");
      assert.equal(noPassword.message, "Missing required parameter PASSWORD");
    });

    it("AdminInitiateAuth with a client of another pool answers ResourceNotFoundException or InvalidParameterException", async () => {
      const p = await pool();
      const other = await pool();
      const c = await appClient(other.Id!);
      await user(p.Id!, "alice");
      const err = await errorOf(() =>
        t.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: p.Id,
            ClientId: c.ClientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "alice", PASSWORD },
          }),
        ),
      );
      assert.ok(["ResourceNotFoundException", "InvalidParameterException"].includes(err.name), err.name);
    });

    it("a case-insensitive pool signs in whatever the case, with the stored username in the tokens", async () => {
      const p = await pool({ UsernameConfiguration: { CaseSensitive: false } });
      const c = await appClient(p.Id!);
      await user(p.Id!, "Lena");
      const res = await passwordAuth(c.ClientId!, "LENA");
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(String(id["cognito:username"]).toLowerCase(), "lena");
    });

    it("a case-sensitive pool does not find the user under another case", async () => {
      const p = await pool({ UsernameConfiguration: { CaseSensitive: true } });
      const c = await appClient(p.Id!);
      await user(p.Id!, "Lena");
      const err = await errorOf(() => passwordAuth(c.ClientId!, "LENA"));
      assert.equal(err.name, "UserNotFoundException");
    });

    it("refuses sign-in for a deleted user, and refresh with that user's refresh token", async () => {
      const { pool: p, client: c, tokens } = await signedIn();
      await t.client.send(new AdminDeleteUserCommand({ UserPoolId: p.Id, Username: "alice" }));
      const err = await errorOf(() => passwordAuth(c.ClientId!, "alice"));
      assert.equal(err.name, "UserNotFoundException");
      const refresh = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.ok(["NotAuthorizedException", "UserNotFoundException"].includes(refresh.name), refresh.name);
      const getUserErr = await errorOf(() => getUser(tokens.AccessToken!));
      assert.ok(["NotAuthorizedException", "UserNotFoundException"].includes(getUserErr.name), getUserErr.name);
    });
  });

  describe("clients with a secret", () => {
    it("requires SECRET_HASH, refuses a wrong one and accepts the right one", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { GenerateSecret: true });
      await user(p.Id!, "alice");
      const missing = await errorOf(() => passwordAuth(c.ClientId!, "alice"));
      assert.equal(missing.name, "NotAuthorizedException");
      assert.match(missing.message, new RegExp(`^Client ${c.ClientId} is configured (with|for) secret but`));
      const wrong = await errorOf(() =>
        passwordAuth(c.ClientId!, "alice", PASSWORD, {
          SECRET_HASH: secretHash("not-the-secret", "alice", c.ClientId!),
        }),
      );
      assert.equal(wrong.name, "NotAuthorizedException");
      assert.equal(wrong.message, `Unable to verify secret hash for client ${c.ClientId}`);
      const ok = await passwordAuth(c.ClientId!, "alice", PASSWORD, {
        SECRET_HASH: secretHash(c.ClientSecret!, "alice", c.ClientId!),
      });
      checkTokenSet(ok.AuthenticationResult!, true);
    });

    it("refreshes with SECRET_HASH and GetTokensFromRefreshToken with ClientSecret", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { GenerateSecret: true });
      await user(p.Id!, "alice");
      const hash = secretHash(c.ClientSecret!, "alice", c.ClientId!);
      const signIn = await passwordAuth(c.ClientId!, "alice", PASSWORD, { SECRET_HASH: hash });
      const refresh = signIn.AuthenticationResult!.RefreshToken!;
      const noHash = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: refresh },
          }),
        ),
      );
      assert.equal(noHash.name, "NotAuthorizedException");
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { REFRESH_TOKEN: refresh, SECRET_HASH: hash },
        }),
      );
      checkTokenSet(res.AuthenticationResult!, false);
      const noSecret = await errorOf(() =>
        t.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: refresh })),
      );
      assert.equal(noSecret.name, "NotAuthorizedException");
      const got = await t.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: c.ClientId,
          RefreshToken: refresh,
          ClientSecret: c.ClientSecret,
        }),
      );
      checkTokenSet(got.AuthenticationResult!, false);
    });
  });

  describe("more secrets and aliases", () => {
    it("accepts SECRET_HASH made with either of the client's two secrets", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { GenerateSecret: true });
      await user(p.Id!, "alice");
      const added = await t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
      const second = added.ClientSecretDescriptor!.ClientSecretValue!;
      assert.notEqual(second, c.ClientSecret);
      for (const secret of [c.ClientSecret!, second]) {
        const res = await passwordAuth(c.ClientId!, "alice", PASSWORD, {
          SECRET_HASH: secretHash(secret, "alice", c.ClientId!),
        });
        checkTokenSet(res.AuthenticationResult!, true);
        const got = await t.client.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: c.ClientId,
            RefreshToken: res.AuthenticationResult!.RefreshToken,
            ClientSecret: secret,
          }),
        );
        checkTokenSet(got.AuthenticationResult!, false);
      }
    });

    it("SECRET_HASH is computed over the name the user signs in with (an alias)", async () => {
      const p = await pool({ AliasAttributes: ["email"] });
      const c = await appClient(p.Id!, { GenerateSecret: true });
      await user(p.Id!, "gina", { email: "gina@example.com", email_verified: "true" });
      const res = await passwordAuth(c.ClientId!, "gina@example.com", PASSWORD, {
        SECRET_HASH: secretHash(c.ClientSecret!, "gina@example.com", c.ClientId!),
      });
      checkTokenSet(res.AuthenticationResult!, true);
    });

    it("in an email-as-username pool with a secret, refresh takes SECRET_HASH over the sub", async () => {
      const p = await pool({ UsernameAttributes: ["email"] });
      const c = await appClient(p.Id!, { GenerateSecret: true });
      await user(p.Id!, "hank@example.com");
      const res = await passwordAuth(c.ClientId!, "hank@example.com", PASSWORD, {
        SECRET_HASH: secretHash(c.ClientSecret!, "hank@example.com", c.ClientId!),
      });
      const sub = decodeJwt(res.AuthenticationResult!.IdToken!).sub!;
      const refreshed = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: c.ClientId,
          AuthParameters: {
            REFRESH_TOKEN: res.AuthenticationResult!.RefreshToken!,
            SECRET_HASH: secretHash(c.ClientSecret!, sub, c.ClientId!),
          },
        }),
      );
      checkTokenSet(refreshed.AuthenticationResult!, false);
    });
  });

  describe("state changes after sign-in", () => {
    it("AdminDisableUser revokes the user's access tokens", async () => {
      const { pool: p, tokens } = await signedIn();
      await t.client.send(new AdminDisableUserCommand({ UserPoolId: p.Id, Username: "alice" }));
      const err = await errorOf(() => getUser(tokens.AccessToken!));
      assert.equal(err.name, "NotAuthorizedException");
    });

    it("access tokens revoked by AdminDisableUser stay revoked after AdminEnableUser", async () => {
      // AdminDisableUser: "Deactivates a user profile and revokes all access tokens for the user."
      const { pool: p, client: c, tokens } = await signedIn();
      await t.client.send(new AdminDisableUserCommand({ UserPoolId: p.Id, Username: "alice" }));
      await t.client.send(new AdminEnableUserCommand({ UserPoolId: p.Id, Username: "alice" }));
      const err = await errorOf(() => getUser(tokens.AccessToken!));
      assert.equal(err.name, "NotAuthorizedException");
      // a new sign-in works again
      const again = await passwordAuth(c.ClientId!, "alice");
      await getUser(again.AuthenticationResult!.AccessToken!);
    });

    it("refresh tokens revoked by AdminDisableUser stay revoked after AdminEnableUser", async () => {
      const { pool: p, client: c, tokens } = await signedIn();
      await t.client.send(new AdminDisableUserCommand({ UserPoolId: p.Id, Username: "alice" }));
      await t.client.send(new AdminEnableUserCommand({ UserPoolId: p.Id, Username: "alice" }));
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
    });

    it("revoked tokens stay revoked when the client's token revocation is turned off", async () => {
      // "When you disable token revocation in an app client where it was previously enabled, revoked tokens don't
      // become active again." (Developer Guide, Ending user sessions with token revocation)
      const { pool: p, client: c, tokens } = await signedIn();
      await t.client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
      await t.client.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: p.Id,
          ClientId: c.ClientId,
          ExplicitAuthFlows: c.ExplicitAuthFlows,
          EnableTokenRevocation: false,
        }),
      );
      const err = await errorOf(() => getUser(tokens.AccessToken!));
      assert.equal(err.name, "NotAuthorizedException");
      const refresh = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.equal(refresh.name, "NotAuthorizedException");
    });

    it("a refreshed id token reflects changed attributes and groups", async () => {
      const { pool: p, client: c, tokens } = await signedIn({}, { given_name: "Alice" });
      await t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: p.Id,
          Username: "alice",
          UserAttributes: [{ Name: "given_name", Value: "Alicia" }],
        }),
      );
      await t.client.send(new CreateGroupCommand({ UserPoolId: p.Id, GroupName: "late" }));
      await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: p.Id, Username: "alice", GroupName: "late" }));
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      );
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(id.given_name, "Alicia");
      assert.deepEqual(id["cognito:groups"], ["late"]);
      assert.deepEqual(decodeJwt(res.AuthenticationResult!.AccessToken!)["cognito:groups"], ["late"]);
    });

    it("the issuer is the server's address followed by the pool id", async () => {
      const { pool: p, tokens } = await signedIn();
      assert.equal(decodeJwt(tokens.IdToken!).iss, `${t.url.replace(/\/$/, "")}/${p.Id}`);
    });

    it("the JWKS of an unknown pool is not found", async () => {
      const res = await fetch(`${t.url}/us-east-1_nothere00/.well-known/jwks.json`);
      assert.equal(res.status, 404);
    });
  });

  describe("lockout", () => {
    // Cognito: "After five failed ... sign-in attempts with a password, Amazon Cognito locks out your user for one
    // second. The lockout duration then doubles after each additional one failed attempt ... Attempts made during a
    // lockout period generate a Password attempts exceeded exception, and don't affect the duration of subsequent
    // lockout periods." (Developer Guide, Authentication, lockout behavior)
    it("locks the user out with 'Password attempts exceeded' after repeated wrong passwords", async (ctx) => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "mallory");
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      const messages: string[] = [];
      for (let i = 0; i < 8; i++) {
        const err = await errorOf(() => passwordAuth(c.ClientId!, "mallory", `Wr0ng-Password-${i}!`));
        assert.equal(err.name, "NotAuthorizedException");
        messages.push(err.message);
      }
      assert.equal(messages[0], "Incorrect username or password.");
      assert.equal(messages.at(-1), "Password attempts exceeded");
      // while locked out, even the right password is refused
      const locked = await errorOf(() => passwordAuth(c.ClientId!, "mallory"));
      assert.equal(locked.name, "NotAuthorizedException");
      assert.equal(locked.message, "Password attempts exceeded");
    });

    it("allows five failures, locks for one second, then doubles; success after a lockout resets", async (ctx) => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "trent");
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      const sleep = async (ms: number) => ctx.mock.timers.tick(ms);
      for (let i = 0; i < 5; i++) {
        const err = await errorOf(() => passwordAuth(c.ClientId!, "trent", "Wr0ng-Password!"));
        assert.equal(err.message, "Incorrect username or password.", `attempt ${i + 1}`);
      }
      const sixth = await errorOf(() => passwordAuth(c.ClientId!, "trent"));
      assert.equal(sixth.message, "Password attempts exceeded");
      await sleep(1200);
      // the lockout is over: a wrong password is checked again, and starts a two-second lockout
      const wrong = await errorOf(() => passwordAuth(c.ClientId!, "trent", "Wr0ng-Password!"));
      assert.equal(wrong.message, "Incorrect username or password.");
      await sleep(1200);
      const stillLocked = await errorOf(() => passwordAuth(c.ClientId!, "trent"));
      assert.equal(stillLocked.message, "Password attempts exceeded");
      await sleep(1000);
      const ok = await passwordAuth(c.ClientId!, "trent");
      checkTokenSet(ok.AuthenticationResult!, true);
      // reset: five more failures before the next lockout
      for (let i = 0; i < 5; i++) {
        const err = await errorOf(() => passwordAuth(c.ClientId!, "trent", "Wr0ng-Password!"));
        assert.equal(err.message, "Incorrect username or password.", `attempt ${i + 1} after reset`);
      }
    });

    it("the lockout also applies to ADMIN_USER_PASSWORD_AUTH", async (ctx) => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "uma");
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      for (let i = 0; i < 6; i++) await errorOf(() => passwordAuth(c.ClientId!, "uma", "Wr0ng-Password!"));
      const err = await errorOf(() =>
        t.client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: p.Id,
            ClientId: c.ClientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "uma", PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Password attempts exceeded");
    });
  });

  describe("expiry (with the process clock moved forward)", () => {
    it("an access token past its exp is refused with 'Access Token has expired'", async (ctx) => {
      const { tokens } = await signedIn({
        AccessTokenValidity: 5,
        TokenValidityUnits: { AccessToken: "minutes" },
      });
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(6 * 60 * 1000);
      const err = await errorOf(() => getUser(tokens.AccessToken!));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Access Token has expired");
    });

    it("a refresh token past its validity is refused", async (ctx) => {
      const { client: c, tokens } = await signedIn({
        AccessTokenValidity: 5,
        IdTokenValidity: 5,
        RefreshTokenValidity: 60,
        TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "minutes" },
      });
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(30 * 60 * 1000);
      const ok = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      );
      // a refreshed access token never outlives the refresh token's session? Cognito caps nothing; 5 minutes stays
      assert.equal(ok.AuthenticationResult!.ExpiresIn, 300);
      ctx.mock.timers.tick(31 * 60 * 1000);
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Refresh Token has expired");
    });

    it("a challenge session past AuthSessionValidity is refused", async (ctx) => {
      const p = await pool();
      const c = await appClient(p.Id!, { AuthSessionValidity: 3 });
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "vic",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
        }),
      );
      const first = await passwordAuth(c.ClientId!, "vic", TEMP_PASSWORD);
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(3 * 60 * 1000 + 5000);
      const err = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: c.ClientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: first.Session,
            ChallengeResponses: { USERNAME: "vic", NEW_PASSWORD: PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Invalid session for the user, session is expired.");
    });

    it("a challenge session within AuthSessionValidity is accepted", async (ctx) => {
      const p = await pool();
      const c = await appClient(p.Id!, { AuthSessionValidity: 10 });
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "vic",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
        }),
      );
      const first = await passwordAuth(c.ClientId!, "vic", TEMP_PASSWORD);
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(5 * 60 * 1000);
      const res = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: c.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "vic", NEW_PASSWORD: PASSWORD },
        }),
      );
      checkTokenSet(res.AuthenticationResult!, true);
    });

    it("without AuthSessionValidity, a challenge session lasts three minutes", async (ctx) => {
      const p = await pool();
      const c = await appClient(p.Id!);
      for (const Username of ["early", "late"]) {
        await t.client.send(
          new AdminCreateUserCommand({
            UserPoolId: p.Id,
            Username,
            TemporaryPassword: TEMP_PASSWORD,
            MessageAction: "SUPPRESS",
          }),
        );
      }
      const early = await passwordAuth(c.ClientId!, "early", TEMP_PASSWORD);
      const late = await passwordAuth(c.ClientId!, "late", TEMP_PASSWORD);
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(150 * 1000);
      const ok = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: c.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: early.Session,
          ChallengeResponses: { USERNAME: "early", NEW_PASSWORD: PASSWORD },
        }),
      );
      checkTokenSet(ok.AuthenticationResult!, true);
      ctx.mock.timers.tick(40 * 1000);
      const err = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: c.ClientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: late.Session,
            ChallengeResponses: { USERNAME: "late", NEW_PASSWORD: PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
    });

    it("an access token is accepted until its exp and refused just after", async (ctx) => {
      const { tokens } = await signedIn({ AccessTokenValidity: 5, TokenValidityUnits: { AccessToken: "minutes" } });
      const exp = decodeJwt(tokens.AccessToken!).exp! * 1000;
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(exp - Date.now() - 2000);
      await getUser(tokens.AccessToken!);
      ctx.mock.timers.tick(4000);
      const err = await errorOf(() => getUser(tokens.AccessToken!));
      assert.equal(err.message, "Access Token has expired");
    });

    it("refresh tokens last 30 days by default", async (ctx) => {
      const { client: c, tokens } = await signedIn();
      const refresh = () =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        );
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(29 * 24 * 3600 * 1000);
      checkTokenSet((await refresh()).AuthenticationResult!, false);
      ctx.mock.timers.tick(2 * 24 * 3600 * 1000);
      const err = await errorOf(refresh);
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Refresh Token has expired");
    });

    it("refresh token validity in days and access token validity in seconds follow their units", async (ctx) => {
      const { client: c, tokens } = await signedIn({
        AccessTokenValidity: 600,
        RefreshTokenValidity: 1,
        TokenValidityUnits: { AccessToken: "seconds", RefreshToken: "days" },
      });
      assert.equal(tokens.ExpiresIn, 600);
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(25 * 3600 * 1000);
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.equal(err.message, "Refresh Token has expired");
    });

    it("the lockout counter resets after 15 minutes without attempts", async (ctx) => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "zed");
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      for (let i = 0; i < 6; i++) {
        await errorOf(() => passwordAuth(c.ClientId!, "zed", "Wr0ng-Password!"));
        ctx.mock.timers.tick(i === 5 ? 0 : 10);
      }
      ctx.mock.timers.tick(16 * 60 * 1000);
      for (let i = 0; i < 5; i++) {
        const err = await errorOf(() => passwordAuth(c.ClientId!, "zed", "Wr0ng-Password!"));
        assert.equal(err.message, "Incorrect username or password.", `attempt ${i + 1} after the reset`);
      }
    });

    it("a temporary password past TemporaryPasswordValidityDays is refused", async (ctx) => {
      const p = await pool({
        Policies: {
          PasswordPolicy: {
            MinimumLength: 8,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 1,
          },
        },
      });
      const c = await appClient(p.Id!);
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "wes",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
        }),
      );
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(2 * 24 * 3600 * 1000);
      const err = await errorOf(() => passwordAuth(c.ClientId!, "wes", TEMP_PASSWORD));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Temporary password has expired and must be reset by an administrator.");
    });
  });

  describe("rotation and refresh edge cases", () => {
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

    it("jti, origin_jti and event_id are UUIDs", async () => {
      const { tokens } = await signedIn();
      for (const token of [tokens.IdToken!, tokens.AccessToken!]) {
        const claims = decodeJwt(token);
        assert.match(String(claims.jti), UUID);
        assert.match(String(claims.origin_jti), UUID);
        assert.match(String(claims.event_id), UUID);
      }
    });

    it("a rotated refresh token is valid only for the rest of the original's lifetime", async (ctx) => {
      const { client: c, tokens } = await signedIn({
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        AccessTokenValidity: 5,
        IdTokenValidity: 5,
        RefreshTokenValidity: 60,
        TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "minutes" },
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      ctx.mock.timers.tick(40 * 60 * 1000);
      const rotated = await t.client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
      );
      const next = rotated.AuthenticationResult!.RefreshToken!;
      ctx.mock.timers.tick(25 * 60 * 1000);
      const err = await errorOf(() =>
        t.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: next })),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Refresh Token has expired");
    });

    it("after the grace period, the rotated-out refresh token answers RefreshTokenReuseException", async (ctx) => {
      const { client: c, tokens } = await signedIn({
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 },
      });
      ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
      await t.client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
      );
      ctx.mock.timers.tick(11 * 1000);
      const err = await errorOf(() =>
        t.client.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
        ),
      );
      assert.equal(err.name, "RefreshTokenReuseException");
    });

    it("GlobalSignOut also revokes refresh tokens obtained by rotation", async () => {
      const { client: c, tokens } = await signedIn({
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      const rotated = (
        await t.client.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
        )
      ).AuthenticationResult!;
      await t.client.send(new GlobalSignOutCommand({ AccessToken: rotated.AccessToken }));
      const err = await errorOf(() =>
        t.client.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: rotated.RefreshToken }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Refresh Token has been revoked");
    });

    it("GetTokensFromRefreshToken refuses a garbage token and another client's token", async () => {
      const { pool: p, tokens } = await signedIn();
      const other = await appClient(p.Id!);
      const garbage = await errorOf(() =>
        t.client.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: other.ClientId,
            RefreshToken: "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a.b.c.d",
          }),
        ),
      );
      assert.equal(garbage.name, "NotAuthorizedException");
      assert.equal(garbage.message, "Invalid Refresh Token.");
      const foreign = await errorOf(() =>
        t.client.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: other.ClientId, RefreshToken: tokens.RefreshToken }),
        ),
      );
      assert.equal(foreign.name, "NotAuthorizedException");
    });
  });

  describe("NEW_PASSWORD_REQUIRED", () => {
    const invited = async (poolExtra: Partial<CreateUserPoolCommandInput> = {}, attrs: Record<string, string> = {}) => {
      const p = await pool(poolExtra);
      const c = await appClient(p.Id!);
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "ivy",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
          UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      return { pool: p, client: c };
    };

    it("answers the challenge with USER_ID_FOR_SRP, requiredAttributes and userAttributes, and no tokens", async () => {
      const { client } = await invited({}, { email: "ivy@example.com", email_verified: "true" });
      const res = await passwordAuth(client.ClientId!, "ivy", TEMP_PASSWORD);
      assert.equal(res.ChallengeName, "NEW_PASSWORD_REQUIRED");
      assert.equal(res.AuthenticationResult, undefined);
      assert.equal(typeof res.Session, "string");
      assert.ok(res.Session!.length >= 20);
      assert.deepEqual(Object.keys(res.ChallengeParameters!).sort(), [
        "USER_ID_FOR_SRP",
        "requiredAttributes",
        "userAttributes",
      ]);
      assert.equal(res.ChallengeParameters!.USER_ID_FOR_SRP, "ivy");
      assert.deepEqual(JSON.parse(res.ChallengeParameters!.requiredAttributes!), []);
      const attrs = JSON.parse(res.ChallengeParameters!.userAttributes!) as Record<string, string>;
      assert.equal(attrs.email, "ivy@example.com");
      assert.equal(attrs.email_verified, "true");
      assert.equal(attrs.sub, undefined);
    });

    it("does not list a required attribute the user already has", async () => {
      const { client } = await invited(
        {
          Schema: [{ Name: "name", AttributeDataType: "String", Required: true, Mutable: true }],
        },
        { name: "Ivy" },
      );
      const res = await passwordAuth(client.ClientId!, "ivy", TEMP_PASSWORD);
      assert.deepEqual(JSON.parse(res.ChallengeParameters!.requiredAttributes!), []);
    });

    it("answers a wrong temporary password with 'Incorrect username or password.'", async () => {
      const { client } = await invited();
      const err = await errorOf(() => passwordAuth(client.ClientId!, "ivy", "Wr0ng-Password!"));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Incorrect username or password.");
    });

    it("completes with RespondToAuthChallenge and the user can then sign in with the new password", async () => {
      const { client } = await invited();
      const first = await passwordAuth(client.ClientId!, "ivy", TEMP_PASSWORD);
      const res = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: client.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "ivy", NEW_PASSWORD: PASSWORD },
        }),
      );
      assert.equal(res.ChallengeName, undefined);
      assert.deepEqual(res.ChallengeParameters, {});
      checkTokenSet(res.AuthenticationResult!, true);
      const again = await passwordAuth(client.ClientId!, "ivy", PASSWORD);
      checkTokenSet(again.AuthenticationResult!, true);
      const old = await errorOf(() => passwordAuth(client.ClientId!, "ivy", TEMP_PASSWORD));
      assert.equal(old.name, "NotAuthorizedException");
    });

    it("completes with AdminRespondToAuthChallenge after ADMIN_USER_PASSWORD_AUTH", async () => {
      const { pool: p, client } = await invited();
      const first = await t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: p.Id,
          ClientId: client.ClientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ivy", PASSWORD: TEMP_PASSWORD },
        }),
      );
      assert.equal(first.ChallengeName, "NEW_PASSWORD_REQUIRED");
      assert.equal(first.ChallengeParameters!.USER_ID_FOR_SRP, "ivy");
      const res = await t.client.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: p.Id,
          ClientId: client.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "ivy", NEW_PASSWORD: PASSWORD },
        }),
      );
      checkTokenSet(res.AuthenticationResult!, true);
    });

    it("refuses a new password that breaks the policy with InvalidPasswordException", async () => {
      const { client } = await invited();
      const first = await passwordAuth(client.ClientId!, "ivy", TEMP_PASSWORD);
      const err = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: client.ClientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: first.Session,
            ChallengeResponses: { USERNAME: "ivy", NEW_PASSWORD: "short" },
          }),
        ),
      );
      assert.equal(err.name, "InvalidPasswordException");
    });

    it("refuses a challenge response without NEW_PASSWORD with InvalidParameterException", async () => {
      const { client } = await invited();
      const first = await passwordAuth(client.ClientId!, "ivy", TEMP_PASSWORD);
      const err = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: client.ClientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: first.Session,
            ChallengeResponses: { USERNAME: "ivy" },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
    });

    it("refuses an invalid session with NotAuthorizedException", async () => {
      const { client } = await invited();
      const err = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: client.ClientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: "AYABeC1-y8qooiuysEv0uM4wAqQAHQABAAdTZXJ2aWNlABBDb2duaXRvVXNlclBvb2xzAAEAB2F3cy1rbXMAS2Fybjph",
            ChallengeResponses: { USERNAME: "ivy", NEW_PASSWORD: PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
    });

    it("accepts writable attributes in the challenge response", async () => {
      const p = await pool({
        Schema: [{ Name: "name", AttributeDataType: "String", Required: true, Mutable: true }],
      });
      const c = await appClient(p.Id!);
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "jo",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
          UserAttributes: [{ Name: "name", Value: "Jo" }],
        }),
      );
      const first = await passwordAuth(c.ClientId!, "jo", TEMP_PASSWORD);
      const res = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: c.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "jo", NEW_PASSWORD: PASSWORD, "userAttributes.given_name": "Joanna" },
        }),
      );
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(id.given_name, "Joanna");
      assert.equal(id.name, "Jo");
    });
  });

  describe("NEW_PASSWORD_REQUIRED in other pools", () => {
    it("in an email-as-username pool, USER_ID_FOR_SRP is the sub", async () => {
      const p = await pool({ UsernameAttributes: ["email"] });
      const c = await appClient(p.Id!);
      const created = await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "nina@example.com",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
        }),
      );
      const sub = created.User!.Attributes!.find((a) => a.Name === "sub")!.Value!;
      const res = await passwordAuth(c.ClientId!, "nina@example.com", TEMP_PASSWORD);
      assert.equal(res.ChallengeName, "NEW_PASSWORD_REQUIRED");
      assert.equal(res.ChallengeParameters!.USER_ID_FOR_SRP, sub);
      const done = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: c.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: res.Session,
          ChallengeResponses: { USERNAME: sub, NEW_PASSWORD: PASSWORD },
        }),
      );
      checkTokenSet(done.AuthenticationResult!, true);
    });

    it("signing in with a verified email alias, USER_ID_FOR_SRP is the username", async () => {
      const p = await pool({ AliasAttributes: ["email"] });
      const c = await appClient(p.Id!);
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "olga",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: "olga@example.com" },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      );
      const res = await passwordAuth(c.ClientId!, "olga@example.com", TEMP_PASSWORD);
      assert.equal(res.ChallengeName, "NEW_PASSWORD_REQUIRED");
      assert.equal(res.ChallengeParameters!.USER_ID_FOR_SRP, "olga");
      const done = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: c.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: res.Session,
          ChallengeResponses: { USERNAME: "olga", NEW_PASSWORD: PASSWORD },
        }),
      );
      assert.equal(decodeJwt(done.AuthenticationResult!.IdToken!)["cognito:username"], "olga");
    });

    it("a client with a secret needs SECRET_HASH in the challenge response too", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { GenerateSecret: true });
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "oscar",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
        }),
      );
      const SECRET_HASH = secretHash(c.ClientSecret!, "oscar", c.ClientId!);
      const first = await passwordAuth(c.ClientId!, "oscar", TEMP_PASSWORD, { SECRET_HASH });
      assert.equal(first.ChallengeName, "NEW_PASSWORD_REQUIRED");
      const err = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: c.ClientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: first.Session,
            ChallengeResponses: { USERNAME: "oscar", NEW_PASSWORD: PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      const done = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: c.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "oscar", NEW_PASSWORD: PASSWORD, SECRET_HASH },
        }),
      );
      checkTokenSet(done.AuthenticationResult!, true);
    });

    it("a session from one sign-in cannot complete another user's challenge", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      for (const Username of ["pat", "quinn"]) {
        await t.client.send(
          new AdminCreateUserCommand({
            UserPoolId: p.Id,
            Username,
            TemporaryPassword: TEMP_PASSWORD,
            MessageAction: "SUPPRESS",
          }),
        );
      }
      const first = await passwordAuth(c.ClientId!, "pat", TEMP_PASSWORD);
      const err = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: c.ClientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: first.Session,
            ChallengeResponses: { USERNAME: "quinn", NEW_PASSWORD: PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
    });
  });

  describe("USER_AUTH", () => {
    const choicePool = async () => {
      const p = await pool({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] } } });
      const c = await appClient(p.Id!, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      await user(p.Id!, "kim");
      return { pool: p, client: c };
    };

    it("signs in at once with PREFERRED_CHALLENGE PASSWORD", async () => {
      const { client } = await choicePool();
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_AUTH",
          ClientId: client.ClientId,
          AuthParameters: { USERNAME: "kim", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD },
        }),
      );
      assert.equal(res.ChallengeName, undefined);
      checkTokenSet(res.AuthenticationResult!, true);
    });

    it("answers SELECT_CHALLENGE with AvailableChallenges, then accepts ANSWER PASSWORD", async () => {
      const { client } = await choicePool();
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_AUTH",
          ClientId: client.ClientId,
          AuthParameters: { USERNAME: "kim" },
        }),
      );
      assert.equal(res.ChallengeName, "SELECT_CHALLENGE");
      assert.equal(res.AuthenticationResult, undefined);
      assert.ok(res.Session);
      assert.deepEqual([...res.AvailableChallenges!].sort(), ["PASSWORD", "PASSWORD_SRP"]);
      const done = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: client.ClientId,
          ChallengeName: "SELECT_CHALLENGE",
          Session: res.Session,
          ChallengeResponses: { USERNAME: "kim", ANSWER: "PASSWORD", PASSWORD },
        }),
      );
      checkTokenSet(done.AuthenticationResult!, true);
    });

    it("refuses a wrong password given in the SELECT_CHALLENGE answer", async () => {
      const { client } = await choicePool();
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_AUTH",
          ClientId: client.ClientId,
          AuthParameters: { USERNAME: "kim" },
        }),
      );
      const err = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: client.ClientId,
            ChallengeName: "SELECT_CHALLENGE",
            Session: res.Session,
            ChallengeResponses: { USERNAME: "kim", ANSWER: "PASSWORD", PASSWORD: "Wr0ng-Password!" },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Incorrect username or password.");
    });

    it("refuses a wrong password in USER_AUTH", async () => {
      const { client } = await choicePool();
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "USER_AUTH",
            ClientId: client.ClientId,
            AuthParameters: { USERNAME: "kim", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: "Wr0ng-Password!" },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Incorrect username or password.");
    });

    it("a user with a temporary password gets NEW_PASSWORD_REQUIRED through USER_AUTH", async () => {
      const p = await pool({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] } } });
      const c = await appClient(p.Id!, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: p.Id,
          Username: "lou",
          TemporaryPassword: TEMP_PASSWORD,
          MessageAction: "SUPPRESS",
        }),
      );
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { USERNAME: "lou", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: TEMP_PASSWORD },
        }),
      );
      assert.equal(res.ChallengeName, "NEW_PASSWORD_REQUIRED");
      const done = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: c.ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: res.Session,
          ChallengeResponses: { USERNAME: "lou", NEW_PASSWORD: PASSWORD },
        }),
      );
      checkTokenSet(done.AuthenticationResult!, true);
    });

    it("a pool created without a SignInPolicy allows PASSWORD as a first factor", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      await user(p.Id!, "kim");
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { USERNAME: "kim", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD },
        }),
      );
      checkTokenSet(res.AuthenticationResult!, true);
    });

    it("refuses USER_AUTH on a client without ALLOW_USER_AUTH", async () => {
      const p = await pool({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] } } });
      const c = await appClient(p.Id!);
      await user(p.Id!, "kim");
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "USER_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { USERNAME: "kim", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
    });
  });

  describe("token claims", () => {
    it("id token carries Cognito's claims", async () => {
      const {
        pool: p,
        client: c,
        tokens,
      } = await signedIn(
        {},
        {
          email: "alice@example.com",
          email_verified: "true",
          given_name: "Alice",
        },
      );
      const header = decodeProtectedHeader(tokens.IdToken!);
      assert.equal(header.alg, "RS256");
      assert.equal(typeof header.kid, "string");
      const id = decodeJwt(tokens.IdToken!);
      assert.equal(id.token_use, "id");
      assert.equal(id.aud, c.ClientId);
      assert.equal(id.client_id, undefined);
      assert.equal(id["cognito:username"], "alice");
      assert.equal(id.email, "alice@example.com");
      assert.equal(id.email_verified, true);
      assert.equal(id.given_name, "Alice");
      assert.match(id.sub!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(id.scope, undefined);
      assert.equal(id.username, undefined);
      assert.equal(id["cognito:groups"], undefined);
      assert.ok(String(id.iss).endsWith(`/${p.Id}`));
      assert.equal(typeof id.auth_time, "number");
      assert.equal(typeof id.jti, "string");
      assert.equal(typeof id.origin_jti, "string");
      assert.equal(typeof id.event_id, "string");
      assert.equal(id.exp! - id.iat!, 3600);
      assert.ok(Math.abs(id.iat! - Date.now() / 1000) < 60);
    });

    it("access token carries Cognito's claims", async () => {
      const { pool: p, client: c, tokens } = await signedIn();
      const access = decodeJwt(tokens.AccessToken!);
      const id = decodeJwt(tokens.IdToken!);
      assert.equal(access.token_use, "access");
      assert.equal(access.client_id, c.ClientId);
      assert.equal(access.aud, undefined);
      assert.equal(access.scope, "aws.cognito.signin.user.admin");
      assert.equal(access.username, "alice");
      assert.equal(access["cognito:username"], undefined);
      assert.equal(access.email, undefined);
      assert.equal(access.sub, id.sub);
      assert.equal(access.iss, id.iss);
      assert.ok(String(access.iss).endsWith(`/${p.Id}`));
      assert.equal(access.auth_time, id.auth_time);
      assert.equal(access.origin_jti, id.origin_jti);
      assert.equal(access.event_id, id.event_id);
      assert.notEqual(access.jti, id.jti);
      assert.equal(access.exp! - access.iat!, 3600);
    });

    it("groups give cognito:groups in both tokens, and roles by precedence in the id token", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      const role = (x: string) => `arn:aws:iam::123456789012:role/${x}`;
      for (const [GroupName, Precedence, RoleArn] of [
        ["admins", 1, role("admin")],
        ["editors", 5, role("editor")],
        ["readers", undefined, undefined],
      ] as const) {
        await t.client.send(new CreateGroupCommand({ UserPoolId: p.Id, GroupName, Precedence, RoleArn }));
        await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: p.Id, Username: "alice", GroupName }));
      }
      const res = await passwordAuth(c.ClientId!, "alice");
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      const access = decodeJwt(res.AuthenticationResult!.AccessToken!);
      assert.deepEqual([...(id["cognito:groups"] as string[])].sort(), ["admins", "editors", "readers"]);
      assert.deepEqual([...(access["cognito:groups"] as string[])].sort(), ["admins", "editors", "readers"]);
      assert.deepEqual([...(id["cognito:roles"] as string[])].sort(), [role("admin"), role("editor")]);
      assert.equal(id["cognito:preferred_role"], role("admin"));
      assert.equal(access["cognito:roles"], undefined);
      assert.equal(access["cognito:preferred_role"], undefined);
    });

    it("two groups with the same precedence and different roles leave cognito:preferred_role unset", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      for (const g of ["a", "b"]) {
        await t.client.send(
          new CreateGroupCommand({
            UserPoolId: p.Id,
            GroupName: g,
            Precedence: 3,
            RoleArn: `arn:aws:iam::123456789012:role/${g}`,
          }),
        );
        await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: p.Id, Username: "alice", GroupName: g }));
      }
      const res = await passwordAuth(c.ClientId!, "alice");
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(id["cognito:preferred_role"], undefined);
      assert.equal((id["cognito:roles"] as string[]).length, 2);
    });

    it("id token carries custom and phone attributes with Cognito's types", async () => {
      const p = await pool({
        Schema: [
          { Name: "tier", AttributeDataType: "String", Mutable: true },
          { Name: "level", AttributeDataType: "Number", Mutable: true },
        ],
      });
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice", {
        phone_number: "+15555550100",
        phone_number_verified: "true",
        email: "alice@example.com",
        email_verified: "false",
        "custom:tier": "gold",
        "custom:level": "7",
      });
      const res = await passwordAuth(c.ClientId!, "alice");
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(id.phone_number, "+15555550100");
      assert.equal(id.phone_number_verified, true);
      assert.equal(id.email_verified, false);
      assert.equal(id["custom:tier"], "gold");
      assert.equal(id["custom:level"], "7");
      assert.equal(id.identities, undefined);
    });

    it("the address attribute becomes an OIDC address object with 'formatted'", async () => {
      const { tokens } = await signedIn({}, { address: "1 Main St, Springfield" });
      const id = decodeJwt(tokens.IdToken!);
      assert.deepEqual(id.address, { formatted: "1 Main St, Springfield" });
    });

    it("id token only carries the attributes the app client can read", async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { ReadAttributes: ["email", "email_verified"] });
      await user(p.Id!, "alice", { email: "alice@example.com", email_verified: "true", given_name: "Alice" });
      const res = await passwordAuth(c.ClientId!, "alice");
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(id.email, "alice@example.com");
      assert.equal(id.given_name, undefined);
      assert.equal(id["cognito:username"], "alice");
      assert.equal(typeof id.sub, "string");
    });

    it("a group role with the same precedence and the same role ARN sets cognito:preferred_role", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      const RoleArn = "arn:aws:iam::123456789012:role/shared";
      for (const g of ["x", "y"]) {
        await t.client.send(new CreateGroupCommand({ UserPoolId: p.Id, GroupName: g, Precedence: 2, RoleArn }));
        await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: p.Id, Username: "alice", GroupName: g }));
      }
      const res = await passwordAuth(c.ClientId!, "alice");
      const id = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(id["cognito:preferred_role"], RoleArn);
    });

    it("auth_time is the sign-in time, in seconds", async () => {
      const before = Math.floor(Date.now() / 1000);
      const { tokens } = await signedIn();
      const after = Math.ceil(Date.now() / 1000);
      const access = decodeJwt(tokens.AccessToken!);
      assert.ok(Number.isInteger(access.auth_time));
      assert.ok((access.auth_time as number) >= before - 1 && (access.auth_time as number) <= after + 1);
      assert.equal(access.iat, access.auth_time);
    });

    it("a group with a precedence beats groups with none for cognito:preferred_role", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      const role = (x: string) => `arn:aws:iam::123456789012:role/${x}`;
      await t.client.send(new CreateGroupCommand({ UserPoolId: p.Id, GroupName: "none", RoleArn: role("none") }));
      await t.client.send(
        new CreateGroupCommand({ UserPoolId: p.Id, GroupName: "ten", Precedence: 10, RoleArn: role("ten") }),
      );
      for (const GroupName of ["none", "ten"]) {
        await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: p.Id, Username: "alice", GroupName }));
      }
      const id = decodeJwt((await passwordAuth(c.ClientId!, "alice")).AuthenticationResult!.IdToken!);
      assert.equal(id["cognito:preferred_role"], role("ten"));
      assert.deepEqual([...(id["cognito:roles"] as string[])].sort(), [role("none"), role("ten")]);
    });

    it("two groups without precedence and different roles leave cognito:preferred_role unset", async () => {
      const p = await pool();
      const c = await appClient(p.Id!);
      await user(p.Id!, "alice");
      for (const g of ["a", "b"]) {
        await t.client.send(
          new CreateGroupCommand({ UserPoolId: p.Id, GroupName: g, RoleArn: `arn:aws:iam::123456789012:role/${g}` }),
        );
        await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: p.Id, Username: "alice", GroupName: g }));
      }
      const id = decodeJwt((await passwordAuth(c.ClientId!, "alice")).AuthenticationResult!.IdToken!);
      assert.equal(id["cognito:preferred_role"], undefined);
    });

    it("a user in no group has no group or role claims in either token", async () => {
      const { tokens } = await signedIn();
      for (const token of [tokens.IdToken!, tokens.AccessToken!]) {
        const claims = decodeJwt(token);
        assert.equal(claims["cognito:groups"], undefined);
        assert.equal(claims["cognito:roles"], undefined);
        assert.equal(claims["cognito:preferred_role"], undefined);
      }
    });

    it("token lifetimes follow the client's validity and units", async () => {
      const { tokens } = await signedIn({
        AccessTokenValidity: 5,
        IdTokenValidity: 2,
        RefreshTokenValidity: 180,
        TokenValidityUnits: { AccessToken: "minutes", IdToken: "hours", RefreshToken: "minutes" },
      });
      assert.equal(tokens.ExpiresIn, 300);
      const access = decodeJwt(tokens.AccessToken!);
      const id = decodeJwt(tokens.IdToken!);
      assert.equal(access.exp! - access.iat!, 300);
      assert.equal(id.exp! - id.iat!, 7200);
    });

    it("validity values without units are hours for access and id tokens", async () => {
      const { tokens } = await signedIn({ AccessTokenValidity: 2, IdTokenValidity: 3 });
      assert.equal(tokens.ExpiresIn, 7200);
      const id = decodeJwt(tokens.IdToken!);
      assert.equal(id.exp! - id.iat!, 10800);
    });

    it("tokens verify against the pool's JWKS, and discovery points at it", async () => {
      const { pool: p, client: c, tokens } = await signedIn();
      const jwksRes = await fetch(`${t.url}/${p.Id}/.well-known/jwks.json`);
      assert.equal(jwksRes.status, 200);
      const jwks = (await jwksRes.json()) as JSONWebKeySet;
      assert.ok(jwks.keys.length >= 1);
      for (const k of jwks.keys) {
        assert.equal(k.kty, "RSA");
        assert.equal(k.alg, "RS256");
        assert.equal(k.use, "sig");
        assert.equal(k.e, "AQAB");
        assert.equal(typeof k.kid, "string");
        assert.equal(typeof k.n, "string");
        assert.equal((k as { d?: string }).d, undefined);
      }
      const iss = decodeJwt(tokens.IdToken!).iss!;
      const keys = createLocalJWKSet(jwks);
      await jwtVerify(tokens.IdToken!, keys, { issuer: iss, audience: c.ClientId });
      await jwtVerify(tokens.AccessToken!, keys, { issuer: iss });

      const oidcRes = await fetch(`${t.url}/${p.Id}/.well-known/openid-configuration`);
      assert.equal(oidcRes.status, 200);
      const oidc = (await oidcRes.json()) as Record<string, unknown>;
      assert.equal(oidc.issuer, iss);
      assert.equal(oidc.jwks_uri, `${iss}/.well-known/jwks.json`);
      assert.deepEqual(oidc.id_token_signing_alg_values_supported, ["RS256"]);
      assert.deepEqual(oidc.subject_types_supported, ["public"]);
    });

    it("the pool has two key pairs: one signs access tokens, the other id tokens", async () => {
      // Developer Guide, Verifying a JSON web token: "Amazon Cognito generates two pairs of RSA cryptographic keys for
      // each user pool. One private key signs access tokens, and the other signs ID tokens."
      const { pool: p, tokens } = await signedIn();
      const jwks = (await (await fetch(`${t.url}/${p.Id}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
      assert.equal(jwks.keys.length, 2);
      const idKid = decodeProtectedHeader(tokens.IdToken!).kid;
      const accessKid = decodeProtectedHeader(tokens.AccessToken!).kid;
      assert.notEqual(idKid, accessKid);
      assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), [idKid, accessKid].sort());
    });

    it("each pool signs with its own key", async () => {
      const a = await signedIn();
      const b = await signedIn();
      const jwksA = (await (await fetch(`${t.url}/${a.pool.Id}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
      await assert.rejects(jwtVerify(b.tokens.IdToken!, createLocalJWKSet(jwksA)));
    });
  });

  describe("refresh", () => {
    it("REFRESH_TOKEN_AUTH answers new id and access tokens but no refresh token", async () => {
      const { client: c, tokens } = await signedIn();
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      );
      assert.deepEqual(res.ChallengeParameters, {});
      checkTokenSet(res.AuthenticationResult!, false);
      const before = decodeJwt(tokens.IdToken!);
      const after = decodeJwt(res.AuthenticationResult!.IdToken!);
      assert.equal(after.sub, before.sub);
      assert.equal(after.auth_time, before.auth_time);
      assert.equal(after.origin_jti, before.origin_jti);
      assert.notEqual(after.jti, before.jti);
      await getUser(res.AuthenticationResult!.AccessToken!);
    });

    it("REFRESH_TOKEN is an alias of REFRESH_TOKEN_AUTH, also through AdminInitiateAuth", async () => {
      const { pool: p, client: c, tokens } = await signedIn();
      const res = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN",
          ClientId: c.ClientId,
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      );
      checkTokenSet(res.AuthenticationResult!, false);
      const admin = await t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: p.Id,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      );
      checkTokenSet(admin.AuthenticationResult!, false);
    });

    it("refuses a garbage refresh token with NotAuthorizedException 'Invalid Refresh Token.'", async () => {
      const { client: c } = await signedIn();
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.garbage" },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Invalid Refresh Token.");
    });

    it("refuses a refresh token from another app client", async () => {
      const { pool: p, tokens } = await signedIn();
      const other = await appClient(p.Id!);
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: other.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
    });

    it("refuses refresh for a user disabled after sign-in", async () => {
      const { pool: p, client: c, tokens } = await signedIn();
      await t.client.send(new AdminDisableUserCommand({ UserPoolId: p.Id, Username: "alice" }));
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
    });

    it("GetTokensFromRefreshToken without rotation answers id and access tokens only", async () => {
      const { client: c, tokens } = await signedIn();
      const res = await t.client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
      );
      checkTokenSet(res.AuthenticationResult!, false);
      // the original refresh token keeps working
      const again = await t.client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
      );
      checkTokenSet(again.AuthenticationResult!, false);
    });

    it("with rotation, GetTokensFromRefreshToken answers a new refresh token and the old one is refused", async () => {
      const { client: c, tokens } = await signedIn({
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      const res = await t.client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
      );
      checkTokenSet(res.AuthenticationResult!, true);
      assert.notEqual(res.AuthenticationResult!.RefreshToken, tokens.RefreshToken);
      const reuse = await errorOf(() =>
        t.client.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
        ),
      );
      assert.equal(reuse.name, "RefreshTokenReuseException");
      const next = await t.client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: c.ClientId,
          RefreshToken: res.AuthenticationResult!.RefreshToken,
        }),
      );
      checkTokenSet(next.AuthenticationResult!, true);
    });

    it("with rotation and a grace period, the old refresh token works again within the grace period", async () => {
      const { client: c, tokens } = await signedIn({
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 30 },
      });
      await t.client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
      );
      const retry = await t.client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
      );
      assert.ok(retry.AuthenticationResult?.AccessToken);
    });

    it("with rotation, REFRESH_TOKEN_AUTH is refused", async () => {
      const { client: c, tokens } = await signedIn({
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
        RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
      });
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.ok(["InvalidParameterException", "NotAuthorizedException"].includes(err.name), err.name);
    });
  });

  describe("revocation and sign-out", () => {
    it("GetUser refuses a tampered access token with NotAuthorizedException 'Invalid Access Token'", async () => {
      const { tokens } = await signedIn();
      const [h, p, s] = tokens.AccessToken!.split(".");
      const payload = JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>;
      payload.username = "root";
      const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
      const err = await errorOf(() => getUser(forged));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Invalid Access Token");
    });

    it("GetUser refuses an id token in place of an access token", async () => {
      const { tokens } = await signedIn();
      const err = await errorOf(() => getUser(tokens.IdToken!));
      assert.equal(err.name, "NotAuthorizedException");
    });

    it("GlobalSignOut revokes the access and refresh tokens", async () => {
      const { client: c, tokens } = await signedIn();
      await getUser(tokens.AccessToken!);
      const out = await t.client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
      assert.deepEqual(
        Object.keys(out).filter((k) => k !== "$metadata"),
        [],
      );
      const err = await errorOf(() => getUser(tokens.AccessToken!));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Access Token has been revoked");
      const refresh = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.equal(refresh.name, "NotAuthorizedException");
      assert.equal(refresh.message, "Refresh Token has been revoked");
      // a new sign-in works
      const again = await passwordAuth(c.ClientId!, "alice");
      await getUser(again.AuthenticationResult!.AccessToken!);
    });

    it("AdminUserGlobalSignOut revokes every token issued before, across sessions", async () => {
      const { pool: p, client: c, tokens } = await signedIn();
      const second = (await passwordAuth(c.ClientId!, "alice")).AuthenticationResult!;
      await t.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: p.Id, Username: "alice" }));
      for (const at of [tokens.AccessToken!, second.AccessToken!]) {
        const err = await errorOf(() => getUser(at));
        assert.equal(err.name, "NotAuthorizedException");
        assert.equal(err.message, "Access Token has been revoked");
      }
      const err = await errorOf(() =>
        t.client.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: second.RefreshToken }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Refresh Token has been revoked");
    });

    it("GlobalSignOut with an already revoked access token answers 'Access Token has been revoked'", async () => {
      const { tokens } = await signedIn();
      await t.client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
      const err = await errorOf(() => t.client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken })));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Access Token has been revoked");
    });

    it("GlobalSignOut refuses a garbage access token with NotAuthorizedException", async () => {
      const err = await errorOf(() =>
        t.client.send(new GlobalSignOutCommand({ AccessToken: "eyJraWQiOiJub3QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln" })),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Invalid Access Token");
    });

    it("GetTokensFromRefreshToken after RevokeToken answers 'Refresh Token has been revoked'", async () => {
      const { client: c, tokens } = await signedIn();
      await t.client.send(new RevokeTokenCommand({ ClientId: c.ClientId, Token: tokens.RefreshToken }));
      const err = await errorOf(() =>
        t.client.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: c.ClientId, RefreshToken: tokens.RefreshToken }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Refresh Token has been revoked");
    });

    it("RevokeToken with another client's id refuses the token", async () => {
      const { pool: p, tokens } = await signedIn();
      const other = await appClient(p.Id!);
      const err = await errorOf(() =>
        t.client.send(new RevokeTokenCommand({ ClientId: other.ClientId, Token: tokens.RefreshToken })),
      );
      assert.ok(["UnauthorizedException", "InvalidParameterException"].includes(err.name), err.name);
      await getUser(tokens.AccessToken!);
    });

    it("AdminUserGlobalSignOut answers UserNotFoundException for an unknown user", async () => {
      const p = await pool();
      const err = await errorOf(() =>
        t.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: p.Id, Username: "ghost" })),
      );
      assert.equal(err.name, "UserNotFoundException");
      assert.equal(err.message, "User does not exist.");
    });

    it("RevokeToken revokes the refresh token and the access tokens derived from it, not other sessions", async () => {
      const { client: c, tokens } = await signedIn();
      const other = (await passwordAuth(c.ClientId!, "alice")).AuthenticationResult!;
      const refreshed = await t.client.send(
        new InitiateAuthCommand({
          AuthFlow: "REFRESH_TOKEN_AUTH",
          ClientId: c.ClientId,
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      );
      const out = await t.client.send(new RevokeTokenCommand({ ClientId: c.ClientId, Token: tokens.RefreshToken }));
      assert.deepEqual(
        Object.keys(out).filter((k) => k !== "$metadata"),
        [],
      );
      for (const at of [tokens.AccessToken!, refreshed.AuthenticationResult!.AccessToken!]) {
        const err = await errorOf(() => getUser(at));
        assert.equal(err.name, "NotAuthorizedException");
        assert.equal(err.message, "Access Token has been revoked");
      }
      const err = await errorOf(() =>
        t.client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: c.ClientId,
            AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
          }),
        ),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Refresh Token has been revoked");
      // another session of the same user is untouched
      await getUser(other.AccessToken!);
    });

    it("RevokeToken refuses an access token with UnsupportedTokenTypeException", async () => {
      const { client: c, tokens } = await signedIn();
      const err = await errorOf(() =>
        t.client.send(new RevokeTokenCommand({ ClientId: c.ClientId, Token: tokens.AccessToken })),
      );
      assert.equal(err.name, "UnsupportedTokenTypeException");
    });

    it("RevokeToken on a client with revocation disabled answers UnsupportedOperationException", async () => {
      const { client: c, tokens } = await signedIn({ EnableTokenRevocation: false });
      const err = await errorOf(() =>
        t.client.send(new RevokeTokenCommand({ ClientId: c.ClientId, Token: tokens.RefreshToken })),
      );
      assert.equal(err.name, "UnsupportedOperationException");
    });

    const secretSession = async () => {
      const p = await pool();
      const c = await appClient(p.Id!, { GenerateSecret: true });
      await user(p.Id!, "alice");
      const res = await passwordAuth(c.ClientId!, "alice", PASSWORD, {
        SECRET_HASH: secretHash(c.ClientSecret!, "alice", c.ClientId!),
      });
      return { client: c, rt: res.AuthenticationResult!.RefreshToken! };
    };

    it("RevokeToken on a client with a secret revokes with the ClientSecret", async () => {
      const { client: c, rt } = await secretSession();
      await t.client.send(new RevokeTokenCommand({ ClientId: c.ClientId, Token: rt, ClientSecret: c.ClientSecret }));
      const gone = await errorOf(() =>
        t.client.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: c.ClientId,
            RefreshToken: rt,
            ClientSecret: c.ClientSecret,
          }),
        ),
      );
      assert.equal(gone.name, "NotAuthorizedException");
      assert.equal(gone.message, "Refresh Token has been revoked");
    });

    it("RevokeToken on a client with a secret refuses a request without the ClientSecret with UnauthorizedException", async () => {
      const { client: c, rt } = await secretSession();
      const err = await errorOf(() => t.client.send(new RevokeTokenCommand({ ClientId: c.ClientId, Token: rt })));
      assert.equal(err.name, "UnauthorizedException");
    });
  });
});
