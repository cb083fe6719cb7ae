import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AdminCreateUserCommand, AdminSetUserPasswordCommand } from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { appPool, MapSyncStorage } from "../helpers/amplify.js";
import { useCognate } from "../helpers/cognate.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

const PASSWORD = "Secret-Pass1";
const handlers = handlerDir();

// The Define of the developer guide's example, extended to three custom rounds: SRP_A →
// PASSWORD_VERIFIER → CUSTOM_CHALLENGE ×3 → tokens; anything else fails.
handlers.write(
  "define",
  `  const s = event.request.session;
  const last = s[s.length - 1];
  const custom = s.filter((c: any) => c.challengeName === "CUSTOM_CHALLENGE").length;
  if (s.length === 1 && last.challengeName === "SRP_A") {
    event.response.challengeName = "PASSWORD_VERIFIER"; event.response.issueTokens = false; event.response.failAuthentication = false;
  } else if (last && last.challengeResult === true && custom === 3) {
    event.response.issueTokens = true; event.response.failAuthentication = false;
  } else if (last && last.challengeResult === true) {
    event.response.challengeName = "CUSTOM_CHALLENGE"; event.response.issueTokens = false; event.response.failAuthentication = false;
  } else {
    event.response.issueTokens = false; event.response.failAuthentication = true;
  }
  return event;`,
);
handlers.write(
  "create",
  `  const round = event.request.session.filter((c: any) => c.challengeName === "CUSTOM_CHALLENGE").length + 1;
  event.response.publicChallengeParameters = { question: "What is " + round + " + " + round + "?" };
  event.response.privateChallengeParameters = { answer: String(round * 2) };
  event.response.challengeMetadata = "SUM_" + round;
  return event;`,
);
handlers.write(
  "verify",
  `  event.response.answerCorrect = event.request.privateChallengeParameters.answer === event.request.challengeAnswer;
  return event;`,
);

const t = useCognate({
  triggers: {
    functions: {
      define: { module: join(handlers.dir, "define.ts") },
      create: { module: join(handlers.dir, "create.ts") },
      verify: { module: join(handlers.dir, "verify.ts") },
    },
  },
});

type LibraryError = Error & { code?: string };

/**
 * authenticateUser with CUSTOM_AUTH, answering each customChallenge with `answerFor` through
 * sendCustomChallengeAnswer, as an app would. Resolves with the session and the questions asked.
 */
function signIn(
  user: CognitoUser,
  password: string,
  answerFor: (question: string) => string,
): Promise<{ session: CognitoUserSession; questions: string[] }> {
  const questions: string[] = [];
  return new Promise((resolve, reject) => {
    const callbacks = {
      onSuccess: (session: CognitoUserSession) => resolve({ session, questions }),
      onFailure: reject,
      customChallenge(parameters: Record<string, string>) {
        questions.push(parameters.question!);
        user.sendCustomChallengeAnswer(answerFor(parameters.question!), callbacks);
      },
    };
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), callbacks);
  });
}

describe("amazon-cognito-identity-js: CUSTOM_AUTH with the customChallenge callback, unchanged", () => {
  async function setUp() {
    const { poolId, clientId } = await appPool(
      t,
      {
        LambdaConfig: {
          DefineAuthChallenge: functionArn("define"),
          CreateAuthChallenge: functionArn("create"),
          VerifyAuthChallengeResponse: functionArn("verify"),
        },
      },
      { ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    );
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "grace",
        UserAttributes: [{ Name: "email", Value: "grace@example.com" }],
        MessageAction: "SUPPRESS",
      }),
    );
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "grace", Password: PASSWORD, Permanent: true }),
    );
    const storage = new MapSyncStorage();
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: t.url, Storage: storage });
    const user = () => new CognitoUser({ Username: "grace", Pool: pool, Storage: storage });
    return { user };
  }

  const sum = (question: string) => {
    const [, a, b] = /What is (\d+) \+ (\d+)\?/.exec(question)!;
    return String(Number(a) + Number(b));
  };

  it("SRP password verification, then three custom challenges answered, then a valid session", async () => {
    const { user } = await setUp();
    const cognitoUser = user();
    cognitoUser.setAuthenticationFlowType("CUSTOM_AUTH");
    const { session, questions } = await signIn(cognitoUser, PASSWORD, sum);
    assert.deepEqual(questions, ["What is 1 + 1?", "What is 2 + 2?", "What is 3 + 3?"]);
    assert.ok(session.isValid());
    assert.equal(session.getIdToken().decodePayload()["cognito:username"], "grace");
    assert.equal(session.getAccessToken().decodePayload().username, "grace");
  });

  it("a wrong answer fails the sign-in through onFailure, as Define decides", async () => {
    const { user } = await setUp();
    const cognitoUser = user();
    cognitoUser.setAuthenticationFlowType("CUSTOM_AUTH");
    const err = (await signIn(cognitoUser, PASSWORD, (q) => (q.startsWith("What is 2") ? "5" : sum(q))).then(
      () => assert.fail("signed in with a wrong answer"),
      (e: unknown) => e,
    )) as LibraryError;
    assert.equal(err.code, "NotAuthorizedException");
    assert.equal(err.message, "Incorrect username or password.");
  });

  it("a wrong password fails before any custom challenge", async () => {
    const { user } = await setUp();
    const cognitoUser = user();
    cognitoUser.setAuthenticationFlowType("CUSTOM_AUTH");
    const asked: string[] = [];
    const err = (await signIn(cognitoUser, "Wrong-Pass1", (q) => (asked.push(q), sum(q))).then(
      () => assert.fail("signed in with a wrong password"),
      (e: unknown) => e,
    )) as LibraryError;
    assert.equal(err.code, "NotAuthorizedException");
    assert.deepEqual(asked, []);
  });
});
