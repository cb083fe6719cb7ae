/**
 * USER_SRP_AUTH through the real SDK, with cognito-srp-helper as the client-side SRP: an
 * implementation independent of amazon-cognito-identity-js (which the other SRP tests use).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  type InitiateAuthCommandOutput,
  type RespondToAuthChallengeCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import srpHelper from "cognito-srp-helper";
import { decodeJwt } from "jose";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

const { createPasswordHash, createSecretHash, createSrpSession, signSrpSession, wrapAuthChallenge, wrapInitiateAuth } =
  srpHelper;

const PASSWORD = "Passw0rd!";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface App {
  poolId: string;
  clientId: string;
  clientSecret?: string;
}

async function setup(
  t: TestCognate,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<App> {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "srp-helper", ...pool }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      ...client,
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
}

/** Creates a confirmed user with PASSWORD; returns the stored username (a uuid in email pools). */
async function createUser(t: TestCognate, poolId: string, username: string, email: string): Promise<string> {
  const { User } = await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      UserAttributes: [{ Name: "email", Value: email }],
      MessageAction: "SUPPRESS",
      TemporaryPassword: "Temp0rary!",
    }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }),
  );
  return User!.Username!;
}

interface SignIn {
  challenge: InitiateAuthCommandOutput;
  result: RespondToAuthChallengeCommandOutput;
}

/**
 * Both round trips as the README shows them. For a client with a secret, SECRET_HASH is sent in both
 * steps, made over the name the user typed.
 */
async function signIn(
  t: TestCognate,
  app: App,
  username: string,
  password: string,
  options: { prehashed?: boolean } = {},
): Promise<SignIn> {
  const secretHash = app.clientSecret ? createSecretHash(username, app.clientId, app.clientSecret) : undefined;
  const withSecret = (parameters: Record<string, string>) =>
    secretHash ? { ...parameters, SECRET_HASH: secretHash } : parameters;
  const session = options.prehashed
    ? createSrpSession(username, createPasswordHash(username, password, app.poolId), app.poolId, true)
    : createSrpSession(username, password, app.poolId, false);
  const challenge = await t.client.send(
    new InitiateAuthCommand(
      wrapInitiateAuth(session, {
        ClientId: app.clientId,
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: withSecret({ CHALLENGE_NAME: "SRP_A", USERNAME: username }),
      }),
    ),
  );
  assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
  const signed = signSrpSession(session, challenge);
  const result = await t.client.send(
    new RespondToAuthChallengeCommand(
      wrapAuthChallenge(signed, {
        ClientId: app.clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: withSecret({ USERNAME: username }),
        Session: challenge.Session,
      }),
    ),
  );
  return { challenge, result };
}

/** The tokens are real: present, shaped like Cognito's, for this client and user, and accepted by GetUser. */
async function assertSignedIn(t: TestCognate, app: App, outcome: SignIn, storedUsername: string): Promise<void> {
  const auth = outcome.result.AuthenticationResult;
  assert.ok(auth, "AuthenticationResult is returned");
  assert.equal(outcome.result.ChallengeName, undefined);
  assert.equal(auth.TokenType, "Bearer");
  assert.equal(auth.ExpiresIn, 3600);
  assert.ok(auth.RefreshToken && auth.RefreshToken.length > 100);
  const access = decodeJwt(auth.AccessToken!);
  assert.equal(access.token_use, "access");
  assert.equal(access.client_id, app.clientId);
  assert.equal(access.username, storedUsername);
  const id = decodeJwt(auth.IdToken!);
  assert.equal(id.token_use, "id");
  assert.equal(id.aud, app.clientId);
  assert.equal(id["cognito:username"], storedUsername);
  assert.equal(id.sub, access.sub);
  const me = await t.client.send(new GetUserCommand({ AccessToken: auth.AccessToken }));
  assert.equal(me.Username, storedUsername);
}

async function assertIncorrectPassword(fn: () => Promise<unknown>): Promise<void> {
  const err = await errorOf(fn);
  assert.equal(err.name, "NotAuthorizedException");
  assert.equal(err.message, "Incorrect username or password.");
}

describe("USER_SRP_AUTH with cognito-srp-helper", () => {
  const t = useCognate();

  it("client without a secret: signs in, and a wrong password is refused", async () => {
    const app = await setup(t);
    assert.equal(app.clientSecret, undefined);
    await createUser(t, app.poolId, "alice", "alice@example.com");

    const outcome = await signIn(t, app, "alice", PASSWORD);
    const parameters = outcome.challenge.ChallengeParameters!;
    assert.equal(parameters.USER_ID_FOR_SRP, "alice");
    assert.equal(parameters.USERNAME, "alice");
    assert.match(parameters.SRP_B!, /^[0-9a-f]+$/);
    assert.match(parameters.SALT!, /^[0-9a-f]+$/);
    assert.equal(outcome.challenge.AuthenticationResult, undefined);
    await assertSignedIn(t, app, outcome, "alice");

    await assertIncorrectPassword(() => signIn(t, app, "alice", "Passw0rd?"));
    await assertIncorrectPassword(() => signIn(t, app, "alice", "passw0rd!"));
  });

  it("client without a secret: a password pre-hashed by the helper signs in too", async () => {
    const app = await setup(t);
    await createUser(t, app.poolId, "bob", "bob@example.com");
    await assertSignedIn(t, app, await signIn(t, app, "bob", PASSWORD, { prehashed: true }), "bob");
    await assertIncorrectPassword(() => signIn(t, app, "bob", "Wr0ng!pass", { prehashed: true }));
  });

  it("many sign-ins in a row all verify (no encoding edge case fails one in a few hundred)", async () => {
    const app = await setup(t);
    await createUser(t, app.poolId, "carol", "carol@example.com");
    for (let i = 0; i < 40; i++) {
      const { result } = await signIn(t, app, "carol", PASSWORD);
      assert.ok(result.AuthenticationResult?.AccessToken, `sign-in ${i}`);
    }
  });

  it("client with a secret: SECRET_HASH in both steps signs in; a wrong password is refused", async () => {
    const app = await setup(t, {}, { GenerateSecret: true });
    assert.ok(app.clientSecret);
    await createUser(t, app.poolId, "dave", "dave@example.com");
    await assertSignedIn(t, app, await signIn(t, app, "dave", PASSWORD), "dave");
    await assertIncorrectPassword(() => signIn(t, app, "dave", "Passw0rd?"));
  });

  it("client with a secret: SECRET_HASH missing or wrong in either step is refused", async () => {
    const app = await setup(t, {}, { GenerateSecret: true });
    await createUser(t, app.poolId, "erin", "erin@example.com");
    const missing = `Client ${app.clientId} is configured with secret but SECRET_HASH was not received`;
    const wrong = `Unable to verify secret hash for client ${app.clientId}`;

    const session = createSrpSession("erin", PASSWORD, app.poolId, false);
    const initiate = (parameters: Record<string, string>) =>
      t.client.send(
        new InitiateAuthCommand(
          wrapInitiateAuth(session, {
            ClientId: app.clientId,
            AuthFlow: "USER_SRP_AUTH",
            AuthParameters: { USERNAME: "erin", ...parameters },
          }),
        ),
      );
    for (const [parameters, message] of [
      [{}, missing],
      [{ SECRET_HASH: createSecretHash("erin", app.clientId, "not-the-secret") }, wrong],
    ] as const) {
      const err = await errorOf(() => initiate(parameters));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, message);
    }

    const secretHash = createSecretHash("erin", app.clientId, app.clientSecret!);
    const respond = async (parameters: Record<string, string>) => {
      const challenge = await initiate({ SECRET_HASH: secretHash });
      return t.client.send(
        new RespondToAuthChallengeCommand(
          wrapAuthChallenge(signSrpSession(session, challenge), {
            ClientId: app.clientId,
            ChallengeName: "PASSWORD_VERIFIER",
            ChallengeResponses: { USERNAME: "erin", ...parameters },
          }),
        ),
      );
    };
    for (const [parameters, message] of [
      [{}, missing],
      [{ SECRET_HASH: createSecretHash("erin", app.clientId, "not-the-secret") }, wrong],
    ] as const) {
      const err = await errorOf(() => respond(parameters));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, message);
    }
    assert.ok((await respond({ SECRET_HASH: secretHash })).AuthenticationResult?.AccessToken);
  });

  it("email-as-username pool: USER_ID_FOR_SRP is the uuid, the user signs in with the email", async () => {
    const app = await setup(t, { UsernameAttributes: ["email"] });
    const stored = await createUser(t, app.poolId, "frank@example.com", "frank@example.com");
    assert.match(stored, UUID);

    const outcome = await signIn(t, app, "frank@example.com", PASSWORD);
    assert.equal(outcome.challenge.ChallengeParameters!.USER_ID_FOR_SRP, stored);
    assert.equal(outcome.challenge.ChallengeParameters!.USERNAME, stored);
    await assertSignedIn(t, app, outcome, stored);

    await assertIncorrectPassword(() => signIn(t, app, "frank@example.com", "Passw0rd?"));
  });

  it("email-as-username pool with a client secret: SECRET_HASH over the email in both steps", async () => {
    const app = await setup(t, { UsernameAttributes: ["email"] }, { GenerateSecret: true });
    const stored = await createUser(t, app.poolId, "gina@example.com", "gina@example.com");
    const outcome = await signIn(t, app, "gina@example.com", PASSWORD);
    assert.equal(outcome.challenge.ChallengeParameters!.USER_ID_FOR_SRP, stored);
    await assertSignedIn(t, app, outcome, stored);
    await assertIncorrectPassword(() => signIn(t, app, "gina@example.com", "Passw0rd?"));
  });
});

describe("PASSWORD_SRP through USER_AUTH with cognito-srp-helper", () => {
  const t = useCognate();
  const choiceApp = () => setup(t, {}, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });

  const verify = (
    app: App,
    username: string,
    session: ReturnType<typeof createSrpSession>,
    challenge: InitiateAuthCommandOutput | RespondToAuthChallengeCommandOutput,
  ) =>
    t.client.send(
      new RespondToAuthChallengeCommand(
        wrapAuthChallenge(signSrpSession(session, challenge), {
          ClientId: app.clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: { USERNAME: username },
          Session: challenge.Session,
        }),
      ),
    );

  it("PREFERRED_CHALLENGE PASSWORD_SRP answers PASSWORD_VERIFIER and a correct proof signs in", async () => {
    const app = await choiceApp();
    await createUser(t, app.poolId, "hal", "hal@example.com");
    const session = createSrpSession("hal", PASSWORD, app.poolId, false);
    const challenge = await t.client.send(
      new InitiateAuthCommand(
        wrapInitiateAuth(session, {
          ClientId: app.clientId,
          AuthFlow: "USER_AUTH",
          AuthParameters: { USERNAME: "hal", PREFERRED_CHALLENGE: "PASSWORD_SRP" },
        }),
      ),
    );
    assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
    const parameters = challenge.ChallengeParameters!;
    for (const key of ["SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME"]) {
      assert.ok(parameters[key], `${key} is in the challenge`);
    }
    const result = await verify(app, "hal", session, challenge);
    await assertSignedIn(t, app, { challenge, result }, "hal");
  });

  it("SELECT_CHALLENGE ANSWER PASSWORD_SRP continues with PASSWORD_VERIFIER", async () => {
    const app = await choiceApp();
    await createUser(t, app.poolId, "ida", "ida@example.com");
    const select = await t.client.send(
      new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "ida" } }),
    );
    assert.equal(select.ChallengeName, "SELECT_CHALLENGE");
    const session = createSrpSession("ida", PASSWORD, app.poolId, false);
    const challenge = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: app.clientId,
        ChallengeName: "SELECT_CHALLENGE",
        Session: select.Session,
        ChallengeResponses: { USERNAME: "ida", ANSWER: "PASSWORD_SRP", SRP_A: session.largeA },
      }),
    );
    assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
    const result = await verify(app, "ida", session, challenge);
    assert.ok(result.AuthenticationResult?.AccessToken);
    assert.equal(decodeJwt(result.AuthenticationResult.AccessToken).username, "ida");
  });
});
