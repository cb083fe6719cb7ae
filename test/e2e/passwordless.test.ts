import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminGetUserAuthFactorsCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";
import { lastMessage, messageCount, mfaPool, mfaUser, PASSWORD, totpCode } from "../helpers/mfa.js";

const PASSWORDLESS = {
  pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP"] as const } } },
  client: { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const },
};

async function passwordlessPool(t: TestCognate, mode: "OFF" | "OPTIONAL" = "OFF") {
  const { poolId, clientId } = await mfaPool(t, mode, mode === "OFF" ? [] : ["TOTP"], {
    pool: {
      Policies: {
        SignInPolicy: { AllowedFirstAuthFactors: [...PASSWORDLESS.pool.Policies.SignInPolicy.AllowedFirstAuthFactors] },
      },
    },
    client: { ExplicitAuthFlows: [...PASSWORDLESS.client.ExplicitAuthFlows] },
  });
  return { poolId, clientId };
}

const VERIFIED = {
  email: "uma@example.com",
  email_verified: "true",
  phone_number: "+14155550199",
  phone_number_verified: "true",
};

function userAuth(t: TestCognate, clientId: string, username: string, extra: Record<string, string> = {}) {
  return t.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_AUTH",
      AuthParameters: { USERNAME: username, ...extra },
    }),
  );
}

function respond(
  t: TestCognate,
  clientId: string,
  ChallengeName: "EMAIL_OTP" | "SMS_OTP" | "SELECT_CHALLENGE",
  Session: string | undefined,
  responses: Record<string, string>,
) {
  return t.client.send(
    new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName, Session, ChallengeResponses: responses }),
  );
}

describe("USER_AUTH with one-time codes as first factor", () => {
  const t = useCognate();

  it("SELECT_CHALLENGE lists what the user can use: codes only to verified addresses", async () => {
    const { poolId, clientId } = await passwordlessPool(t);
    await mfaUser(t, poolId, "uma", VERIFIED);
    await mfaUser(t, poolId, "vic", { email: "vic@example.com", phone_number: "+14155550198" });
    const select = await userAuth(t, clientId, "uma");
    assert.equal(select.ChallengeName, "SELECT_CHALLENGE");
    assert.deepEqual(select.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]);
    const unverified = await userAuth(t, clientId, "vic");
    assert.deepEqual(unverified.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
    // A preferred challenge the user cannot use falls back to the choice.
    const fallback = await userAuth(t, clientId, "vic", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    assert.equal(fallback.ChallengeName, "SELECT_CHALLENGE");
    const answer = await errorOf(() =>
      respond(t, clientId, "SELECT_CHALLENGE", fallback.Session, { USERNAME: "vic", ANSWER: "EMAIL_OTP" }),
    );
    assert.equal(answer.name, "InvalidParameterException");

    const factors = await t.client.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: "uma" }));
    assert.deepEqual(factors.ConfiguredUserAuthFactors, ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]);
    assert.equal(factors.Username, "uma");
  });

  it("PREFERRED_CHALLENGE EMAIL_OTP: a code by email, a wrong code refused, the right one signs in", async () => {
    const { poolId, clientId } = await passwordlessPool(t);
    await mfaUser(t, poolId, "uma", VERIFIED);
    const before = await messageCount(t, poolId, "uma");
    const challenge = await userAuth(t, clientId, "uma", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    assert.equal(challenge.ChallengeName, "EMAIL_OTP");
    assert.deepEqual(challenge.ChallengeParameters, {
      CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL",
      CODE_DELIVERY_DESTINATION: "u***@e***",
    });
    assert.equal(await messageCount(t, poolId, "uma"), before + 1);
    const email = await lastMessage(t, poolId, "uma");
    assert.equal(email.deliveryMedium, "EMAIL");
    assert.equal(email.destination, "uma@example.com");
    const wrong = await errorOf(() =>
      respond(t, clientId, "EMAIL_OTP", challenge.Session, {
        USERNAME: "uma",
        EMAIL_OTP_CODE: email.code === "000000" ? "111111" : "000000",
      }),
    );
    assert.equal(wrong.name, "CodeMismatchException");
    const done = await respond(t, clientId, "EMAIL_OTP", challenge.Session, {
      USERNAME: "uma",
      EMAIL_OTP_CODE: email.code!,
    });
    assert.equal(decodeJwt(done.AuthenticationResult!.AccessToken!).username, "uma");
    // The session and its code answered once.
    const again = await errorOf(() =>
      respond(t, clientId, "EMAIL_OTP", challenge.Session, { USERNAME: "uma", EMAIL_OTP_CODE: email.code! }),
    );
    assert.equal(again.name, "NotAuthorizedException");
    const self = await t.client.send(
      new GetUserAuthFactorsCommand({ AccessToken: done.AuthenticationResult!.AccessToken }),
    );
    assert.deepEqual(self.ConfiguredUserAuthFactors, ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]);
  });

  it("SELECT_CHALLENGE answered SMS_OTP: a code by SMS signs in", async () => {
    const { poolId, clientId } = await passwordlessPool(t);
    await mfaUser(t, poolId, "uma", VERIFIED);
    const select = await userAuth(t, clientId, "uma");
    const sms = await respond(t, clientId, "SELECT_CHALLENGE", select.Session, { USERNAME: "uma", ANSWER: "SMS_OTP" });
    assert.equal(sms.ChallengeName, "SMS_OTP");
    assert.deepEqual(sms.ChallengeParameters, {
      CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
      CODE_DELIVERY_DESTINATION: "+*******0199",
    });
    const message = await lastMessage(t, poolId, "uma");
    assert.equal(message.deliveryMedium, "SMS");
    const done = await respond(t, clientId, "SMS_OTP", sms.Session, { USERNAME: "uma", SMS_OTP_CODE: message.code! });
    assert.ok(done.AuthenticationResult?.RefreshToken);
  });

  it("SELECT_CHALLENGE answered PASSWORD signs in with the password given beside the answer", async () => {
    const { poolId, clientId } = await passwordlessPool(t);
    await mfaUser(t, poolId, "uma", VERIFIED);
    const select = await userAuth(t, clientId, "uma");
    const done = await respond(t, clientId, "SELECT_CHALLENGE", select.Session, {
      USERNAME: "uma",
      ANSWER: "PASSWORD",
      PASSWORD,
    });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it("a one-time code first factor is not followed by MFA; a password is", async () => {
    const { poolId, clientId } = await passwordlessPool(t, "OPTIONAL");
    await mfaUser(t, poolId, "uma", VERIFIED);
    const signedIn = await userAuth(t, clientId, "uma", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD });
    const token = signedIn.AuthenticationResult!.AccessToken!;
    const { SecretCode } = await t.client.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    await t.client.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: totpCode(SecretCode!) }));
    await t.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "uma",
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const withPassword = await userAuth(t, clientId, "uma", { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD });
    assert.equal(withPassword.ChallengeName, "SOFTWARE_TOKEN_MFA");
    const challenge = await userAuth(t, clientId, "uma", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    const email = await lastMessage(t, poolId, "uma");
    const done = await respond(t, clientId, "EMAIL_OTP", challenge.Session, {
      USERNAME: "uma",
      EMAIL_OTP_CODE: email.code!,
    });
    assert.ok(done.AuthenticationResult?.AccessToken);
    assert.equal(done.ChallengeName, undefined);
  });

  it("without EMAIL_OTP in the pool's sign-in policy, no code is offered", async () => {
    const { poolId, clientId } = await mfaPool(t, "OFF", [], {
      client: { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
    });
    await mfaUser(t, poolId, "uma", VERIFIED);
    const select = await userAuth(t, clientId, "uma", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    assert.equal(select.ChallengeName, "SELECT_CHALLENGE");
    assert.deepEqual(select.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
  });

  it("an unknown user under PreventUserExistenceErrors gets a decoy challenge, the same each time, that fails like a wrong answer", async () => {
    const { poolId, clientId } = await mfaPool(t, "OFF", [], {
      pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } },
      client: {
        ExplicitAuthFlows: [...PASSWORDLESS.client.ExplicitAuthFlows],
        PreventUserExistenceErrors: "ENABLED",
      },
    });
    // Cognito answers USER_AUTH for a user who does not exist with a challenge the pool allows,
    // chosen at random: here a function of the name, so that asking again gives the same one.
    const names = Array.from({ length: 16 }, (_, i) => `nobody${i}`);
    const answers = await Promise.all(names.map((name) => userAuth(t, clientId, name)));
    for (const [i, answer] of answers.entries()) {
      assert.ok(answer.Session);
      assert.equal((await userAuth(t, clientId, names[i]!)).ChallengeName, answer.ChallengeName);
    }
    const select = answers.findIndex((a) => a.ChallengeName === "SELECT_CHALLENGE");
    const code = answers.findIndex((a) => a.ChallengeName === "EMAIL_OTP");
    assert.ok(select >= 0 && code >= 0, "both kinds of decoy among 16 names");
    assert.deepEqual(answers[select]!.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
    const wrong = await errorOf(() =>
      respond(t, clientId, "SELECT_CHALLENGE", answers[select]!.Session, {
        USERNAME: names[select]!,
        ANSWER: "PASSWORD",
        PASSWORD,
      }),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");
    // A preferred EMAIL_OTP: a code challenge to a pretend address; every code is wrong, and the
    // session is spent after as many wrong answers as a real one.
    const otp = await userAuth(t, clientId, "nobody", { PREFERRED_CHALLENGE: "EMAIL_OTP" });
    assert.equal(otp.ChallengeName, "EMAIL_OTP");
    assert.equal(otp.ChallengeParameters!.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
    assert.match(otp.ChallengeParameters!.CODE_DELIVERY_DESTINATION!, /^\w\*\*\*@\w\*\*\*$/);
    for (let i = 0; i < 3; i++) {
      const mismatch = await errorOf(() =>
        respond(t, clientId, "EMAIL_OTP", otp.Session, { USERNAME: "nobody", EMAIL_OTP_CODE: "123456" }),
      );
      assert.equal(mismatch.name, "CodeMismatchException");
    }
    const spent = await errorOf(() =>
      respond(t, clientId, "EMAIL_OTP", otp.Session, { USERNAME: "nobody", EMAIL_OTP_CODE: "123456" }),
    );
    assert.equal(spent.name, "NotAuthorizedException");
    assert.equal(await messageCount(t, poolId, "nobody"), 0);
    // Without the setting, the same request says the user does not exist.
    const { clientId: legacy } = await mfaPool(t, "OFF", [], {
      pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } },
      client: { ExplicitAuthFlows: [...PASSWORDLESS.client.ExplicitAuthFlows] },
    });
    assert.equal((await errorOf(() => userAuth(t, legacy, "nobody"))).name, "UserNotFoundException");
  });
});
