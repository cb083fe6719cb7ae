import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ISignUpResult,
} from "amazon-cognito-identity-js";
import { appPool, assertCognitoClaims, latestCode, MapSyncStorage, verifiedClaims } from "../helpers/amplify.js";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

const PASSWORD = "Secret-Pass1";

type LibraryError = Error & { code?: string };

/** What authenticateUser ended in: tokens, or the new-password challenge with its attributes. */
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

function completeNewPassword(
  user: CognitoUser,
  password: string,
  attributes: Record<string, string> = {},
): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) => {
    user.completeNewPasswordChallenge(password, attributes, { onSuccess: resolve, onFailure: reject });
  });
}

/** Turns a node-style callback API of the library into a promise. */
function call<T>(fn: (cb: (err: Error | null | undefined, result?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result as T))));
}

async function libraryError(fn: () => Promise<unknown>): Promise<LibraryError> {
  return (await errorOf(fn)) as LibraryError;
}

/** A pool, a client and a user signed up and confirmed through the library. */
async function confirmedUser(t: TestCognate, username = "alice") {
  const { poolId, clientId } = await appPool(t);
  const storage = new MapSyncStorage();
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
  const email = new CognitoUserAttribute({ Name: "email", Value: `${username}@example.com` });
  const signUp = await call<ISignUpResult>((cb) => pool.signUp(username, PASSWORD, [email], [], cb));
  assert.equal(signUp.userConfirmed, false);
  const code = await latestCode(t.url, poolId, username);
  assert.equal(await call<string>((cb) => signUp.user.confirmRegistration(code, true, cb)), "SUCCESS");
  return { poolId, clientId, pool, storage, sub: signUp.userSub };
}

function userOf(pool: CognitoUserPool, storage: MapSyncStorage, username: string): CognitoUser {
  return new CognitoUser({ Username: username, Pool: pool, Storage: storage });
}

const refreshWith = (t: TestCognate, clientId: string, token: string) =>
  t.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "REFRESH_TOKEN_AUTH",
      AuthParameters: { REFRESH_TOKEN: token },
    }),
  );

describe("amazon-cognito-identity-js against Cognate", () => {
  const t = useCognate();

  it("signUp and confirmRegistration with the emailed code; a wrong code is refused", async () => {
    const { poolId, clientId } = await appPool(t);
    const pool = new CognitoUserPool({
      UserPoolId: poolId,
      ClientId: clientId,
      endpoint: t.url,
      Storage: new MapSyncStorage(),
    });
    const email = new CognitoUserAttribute({ Name: "email", Value: "zoe@example.com" });
    const result = await call<ISignUpResult>((cb) => pool.signUp("zoe", PASSWORD, [email], [], cb));
    assert.equal(result.userConfirmed, false);
    assert.equal(result.user.getUsername(), "zoe");
    assert.deepEqual(result.codeDeliveryDetails, {
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: "z***@e***",
    });
    const code = await latestCode(t.url, poolId, "zoe");
    const wrong = await libraryError(() =>
      call((cb) => result.user.confirmRegistration(code === "123456" ? "654321" : "123456", true, cb)),
    );
    assert.equal(wrong.code, "CodeMismatchException");
    assert.equal(await call<string>((cb) => result.user.confirmRegistration(code, true, cb)), "SUCCESS");
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "zoe" }));
    assert.equal(user.UserStatus, "CONFIRMED");
    assert.equal(user.UserAttributes?.find((a) => a.Name === "sub")?.Value, result.userSub);
    const dup = await libraryError(() => call<ISignUpResult>((cb) => pool.signUp("zoe", PASSWORD, [email], [], cb)));
    assert.equal(dup.code, "UsernameExistsException");
    assert.equal(dup.message, "User already exists");
  });

  it("authenticateUser (USER_SRP_AUTH) gives a valid session whose tokens carry Cognito's claims", async () => {
    const { poolId, clientId, pool, storage, sub } = await confirmedUser(t);
    const user = userOf(pool, storage, "alice");
    assert.equal(user.getAuthenticationFlowType(), "USER_SRP_AUTH");
    const session = await sessionOf(user, PASSWORD);
    assert.equal(session.isValid(), true);
    const id = await verifiedClaims(t.url, poolId, session.getIdToken().getJwtToken());
    const access = await verifiedClaims(t.url, poolId, session.getAccessToken().getJwtToken());
    assertCognitoClaims(id, access, { url: t.url, poolId, clientId, sub, username: "alice" });
    assert.equal(id.email, "alice@example.com");
    assert.equal(session.getIdToken().payload.email_verified, true);
    assert.ok(session.getRefreshToken().getToken().length > 0);

    // The library remembers the user in its storage, keyed by client id.
    assert.equal(storage.getItem(`CognitoIdentityServiceProvider.${clientId}.LastAuthUser`), "alice");
    assert.equal(pool.getCurrentUser()?.getUsername(), "alice");
    const attributes = await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    assert.deepEqual(Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()])), {
      sub,
      email: "alice@example.com",
      email_verified: "true",
    });
  });

  it("authenticateUser with USER_PASSWORD_AUTH", async () => {
    const { poolId, clientId, pool, storage, sub } = await confirmedUser(t, "bob");
    const user = userOf(pool, storage, "bob");
    user.setAuthenticationFlowType("USER_PASSWORD_AUTH");
    const session = await sessionOf(user, PASSWORD);
    assertCognitoClaims(
      await verifiedClaims(t.url, poolId, session.getIdToken().getJwtToken()),
      await verifiedClaims(t.url, poolId, session.getAccessToken().getJwtToken()),
      { url: t.url, poolId, clientId, sub, username: "bob" },
    );
  });

  it("authenticateUser failures reach onFailure with Cognito's codes and messages", async () => {
    const { pool, storage } = await confirmedUser(t, "carol");
    for (const flow of ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"]) {
      const carol = userOf(pool, storage, "carol");
      carol.setAuthenticationFlowType(flow);
      const wrong = await libraryError(() => authenticate(carol, "Wrong-Pass1"));
      assert.equal(wrong.code, "NotAuthorizedException", flow);
      assert.equal(wrong.message, "Incorrect username or password.", flow);
      const nobody = userOf(pool, storage, "nobody");
      nobody.setAuthenticationFlowType(flow);
      const unknown = await libraryError(() => authenticate(nobody, PASSWORD));
      assert.equal(unknown.code, "UserNotFoundException", flow);
      assert.equal(unknown.message, "User does not exist.", flow);
    }
    const email = new CognitoUserAttribute({ Name: "email", Value: "dan@example.com" });
    await call<ISignUpResult>((cb) => pool.signUp("dan", PASSWORD, [email], [], cb));
    const unconfirmed = await libraryError(() => authenticate(userOf(pool, storage, "dan"), PASSWORD));
    assert.equal(unconfirmed.code, "UserNotConfirmedException");
    assert.equal(unconfirmed.message, "User is not confirmed.");
    // SRP too answers it whatever the password, so the app can send the user to confirmation.
    const unconfirmedWrong = await libraryError(() => authenticate(userOf(pool, storage, "dan"), "Wr0ng-passw0rd"));
    assert.equal(unconfirmedWrong.code, "UserNotConfirmedException");
  });

  it("newPasswordRequired → completeNewPasswordChallenge for a user made with AdminCreateUser", async () => {
    const { poolId, clientId } = await appPool(t, {
      Schema: [{ Name: "name", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "frank",
        TemporaryPassword: "Temp0rary!",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "frank@example.com" },
          { Name: "email_verified", Value: "true" },
          { Name: "name", Value: "Frank" },
        ],
      }),
    );
    const user = userOf(pool, storage, "frank");
    const challenge = await authenticate(user, "Temp0rary!");
    assert.equal(challenge.kind, "newPassword");
    const { userAttributes, requiredAttributes } = challenge as Extract<Outcome, { kind: "newPassword" }>;
    assert.deepEqual(requiredAttributes, []);
    // The library hands over the user's current attributes (without sub, which it drops).
    assert.equal(userAttributes.email, "frank@example.com");
    assert.equal(userAttributes.name, "Frank");

    const weak = await libraryError(() => completeNewPassword(user, "weak"));
    assert.equal(weak.code, "InvalidPasswordException");

    const session = await completeNewPassword(user, "Brand-New1", { given_name: "Franky" });
    assert.equal(session.isValid(), true);
    const id = await verifiedClaims(t.url, poolId, session.getIdToken().getJwtToken());
    assert.equal(id["cognito:username"], "frank");
    assert.equal(id.given_name, "Franky");
    const stored = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "frank" }));
    assert.equal(stored.UserStatus, "CONFIRMED");

    const old = await libraryError(() => authenticate(userOf(pool, storage, "frank"), "Temp0rary!"));
    assert.equal(old.code, "NotAuthorizedException");
    assert.equal((await sessionOf(userOf(pool, storage, "frank"), "Brand-New1")).isValid(), true);
  });

  it("getSession reads the stored session; refreshSession gets new tokens from the refresh token", async () => {
    const { poolId, clientId, pool, storage, sub } = await confirmedUser(t);
    const first = await sessionOf(userOf(pool, storage, "alice"), PASSWORD);

    // A fresh CognitoUser for the remembered user finds the session in storage without a request.
    const current = pool.getCurrentUser()!;
    const stored = await call<CognitoUserSession>((cb) => current.getSession(cb));
    assert.equal(stored.isValid(), true);
    assert.equal(stored.getAccessToken().getJwtToken(), first.getAccessToken().getJwtToken());

    const refreshed = await call<CognitoUserSession>((cb) => current.refreshSession(first.getRefreshToken(), cb));
    assert.notEqual(refreshed.getAccessToken().getJwtToken(), first.getAccessToken().getJwtToken());
    const before = await verifiedClaims(t.url, poolId, first.getAccessToken().getJwtToken());
    const after = await verifiedClaims(t.url, poolId, refreshed.getAccessToken().getJwtToken());
    assert.equal(after.sub, sub);
    assert.equal(after.client_id, clientId);
    assert.notEqual(after.jti, before.jti);
    assert.equal(after.origin_jti, before.origin_jti);
    assert.equal((await verifiedClaims(t.url, poolId, refreshed.getIdToken().getJwtToken())).sub, sub);
    // Without rotation the same refresh token is kept.
    assert.equal(refreshed.getRefreshToken().getToken(), first.getRefreshToken().getToken());
    const me = await t.client.send(new GetUserCommand({ AccessToken: refreshed.getAccessToken().getJwtToken() }));
    assert.equal(me.Username, "alice");

    const bogus = await libraryError(() =>
      call<CognitoUserSession>((cb) =>
        current.refreshSession(new CognitoRefreshToken({ RefreshToken: "not-a-token" }), cb),
      ),
    );
    assert.equal(bogus.code, "NotAuthorizedException");
    assert.equal(bogus.message, "Invalid Refresh Token.");
  });

  it("changePassword: the new password signs in, the old one no longer does", async () => {
    const { pool, storage } = await confirmedUser(t);
    const user = userOf(pool, storage, "alice");
    await sessionOf(user, PASSWORD);
    const wrong = await libraryError(() => call((cb) => user.changePassword("Not-It-1", "Changed-Pass2", cb)));
    assert.equal(wrong.code, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");
    const weak = await libraryError(() => call((cb) => user.changePassword(PASSWORD, "nouppercase1!", cb)));
    assert.equal(weak.code, "InvalidPasswordException");
    assert.equal(weak.message, "Password did not conform with policy: Password must have uppercase characters");
    assert.equal(await call<string>((cb) => user.changePassword(PASSWORD, "Changed-Pass2", cb)), "SUCCESS");
    const old = await libraryError(() => authenticate(userOf(pool, storage, "alice"), PASSWORD));
    assert.equal(old.code, "NotAuthorizedException");
    assert.equal((await sessionOf(userOf(pool, storage, "alice"), "Changed-Pass2")).isValid(), true);
  });

  it("forgotPassword / confirmPassword with the emailed code", async () => {
    const { poolId, pool, storage } = await confirmedUser(t);
    const user = userOf(pool, storage, "alice");
    const delivery = await new Promise<unknown>((resolve, reject) =>
      user.forgotPassword({ onSuccess: resolve, onFailure: reject }),
    );
    assert.deepEqual(delivery, {
      CodeDeliveryDetails: { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "a***@e***" },
    });
    const code = await latestCode(t.url, poolId, "alice");
    await new Promise<unknown>((resolve, reject) =>
      user.confirmPassword(code, "Reset-Pass3", { onSuccess: resolve, onFailure: reject }),
    );
    assert.equal((await sessionOf(userOf(pool, storage, "alice"), "Reset-Pass3")).isValid(), true);
  });

  it("globalSignOut revokes every token of the user and clears the library's cache", async () => {
    const { clientId, pool, storage } = await confirmedUser(t);
    const other = await sessionOf(userOf(pool, storage, "alice"), PASSWORD);
    const user = userOf(pool, storage, "alice");
    const session = await sessionOf(user, PASSWORD);
    await new Promise<unknown>((resolve, reject) => user.globalSignOut({ onSuccess: resolve, onFailure: reject }));
    assert.equal(pool.getCurrentUser(), null);
    assert.equal(storage.getItem(`CognitoIdentityServiceProvider.${clientId}.alice.accessToken`), null);

    for (const s of [session, other]) {
      const err = await errorOf(() =>
        t.client.send(new GetUserCommand({ AccessToken: s.getAccessToken().getJwtToken() })),
      );
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Access Token has been revoked");
      const refresh = await errorOf(() => refreshWith(t, clientId, s.getRefreshToken().getToken()));
      assert.equal(refresh.name, "NotAuthorizedException");
      assert.equal(refresh.message, "Refresh Token has been revoked");
    }
    // The library's own refreshSession hears the same.
    const viaLibrary = await libraryError(() =>
      call<CognitoUserSession>((cb) => userOf(pool, storage, "alice").refreshSession(session.getRefreshToken(), cb)),
    );
    assert.equal(viaLibrary.code, "NotAuthorizedException");
    assert.equal(viaLibrary.message, "Refresh Token has been revoked");
    assert.equal((await sessionOf(userOf(pool, storage, "alice"), PASSWORD)).isValid(), true);
  });

  it("signOut revokes the session's refresh token and its access tokens, and forgets the user", async () => {
    const { clientId, pool, storage } = await confirmedUser(t);
    const user = userOf(pool, storage, "alice");
    const session = await sessionOf(user, PASSWORD);
    const other = await sessionOf(userOf(pool, storage, "alice"), PASSWORD);
    await new Promise<void>((resolve) => user.signOut(() => resolve()));
    assert.equal(pool.getCurrentUser(), null);

    const refresh = await errorOf(() => refreshWith(t, clientId, session.getRefreshToken().getToken()));
    assert.equal(refresh.name, "NotAuthorizedException");
    assert.equal(refresh.message, "Refresh Token has been revoked");
    const access = await errorOf(() =>
      t.client.send(new GetUserCommand({ AccessToken: session.getAccessToken().getJwtToken() })),
    );
    assert.equal(access.name, "NotAuthorizedException");
    assert.equal(access.message, "Access Token has been revoked");

    // Another session of the same user is untouched.
    const me = await t.client.send(new GetUserCommand({ AccessToken: other.getAccessToken().getJwtToken() }));
    assert.equal(me.Username, "alice");
  });

  it("PreventUserExistenceErrors ENABLED: an unknown user fails SRP like a wrong password", async () => {
    const { poolId, clientId } = await appPool(t, {}, { PreventUserExistenceErrors: "ENABLED" });
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
    for (const flow of ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"]) {
      const nobody = userOf(pool, storage, "nobody");
      nobody.setAuthenticationFlowType(flow);
      const err = await libraryError(() => authenticate(nobody, PASSWORD));
      assert.equal(err.code, "NotAuthorizedException", flow);
      assert.equal(err.message, "Incorrect username or password.", flow);
    }
  });

  it("email-as-username pools: authenticateUser with the email signs in the generated username", async () => {
    const { poolId, clientId } = await appPool(t, { UsernameAttributes: ["email"] });
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
    const signUp = await call<ISignUpResult>((cb) => pool.signUp("mia@example.com", PASSWORD, [], [], cb));
    const code = await latestCode(t.url, poolId, signUp.userSub);
    await call<string>((cb) => signUp.user.confirmRegistration(code, true, cb));
    for (const flow of ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"]) {
      const user = userOf(pool, storage, "mia@example.com");
      user.setAuthenticationFlowType(flow);
      const session = await sessionOf(user, PASSWORD);
      const id = await verifiedClaims(t.url, poolId, session.getIdToken().getJwtToken());
      assert.equal(id["cognito:username"], signUp.userSub, flow);
      assert.equal(id.email, "mia@example.com", flow);
      // SRP renames the library's user to USER_ID_FOR_SRP; the password flow keeps what was typed.
      assert.equal(user.getUsername(), flow === "USER_SRP_AUTH" ? signUp.userSub : "mia@example.com", flow);
    }
  });

  it("email-as-username pools: an invited user completes NEW_PASSWORD_REQUIRED over SRP by email", async () => {
    const { poolId, clientId } = await appPool(t, { UsernameAttributes: ["email"] });
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
    const { User } = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "zed@example.com",
        TemporaryPassword: "Temp0rary!",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email_verified", Value: "true" }],
      }),
    );
    assert.match(User!.Username!, /^[0-9a-f-]{36}$/, "Cognito generates the username");
    assert.equal(User!.Attributes!.find((a) => a.Name === "email")?.Value, "zed@example.com");
    const user = userOf(pool, storage, "zed@example.com");
    assert.equal((await authenticate(user, "Temp0rary!")).kind, "newPassword");
    const session = await completeNewPassword(user, "Brand-New1");
    assert.equal(session.getAccessToken().decodePayload().username, User!.Username);
    assert.ok((await sessionOf(userOf(pool, storage, "zed@example.com"), "Brand-New1")).isValid());
  });

  it("updateAttributes and deleteAttributes change the signed-in user; deleteUser removes it", async () => {
    const { poolId, pool, storage } = await confirmedUser(t);
    const user = userOf(pool, storage, "alice");
    await sessionOf(user, PASSWORD);
    await call<string>((cb) =>
      user.updateAttributes([new CognitoUserAttribute({ Name: "given_name", Value: "Libby" })], cb),
    );
    const names = async () =>
      Object.fromEntries(
        (await call<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb))).map((a) => [
          a.getName(),
          a.getValue(),
        ]),
      );
    assert.equal((await names()).given_name, "Libby");
    await call<string>((cb) => user.deleteAttributes(["given_name"], cb));
    assert.equal((await names()).given_name, undefined);
    assert.equal(await call<string>((cb) => user.deleteUser(cb)), "SUCCESS");
    const gone = await errorOf(() => t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" })));
    assert.equal(gone.name, "UserNotFoundException");
  });

  it("an expired temporary password and an administrator's reset reach onFailure with Cognito's messages", async (ctx) => {
    const { poolId, clientId } = await appPool(t);
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
    ctx.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "stale",
        TemporaryPassword: "Temp0rary!",
        MessageAction: "SUPPRESS",
      }),
    );
    ctx.mock.timers.tick(8 * 86_400_000);
    const expired = await libraryError(() => authenticate(userOf(pool, storage, "stale"), "Temp0rary!"));
    assert.equal(expired.code, "NotAuthorizedException");
    assert.equal(expired.message, "Temporary password has expired and must be reset by an administrator.");
    ctx.mock.timers.reset();

    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "reset",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "reset@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "reset", Password: PASSWORD, Permanent: true }),
    );
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "reset" }));
    const reset = await libraryError(() => authenticate(userOf(pool, storage, "reset"), PASSWORD));
    assert.equal(reset.code, "PasswordResetRequiredException");
    assert.equal(reset.message, "Password reset required for the user");
  });
});
