import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ResourceKind } from "../../src/storage/kinds.js";
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListUserAuthEventsCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateAuthEventFeedbackCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  ChangePasswordCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type AuthEventType,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  InitiateAuthCommand,
  UpdateAuthEventFeedbackCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { Secret, TOTP } from "otpauth";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

const PASSWORD = "Passw0rd!";
const TEMPORARY = "Temp0rary!";

/**
 * Cognito logs auth events only with threat protection (UserPoolAddOns.AdvancedSecurityMode
 * AUDIT or ENFORCED, which needs the PLUS feature plan); the event operations refuse other
 * pools with UserPoolAddOnNotEnabledException. AdminListUserAuthEvents answers newest first,
 * 60 a page when MaxResults is 0 or absent.
 */
async function setup(t: TestCognate, pool: Partial<CreateUserPoolCommandInput> = {}) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "events",
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
      ...pool,
    }),
  );
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

async function createUser(t: TestCognate, poolId: string, username: string, permanent = true) {
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      UserAttributes: [{ Name: "email", Value: `${username}@example.com` }],
      MessageAction: "SUPPRESS",
      TemporaryPassword: TEMPORARY,
    }),
  );
  if (permanent) {
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }),
    );
  }
}

const signIn = (t: TestCognate, clientId: string, username: string, password: string, ip?: string) =>
  t.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
      ...(ip ? { UserContextData: { IpAddress: ip } } : {}),
    }),
  );

async function eventsOf(t: TestCognate, poolId: string, username: string): Promise<AuthEventType[]> {
  const { AuthEvents } = await t.client.send(
    new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: username }),
  );
  return AuthEvents ?? [];
}

describe("auth events", () => {
  const t = useCognate();

  it("a successful sign-in is a SignIn event that passed its Password step, with the caller's IP", async () => {
    const { poolId, clientId } = await setup(t);
    await createUser(t, poolId, "ann");
    const before = Date.now();
    const result = await signIn(t, clientId, "ann", PASSWORD, "203.0.113.7");
    assert.ok(result.AuthenticationResult?.AccessToken);
    const events = await eventsOf(t, poolId, "ann");
    assert.equal(events.length, 1);
    const [event] = events;
    assert.match(event!.EventId!, /^[0-9a-f-]{36}$/);
    assert.equal(event!.EventType, "SignIn");
    assert.equal(event!.EventResponse, "Pass");
    assert.deepEqual(event!.ChallengeResponses, [{ ChallengeName: "Password", ChallengeResponse: "Success" }]);
    assert.deepEqual(event!.EventRisk, { RiskDecision: "NoRisk", CompromisedCredentialsDetected: false });
    assert.equal(event!.EventContextData?.IpAddress, "203.0.113.7");
    assert.ok(event!.CreationDate instanceof Date);
    assert.ok(Math.abs(event!.CreationDate.getTime() - before) < 60_000);
    assert.equal(event!.EventFeedback, undefined);
  });

  it("a wrong password is a Fail event with a failed Password step; the error is unchanged; newest first", async () => {
    const { poolId, clientId } = await setup(t);
    await createUser(t, poolId, "bob");
    await signIn(t, clientId, "bob", PASSWORD);
    const err = await errorOf(() => signIn(t, clientId, "bob", "Wr0ng!pass"));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Incorrect username or password.");
    const events = await eventsOf(t, poolId, "bob");
    assert.deepEqual(
      events.map((e) => [e.EventResponse, e.ChallengeResponses]),
      [
        ["Fail", [{ ChallengeName: "Password", ChallengeResponse: "Failure" }]],
        ["Pass", [{ ChallengeName: "Password", ChallengeResponse: "Success" }]],
      ],
    );
    assert.notEqual(events[0]!.EventId, events[1]!.EventId);
    // Without UserContextData the address is the caller's own.
    assert.deepEqual(
      events.map((e) => e.EventContextData?.IpAddress),
      ["127.0.0.1", "127.0.0.1"],
    );
  });

  it("a sign-in through NEW_PASSWORD_REQUIRED is one event: InProgress after the password, Pass after the answer", async () => {
    const { poolId, clientId } = await setup(t);
    await createUser(t, poolId, "cat", false);
    const started = await t.client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "cat", PASSWORD: TEMPORARY },
        ContextData: {
          IpAddress: "198.51.100.4",
          ServerName: "app.example.com",
          ServerPath: "/login",
          HttpHeaders: [],
        },
      }),
    );
    assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const [pending] = await eventsOf(t, poolId, "cat");
    assert.equal(pending!.EventResponse, "InProgress");
    assert.deepEqual(pending!.ChallengeResponses, [{ ChallengeName: "Password", ChallengeResponse: "Success" }]);
    assert.equal(pending!.EventContextData?.IpAddress, "198.51.100.4");

    const answered = await t.client.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: started.Session,
        ChallengeResponses: { USERNAME: "cat", NEW_PASSWORD: "N3w!password" },
      }),
    );
    assert.ok(answered.AuthenticationResult?.IdToken);
    const events = await eventsOf(t, poolId, "cat");
    assert.equal(events.length, 1);
    assert.equal(events[0]!.EventId, pending!.EventId);
    assert.equal(events[0]!.EventResponse, "Pass");
    assert.deepEqual(events[0]!.ChallengeResponses, [{ ChallengeName: "Password", ChallengeResponse: "Success" }]);
    assert.equal(events[0]!.CreationDate!.getTime(), pending!.CreationDate!.getTime());

    // The used session again: refused as before, and the passed event stays as it was.
    const replay = await errorOf(() =>
      t.client.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: started.Session,
          ChallengeResponses: { USERNAME: "cat", NEW_PASSWORD: "N3w!password2" },
        }),
      ),
    );
    assert.equal(replay.name, "NotAuthorizedException");
    assert.deepEqual(
      (await eventsOf(t, poolId, "cat")).map((e) => e.EventResponse),
      ["Pass"],
    );
  });

  it("an SRP sign-in (amazon-cognito-identity-js) logs its PASSWORD_VERIFIER answer as the Password step", async () => {
    const { poolId, clientId } = await setup(t);
    await createUser(t, poolId, "dan");
    const signInSrp = (password: string) =>
      new Promise<CognitoUserSession>((resolve, reject) => {
        const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url });
        new CognitoUser({ Username: "dan", Pool: pool }).authenticateUser(
          new AuthenticationDetails({ Username: "dan", Password: password }),
          { onSuccess: resolve, onFailure: reject },
        );
      });
    assert.ok((await signInSrp(PASSWORD)).isValid());
    await assert.rejects(signInSrp("Wr0ng!pass"), { name: "NotAuthorizedException" });
    const events = await eventsOf(t, poolId, "dan");
    assert.deepEqual(
      events.map((e) => [e.EventResponse, e.ChallengeResponses]),
      [
        ["Fail", [{ ChallengeName: "Password", ChallengeResponse: "Failure" }]],
        ["Pass", [{ ChallengeName: "Password", ChallengeResponse: "Success" }]],
      ],
    );
  });

  it("a TOTP MFA sign-in is one event with a Password and an Mfa step; a wrong code fails the Mfa step", async () => {
    const { poolId, clientId } = await setup(t);
    await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await createUser(t, poolId, "mia");
    const { AuthenticationResult } = await signIn(t, clientId, "mia", PASSWORD);
    const token = AuthenticationResult!.AccessToken!;
    const { SecretCode } = await t.client.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    const totp = new TOTP({ secret: Secret.fromBase32(SecretCode!), algorithm: "SHA1", digits: 6, period: 30 });
    // The previous time step for the association, the current one for the sign-in: a code is accepted once.
    await t.client.send(
      new VerifySoftwareTokenCommand({
        AccessToken: token,
        UserCode: totp.generate({ timestamp: Date.now() - 30_000 }),
      }),
    );
    await t.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: token,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );

    const answer = async (code: string) => {
      const started = await signIn(t, clientId, "mia", PASSWORD);
      assert.equal(started.ChallengeName, "SOFTWARE_TOKEN_MFA");
      const [pending] = await eventsOf(t, poolId, "mia");
      assert.equal(pending!.EventResponse, "InProgress");
      assert.deepEqual(pending!.ChallengeResponses, [{ ChallengeName: "Password", ChallengeResponse: "Success" }]);
      return t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: started.Session,
          ChallengeResponses: { USERNAME: "mia", SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    };
    const current = totp.generate();
    const wrong = await errorOf(() => answer(current === "000000" ? "111111" : "000000"));
    assert.equal(wrong.name, "CodeMismatchException");
    const passed = await answer(current);
    assert.ok(passed.AuthenticationResult?.AccessToken);
    const events = await eventsOf(t, poolId, "mia");
    assert.deepEqual(
      events.slice(0, 2).map((e) => [e.EventResponse, e.ChallengeResponses]),
      [
        [
          "Pass",
          [
            { ChallengeName: "Password", ChallengeResponse: "Success" },
            { ChallengeName: "Mfa", ChallengeResponse: "Success" },
          ],
        ],
        [
          "Fail",
          [
            { ChallengeName: "Password", ChallengeResponse: "Success" },
            { ChallengeName: "Mfa", ChallengeResponse: "Failure" },
          ],
        ],
      ],
    );
    assert.equal(events.length, 3);
  });

  it("USER_AUTH: a preferred PASSWORD and a PASSWORD picked from SELECT_CHALLENGE are Password steps", async () => {
    const { poolId } = await setup(t);
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "choice",
        ExplicitAuthFlows: ["ALLOW_USER_AUTH"],
      }),
    );
    const choice = UserPoolClient!.ClientId!;
    await createUser(t, poolId, "ola");
    const preferred = await t.client.send(
      new InitiateAuthCommand({
        ClientId: choice,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "ola", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD },
      }),
    );
    assert.ok(preferred.AuthenticationResult);
    const select = await t.client.send(
      new InitiateAuthCommand({ ClientId: choice, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "ola" } }),
    );
    assert.equal(select.ChallengeName, "SELECT_CHALLENGE");
    // Nothing is answered yet: the sign-in is logged once a step is.
    assert.equal((await eventsOf(t, poolId, "ola")).length, 1);
    const wrong = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: choice,
          ChallengeName: "SELECT_CHALLENGE",
          Session: select.Session,
          ChallengeResponses: { USERNAME: "ola", ANSWER: "PASSWORD", PASSWORD: "Wr0ng!pass" },
        }),
      ),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    const events = await eventsOf(t, poolId, "ola");
    assert.deepEqual(
      events.map((e) => [e.EventResponse, e.ChallengeResponses]),
      [
        ["Fail", [{ ChallengeName: "Password", ChallengeResponse: "Failure" }]],
        ["Pass", [{ ChallengeName: "Password", ChallengeResponse: "Success" }]],
      ],
    );
  });

  it("pages newest first with MaxResults and NextToken; a made-up NextToken is refused", async () => {
    const { poolId, clientId } = await setup(t);
    await createUser(t, poolId, "eve");
    const ips = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"];
    for (const ip of ips) await signIn(t, clientId, "eve", PASSWORD, ip);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await t.client.send(
        new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: "eve", MaxResults: 2, NextToken: token }),
      );
      assert.ok(page.AuthEvents!.length <= 2);
      seen.push(...page.AuthEvents!.map((e) => e.EventContextData!.IpAddress!));
      token = page.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...ips].reverse());
    // MaxResults 0 means the default page of up to 60.
    const all = await t.client.send(
      new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: "eve", MaxResults: 0 }),
    );
    assert.equal(all.AuthEvents!.length, 5);
    assert.equal(all.NextToken, undefined);
    const bad = await errorOf(() =>
      t.client.send(
        new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: "eve", NextToken: "bm90LWEtdG9rZW4" }),
      ),
    );
    assert.equal(bad.name, "InvalidParameterException");
  });

  it("events belong to the user: another user, an alias and an unknown user", async () => {
    const { poolId, clientId } = await setup(t, { AliasAttributes: ["email"] });
    await createUser(t, poolId, "fay");
    await createUser(t, poolId, "gus");
    await signIn(t, clientId, "fay", PASSWORD);
    assert.equal((await eventsOf(t, poolId, "gus")).length, 0);
    // Username may be a verified alias or the user's sub.
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "fay",
        UserAttributes: [{ Name: "email_verified", Value: "true" }],
      }),
    );
    const [byName] = await eventsOf(t, poolId, "fay");
    assert.equal((await eventsOf(t, poolId, "fay@example.com"))[0]!.EventId, byName!.EventId);
    const { UserAttributes } = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "fay" }));
    const sub = UserAttributes!.find((a) => a.Name === "sub")!.Value!;
    assert.equal((await eventsOf(t, poolId, sub))[0]!.EventId, byName!.EventId);
    // A sign-in naming a user that does not exist logs nothing and names nobody.
    await errorOf(() => signIn(t, clientId, "nobody", PASSWORD));
    const missing = await errorOf(() => eventsOf(t, poolId, "nobody"));
    assert.equal(missing.name, "UserNotFoundException");
  });

  it("AdminUpdateAuthEventFeedback records the administrator's feedback; unknown events and users are refused", async () => {
    const { poolId, clientId } = await setup(t);
    await createUser(t, poolId, "hal");
    await signIn(t, clientId, "hal", PASSWORD);
    const [event] = await eventsOf(t, poolId, "hal");
    const before = Date.now();
    await t.client.send(
      new AdminUpdateAuthEventFeedbackCommand({
        UserPoolId: poolId,
        Username: "hal",
        EventId: event!.EventId,
        FeedbackValue: "Invalid",
      }),
    );
    const [updated] = await eventsOf(t, poolId, "hal");
    assert.equal(updated!.EventFeedback?.FeedbackValue, "Invalid");
    assert.equal(updated!.EventFeedback?.Provider, "Admin");
    assert.ok(Math.abs(updated!.EventFeedback!.FeedbackDate!.getTime() - before) < 60_000);
    assert.equal(updated!.EventResponse, "Pass");

    await t.client.send(
      new AdminUpdateAuthEventFeedbackCommand({
        UserPoolId: poolId,
        Username: "hal",
        EventId: event!.EventId,
        FeedbackValue: "Valid",
      }),
    );
    assert.equal((await eventsOf(t, poolId, "hal"))[0]!.EventFeedback?.FeedbackValue, "Valid");

    const unknown = await errorOf(() =>
      t.client.send(
        new AdminUpdateAuthEventFeedbackCommand({
          UserPoolId: poolId,
          Username: "hal",
          EventId: "00000000-0000-4000-8000-000000000000",
          FeedbackValue: "Valid",
        }),
      ),
    );
    assert.equal(unknown.name, "ResourceNotFoundException");
    const noUser = await errorOf(() =>
      t.client.send(
        new AdminUpdateAuthEventFeedbackCommand({
          UserPoolId: poolId,
          Username: "ivy",
          EventId: event!.EventId,
          FeedbackValue: "Valid",
        }),
      ),
    );
    assert.equal(noUser.name, "UserNotFoundException");
  });

  it("UpdateAuthEventFeedback needs the event's feedback token: a wrong one changes nothing", async () => {
    const { poolId, clientId } = await setup(t);
    await createUser(t, poolId, "jon");
    await signIn(t, clientId, "jon", PASSWORD);
    const [event] = await eventsOf(t, poolId, "jon");
    const wrong = await errorOf(() =>
      t.client.send(
        new UpdateAuthEventFeedbackCommand({
          UserPoolId: poolId,
          Username: "jon",
          EventId: event!.EventId,
          FeedbackToken: "not-the-token",
          FeedbackValue: "Invalid",
        }),
      ),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal((await eventsOf(t, poolId, "jon"))[0]!.EventFeedback, undefined);
    const unknown = await errorOf(() =>
      t.client.send(
        new UpdateAuthEventFeedbackCommand({
          UserPoolId: poolId,
          Username: "jon",
          EventId: "00000000-0000-4000-8000-000000000000",
          FeedbackToken: "not-the-token",
          FeedbackValue: "Invalid",
        }),
      ),
    );
    assert.equal(unknown.name, "ResourceNotFoundException");
  });

  it("without threat protection nothing is logged and the event operations are refused", async () => {
    const { poolId, clientId } = await setup(t, { UserPoolAddOns: { AdvancedSecurityMode: "OFF" } });
    await createUser(t, poolId, "kim");
    await signIn(t, clientId, "kim", PASSWORD);
    for (const call of [
      () => eventsOf(t, poolId, "kim"),
      () =>
        t.client.send(
          new AdminUpdateAuthEventFeedbackCommand({
            UserPoolId: poolId,
            Username: "kim",
            EventId: "x",
            FeedbackValue: "Valid",
          }),
        ),
      () =>
        t.client.send(
          new UpdateAuthEventFeedbackCommand({
            UserPoolId: poolId,
            Username: "kim",
            EventId: "x",
            FeedbackToken: "t",
            FeedbackValue: "Valid",
          }),
        ),
    ]) {
      const err = await errorOf(call);
      assert.equal(err.name, "UserPoolAddOnNotEnabledException");
      assert.equal(err.$metadata?.httpStatusCode, 400);
    }
    // A pool without UserPoolAddOns at all is refused the same way.
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "plain" }));
    await createUser(t, UserPool!.Id!, "lee");
    assert.equal((await errorOf(() => eventsOf(t, UserPool!.Id!, "lee"))).name, "UserPoolAddOnNotEnabledException");

    // Turned on later: only sign-ins from then on are logged.
    await t.client.send(
      new UpdateUserPoolCommand({
        UserPoolId: poolId,
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      }),
    );
    assert.deepEqual(await eventsOf(t, poolId, "kim"), []);
    await signIn(t, clientId, "kim", PASSWORD);
    assert.equal((await eventsOf(t, poolId, "kim")).length, 1);
  });

  it("SignUp, ForgotPassword and ChangePassword are events of their own type", async () => {
    const { poolId, clientId } = await setup(t, { AutoVerifiedAttributes: ["email"] });
    await t.client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "max",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: "max@example.com" }],
        UserContextData: { IpAddress: "192.0.2.50" },
      }),
    );
    await t.client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "max" }));
    const [resent, signedUp] = await eventsOf(t, poolId, "max");
    assert.equal(resent!.EventType, "ResendCode");
    assert.equal(resent!.EventResponse, "Pass");
    assert.equal(signedUp!.EventType, "SignUp");
    assert.equal(signedUp!.EventResponse, "Pass");
    assert.deepEqual(signedUp!.ChallengeResponses, []);
    assert.equal(signedUp!.EventContextData?.IpAddress, "192.0.2.50");

    await createUser(t, poolId, "ned");
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "ned",
        UserAttributes: [{ Name: "email_verified", Value: "true" }],
      }),
    );
    await t.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "ned" }));
    const { AuthenticationResult } = await signIn(t, clientId, "ned", PASSWORD);
    const token = AuthenticationResult!.AccessToken!;
    const wrong = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: token,
          PreviousPassword: "Wr0ng!pass",
          ProposedPassword: "N3w!password",
        }),
      ),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    await t.client.send(
      new ChangePasswordCommand({ AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: "N3w!password" }),
    );
    const events = await eventsOf(t, poolId, "ned");
    assert.deepEqual(
      events.map((e) => [e.EventType, e.EventResponse, e.ChallengeResponses]),
      [
        ["PasswordChange", "Pass", [{ ChallengeName: "Password", ChallengeResponse: "Success" }]],
        ["PasswordChange", "Fail", [{ ChallengeName: "Password", ChallengeResponse: "Failure" }]],
        ["SignIn", "Pass", [{ ChallengeName: "Password", ChallengeResponse: "Success" }]],
        ["ForgotPassword", "Pass", []],
      ],
    );

    // The events go with the user: a new user of the same name starts without history.
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "ned" }));
    const stored = await t.cognate.store.resources.list(ResourceKind.authEvent, poolId, { limit: 1000 });
    const nedsEventId = events[0]!.EventId; // none of ned's records may remain
    assert.ok(nedsEventId);
    assert.equal(stored.items.filter((r) => JSON.stringify(r).includes(nedsEventId)).length, 0);
    await createUser(t, poolId, "ned");
    assert.deepEqual(await eventsOf(t, poolId, "ned"), []);
  });

  it("an unknown pool is ResourceNotFoundException", async () => {
    const err = await errorOf(() => eventsOf(t, "us-east-1_nothere0", "ann"));
    assert.equal(err.name, "ResourceNotFoundException");
  });
});
