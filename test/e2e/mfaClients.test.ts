import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import {
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  VerifySoftwareTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { Amplify } from "aws-amplify";
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from "aws-amplify/auth";
import { cognitoUserPoolsTokenProvider } from "aws-amplify/auth/cognito";
import { ConsoleLogger } from "aws-amplify/utils";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { MapKeyValueStorage, MapSyncStorage, verifiedClaims } from "../helpers/amplify.js";
import { useCognate, type TestCognate } from "../helpers/cognate.js";
import { lastMessage, mfaPool, mfaUser, PASSWORD, passwordAuth, totpCode } from "../helpers/mfa.js";

ConsoleLogger.LOG_LEVEL = "ERROR";

/** A user with a verified authenticator app, turned on and preferred (set up through the AWS SDK). */
async function totpUser(t: TestCognate, poolId: string, clientId: string, username: string): Promise<string> {
  await mfaUser(t, poolId, username);
  const signedIn = await passwordAuth(t, clientId, username);
  const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
  const { SecretCode } = await t.client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  await t.client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpCode(SecretCode!) }));
  await t.client.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: poolId,
      Username: username,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  return SecretCode!;
}

describe("amazon-cognito-identity-js with MFA", () => {
  const t = useCognate();

  it("SRP sign-in, totpRequired, sendMFACode with a TOTP code: a session", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["TOTP"]);
    const secret = await totpUser(t, poolId, clientId, "alice");
    const pool = new CognitoUserPool({
      UserPoolId: poolId,
      ClientId: clientId,
      endpoint: t.url,
      Storage: new MapSyncStorage(),
    });
    const user = new CognitoUser({ Username: "alice", Pool: pool, Storage: new MapSyncStorage() });
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: "alice", Password: PASSWORD }), {
        onSuccess: () => reject(new Error("signed in without MFA")),
        onFailure: reject,
        totpRequired: (challengeName: string) => {
          assert.equal(challengeName, "SOFTWARE_TOKEN_MFA");
          user.sendMFACode(totpCode(secret, 1), { onSuccess: resolve, onFailure: reject }, "SOFTWARE_TOKEN_MFA");
        },
      });
    });
    assert.equal(session.isValid(), true);
    const claims = await verifiedClaims(t.url, poolId, session.getAccessToken().getJwtToken());
    assert.equal(claims.username, "alice");
  });

  it("SMS MFA: mfaRequired with the masked destination, sendMFACode with the code from the outbox", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["SMS"]);
    await mfaUser(t, poolId, "bea", { phone_number: "+14155550142" });
    const pool = new CognitoUserPool({
      UserPoolId: poolId,
      ClientId: clientId,
      endpoint: t.url,
      Storage: new MapSyncStorage(),
    });
    const user = new CognitoUser({ Username: "bea", Pool: pool, Storage: new MapSyncStorage() });
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: "bea", Password: PASSWORD }), {
        onSuccess: () => reject(new Error("signed in without MFA")),
        onFailure: reject,
        mfaRequired: (challengeName: string, parameters: Record<string, string>) => {
          assert.equal(challengeName, "SMS_MFA");
          assert.equal(parameters.CODE_DELIVERY_DESTINATION, "+*******0142");
          lastMessage(t, poolId, "bea").then(
            (sms) => user.sendMFACode(sms.code!, { onSuccess: resolve, onFailure: reject }),
            reject,
          );
        },
      });
    });
    assert.equal(session.isValid(), true);
  });

  it("MFA_SETUP: mfaSetup, associateSoftwareToken and verifySoftwareToken finish the sign-in", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["TOTP"]);
    await mfaUser(t, poolId, "cy");
    const pool = new CognitoUserPool({
      UserPoolId: poolId,
      ClientId: clientId,
      endpoint: t.url,
      Storage: new MapSyncStorage(),
    });
    const user = new CognitoUser({ Username: "cy", Pool: pool, Storage: new MapSyncStorage() });
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: "cy", Password: PASSWORD }), {
        onSuccess: () => reject(new Error("signed in without MFA setup")),
        onFailure: reject,
        mfaSetup: (challengeName: string) => {
          assert.equal(challengeName, "MFA_SETUP");
          user.associateSoftwareToken({
            associateSecretCode: (secret: string) => {
              user.verifySoftwareToken(totpCode(secret), "phone", { onSuccess: resolve, onFailure: reject });
            },
            onFailure: reject,
          });
        },
      });
    });
    assert.equal(session.isValid(), true);
  });
});

describe("Amplify v6 with MFA", () => {
  const t = useCognate();

  const configure = (poolId: string, clientId: string) => {
    Amplify.configure({
      Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: t.url } },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage(new MapKeyValueStorage());
  };

  afterEach(async () => {
    await signOut().catch(() => undefined);
  });

  it("signIn → CONFIRM_SIGN_IN_WITH_TOTP_CODE → confirmSignIn with a TOTP code: signed in", async () => {
    const { poolId, clientId } = await mfaPool(t, "OPTIONAL", ["TOTP"]);
    const secret = await totpUser(t, poolId, clientId, "dee");
    configure(poolId, clientId);
    const first = await signIn({ username: "dee", password: PASSWORD });
    assert.equal(first.isSignedIn, false);
    assert.equal(first.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_TOTP_CODE");
    const done = await confirmSignIn({ challengeResponse: totpCode(secret, 1) });
    assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
    assert.equal((await getCurrentUser()).username, "dee");
    const { tokens } = await fetchAuthSession();
    assert.equal((await verifiedClaims(t.url, poolId, tokens!.accessToken.toString())).username, "dee");
  });

  it("MFA required: CONTINUE_SIGN_IN_WITH_TOTP_SETUP with the shared secret, confirmSignIn with a code", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["TOTP"]);
    await mfaUser(t, poolId, "eli");
    configure(poolId, clientId);
    const first = await signIn({ username: "eli", password: PASSWORD });
    assert.equal(first.nextStep.signInStep, "CONTINUE_SIGN_IN_WITH_TOTP_SETUP");
    const secret =
      first.nextStep.signInStep === "CONTINUE_SIGN_IN_WITH_TOTP_SETUP"
        ? first.nextStep.totpSetupDetails.sharedSecret
        : "";
    assert.match(secret, /^[A-Z2-7]{52}$/);
    const done = await confirmSignIn({ challengeResponse: totpCode(secret) });
    assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
    await signOut();
    // The app is the user's MFA from now on.
    const again = await signIn({ username: "eli", password: PASSWORD });
    assert.equal(again.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_TOTP_CODE");
    assert.deepEqual(await confirmSignIn({ challengeResponse: totpCode(secret, 1) }), {
      isSignedIn: true,
      nextStep: { signInStep: "DONE" },
    });
  });

  it("SMS MFA: CONFIRM_SIGN_IN_WITH_SMS_CODE with the delivery details, confirmSignIn with the outbox code", async () => {
    const { poolId, clientId } = await mfaPool(t, "ON", ["SMS"]);
    await mfaUser(t, poolId, "flo", { phone_number: "+14155550143" });
    configure(poolId, clientId);
    const first = await signIn({ username: "flo", password: PASSWORD });
    assert.equal(first.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_SMS_CODE");
    if (first.nextStep.signInStep === "CONFIRM_SIGN_IN_WITH_SMS_CODE") {
      assert.deepEqual(first.nextStep.codeDeliveryDetails, { deliveryMedium: "SMS", destination: "+*******0143" });
    }
    const sms = await lastMessage(t, poolId, "flo");
    assert.deepEqual(await confirmSignIn({ challengeResponse: sms.code! }), {
      isSignedIn: true,
      nextStep: { signInStep: "DONE" },
    });
  });
});
