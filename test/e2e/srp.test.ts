import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from "amazon-cognito-identity-js";
import { formatSrpTimestamp, newSecretBlock, poolNameOf, startSrp, verifySrp } from "../../src/auth/srp/index.js";
import type { UserRecord } from "../../src/storage/types.js";
import { verifyPassword } from "../../src/common/passwords.js";
import { useCognate, type TestCognate } from "../helpers/cognate.js";

// The real client library's SRP half (CommonJS subpaths without typings).
const require = createRequire(import.meta.url);
interface ClientBigInteger {
  toString(radix: number): string;
}
interface ClientHelper {
  largeAValue: ClientBigInteger;
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

/**
 * Runs one SRP exchange against what is stored for the user: the server half from src/auth/srp,
 * the client half from amazon-cognito-identity-js, signing as `userIdForSrp` with `password`.
 */
function proves(poolId: string, user: UserRecord, password: string, userIdForSrp = user.username): boolean {
  assert.ok(user.srp, "the user has an SRP salt and verifier");
  const poolName = poolNameOf(poolId);
  const helper = new AuthenticationHelper(poolName);
  const { b, B } = startSrp(user.srp.verifier);
  const secretBlock = newSecretBlock();
  const timestamp = formatSrpTimestamp(Date.now());
  let key: Buffer | undefined;
  helper.getPasswordAuthenticationKey(
    userIdForSrp,
    password,
    new BigInteger(B, 16),
    new BigInteger(user.srp.salt, 16),
    (err, hkdf) => {
      if (err) throw err;
      key = hkdf;
    },
  );
  const signature = createHmac("sha256", key!)
    .update(
      Buffer.concat([
        Buffer.from(poolName, "utf8"),
        Buffer.from(userIdForSrp, "utf8"),
        Buffer.from(secretBlock, "base64"),
        Buffer.from(timestamp, "utf8"),
      ]),
    )
    .digest("base64");
  return verifySrp({
    poolName,
    userIdForSrp: user.username,
    ...user.srp,
    A: helper.largeAValue.toString(16),
    b,
    B,
    secretBlock,
    timestamp,
    signature,
  });
}

async function newPool(t: TestCognate, settings: Partial<CreateUserPoolRequest> = {}): Promise<string> {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "srp", ...settings }));
  return UserPool!.Id!;
}

async function stored(t: TestCognate, poolId: string, key: string): Promise<UserRecord> {
  const user = await t.cognate.store.users.get(poolId, key);
  assert.ok(user, `user ${key} is stored`);
  return user;
}

describe("password writes store an SRP verifier", () => {
  const t = useCognate();

  it("AdminCreateUser: the temporary password proves itself over SRP, others do not", async () => {
    const poolId = await newPool(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "alice",
        TemporaryPassword: "Temp0rary!",
        MessageAction: "SUPPRESS",
      }),
    );
    const user = await stored(t, poolId, "alice");
    assert.match(user.srp!.salt, /^[0-9a-f]+$/);
    assert.match(user.srp!.verifier, /^[0-9a-f]+$/);
    assert.equal(await verifyPassword("Temp0rary!", user.passwordHash!), true);
    assert.equal(proves(poolId, user, "Temp0rary!"), true);
    assert.equal(proves(poolId, user, "temp0rary!"), false);
  });

  it("AdminSetUserPassword replaces both the hash and the verifier", async () => {
    const poolId = await newPool(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "bob",
        TemporaryPassword: "Temp0rary!",
        MessageAction: "SUPPRESS",
      }),
    );
    const before = await stored(t, poolId, "bob");
    for (const Permanent of [true, false]) {
      const password = Permanent ? "Perm4nent!pw" : "N3xtTemp!pw";
      const out = await t.client.send(
        new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "bob", Password: password, Permanent }),
      );
      const { $metadata, ...rest } = out;
      assert.equal($metadata.httpStatusCode, 200);
      assert.deepEqual(rest, {});
      const after = await stored(t, poolId, "bob");
      assert.equal(after.status, Permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD");
      assert.notEqual(after.srp!.salt, before.srp!.salt);
      assert.equal(await verifyPassword(password, after.passwordHash!), true);
      assert.equal(proves(poolId, after, password), true);
      assert.equal(proves(poolId, after, "Temp0rary!"), false);
    }
  });

  it("AdminCreateUser RESEND stores the verifier of the new temporary password", async () => {
    const poolId = await newPool(t);
    const create = (TemporaryPassword: string, MessageAction: "SUPPRESS" | "RESEND") =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: "carol", TemporaryPassword, MessageAction }),
      );
    await create("F1rst!pass", "SUPPRESS");
    await create("S3cond!pass", "RESEND");
    const user = await stored(t, poolId, "carol");
    assert.equal(proves(poolId, user, "S3cond!pass"), true);
    assert.equal(proves(poolId, user, "F1rst!pass"), false);
  });

  it("email-as-username pools: USER_ID_FOR_SRP is the generated username, not the email", async () => {
    const poolId = await newPool(t, { UsernameAttributes: ["email"] });
    const { User } = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "dave@example.com",
        TemporaryPassword: "Temp0rary!",
        MessageAction: "SUPPRESS",
      }),
    );
    const user = await stored(t, poolId, User!.Username!);
    assert.notEqual(user.username, "dave@example.com");
    assert.equal(proves(poolId, user, "Temp0rary!"), true);
    assert.equal(proves(poolId, user, "Temp0rary!", "dave@example.com"), false);

    // Setting the password by email still derives it for the stored username.
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: "dave@example.com",
        Password: "Perm4nent!pw",
        Permanent: true,
      }),
    );
    assert.equal(proves(poolId, await stored(t, poolId, user.username), "Perm4nent!pw"), true);
  });

  it("case-insensitive pools: the verifier uses the username as created, whatever case the caller uses", async () => {
    const poolId = await newPool(t, { UsernameConfiguration: { CaseSensitive: false } });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "Erin",
        TemporaryPassword: "Temp0rary!",
        MessageAction: "SUPPRESS",
      }),
    );
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: "ERIN",
        Password: "Perm4nent!pw",
        Permanent: true,
      }),
    );
    const user = await stored(t, poolId, "erin");
    assert.equal(user.username, "Erin");
    assert.equal(proves(poolId, user, "Perm4nent!pw"), true);
  });
});

describe("USER_SRP_AUTH end to end with amazon-cognito-identity-js", () => {
  const t = useCognate();

  async function setup(settings: Partial<CreateUserPoolRequest> = {}) {
    const poolId = await newPool(t, settings);
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web" }),
    );
    const userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: UserPoolClient!.ClientId!, endpoint: t.url });
    return { poolId, clientId: UserPoolClient!.ClientId!, userPool };
  }

  type Outcome =
    | { kind: "success"; session: CognitoUserSession }
    | { kind: "failure"; error: Error & { code?: string; name: string } }
    | { kind: "newPasswordRequired" };

  function signIn(userPool: CognitoUserPool, username: string, password: string): Promise<Outcome> {
    const user = new CognitoUser({ Username: username, Pool: userPool });
    return new Promise((resolve) =>
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
        onSuccess: (session) => resolve({ kind: "success", session }),
        onFailure: (error: Error & { code?: string; name: string }) => resolve({ kind: "failure", error }),
        newPasswordRequired: () => resolve({ kind: "newPasswordRequired" }),
      }),
    );
  }

  async function createConfirmed(poolId: string, username: string, password: string) {
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS" }),
    );
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }),
    );
  }

  it("signs in with the right password and returns tokens for the user", async () => {
    const { poolId, clientId, userPool } = await setup();
    await createConfirmed(poolId, "frank", "Perm4nent!pw");
    const outcome = await signIn(userPool, "frank", "Perm4nent!pw");
    assert.equal(outcome.kind, "success", JSON.stringify(outcome));
    const session = (outcome as { session: CognitoUserSession }).session;
    assert.equal(session.isValid(), true);
    assert.equal(session.getIdToken().decodePayload()["cognito:username"], "frank");
    assert.equal(session.getAccessToken().decodePayload().client_id, clientId);
  });

  it("rejects a wrong password with NotAuthorizedException", async () => {
    const { poolId, userPool } = await setup();
    await createConfirmed(poolId, "grace", "Perm4nent!pw");
    const outcome = await signIn(userPool, "grace", "Perm4nent!pW");
    assert.equal(outcome.kind, "failure");
    const { error } = outcome as { error: Error & { code?: string } };
    assert.equal(error.code, "NotAuthorizedException");
    assert.equal(error.message, "Incorrect username or password.");
  });

  it("signs in by email in email-as-username pools (USER_ID_FOR_SRP is the generated username)", async () => {
    const { poolId, userPool } = await setup({ UsernameAttributes: ["email"] });
    await createConfirmed(poolId, "heidi@example.com", "Perm4nent!pw");
    const outcome = await signIn(userPool, "heidi@example.com", "Perm4nent!pw");
    assert.equal(outcome.kind, "success", JSON.stringify(outcome));
    const payload = (outcome as { session: CognitoUserSession }).session.getIdToken().decodePayload();
    assert.equal(payload.email, "heidi@example.com");
    assert.notEqual(payload["cognito:username"], "heidi@example.com");
  });

  it("asks a user with a temporary password for a new one", async () => {
    const { poolId, userPool } = await setup();
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "ivan",
        TemporaryPassword: "Temp0rary!",
        MessageAction: "SUPPRESS",
      }),
    );
    assert.deepEqual(await signIn(userPool, "ivan", "Temp0rary!"), { kind: "newPasswordRequired" });
  });
});
