import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminDeleteSoftwareTokenCommand,
  AdminGetUserAuthFactorsCommand,
  AdminGetUserCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";
import {
  adminPasswordAuth,
  lastMessage,
  messageCount,
  mfaPool,
  mfaUser,
  PASSWORD,
  passwordAuth,
  TEMPORARY,
  totpCode,
} from "../helpers/mfa.js";

/** Signs in without MFA and returns the access token. */
async function accessTokenOf(t: TestCognate, clientId: string, username: string): Promise<string> {
  const result = await passwordAuth(t, clientId, username);
  assert.equal(result.ChallengeName, undefined);
  return result.AuthenticationResult!.AccessToken!;
}

/** Associates and verifies an authenticator app for a signed-in user; returns its secret. */
async function enrolTotp(t: TestCognate, accessToken: string): Promise<string> {
  const { SecretCode } = await t.client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  const verified = await t.client.send(
    new VerifySoftwareTokenCommand({
      AccessToken: accessToken,
      UserCode: totpCode(SecretCode!),
      FriendlyDeviceName: "phone",
    }),
  );
  assert.equal(verified.Status, "SUCCESS");
  return SecretCode!;
}

describe("authenticator apps (TOTP)", () => {
  const t = useCognate();

  it("associates a secret, refuses a wrong code with EnableSoftwareTokenMFAException, verifies a right one", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["TOTP"]);
    await mfaUser(t, poolId, "ann");
    const token = await accessTokenOf(t, clientId, "ann");
    const { SecretCode, Session } = await t.client.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    // Base32 of 32 random bytes, as Cognito hands out; no Session when called with an access token.
    assert.match(SecretCode!, /^[A-Z2-7]{52}$/);
    assert.equal(Session, undefined);
    const wrong = String((Number(totpCode(SecretCode!)) + 1) % 1_000_000).padStart(6, "0");
    const mismatch = await errorOf(() =>
      t.client.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: wrong })),
    );
    assert.equal(mismatch.name, "EnableSoftwareTokenMFAException");
    assert.equal(mismatch.message, "Code mismatch and fail enable Software Token MFA");
    // Enabling TOTP before a code verified the token is refused, in Cognito's words.
    const early = await errorOf(() =>
      t.client.send(
        new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true } }),
      ),
    );
    assert.equal(early.name, "InvalidParameterException");
    assert.equal(early.message, "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA");

    const ok = await t.client.send(
      new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: totpCode(SecretCode!) }),
    );
    assert.equal(ok.Status, "SUCCESS");
    // The code just used cannot verify again.
    const again = await errorOf(() =>
      t.client.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: totpCode(SecretCode!) })),
    );
    assert.equal(again.name, "EnableSoftwareTokenMFAException");
    // Verification alone does not turn MFA on: optional MFA still signs in with the password only.
    assert.equal((await passwordAuth(t, clientId, "ann")).ChallengeName, undefined);
  });

  it("signs in with SOFTWARE_TOKEN_MFA: wrong code, right code, and a code used once refused", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["TOTP"]);
    await mfaUser(t, poolId, "bob");
    const token = await accessTokenOf(t, clientId, "bob");
    const secret = await enrolTotp(t, token);
    await t.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: token,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const user = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.deepEqual(user.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
    assert.equal(user.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");
    // The secret is never answered again.
    assert.equal(JSON.stringify(user).includes(secret), false);

    const challenge = await passwordAuth(t, clientId, "bob");
    assert.equal(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA");
    assert.deepEqual(challenge.ChallengeParameters, {});
    assert.equal(challenge.AuthenticationResult, undefined);
    const answer = (code: string, Session = challenge.Session) =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session,
          ChallengeResponses: { USERNAME: "bob", SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    const wrong = await errorOf(() => answer("000000" === totpCode(secret, 1) ? "111111" : "000000"));
    assert.equal(wrong.name, "CodeMismatchException");
    assert.equal(wrong.message, "Invalid code or auth state for the user.");
    // A wrong code leaves the session usable.
    const code = totpCode(secret, 1);
    const signedIn = await answer(code);
    assert.ok(signedIn.AuthenticationResult?.AccessToken);
    assert.ok(signedIn.AuthenticationResult?.RefreshToken);
    // The session answered once.
    const reused = await errorOf(() => answer(code));
    assert.equal(reused.name, "NotAuthorizedException");
    assert.equal(reused.message, "Invalid session for the user, session can only be used once.");
    // A new sign-in cannot replay the code either (RFC 6238: a code is accepted once).
    const next = await passwordAuth(t, clientId, "bob");
    const replay = await errorOf(() => answer(code, next.Session));
    assert.equal(replay.name, "ExpiredCodeException");
    assert.equal(replay.message, "Your software token has already been used once.");
  });

  it("refuses answers to an expired session", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["TOTP"]);
    await mfaUser(t, poolId, "cat");
    const token = await accessTokenOf(t, clientId, "cat");
    const secret = await enrolTotp(t, token);
    await t.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true } }),
    );
    const challenge = await passwordAuth(t, clientId, "cat");
    assert.equal(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA");
    // Age the stored session past its expiry (AuthSessionValidity, 3 minutes by default).
    const { ResourceKind } = await import("../../src/storage/kinds.js");
    const record = await t.cognate.store.resources.get<{ expiresAt: number }>(
      ResourceKind.authSession,
      poolId,
      challenge.Session!,
    );
    await t.cognate.store.resources.put({ ...record!, data: { ...record!.data, expiresAt: Date.now() - 1 } });
    const expired = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "cat", SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, 1) },
        }),
      ),
    );
    assert.equal(expired.name, "NotAuthorizedException");
    assert.equal(expired.message, "Invalid session for the user, session is expired.");
  });

  it("spends a session after three wrong codes, and wrong codes count toward the lockout", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["TOTP"]);
    await mfaUser(t, poolId, "dan");
    const token = await accessTokenOf(t, clientId, "dan");
    const secret = await enrolTotp(t, token);
    await t.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true } }),
    );
    const valid = new Set([-1, 0, 1, 2].map((s) => totpCode(secret, s)));
    const wrongCode = ["123456", "234567", "345678", "456789"].find((c) => !valid.has(c))!;
    const challenge = await passwordAuth(t, clientId, "dan");
    const answer = (code: string) =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "dan", SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    for (let i = 0; i < 3; i++) assert.equal((await errorOf(() => answer(wrongCode))).name, "CodeMismatchException");
    const spent = await errorOf(() => answer(totpCode(secret, 1)));
    assert.equal(spent.name, "NotAuthorizedException");
    // Two more wrong codes in a new session make five failures: the user is locked out for a while.
    for (let i = 0; i < 2; i++) {
      const next = await passwordAuth(t, clientId, "dan");
      const failed = await errorOf(() =>
        t.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "SOFTWARE_TOKEN_MFA",
            Session: next.Session,
            ChallengeResponses: { USERNAME: "dan", SOFTWARE_TOKEN_MFA_CODE: wrongCode },
          }),
        ),
      );
      assert.equal(failed.name, "CodeMismatchException");
    }
    const locked = await errorOf(() => passwordAuth(t, clientId, "dan"));
    assert.equal(locked.name, "NotAuthorizedException");
    assert.equal(locked.message, "Password attempts exceeded");
  });

  it("a new association leaves the verified app signing in until the new one is verified, then replaces it", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["TOTP"]);
    await mfaUser(t, poolId, "fay");
    const token = await accessTokenOf(t, clientId, "fay");
    const oldSecret = await enrolTotp(t, token);
    await t.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "fay",
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const { SecretCode: newSecret } = await t.client.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    assert.notEqual(newSecret, oldSecret);
    const answer = async (code: string) => {
      const challenge = await passwordAuth(t, clientId, "fay");
      assert.equal(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA");
      return t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "fay", SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    };
    // Still the old app until the new one is verified (Cognito disassociates it only then).
    assert.ok((await answer(totpCode(oldSecret, 1))).AuthenticationResult?.AccessToken);
    const verified = await t.client.send(
      new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: totpCode(newSecret!) }),
    );
    assert.equal(verified.Status, "SUCCESS");
    const old = await errorOf(() => answer(totpCode(oldSecret, -1)));
    assert.equal(old.name, "CodeMismatchException");
    assert.ok((await answer(totpCode(newSecret!, 1))).AuthenticationResult?.AccessToken);
  });

  it("AdminDeleteSoftwareToken forgets the app: TOTP MFA is off until a new token is verified", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["TOTP"]);
    await mfaUser(t, poolId, "eve");
    const token = await accessTokenOf(t, clientId, "eve");
    await enrolTotp(t, token);
    await t.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "eve",
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const factors = await t.client.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: "eve" }));
    assert.deepEqual(factors.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
    assert.equal(factors.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");
    // The authenticator app is listed as the MFA-only factor SOFTWARE_TOKEN.
    assert.deepEqual(factors.ConfiguredUserAuthFactors, ["PASSWORD", "SOFTWARE_TOKEN"]);
    assert.equal((await passwordAuth(t, clientId, "eve")).ChallengeName, "SOFTWARE_TOKEN_MFA");
    await t.client.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: "eve" }));
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "eve" }));
    assert.equal(user.UserMFASettingList, undefined);
    assert.equal(user.PreferredMfaSetting, undefined);
    assert.equal((await passwordAuth(t, clientId, "eve")).ChallengeName, undefined);
  });
});

describe("SMS and email MFA", () => {
  const t = useCognate();

  it("SMS_MFA: a code to the phone, masked in ChallengeParameters; phone_number_verified afterwards", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["SMS"]);
    await mfaUser(t, poolId, "fay", { phone_number: "+14155550123" });
    await t.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "fay",
        SMSMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const before = await messageCount(t, poolId, "fay");
    const challenge = await adminPasswordAuth(t, poolId, clientId, "fay");
    assert.equal(challenge.ChallengeName, "SMS_MFA");
    assert.deepEqual(challenge.ChallengeParameters, {
      CODE_DELIVERY_DELIVERY_MEDIUM: "SMS",
      CODE_DELIVERY_DESTINATION: "+*******0123",
    });
    assert.equal(await messageCount(t, poolId, "fay"), before + 1);
    const sms = await lastMessage(t, poolId, "fay");
    assert.equal(sms.deliveryMedium, "SMS");
    assert.equal(sms.destination, "+14155550123");
    assert.match(sms.code!, /^\d{6}$/);
    assert.equal(sms.message, `Your sign-in code is ${sms.code}`);
    const answer = (code: string) =>
      t.client.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "SMS_MFA",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "fay", SMS_MFA_CODE: code },
        }),
      );
    const wrong = await errorOf(() => answer(sms.code === "000000" ? "111111" : "000000"));
    assert.equal(wrong.name, "CodeMismatchException");
    const result = await answer(sms.code!);
    assert.ok(result.AuthenticationResult?.IdToken);
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "fay" }));
    assert.equal(user.UserAttributes!.find((a) => a.Name === "phone_number_verified")?.Value, "true");
    assert.deepEqual(user.MFAOptions, [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
    // A code answers once: a new sign-in sends a new one, and the old code does not match it.
    const next = await adminPasswordAuth(t, poolId, clientId, "fay");
    const fresh = await lastMessage(t, poolId, "fay");
    if (fresh.code !== sms.code) {
      const stale = await errorOf(() =>
        t.client.send(
          new AdminRespondToAuthChallengeCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            ChallengeName: "SMS_MFA",
            Session: next.Session,
            ChallengeResponses: { USERNAME: "fay", SMS_MFA_CODE: sms.code! },
          }),
        ),
      );
      assert.equal(stale.name, "CodeMismatchException");
    }
  });

  it("SMS MFA cannot be turned on for a user without a phone number", async () => {
    const { poolId } = await mfaPool(t, "OPTIONAL", ["SMS"]);
    await mfaUser(t, poolId, "gus");
    const err = await errorOf(() =>
      t.client.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: "gus",
          SMSMfaSettings: { Enabled: true },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "User does not have delivery config set to turn on SMS_MFA");
  });

  it("EMAIL_OTP as MFA: the pool's email MFA message, masked destination", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["EMAIL"]);
    await mfaUser(t, poolId, "hal", { email: "hal@example.com", email_verified: "true" });
    await t.client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: "hal",
        EmailMfaSettings: { Enabled: true },
      }),
    );
    const challenge = await passwordAuth(t, clientId, "hal");
    assert.equal(challenge.ChallengeName, "EMAIL_OTP");
    assert.deepEqual(challenge.ChallengeParameters, {
      CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL",
      CODE_DELIVERY_DESTINATION: "h***@e***",
    });
    const email = await lastMessage(t, poolId, "hal");
    assert.equal(email.subject, "Sign-in code");
    assert.equal(email.message, `Code: ${email.code}`);
    const result = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "EMAIL_OTP",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: "hal", EMAIL_OTP_CODE: email.code! },
      }),
    );
    assert.ok(result.AuthenticationResult?.AccessToken);
  });

  it("email MFA can be turned on only where the pool configured it", async () => {
    const { poolId } = await mfaPool(t, "OPTIONAL", ["SMS"]);
    await mfaUser(t, poolId, "ida", { email: "ida@example.com" });
    const err = await errorOf(() =>
      t.client.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: "ida",
          EmailMfaSettings: { Enabled: true },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("an SMS code expires after three minutes even in a longer session", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["SMS"], { client: { AuthSessionValidity: 15 } });
    await mfaUser(t, poolId, "jon", { phone_number: "+14155550124" });
    await t.client.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "jon", SMSMfaSettings: { Enabled: true } }),
    );
    const challenge = await passwordAuth(t, clientId, "jon");
    const sms = await lastMessage(t, poolId, "jon");
    const { ResourceKind } = await import("../../src/storage/kinds.js");
    const record = await t.cognate.store.resources.get<{ state: Record<string, string> }>(
      ResourceKind.authSession,
      poolId,
      challenge.Session!,
    );
    // The sealed code's expiry moved to the past, as if four minutes had gone by.
    await t.cognate.store.resources.put({
      ...record!,
      data: { ...record!.data, state: { ...record!.data.state, codeExpiresAt: String(Date.now() - 60_000) } },
    });
    // No code in clear is kept beside the session.
    assert.equal(JSON.stringify(record!.data).includes(sms.code!), false);
    const expired = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SMS_MFA",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "jon", SMS_MFA_CODE: sms.code! },
        }),
      ),
    );
    assert.equal(expired.name, "ExpiredCodeException");
  });
});

describe("choosing and setting up MFA", () => {
  const t = useCognate();

  it("SELECT_MFA_TYPE when the user has several methods and no preferred one", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["SMS", "TOTP"]);
    await mfaUser(t, poolId, "kay", { phone_number: "+14155550125" });
    const token = await accessTokenOf(t, clientId, "kay");
    const secret = await enrolTotp(t, token);
    await t.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: token,
        SMSMfaSettings: { Enabled: true },
        SoftwareTokenMfaSettings: { Enabled: true },
      }),
    );
    const user = await t.client.send(new GetUserCommand({ AccessToken: token }));
    assert.deepEqual(user.UserMFASettingList, ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    assert.equal(user.PreferredMfaSetting, undefined);

    const select = await passwordAuth(t, clientId, "kay");
    assert.equal(select.ChallengeName, "SELECT_MFA_TYPE");
    assert.deepEqual(JSON.parse(select.ChallengeParameters!.MFAS_CAN_CHOOSE!), ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    const bad = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SELECT_MFA_TYPE",
          Session: select.Session,
          ChallengeResponses: { USERNAME: "kay", ANSWER: "EMAIL_OTP" },
        }),
      ),
    );
    assert.equal(bad.name, "InvalidParameterException");
    const chosen = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SELECT_MFA_TYPE",
        Session: select.Session,
        ChallengeResponses: { USERNAME: "kay", ANSWER: "SOFTWARE_TOKEN_MFA" },
      }),
    );
    assert.equal(chosen.ChallengeName, "SOFTWARE_TOKEN_MFA");
    const done = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: chosen.Session,
        ChallengeResponses: { USERNAME: "kay", SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, 1) },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);

    // Choosing SMS sends the code then.
    const again = await passwordAuth(t, clientId, "kay");
    const sms = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SELECT_MFA_TYPE",
        Session: again.Session,
        ChallengeResponses: { USERNAME: "kay", ANSWER: "SMS_MFA" },
      }),
    );
    assert.equal(sms.ChallengeName, "SMS_MFA");
    assert.equal(sms.ChallengeParameters!.CODE_DELIVERY_DESTINATION, "+*******0125");
    // A preferred method skips the choice.
    await t.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: token, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    assert.equal((await passwordAuth(t, clientId, "kay")).ChallengeName, "SMS_MFA");
  });

  it("MFA_SETUP with MFA required: associate and verify by Session, then answer MFA_SETUP", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["TOTP"]);
    await mfaUser(t, poolId, "lea");
    const setup = await passwordAuth(t, clientId, "lea");
    assert.equal(setup.ChallengeName, "MFA_SETUP");
    assert.deepEqual(JSON.parse(setup.ChallengeParameters!.MFAS_CAN_SETUP!), ["SOFTWARE_TOKEN_MFA"]);
    // MFA_SETUP cannot be answered before a token is verified.
    const early = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "MFA_SETUP",
          Session: setup.Session,
          ChallengeResponses: { USERNAME: "lea" },
        }),
      ),
    );
    assert.equal(early.name, "InvalidParameterException");
    const associated = await t.client.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    assert.match(associated.SecretCode!, /^[A-Z2-7]{52}$/);
    assert.ok(associated.Session && associated.Session !== setup.Session);
    // The spent session cannot associate again.
    const spent = await errorOf(() => t.client.send(new AssociateSoftwareTokenCommand({ Session: setup.Session })));
    assert.equal(spent.name, "NotAuthorizedException");
    const wrong = await errorOf(() =>
      t.client.send(
        new VerifySoftwareTokenCommand({
          Session: associated.Session,
          UserCode: "000000" === totpCode(associated.SecretCode!) ? "111111" : "000000",
        }),
      ),
    );
    assert.equal(wrong.name, "EnableSoftwareTokenMFAException");
    const verified = await t.client.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totpCode(associated.SecretCode!) }),
    );
    assert.equal(verified.Status, "SUCCESS");
    assert.ok(verified.Session);
    const done = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "MFA_SETUP",
        Session: verified.Session,
        ChallengeResponses: { USERNAME: "lea" },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
    // TOTP is the user's MFA now: the next sign-in asks for a code.
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "lea" }));
    assert.deepEqual(user.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
    assert.equal(user.PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");
    const next = await passwordAuth(t, clientId, "lea");
    assert.equal(next.ChallengeName, "SOFTWARE_TOKEN_MFA");
    const signedIn = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SOFTWARE_TOKEN_MFA",
        Session: next.Session,
        ChallengeResponses: { USERNAME: "lea", SOFTWARE_TOKEN_MFA_CODE: totpCode(associated.SecretCode!, 1) },
      }),
    );
    assert.ok(signedIn.AuthenticationResult?.AccessToken);
  });

  it("MFA required with SMS: a user with a phone number gets SMS_MFA without turning it on", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["SMS", "TOTP"]);
    await mfaUser(t, poolId, "max", { phone_number: "+14155550126" });
    const challenge = await passwordAuth(t, clientId, "max");
    assert.equal(challenge.ChallengeName, "SMS_MFA");
    await mfaUser(t, poolId, "ned");
    const setup = await passwordAuth(t, clientId, "ned");
    assert.equal(setup.ChallengeName, "MFA_SETUP");
    assert.deepEqual(JSON.parse(setup.ChallengeParameters!.MFAS_CAN_SETUP!), ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
  });

  it("MFA_SETUP in a pool without authenticator apps refuses to associate one", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["SMS"]);
    await mfaUser(t, poolId, "nils");
    const setup = await passwordAuth(t, clientId, "nils");
    assert.equal(setup.ChallengeName, "MFA_SETUP");
    assert.deepEqual(JSON.parse(setup.ChallengeParameters!.MFAS_CAN_SETUP!), ["SMS_MFA"]);
    const refused = await errorOf(() => t.client.send(new AssociateSoftwareTokenCommand({ Session: setup.Session })));
    assert.equal(refused.name, "InvalidParameterException");
  });

  it("MFA_SETUP answered with EMAIL sets up email MFA: an EMAIL_OTP code to the new address", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["EMAIL", "TOTP"]);
    await mfaUser(t, poolId, "quin");
    const setup = await passwordAuth(t, clientId, "quin");
    assert.equal(setup.ChallengeName, "MFA_SETUP");
    assert.deepEqual(JSON.parse(setup.ChallengeParameters!.MFAS_CAN_SETUP!), ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]);
    const otp = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "MFA_SETUP",
        Session: setup.Session,
        ChallengeResponses: { USERNAME: "quin", EMAIL: "quin@example.com" },
      }),
    );
    assert.equal(otp.ChallengeName, "EMAIL_OTP");
    assert.equal(otp.ChallengeParameters!.CODE_DELIVERY_DESTINATION, "q***@e***");
    const email = await lastMessage(t, poolId, "quin");
    assert.equal(email.destination, "quin@example.com");
    // Nothing changes before the code is answered: a sign-in abandoned here leaves the user as they were.
    const before = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "quin" }));
    assert.equal(before.UserMFASettingList, undefined);
    assert.notEqual(before.UserAttributes!.find((a) => a.Name === "email")?.Value, "quin@example.com");
    const done = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "EMAIL_OTP",
        Session: otp.Session,
        ChallengeResponses: { USERNAME: "quin", EMAIL_OTP_CODE: email.code! },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "quin" }));
    assert.deepEqual(user.UserMFASettingList, ["EMAIL_OTP"]);
    assert.equal(user.UserAttributes!.find((a) => a.Name === "email_verified")?.Value, "true");
    assert.equal(user.UserAttributes!.find((a) => a.Name === "email")?.Value, "quin@example.com");
    assert.equal((await passwordAuth(t, clientId, "quin")).ChallengeName, "EMAIL_OTP");
  });

  it("MFA after NEW_PASSWORD_REQUIRED: the new password is followed by the MFA challenge", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["SMS"]);
    await mfaUser(t, poolId, "ola", { phone_number: "+14155550127" }, { temporary: true });
    const first = await passwordAuth(t, clientId, "ola", TEMPORARY);
    assert.equal(first.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const mfa = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: first.Session,
        ChallengeResponses: { USERNAME: "ola", NEW_PASSWORD: PASSWORD },
      }),
    );
    assert.equal(mfa.ChallengeName, "SMS_MFA");
    assert.equal(mfa.AuthenticationResult, undefined);
    const sms = await lastMessage(t, poolId, "ola");
    const done = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "SMS_MFA",
        Session: mfa.Session,
        ChallengeResponses: { USERNAME: "ola", SMS_MFA_CODE: sms.code! },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ola" }));
    assert.equal(user.UserStatus, "CONFIRMED");
  });

  it("answers to the wrong challenge name for a session are refused", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["SMS"]);
    await mfaUser(t, poolId, "pia", { phone_number: "+14155550128" });
    const challenge = await passwordAuth(t, clientId, "pia");
    const err = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "pia", SOFTWARE_TOKEN_MFA_CODE: "123456" },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });
});
