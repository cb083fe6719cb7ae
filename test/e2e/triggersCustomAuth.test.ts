import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { formatSrpTimestamp, poolNameOf } from "../../src/auth/srp/index.js";
import { errorOf, useCognate } from "../helpers/cognate.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

const PASSWORD = "Passw0rd!";
const handlers = handlerDir();

/*
 * What the Cognito developer guide documents (Custom authentication challenge Lambda triggers,
 * Define / Create / Verify pages, and the authentication-flow page), and what these tests hold
 * Cognate to:
 * - trigger sources DefineAuthChallenge_Authentication, CreateAuthChallenge_Authentication,
 *   VerifyAuthChallengeResponse_Authentication; request.userAttributes (with sub and
 *   cognito:user_status, as in captured events), session (ChallengeResult entries
 *   {challengeName, challengeResult, challengeMetadata}, oldest first), clientMetadata,
 *   userNotFound; Create also gets challengeName, Verify privateChallengeParameters and
 *   challengeAnswer (a string).
 * - With CHALLENGE_NAME=SRP_A, Define first sees [{SRP_A, true}], answers PASSWORD_VERIFIER, and
 *   after the password sees [..., {PASSWORD_VERIFIER, true}].
 * - failAuthentication ends the sign-in with NotAuthorizedException "Incorrect username or password.".
 * - Without a DefineAuthChallenge: InvalidParameterException "Custom auth lambda trigger is not
 *   configured for the user pool.".
 */
// One state machine: SRP_A → PASSWORD_VERIFIER; three correct custom answers → tokens; three
// wrong ones → fail.
handlers.write(
  "define",
  `  const s = event.request.session;
  const last = s[s.length - 1];
  const right = s.filter((c: any) => c.challengeName === "CUSTOM_CHALLENGE" && c.challengeResult).length;
  const wrong = s.filter((c: any) => c.challengeName === "CUSTOM_CHALLENGE" && !c.challengeResult).length;
  if (wrong >= 3) {
    return { ...event, response: { ...event.response, issueTokens: false, failAuthentication: true } };
  }
  if (last && last.challengeName === "SRP_A") {
    return { ...event, response: { ...event.response, challengeName: "PASSWORD_VERIFIER", issueTokens: false, failAuthentication: false } };
  }
  if (right >= 3) return { ...event, response: { ...event.response, issueTokens: true, failAuthentication: false } };
  return { ...event, response: { ...event.response, challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false } };`,
);
handlers.write(
  "refuse",
  "  return { ...event, response: { ...event.response, issueTokens: true, failAuthentication: true } };",
);
handlers.write(
  "create",
  `  const round = event.request.session.filter((c: any) => c.challengeName === "CUSTOM_CHALLENGE" && c.challengeResult).length + 1;
  return { ...event, response: {
    publicChallengeParameters: { question: "round " + round },
    privateChallengeParameters: { answer: "answer-" + round },
    challengeMetadata: "ROUND_" + round,
  } };`,
);
handlers.write(
  "verify",
  `  return { ...event, response: { answerCorrect: event.request.challengeAnswer === event.request.privateChallengeParameters.answer } };`,
);

const t = useCognate({
  triggers: {
    functions: {
      define: { module: join(handlers.dir, "define.ts") },
      refuse: { module: join(handlers.dir, "refuse.ts") },
      create: { module: join(handlers.dir, "create.ts") },
      verify: { module: join(handlers.dir, "verify.ts") },
    },
  },
});

const CUSTOM: LambdaConfigType = {
  DefineAuthChallenge: functionArn("define"),
  CreateAuthChallenge: functionArn("create"),
  VerifyAuthChallengeResponse: functionArn("verify"),
};

async function poolWith(LambdaConfig: LambdaConfigType, preventUserExistenceErrors = false) {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "custom", LambdaConfig }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      ...(preventUserExistenceErrors ? { PreventUserExistenceErrors: "ENABLED" } : {}),
    }),
  );
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "ada",
      UserAttributes: [
        { Name: "email", Value: "ada@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
      MessageAction: "SUPPRESS",
    }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ada", Password: PASSWORD, Permanent: true }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

const since = (name: string, from: number) => handlers.events(name).slice(from);
const counts = () => ({
  define: handlers.events("define").length,
  create: handlers.events("create").length,
  verify: handlers.events("verify").length,
});

const answer = (clientId: string, session: string | undefined, value: string) =>
  t.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "CUSTOM_CHALLENGE",
      Session: session,
      ChallengeResponses: { USERNAME: "ada", ANSWER: value },
    }),
  );

// The real client library's SRP half (CommonJS subpaths without typings).
const require = createRequire(import.meta.url);
interface ClientBigInteger {
  toString(radix: number): string;
}
interface ClientHelper {
  getLargeAValue(callback: (err: Error | null, A: ClientBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: ClientBigInteger,
    salt: ClientBigInteger,
    callback: (err: Error | null, key: Buffer) => void,
  ): void;
}
const AuthenticationHelper = (
  require("amazon-cognito-identity-js/lib/AuthenticationHelper.js") as {
    default: new (poolName: string) => ClientHelper;
  }
).default;
const BigInteger = (
  require("amazon-cognito-identity-js/lib/BigInteger.js") as {
    default: new (hex: string, radix: number) => ClientBigInteger;
  }
).default;

/** The client's SRP A, and how it signs the PASSWORD_VERIFIER challenge. */
async function srpClient(poolId: string) {
  const helper = new AuthenticationHelper(poolNameOf(poolId));
  const A = await new Promise<string>((resolve, reject) =>
    helper.getLargeAValue((err, a) => (err ? reject(err) : resolve(a.toString(16)))),
  );
  return {
    A,
    async sign(parameters: Record<string, string>, password: string): Promise<Record<string, string>> {
      const key = await new Promise<Buffer>((resolve, reject) =>
        helper.getPasswordAuthenticationKey(
          parameters.USER_ID_FOR_SRP!,
          password,
          new BigInteger(parameters.SRP_B!, 16),
          new BigInteger(parameters.SALT!, 16),
          (err, k) => (err ? reject(err) : resolve(k)),
        ),
      );
      const timestamp = formatSrpTimestamp(Date.now());
      const signature = createHmac("sha256", key)
        .update(
          Buffer.concat([
            Buffer.from(poolNameOf(poolId), "utf8"),
            Buffer.from(parameters.USER_ID_FOR_SRP!, "utf8"),
            Buffer.from(parameters.SECRET_BLOCK!, "base64"),
            Buffer.from(timestamp, "utf8"),
          ]),
        )
        .digest("base64");
      return {
        USERNAME: parameters.USER_ID_FOR_SRP!,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK!,
        PASSWORD_CLAIM_SIGNATURE: signature,
        TIMESTAMP: timestamp,
      };
    },
  };
}

describe("CUSTOM_AUTH: DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse", () => {
  it("three rounds of CUSTOM_CHALLENGE, each trigger with Cognito's event, then tokens", async () => {
    const { poolId, clientId } = await poolWith(CUSTOM);
    const before = counts();
    const started = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "ada" },
      }),
    );
    assert.equal(started.ChallengeName, "CUSTOM_CHALLENGE");
    assert.deepEqual(started.ChallengeParameters, { question: "round 1", USERNAME: "ada" });
    assert.ok(started.Session);

    const [define] = since("define", before.define);
    const sub = (define!.request as { userAttributes: Record<string, string> }).userAttributes.sub;
    assert.match(sub!, /^[0-9a-f-]{36}$/);
    const userAttributes = {
      sub,
      email: "ada@example.com",
      email_verified: "true",
      "cognito:user_status": "CONFIRMED",
    };
    const envelope = {
      version: "1",
      region: "us-east-1",
      userPoolId: poolId,
      userName: "ada",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId },
    };
    assert.deepEqual(define, {
      ...envelope,
      triggerSource: "DefineAuthChallenge_Authentication",
      request: { userAttributes, session: [], userNotFound: false },
      response: { challengeName: null, issueTokens: null, failAuthentication: null },
    });
    assert.deepEqual(since("create", before.create), [
      {
        ...envelope,
        triggerSource: "CreateAuthChallenge_Authentication",
        request: {
          userAttributes,
          challengeName: "CUSTOM_CHALLENGE",
          session: [],
          userNotFound: false,
        },
        response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
      },
    ]);

    const second = await answer(clientId, started.Session, "answer-1");
    assert.equal(second.ChallengeName, "CUSTOM_CHALLENGE");
    assert.deepEqual(second.ChallengeParameters, { question: "round 2", USERNAME: "ada" });
    assert.notEqual(second.Session, started.Session, "every round has its own session");
    assert.deepEqual(since("verify", before.verify), [
      {
        ...envelope,
        triggerSource: "VerifyAuthChallengeResponse_Authentication",
        request: {
          userAttributes,
          privateChallengeParameters: { answer: "answer-1" },
          challengeAnswer: "answer-1",
          userNotFound: false,
        },
        response: { answerCorrect: null },
      },
    ]);

    const third = await answer(clientId, second.Session, "answer-2");
    assert.deepEqual(third.ChallengeParameters, { question: "round 3", USERNAME: "ada" });
    const done = await answer(clientId, third.Session, "answer-3");
    assert.equal(done.ChallengeName, undefined);
    assert.ok(done.AuthenticationResult?.RefreshToken);
    const claims = decodeJwt(done.AuthenticationResult.IdToken!);
    assert.equal(claims["cognito:username"], "ada");
    assert.equal(claims.sub, sub);

    // Define saw the history grow, with the metadata Create named each challenge with.
    const sessions = since("define", before.define).map((e) => (e.request as { session: unknown[] }).session);
    assert.equal(sessions.length, 4);
    assert.deepEqual(sessions[3], [
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "ROUND_1" },
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "ROUND_2" },
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "ROUND_3" },
    ]);
    assert.equal(since("create", before.create).length, 3);
    assert.equal(since("verify", before.verify).length, 3);
  });

  it("a wrong answer is recorded as a failed challenge and Define may ask again; the right one goes on", async () => {
    const { clientId } = await poolWith(CUSTOM);
    const before = counts();
    const started = await t.client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "ada" } }),
    );
    const again = await answer(clientId, started.Session, "wrong");
    assert.equal(again.ChallengeName, "CUSTOM_CHALLENGE");
    assert.deepEqual(again.ChallengeParameters, { question: "round 1", USERNAME: "ada" });
    const next = await answer(clientId, again.Session, "answer-1");
    assert.deepEqual(next.ChallengeParameters, { question: "round 2", USERNAME: "ada" });
    const last = since("define", before.define).at(-1)!;
    assert.deepEqual((last.request as { session: unknown[] }).session, [
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "ROUND_1" },
      { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "ROUND_1" },
    ]);
    // Three wrong answers in all: Define fails the sign-in.
    const w2 = await answer(clientId, next.Session, "wrong");
    const err = await errorOf(() => answer(clientId, w2.Session, "wrong"));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Incorrect username or password.");
  });

  it("failAuthentication (even with issueTokens) is NotAuthorizedException 'Incorrect username or password.'", async () => {
    const { clientId } = await poolWith({ ...CUSTOM, DefineAuthChallenge: functionArn("refuse") });
    const before = counts();
    const err = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "ada" } }),
      ),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Incorrect username or password.");
    assert.equal(since("create", before.create).length, 0);
  });

  it("CHALLENGE_NAME=SRP_A: PASSWORD_VERIFIER first, then custom challenges; the history names both", async () => {
    const { poolId, clientId } = await poolWith(CUSTOM);
    const before = counts();
    const srp = await srpClient(poolId);
    const started = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "ada", SRP_A: srp.A, CHALLENGE_NAME: "SRP_A" },
      }),
    );
    assert.equal(started.ChallengeName, "PASSWORD_VERIFIER");
    assert.ok(started.Session, "the custom flow's PASSWORD_VERIFIER comes with a session");
    assert.equal(started.ChallengeParameters!.USER_ID_FOR_SRP, "ada");
    assert.deepEqual((since("define", before.define)[0]!.request as { session: unknown[] }).session, [
      { challengeName: "SRP_A", challengeResult: true, challengeMetadata: null },
    ]);
    assert.equal(since("create", before.create).length, 0, "no custom challenge for PASSWORD_VERIFIER");

    const custom = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        Session: started.Session,
        ChallengeResponses: await srp.sign(started.ChallengeParameters!, PASSWORD),
      }),
    );
    assert.equal(custom.ChallengeName, "CUSTOM_CHALLENGE");
    assert.deepEqual(custom.ChallengeParameters, { question: "round 1", USERNAME: "ada" });
    const history = [
      { challengeName: "SRP_A", challengeResult: true, challengeMetadata: null },
      { challengeName: "PASSWORD_VERIFIER", challengeResult: true, challengeMetadata: null },
    ];
    assert.deepEqual((since("define", before.define)[1]!.request as { session: unknown[] }).session, history);
    assert.deepEqual((since("create", before.create)[0]!.request as { session: unknown[] }).session, history);
    let session = custom.Session;
    for (const round of [1, 2, 3]) {
      const out = await answer(clientId, session, `answer-${round}`);
      session = out.Session;
      if (round === 3) assert.ok(out.AuthenticationResult?.AccessToken);
    }

    // A wrong password ends the flow at once, as in USER_SRP_AUTH.
    const retry = await srpClient(poolId);
    const again = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "ada", SRP_A: retry.A, CHALLENGE_NAME: "SRP_A" },
      }),
    );
    const err = await errorOf(async () =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          Session: again.Session,
          ChallengeResponses: await retry.sign(again.ChallengeParameters!, "Wr0ng-password!"),
        }),
      ),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Incorrect username or password.");
  });

  it("a session answers once: replaying it is refused", async () => {
    const { clientId } = await poolWith(CUSTOM);
    const started = await t.client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "ada" } }),
    );
    await answer(clientId, started.Session, "answer-1");
    const err = await errorOf(() => answer(clientId, started.Session, "answer-1"));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Invalid session for the user, session can only be used once.");
    const missing = await errorOf(() => answer(clientId, undefined, "answer-1"));
    assert.equal(missing.name, "InvalidParameterException");
  });

  it("without a DefineAuthChallenge trigger CUSTOM_AUTH is InvalidParameterException", async () => {
    const { clientId, poolId } = await poolWith({});
    const err = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "ada" } }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Custom auth lambda trigger is not configured for the user pool.");
    const admin = await errorOf(() =>
      t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "CUSTOM_AUTH",
          AuthParameters: { USERNAME: "ada" },
        }),
      ),
    );
    assert.equal(admin.message, "Custom auth lambda trigger is not configured for the user pool.");
  });

  it("AdminInitiateAuth runs the same flow, with CLIENT ids in the events", async () => {
    const { poolId, clientId } = await poolWith(CUSTOM);
    const started = await t.client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "ada" },
      }),
    );
    assert.equal(started.ChallengeName, "CUSTOM_CHALLENGE");
    assert.equal(handlers.events("define").at(-1)!.userPoolId, poolId);
  });

  it("an unknown user under PreventUserExistenceErrors reaches the triggers with userNotFound and never gets tokens", async () => {
    const { clientId } = await poolWith(CUSTOM, true);
    const before = counts();
    let out = await t.client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "nobody" } }),
    );
    const [define] = since("define", before.define);
    assert.equal(define!.userName, "nobody");
    assert.deepEqual(define!.request, { userAttributes: {}, session: [], userNotFound: true });
    assert.equal(out.ChallengeParameters!.USERNAME, "nobody");
    for (const round of [1, 2]) {
      out = await t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: out.Session,
          ChallengeResponses: { USERNAME: "nobody", ANSWER: `answer-${round}` },
        }),
      );
    }
    const err = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: out.Session,
          ChallengeResponses: { USERNAME: "nobody", ANSWER: "answer-3" },
        }),
      ),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Incorrect username or password.");

    // Without PreventUserExistenceErrors the caller is told.
    const { clientId: plain } = await poolWith(CUSTOM);
    const missing = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({ ClientId: plain, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "nobody" } }),
      ),
    );
    assert.equal(missing.name, "UserNotFoundException");
  });
});
