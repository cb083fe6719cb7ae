import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { hashPassword, verifyPassword } from "../../src/common/passwords.js";
import { startCognate, type RunningCognate } from "../../src/index.js";
import type { UserRecord } from "../../src/storage/types.js";
import { MapSyncStorage, messagesOf } from "../helpers/amplify.js";
import { errorOf, sdkClient, useCognate } from "../helpers/cognate.js";
import { argon2idParams, legacyScryptHash } from "../helpers/passwords.js";

const CLI = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const PASSWORD = "Legacy-Pass1!";
const FAST = { m: 1024, t: 1, p: 1 };
const OWASP = { m: 19456, t: 2, p: 1 };

interface Server {
  cognate: RunningCognate;
  client: CognitoIdentityProviderClient;
  url: string;
}

/** A pool and a client allowing every password flow. */
async function app(s: Server, pool: Partial<CreateUserPoolRequest> = {}) {
  const { UserPool } = await s.client.send(new CreateUserPoolCommand({ PoolName: "hashing", ...pool }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

/** A confirmed user with PASSWORD (lower-case usernames: the username is the storage key). */
async function confirmedUser(s: Server, poolId: string, username: string, password = PASSWORD): Promise<void> {
  await s.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: "Temp-Pass1!",
      MessageAction: "SUPPRESS",
    }),
  );
  await s.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }),
  );
}

async function stored(s: Server, poolId: string, username: string): Promise<UserRecord> {
  const user = await s.cognate.store.users.get(poolId, username);
  assert.ok(user, `${username} is stored`);
  return user;
}

/** Replaces the stored hash, as a database written by an earlier version holds it. */
async function plant(s: Server, poolId: string, username: string, passwordHash: string): Promise<UserRecord> {
  const user = { ...(await stored(s, poolId, username)), passwordHash };
  await s.cognate.store.users.update(user, username);
  return user;
}

const userPasswordAuth = (s: Server, clientId: string, username: string, password: string) =>
  s.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );

const adminPasswordAuth = (s: Server, poolId: string, clientId: string, username: string, password: string) =>
  s.client.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );

/** USER_SRP_AUTH through amazon-cognito-identity-js: "tokens", "newPassword", or the error's code. */
function srpSignIn(s: Server, poolId: string, clientId: string, username: string, password: string): Promise<string> {
  const pool = new CognitoUserPool({
    UserPoolId: poolId,
    ClientId: clientId,
    endpoint: s.url,
    Storage: new MapSyncStorage(),
  });
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: new MapSyncStorage() });
  return new Promise((resolve) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: () => resolve("tokens"),
      onFailure: (err: Error & { code?: string }) => resolve(err.code ?? err.name),
      newPasswordRequired: () => resolve("newPassword"),
    });
  });
}

async function temporaryPasswordSent(s: Server, poolId: string, username: string): Promise<string> {
  const message = (await messagesOf(s.url, poolId, username)).at(-1);
  assert.ok(message?.code, "an invitation with the password was sent");
  return message.code;
}

describe("stored password hashes (fast cost)", () => {
  const t = useCognate();

  it("a legacy scrypt hash at OWASP cost (N=2^17) verifies, and USER_PASSWORD_AUTH rehashes it to argon2id", async () => {
    const { poolId, clientId } = await app(t);
    await confirmedUser(t, poolId, "olga");
    const legacy = legacyScryptHash(PASSWORD, 2 ** 17);
    const planted = await plant(t, poolId, "olga", legacy);

    const wrong = await errorOf(() => userPasswordAuth(t, clientId, "olga", "Wrong-Pass1!"));
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");
    assert.equal((await stored(t, poolId, "olga")).passwordHash, legacy, "a wrong password does not rehash");

    const res = await userPasswordAuth(t, clientId, "olga", PASSWORD);
    assert.ok(res.AuthenticationResult?.AccessToken);
    const after = await stored(t, poolId, "olga");
    assert.deepEqual(argon2idParams(after.passwordHash), FAST);
    assert.ok(await verifyPassword(PASSWORD, after.passwordHash!));
    // Only the hash changed: the SRP verifier and the record's dates are what they were.
    assert.deepEqual(after.srp, planted.srp);
    assert.equal(after.updatedAt, planted.updatedAt);
    assert.deepEqual({ ...after, passwordHash: legacy }, planted);

    // Signs in again, by password and by SRP, without another rehash; wrong passwords still fail.
    assert.ok((await userPasswordAuth(t, clientId, "olga", PASSWORD)).AuthenticationResult?.AccessToken);
    assert.equal((await stored(t, poolId, "olga")).passwordHash, after.passwordHash);
    assert.equal(await srpSignIn(t, poolId, clientId, "olga", PASSWORD), "tokens");
    assert.equal(await srpSignIn(t, poolId, clientId, "olga", "Wrong-Pass1!"), "NotAuthorizedException");
    const again = await errorOf(() => userPasswordAuth(t, clientId, "olga", "Wrong-Pass1!"));
    assert.equal(again.name, "NotAuthorizedException");
  });

  it("a legacy scrypt hash at a small N signs in with ADMIN_USER_PASSWORD_AUTH and is rehashed", async () => {
    const { poolId, clientId } = await app(t);
    await confirmedUser(t, poolId, "piet");
    const legacy = legacyScryptHash(PASSWORD, 2 ** 10);
    await plant(t, poolId, "piet", legacy);

    const wrong = await errorOf(() => adminPasswordAuth(t, poolId, clientId, "piet", "Wrong-Pass1!"));
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal((await stored(t, poolId, "piet")).passwordHash, legacy);

    const res = await adminPasswordAuth(t, poolId, clientId, "piet", PASSWORD);
    assert.ok(res.AuthenticationResult?.AccessToken);
    const after = await stored(t, poolId, "piet");
    assert.deepEqual(argon2idParams(after.passwordHash), FAST);
    assert.ok((await adminPasswordAuth(t, poolId, clientId, "piet", PASSWORD)).AuthenticationResult?.IdToken);
    assert.ok((await userPasswordAuth(t, clientId, "piet", PASSWORD)).AuthenticationResult?.IdToken);
    assert.equal(await srpSignIn(t, poolId, clientId, "piet", PASSWORD), "tokens");
  });

  it("USER_AUTH with PREFERRED_CHALLENGE PASSWORD rehashes too; SRP alone cannot (it never sees the password)", async () => {
    const { poolId, clientId } = await app(t);
    await confirmedUser(t, poolId, "quin");
    const legacy = legacyScryptHash(PASSWORD, 2 ** 10);
    await plant(t, poolId, "quin", legacy);

    assert.equal(await srpSignIn(t, poolId, clientId, "quin", PASSWORD), "tokens");
    assert.equal((await stored(t, poolId, "quin")).passwordHash, legacy);

    const res = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: "quin", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD },
      }),
    );
    assert.ok(res.AuthenticationResult?.AccessToken);
    assert.deepEqual(argon2idParams((await stored(t, poolId, "quin")).passwordHash), FAST);
  });

  it("an argon2id hash stronger than the setting is kept (no rehash downwards)", async () => {
    const { poolId, clientId } = await app(t);
    await confirmedUser(t, poolId, "rosa");
    const strong = await hashPassword(PASSWORD, "owasp");
    await plant(t, poolId, "rosa", strong);
    assert.ok((await userPasswordAuth(t, clientId, "rosa", PASSWORD)).AuthenticationResult?.AccessToken);
    assert.equal((await stored(t, poolId, "rosa")).passwordHash, strong);
  });

  it("a password changed while the sign-in was hashing is not overwritten by the rehash", async () => {
    const { poolId, clientId } = await app(t);
    await confirmedUser(t, poolId, "sven");
    // N=2^17 takes a few hundred ms to verify: the administrator's change lands meanwhile.
    await plant(t, poolId, "sven", legacyScryptHash(PASSWORD, 2 ** 17));
    const signIn = userPasswordAuth(t, clientId, "sven", PASSWORD);
    await new Promise((r) => setTimeout(r, 100));
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: "sven",
        Password: "Changed-Pass1!",
        Permanent: true,
      }),
    );
    const changed = (await stored(t, poolId, "sven")).passwordHash;
    assert.ok((await signIn).AuthenticationResult?.AccessToken, "the password was right when it was checked");
    assert.equal((await stored(t, poolId, "sven")).passwordHash, changed, "the new password's hash stays");
    assert.ok((await userPasswordAuth(t, clientId, "sven", "Changed-Pass1!")).AuthenticationResult);
    assert.equal((await errorOf(() => userPasswordAuth(t, clientId, "sven", PASSWORD))).name, "NotAuthorizedException");
  });

  it("a generated temporary password is long, stored with the cheap salted hash, and opens NEW_PASSWORD_REQUIRED", async () => {
    const { poolId, clientId } = await app(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "tara",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [{ Name: "email", Value: "tara@example.com" }],
      }),
    );
    const generated = await temporaryPasswordSent(t, poolId, "tara");
    assert.ok(generated.length >= 24, generated);
    for (const kind of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) assert.match(generated, kind);
    const cheap = (await stored(t, poolId, "tara")).passwordHash!;
    assert.match(cheap, /^sha256\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    assert.ok(!cheap.includes(generated));

    assert.equal(
      (await errorOf(() => userPasswordAuth(t, clientId, "tara", `${generated}x`))).name,
      "NotAuthorizedException",
    );
    assert.equal(await srpSignIn(t, poolId, clientId, "tara", generated), "newPassword");
    const challenge = await userPasswordAuth(t, clientId, "tara", generated);
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.equal((await stored(t, poolId, "tara")).passwordHash, cheap, "never rehashed");

    const done = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: "tara", NEW_PASSWORD: "Chosen-Pass1!" },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
    assert.deepEqual(argon2idParams((await stored(t, poolId, "tara")).passwordHash), FAST);
    assert.ok((await userPasswordAuth(t, clientId, "tara", "Chosen-Pass1!")).AuthenticationResult);
  });

  it("RESEND generates another cheaply hashed password; a TemporaryPassword someone chose gets argon2id", async () => {
    const { poolId, clientId } = await app(t);
    const resend = (TemporaryPassword?: string) =>
      t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "uma",
          MessageAction: "RESEND",
          DesiredDeliveryMediums: ["EMAIL"],
          ...(TemporaryPassword ? { TemporaryPassword } : {}),
        }),
      );
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "uma",
        TemporaryPassword: "Chosen-Temp1!",
        UserAttributes: [{ Name: "email", Value: "uma@example.com" }],
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    assert.deepEqual(argon2idParams((await stored(t, poolId, "uma")).passwordHash), FAST);

    await resend();
    const generated = await temporaryPasswordSent(t, poolId, "uma");
    const cheap = (await stored(t, poolId, "uma")).passwordHash!;
    assert.match(cheap, /^sha256\$/);
    assert.equal((await userPasswordAuth(t, clientId, "uma", generated)).ChallengeName, "NEW_PASSWORD_REQUIRED");
    assert.equal(await srpSignIn(t, poolId, clientId, "uma", generated), "newPassword");

    await resend();
    const second = await temporaryPasswordSent(t, poolId, "uma");
    assert.notEqual(second, generated);
    assert.notEqual((await stored(t, poolId, "uma")).passwordHash, cheap);
    assert.equal((await errorOf(() => userPasswordAuth(t, clientId, "uma", generated))).name, "NotAuthorizedException");

    await resend("Chosen-Again1!");
    assert.deepEqual(argon2idParams((await stored(t, poolId, "uma")).passwordHash), FAST);
    assert.equal((await userPasswordAuth(t, clientId, "uma", "Chosen-Again1!")).ChallengeName, "NEW_PASSWORD_REQUIRED");
  });

  it("a generated password still follows a policy longer than 24", async () => {
    const { poolId } = await app(t, { Policies: { PasswordPolicy: { MinimumLength: 40, RequireSymbols: true } } });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "vic",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [{ Name: "email", Value: "vic@example.com" }],
      }),
    );
    const generated = await temporaryPasswordSent(t, poolId, "vic");
    assert.equal(generated.length, 40);
  });
});

/** An in-process server at the given cost (undefined: the default). */
function useServer(passwordHashCost?: string): Server {
  const s = {} as Server;
  before(async () => {
    s.cognate = await startCognate({
      port: 0,
      inMemory: true,
      logLevel: "silent",
      ...(passwordHashCost ? { passwordHashCost: passwordHashCost as "owasp" } : {}),
    });
    s.url = s.cognate.url;
    s.client = sdkClient(s.url);
  });
  after(async () => {
    s.client?.destroy();
    await s.cognate?.close();
  });
  return s;
}

describe("the default cost is argon2id m=19456 KiB, t=2, p=1", () => {
  const s = useServer();

  it("stores chosen passwords at OWASP's parameters and rehashes weaker argon2id hashes up to them", async () => {
    assert.equal(s.cognate.config.passwordHashCost, "owasp");
    const { poolId, clientId } = await app(s);
    await confirmedUser(s, poolId, "wim");
    assert.deepEqual(argon2idParams((await stored(s, poolId, "wim")).passwordHash), OWASP);

    await plant(s, poolId, "wim", await hashPassword(PASSWORD, "fast"));
    assert.ok((await userPasswordAuth(s, clientId, "wim", PASSWORD)).AuthenticationResult?.AccessToken);
    assert.deepEqual(argon2idParams((await stored(s, poolId, "wim")).passwordHash), OWASP);

    await plant(s, poolId, "wim", legacyScryptHash(PASSWORD, 2 ** 10));
    assert.ok((await adminPasswordAuth(s, poolId, clientId, "wim", PASSWORD)).AuthenticationResult?.AccessToken);
    assert.deepEqual(argon2idParams((await stored(s, poolId, "wim")).passwordHash), OWASP);
    assert.equal(await srpSignIn(s, poolId, clientId, "wim", PASSWORD), "tokens");
  });

  it("generated temporary passwords skip the slow hash", async () => {
    const { poolId } = await app(s);
    await s.client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "xia", MessageAction: "SUPPRESS" }));
    assert.match((await stored(s, poolId, "xia")).passwordHash!, /^sha256\$/);
  });
});

describe("a custom argon2id cost", () => {
  const s = useServer("argon2id:m=7168,t=5,p=1");

  it("hashes new passwords with its parameters and rehashes weaker hashes up to them", async () => {
    const { poolId, clientId } = await app(s);
    await confirmedUser(s, poolId, "yan");
    assert.deepEqual(argon2idParams((await stored(s, poolId, "yan")).passwordHash), { m: 7168, t: 5, p: 1 });

    await plant(s, poolId, "yan", await hashPassword(PASSWORD, "fast"));
    assert.ok((await userPasswordAuth(s, clientId, "yan", PASSWORD)).AuthenticationResult);
    assert.deepEqual(argon2idParams((await stored(s, poolId, "yan")).passwordHash), { m: 7168, t: 5, p: 1 });

    // OWASP's m=19456,t=2 is at least as strong in memory and in memory × passes: kept.
    const owasp = await hashPassword(PASSWORD, "owasp");
    await plant(s, poolId, "yan", owasp);
    assert.ok((await userPasswordAuth(s, clientId, "yan", PASSWORD)).AuthenticationResult);
    assert.equal((await stored(s, poolId, "yan")).passwordHash, owasp);
  });
});

describe("--password-hash-cost", () => {
  /** Runs the CLI expecting it to refuse its settings; returns what it wrote on stderr. */
  async function refused(args: string[], env: Record<string, string> = {}): Promise<string> {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "serve", "--port", "0", "--in-memory", ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 1, err);
    return err;
  }

  it("refuses malformed and too-weak settings with a message naming the flag", async () => {
    const cases: Array<[string, RegExp]> = [
      ["argon2", /invalid --password-hash-cost argon2: expected owasp, fast or argon2id:m=<KiB>,t=<n>,p=<n>/],
      ["argon2id:m=19456,t=2", /needs all of m/],
      ["argon2id:m=4096,t=10,p=1", /below the floor of 7168 KiB/],
      ["argon2id:m=8192,t=2,p=1", /weaker than OWASP's recommendations/],
      ["argon2id:m=19456,t=2,p=99", /lanes p=99/],
    ];
    await Promise.all(
      cases.map(async ([cost, message]) => assert.match(await refused(["--password-hash-cost", cost]), message)),
    );
  });

  it("checks COGNATE_PASSWORD_HASH_COST the same way", async () => {
    const err = await refused([], { COGNATE_PASSWORD_HASH_COST: "argon2id:m=1024,t=1,p=1" });
    assert.match(
      err,
      /invalid --password-hash-cost argon2id:m=1024,t=1,p=1: argon2id memory m=1024 is below the floor/,
    );
  });
});

describe("startCognate's passwordHashCost", () => {
  it("refuses a too-weak setting before serving, instead of failing each password operation later", async () => {
    await assert.rejects(
      startCognate({
        port: 0,
        inMemory: true,
        logLevel: "silent",
        passwordHashCost: "argon2id:m=1024,t=1,p=1" as never,
      }),
      /below the floor/,
    );
  });
});
