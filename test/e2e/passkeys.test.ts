import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
  type AuthFactorType,
  AdminDeleteUserCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { ResourceKind } from "../../src/storage/kinds.js";
import { errorOf, rawCall, useCognate, type TestCognate } from "../helpers/cognate.js";
import { SoftAuthenticator, type RegistrationResponse } from "../helpers/softAuthenticator.js";

const PASSWORD = "Passw0rd!";
const RP_ID = "app.example.com";

interface Setup {
  poolId: string;
  clientId: string;
  otherClientId: string;
}

async function setup(
  t: TestCognate,
  options: { factors?: AuthFactorType[]; rpId?: string | null; userVerification?: "required" | "preferred" } = {},
): Promise<Setup> {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "passkeys",
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: options.factors ?? ["PASSWORD", "WEB_AUTHN"] } },
    }),
  );
  const poolId = UserPool!.Id!;
  if (options.rpId !== null) {
    await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        WebAuthnConfiguration: {
          RelyingPartyId: options.rpId ?? RP_ID,
          UserVerification: options.userVerification ?? "preferred",
        },
      }),
    );
  }
  const client = async (name: string) =>
    (
      await t.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: name,
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      )
    ).UserPoolClient!.ClientId!;
  return { poolId, clientId: await client("app"), otherClientId: await client("other") };
}

async function createUser(t: TestCognate, s: Setup, username: string): Promise<void> {
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: s.poolId,
      Username: username,
      UserAttributes: [{ Name: "email", Value: `${username}@example.com` }],
      MessageAction: "SUPPRESS",
    }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: s.poolId, Username: username, Password: PASSWORD, Permanent: true }),
  );
}

async function accessToken(t: TestCognate, clientId: string, username: string): Promise<string> {
  const answer = await t.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
  return answer.AuthenticationResult!.AccessToken!;
}

// The SDK answers the Document as a plain object.
type CreationOptions = Parameters<SoftAuthenticator["create"]>[0] & {
  timeout: number;
  authenticatorSelection: { residentKey: string; userVerification: string };
  excludeCredentials: { id: string; type: string }[];
};

async function startRegistration(t: TestCognate, token: string): Promise<CreationOptions> {
  const answer = await t.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
  return answer.CredentialCreationOptions as unknown as CreationOptions;
}

const complete = (t: TestCognate, token: string, credential: RegistrationResponse) =>
  t.client.send(
    new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: credential as unknown as never }),
  );

/** Signs in, starts and completes a registration: the user then has one more passkey. */
async function registerPasskey(t: TestCognate, s: Setup, username: string, authenticator: SoftAuthenticator) {
  const token = await accessToken(t, s.clientId, username);
  const options = await startRegistration(t, token);
  const credential = authenticator.create(options);
  await complete(t, token, credential);
  return { token, credential };
}

describe("passkey registration", () => {
  const t = useCognate();

  it("answers CredentialCreationOptions for the pool's relying party and the signed-in user", async () => {
    const s = await setup(t);
    await createUser(t, s, "alice");
    const token = await accessToken(t, s.clientId, "alice");
    const options = await startRegistration(t, token);
    const sub = decodeJwt(token).sub as string;
    assert.equal(options.rp.id, RP_ID);
    assert.equal(options.user.name, "alice");
    // user.id is the user handle an authenticator returns at sign-in: the user's sub.
    assert.equal(Buffer.from(options.user.id, "base64url").toString("utf8"), sub);
    assert.match(options.challenge, /^[A-Za-z0-9_-]{43,}$/);
    assert.ok(options.pubKeyCredParams.some((p) => p.alg === -7 && p.type === "public-key"));
    assert.equal(options.authenticatorSelection.residentKey, "required");
    assert.equal(options.authenticatorSelection.userVerification, "preferred");
    assert.ok(options.timeout > 0);
    assert.deepEqual(options.excludeCredentials, []);
    // Another start gives another challenge.
    assert.notEqual((await startRegistration(t, token)).challenge, options.challenge);
  });

  it("registers a passkey and lists it with its relying party, attachment and transports", async () => {
    const s = await setup(t);
    await createUser(t, s, "bob");
    const authenticator = new SoftAuthenticator("cross-platform", ["usb", "nfc"]);
    const before = Date.now();
    const { token, credential } = await registerPasskey(t, s, "bob", authenticator);
    const listed = await t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
    assert.equal(listed.NextToken, undefined);
    assert.equal(listed.Credentials!.length, 1);
    const [passkey] = listed.Credentials!;
    assert.equal(passkey!.CredentialId, credential.id);
    assert.equal(passkey!.RelyingPartyId, RP_ID);
    assert.equal(passkey!.AuthenticatorAttachment, "cross-platform");
    assert.deepEqual(passkey!.AuthenticatorTransports, ["usb", "nfc"]);
    assert.equal(passkey!.FriendlyCredentialName, "Passkey");
    assert.ok(passkey!.CreatedAt instanceof Date);
    assert.ok(Math.abs(passkey!.CreatedAt!.getTime() - before) < 60_000);
    // The next registration excludes it, so that one authenticator is not registered twice.
    const again = await startRegistration(t, token);
    assert.deepEqual(
      again.excludeCredentials.map((c) => c.id),
      [credential.id],
    );
  });

  it("names well-known passkey providers by their AAGUID", async () => {
    const s = await setup(t);
    await createUser(t, s, "icloud");
    const authenticator = new SoftAuthenticator();
    authenticator.aaguid = Buffer.from("fbfc3007154e4ecc8c0b6e020557d7bd", "hex");
    const { token } = await registerPasskey(t, s, "icloud", authenticator);
    const listed = await t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
    assert.equal(listed.Credentials![0]!.FriendlyCredentialName, "iCloud Keychain");
  });

  it("puts no key material in any answer", async () => {
    const s = await setup(t);
    await createUser(t, s, "carol");
    const authenticator = new SoftAuthenticator();
    const { token, credential } = await registerPasskey(t, s, "carol", authenticator);
    const listed = await rawCall(t.url, "ListWebAuthnCredentials", JSON.stringify({ AccessToken: token }));
    assert.equal(listed.status, 200);
    const [wire] = listed.body.Credentials as Record<string, unknown>[];
    assert.deepEqual(Object.keys(wire!).sort(), [
      "AuthenticatorAttachment",
      "AuthenticatorTransports",
      "CreatedAt",
      "CredentialId",
      "FriendlyCredentialName",
      "RelyingPartyId",
    ]);
    const text = JSON.stringify(listed.body);
    const stored = authenticator.credentials.get(credential.id)!;
    const d = stored.privateKey.export({ format: "jwk" }).d!;
    assert.ok(!text.includes(d), "the private key never leaves the authenticator");
    // Nor the public key or counter the server keeps.
    assert.ok(!/publicKey|counter|attestationObject/i.test(text));
    const started = await rawCall(t.url, "StartWebAuthnRegistration", JSON.stringify({ AccessToken: token }));
    assert.ok(!/publicKey"|counter/i.test(JSON.stringify(started.body)));
  });

  it("refuses a replayed answer, an answer without a pending challenge and one to an older challenge", async () => {
    const s = await setup(t);
    await createUser(t, s, "dave");
    const token = await accessToken(t, s.clientId, "dave");
    const authenticator = new SoftAuthenticator();

    const withoutStart = authenticator.create({
      challenge: Buffer.from("never issued").toString("base64url"),
      rp: { id: RP_ID, name: RP_ID },
      user: { id: "dXNlcg", name: "dave", displayName: "dave" },
      pubKeyCredParams: [{ alg: -7, type: "public-key" }],
    });
    assert.equal((await errorOf(() => complete(t, token, withoutStart))).name, "WebAuthnChallengeNotFoundException");

    const first = await startRegistration(t, token);
    const second = await startRegistration(t, token);
    // Starting again replaced the first challenge.
    const toFirst = authenticator.create(first);
    assert.equal((await errorOf(() => complete(t, token, toFirst))).name, "WebAuthnChallengeNotFoundException");
    const toSecond = authenticator.create(second);
    await complete(t, token, toSecond);
    // The challenge answered once.
    assert.equal((await errorOf(() => complete(t, token, toSecond))).name, "WebAuthnChallengeNotFoundException");
    const listed = await t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
    assert.deepEqual(
      listed.Credentials!.map((c) => c.CredentialId),
      [toSecond.id],
    );
  });

  it("accepts the relying party's https origins and refuses others (WebAuthnOriginNotAllowedException)", async () => {
    const s = await setup(t);
    await createUser(t, s, "erin");
    const token = await accessToken(t, s.clientId, "erin");
    const authenticator = new SoftAuthenticator();
    for (const origin of [
      "https://evil.example.com",
      `http://${RP_ID}`,
      `https://${RP_ID}.evil.com`,
      `https://not${RP_ID}`,
    ]) {
      const options = await startRegistration(t, token);
      const err = await errorOf(() => complete(t, token, authenticator.create(options, { origin })));
      assert.equal(err.name, "WebAuthnOriginNotAllowedException", origin);
    }
    // A subdomain of the relying party id, on any port, is one of its origins.
    const options = await startRegistration(t, token);
    await complete(t, token, authenticator.create(options, { origin: `https://login.${RP_ID}:8443` }));
  });

  it("refuses a credential created for another relying party id (WebAuthnRelyingPartyMismatchException)", async () => {
    const s = await setup(t);
    await createUser(t, s, "frank");
    const token = await accessToken(t, s.clientId, "frank");
    const options = await startRegistration(t, token);
    const credential = new SoftAuthenticator().create(options, { rpId: "example.org" });
    assert.equal((await errorOf(() => complete(t, token, credential))).name, "WebAuthnRelyingPartyMismatchException");
  });

  it("refuses a registration completed with another app client's token (WebAuthnClientMismatchException)", async () => {
    const s = await setup(t);
    await createUser(t, s, "gina");
    const token = await accessToken(t, s.clientId, "gina");
    const otherToken = await accessToken(t, s.otherClientId, "gina");
    const options = await startRegistration(t, token);
    const credential = new SoftAuthenticator().create(options);
    assert.equal((await errorOf(() => complete(t, otherToken, credential))).name, "WebAuthnClientMismatchException");
  });

  it("refuses unsupported credentials: no user verification where required, an Ed25519 key", async () => {
    const s = await setup(t, { userVerification: "required" });
    await createUser(t, s, "hank");
    const token = await accessToken(t, s.clientId, "hank");
    const options = await startRegistration(t, token);
    assert.equal(options.authenticatorSelection.userVerification, "required");
    const unverified = new SoftAuthenticator().create(options, { userVerified: false });
    assert.equal((await errorOf(() => complete(t, token, unverified))).name, "WebAuthnCredentialNotSupportedException");
    const ed25519 = new SoftAuthenticator().create(await startRegistration(t, token), { alg: -8 });
    assert.equal((await errorOf(() => complete(t, token, ed25519))).name, "WebAuthnCredentialNotSupportedException");
  });

  it("refuses a malformed Credential document with InvalidParameterException", async () => {
    const s = await setup(t);
    await createUser(t, s, "ivy");
    const token = await accessToken(t, s.clientId, "ivy");
    await startRegistration(t, token);
    const err = await errorOf(() =>
      t.client.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: { id: "x" } as unknown as never }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("needs WEB_AUTHN in the sign-in policy (WebAuthnNotEnabledException)", async () => {
    const s = await setup(t, { factors: ["PASSWORD"] });
    await createUser(t, s, "jack");
    const token = await accessToken(t, s.clientId, "jack");
    assert.equal((await errorOf(() => startRegistration(t, token))).name, "WebAuthnNotEnabledException");
  });

  it("uses the pool's domain without a RelyingPartyId, and needs one or the other", async () => {
    const s = await setup(t, { rpId: null });
    await createUser(t, s, "kate");
    const token = await accessToken(t, s.clientId, "kate");
    assert.equal((await errorOf(() => startRegistration(t, token))).name, "WebAuthnConfigurationMissingException");
    const prefix = `passkeys-${Date.now()}`;
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: s.poolId, Domain: prefix }));
    const options = await startRegistration(t, token);
    const expected = `${prefix}.auth.us-east-1.amazoncognito.com`;
    assert.equal(options.rp.id, expected);
    await complete(t, token, new SoftAuthenticator().create(options));
    const listed = await t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: token }));
    assert.equal(listed.Credentials![0]!.RelyingPartyId, expected);
  });

  it("accepts http://localhost origins for a localhost relying party (local development)", async () => {
    const s = await setup(t, { rpId: "localhost" });
    await createUser(t, s, "lena");
    const token = await accessToken(t, s.clientId, "lena");
    const authenticator = new SoftAuthenticator();
    await complete(
      t,
      token,
      authenticator.create(await startRegistration(t, token), { origin: "http://localhost:5173" }),
    );
    const options = await startRegistration(t, token);
    const err = await errorOf(() =>
      complete(t, token, new SoftAuthenticator().create(options, { origin: "http://127.0.0.1:5173" })),
    );
    assert.equal(err.name, "WebAuthnOriginNotAllowedException");
  });

  it("refuses passkey operations without a valid access token", async () => {
    const err = await errorOf(() => t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: "a.b.c" })));
    assert.equal(err.name, "NotAuthorizedException");
  });
});

describe("passkey listing and deletion", () => {
  const t = useCognate();

  it("pages ListWebAuthnCredentials oldest first with MaxResults and NextToken", async () => {
    const s = await setup(t);
    await createUser(t, s, "mia");
    const token = await accessToken(t, s.clientId, "mia");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const credential = new SoftAuthenticator().create(await startRegistration(t, token));
      await complete(t, token, credential);
      ids.push(credential.id);
    }
    const first = await t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, MaxResults: 2 }));
    assert.deepEqual(
      first.Credentials!.map((c) => c.CredentialId),
      ids.slice(0, 2),
    );
    assert.ok(first.NextToken);
    const second = await t.client.send(
      new ListWebAuthnCredentialsCommand({ AccessToken: token, MaxResults: 2, NextToken: first.NextToken }),
    );
    assert.deepEqual(
      second.Credentials!.map((c) => c.CredentialId),
      ids.slice(2),
    );
    assert.equal(second.NextToken, undefined);
    const bad = await errorOf(() =>
      t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, NextToken: "bm9wZQ" })),
    );
    assert.equal(bad.name, "InvalidParameterException");
  });

  it("deletes the user's own passkey only; an unknown or another user's id is ResourceNotFoundException", async () => {
    const s = await setup(t);
    await createUser(t, s, "nina");
    await createUser(t, s, "omar");
    const nina = await registerPasskey(t, s, "nina", new SoftAuthenticator());
    const omar = await registerPasskey(t, s, "omar", new SoftAuthenticator());
    const notFound = await errorOf(() =>
      t.client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: nina.token, CredentialId: omar.credential.id })),
    );
    assert.equal(notFound.name, "ResourceNotFoundException");
    await t.client.send(
      new DeleteWebAuthnCredentialCommand({ AccessToken: nina.token, CredentialId: nina.credential.id }),
    );
    const listed = await t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: nina.token }));
    assert.deepEqual(listed.Credentials, []);
    const again = await errorOf(() =>
      t.client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: nina.token, CredentialId: nina.credential.id })),
    );
    assert.equal(again.name, "ResourceNotFoundException");
    // Omar's passkey is untouched.
    const omars = await t.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: omar.token }));
    assert.equal(omars.Credentials!.length, 1);
  });

  it("removes a deleted user's passkeys from storage with the user", async () => {
    const s = await setup(t);
    await createUser(t, s, "paula");
    const { credential } = await registerPasskey(t, s, "paula", new SoftAuthenticator());
    const stored = () => t.cognate.store.resources.get(ResourceKind.webAuthnCredential, s.poolId, credential.id);
    assert.ok(await stored());
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: s.poolId, Username: "paula" }));
    assert.equal(await stored(), undefined);
  });
});

describe("passkey sign-in (WEB_AUTHN)", () => {
  const t = useCognate();

  interface RequestOptions {
    challenge: string;
    rpId: string;
    allowCredentials: { id: string; type: string }[];
    userVerification: string;
    timeout: number;
  }

  /**
   * USER_AUTH with PREFERRED_CHALLENGE=WEB_AUTHN: the WEB_AUTHN challenge and its options.
   */
  async function preferWebAuthn(s: Setup, username: string) {
    const answer = await t.client.send(
      new InitiateAuthCommand({
        ClientId: s.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: "WEB_AUTHN" },
      }),
    );
    assert.equal(answer.ChallengeName, "WEB_AUTHN");
    const options = JSON.parse(answer.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptions;
    return { session: answer.Session!, options };
  }

  const answer = (s: Setup, session: string, username: string, credential: unknown) =>
    t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: s.clientId,
        ChallengeName: "WEB_AUTHN",
        Session: session,
        ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) },
      }),
    );

  it("signs in with a passkey through PREFERRED_CHALLENGE and updates the signature counter", async () => {
    const s = await setup(t);
    await createUser(t, s, "pat");
    const authenticator = new SoftAuthenticator();
    const { credential } = await registerPasskey(t, s, "pat", authenticator);
    const { session, options } = await preferWebAuthn(s, "pat");
    assert.equal(options.rpId, RP_ID);
    assert.deepEqual(
      options.allowCredentials.map((c) => c.id),
      [credential.id],
    );
    assert.equal(options.userVerification, "preferred");
    const signedIn = await answer(s, session, "pat", authenticator.get(options));
    const tokens = signedIn.AuthenticationResult!;
    assert.ok(tokens.AccessToken && tokens.IdToken && tokens.RefreshToken);
    const me = await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    assert.equal(me.Username, "pat");

    // A cloned authenticator shows itself by a counter that does not move forward.
    const second = await preferWebAuthn(s, "pat");
    authenticator.credentials.get(credential.id)!.counter = 0;
    const cloned = await errorOf(() => answer(s, second.session, "pat", authenticator.get(second.options)));
    assert.equal(cloned.name, "NotAuthorizedException");
  });

  it("signs in with a passkey chosen from SELECT_CHALLENGE", async () => {
    const s = await setup(t);
    await createUser(t, s, "quinn");
    const authenticator = new SoftAuthenticator();
    await registerPasskey(t, s, "quinn", authenticator);
    const select = await t.client.send(
      new InitiateAuthCommand({ ClientId: s.clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "quinn" } }),
    );
    assert.equal(select.ChallengeName, "SELECT_CHALLENGE");
    assert.ok(select.AvailableChallenges!.includes("WEB_AUTHN"), `${select.AvailableChallenges}`);
    const chosen = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: s.clientId,
        ChallengeName: "SELECT_CHALLENGE",
        Session: select.Session,
        ChallengeResponses: { USERNAME: "quinn", ANSWER: "WEB_AUTHN" },
      }),
    );
    assert.equal(chosen.ChallengeName, "WEB_AUTHN");
    const options = JSON.parse(chosen.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptions;
    const signedIn = await answer(s, chosen.Session!, "quinn", authenticator.get(options));
    assert.ok(signedIn.AuthenticationResult?.AccessToken);
  });

  it("refuses an assertion from another origin, for another relying party or another challenge", async () => {
    const s = await setup(t);
    await createUser(t, s, "ruth");
    const authenticator = new SoftAuthenticator();
    await registerPasskey(t, s, "ruth", authenticator);
    const cases = [
      { origin: "https://evil.example.com" },
      { rpId: "example.org" },
      { challenge: Buffer.from("another challenge").toString("base64url") },
    ];
    for (const ceremony of cases) {
      const { session, options } = await preferWebAuthn(s, "ruth");
      const err = await errorOf(() => answer(s, session, "ruth", authenticator.get(options, ceremony)));
      assert.equal(err.name, "NotAuthorizedException", JSON.stringify(ceremony));
      // A refused assertion spends the session.
      const retry = await errorOf(() => answer(s, session, "ruth", authenticator.get(options)));
      assert.equal(retry.name, "NotAuthorizedException");
      assert.match(retry.message, /session/i);
    }
  });

  it("answers a session once: a replayed assertion is refused", async () => {
    const s = await setup(t);
    await createUser(t, s, "sam");
    const authenticator = new SoftAuthenticator();
    await registerPasskey(t, s, "sam", authenticator);
    const { session, options } = await preferWebAuthn(s, "sam");
    const assertion = authenticator.get(options);
    await answer(s, session, "sam", assertion);
    const replay = await errorOf(() => answer(s, session, "sam", assertion));
    assert.equal(replay.name, "NotAuthorizedException");
    assert.match(replay.message, /only be used once/);
    // The same assertion in a fresh session answers the wrong challenge.
    const fresh = await preferWebAuthn(s, "sam");
    const err = await errorOf(() => answer(s, fresh.session, "sam", assertion));
    assert.equal(err.name, "NotAuthorizedException");
  });

  it("refuses a passkey deleted after the challenge was issued", async () => {
    const s = await setup(t);
    await createUser(t, s, "tess");
    const authenticator = new SoftAuthenticator();
    const first = await registerPasskey(t, s, "tess", authenticator);
    await registerPasskey(t, s, "tess", new SoftAuthenticator());
    const { session, options } = await preferWebAuthn(s, "tess");
    assert.equal(options.allowCredentials.length, 2);
    await t.client.send(
      new DeleteWebAuthnCredentialCommand({ AccessToken: first.token, CredentialId: first.credential.id }),
    );
    const err = await errorOf(() =>
      answer(s, session, "tess", authenticator.get(options, { credentialId: first.credential.id })),
    );
    assert.equal(err.name, "NotAuthorizedException");
  });

  it("asks for user verification where the pool requires it and refuses an assertion without it", async () => {
    const s = await setup(t, { userVerification: "required" });
    await createUser(t, s, "vera");
    const authenticator = new SoftAuthenticator();
    await registerPasskey(t, s, "vera", authenticator);
    const { session, options } = await preferWebAuthn(s, "vera");
    assert.equal(options.userVerification, "required");
    const err = await errorOf(() => answer(s, session, "vera", authenticator.get(options, { userVerified: false })));
    assert.equal(err.name, "NotAuthorizedException");
    const retry = await preferWebAuthn(s, "vera");
    const signedIn = await answer(s, retry.session, "vera", authenticator.get(retry.options));
    assert.ok(signedIn.AuthenticationResult?.AccessToken);
  });

  it("refuses a malformed CREDENTIAL with InvalidParameterException", async () => {
    const s = await setup(t);
    await createUser(t, s, "uma");
    await registerPasskey(t, s, "uma", new SoftAuthenticator());
    const { session } = await preferWebAuthn(s, "uma");
    const err = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: s.clientId,
          ChallengeName: "WEB_AUTHN",
          Session: session,
          ChallengeResponses: { USERNAME: "uma", CREDENTIAL: "not json" },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });
});
