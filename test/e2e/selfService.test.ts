import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DeleteUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { createLogger } from "../../src/shared/log.js";
import { issueTokens } from "../../src/tokens/issue.js";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

const PASSWORD = "Passw0rd!";

async function setup(t: TestCognate, pool: Partial<CreateUserPoolCommandInput> = {}) {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "self", ...pool }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "alice",
      MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: "alice@example.com" }],
    }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "alice", Password: PASSWORD, Permanent: true }),
  );
  const signIn = async (password = PASSWORD) =>
    (
      await t.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "alice", PASSWORD: password },
        }),
      )
    ).AuthenticationResult!;
  return { poolId, clientId, signIn };
}

describe("GetUser and access token checks", () => {
  const t = useCognate();

  it("answers the signed-in user's username and attributes", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    const res = await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    assert.equal(res.Username, "alice");
    const attributes = Object.fromEntries(res.UserAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attributes.email, "alice@example.com");
    assert.equal(attributes.sub, decodeJwt(tokens.AccessToken!).sub);
  });

  it("refuses malformed, tampered, foreign-key and id tokens", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    const refused = async (token: string, message: string) => {
      const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: token })));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, message);
    };
    await refused("garbage", "Invalid Access Token");
    const [header, payload, signature] = tokens.AccessToken!.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: 9_999_999_999 })).toString("base64url");
    await refused(`${header}.${forged}.${signature}`, "Invalid Access Token");
    // Same kid and issuer, but signed with a key Cognate never had.
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ kid: decodeProtectedHeader(tokens.AccessToken!).kid!, alg: "RS256" })
      .sign(privateKey);
    await refused(foreign, "Invalid Access Token");
    await refused(tokens.IdToken!, "Invalid Access Token");
  });

  it("refuses expired tokens", async () => {
    const { poolId } = await setup(t);
    const store = t.cognate.store;
    const pool = (await store.pools.get(poolId))!;
    const client = (await store.clients.list(poolId, { limit: 1 })).items[0]!;
    const user = (await store.users.get(poolId, "alice"))!;
    const ctx = {
      store,
      config: t.cognate.config,
      accountId: pool.accountId,
      region: pool.region,
      now: Date.now() - 2 * 3600_000,
      requestId: "test",
      log: createLogger("silent"),
    };
    const old = await store.transaction(() => issueTokens(ctx, { pool, client, user, withRefresh: false }));
    const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: old.AccessToken! })));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Access Token has expired");
  });

  it("refuses tokens of disabled and deleted users", async () => {
    const { poolId, signIn } = await setup(t);
    const tokens = await signIn();
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "alice" }));
    const disabled = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(disabled.name, "NotAuthorizedException");
    assert.equal(disabled.message, "User is disabled.");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "alice" }));
    const deleted = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(deleted.name, "UserNotFoundException");
    assert.equal(deleted.message, "User does not exist.");
  });
});

describe("ChangePassword", () => {
  const t = useCognate();

  it("changes the password: the old one stops working, the new one signs in", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    await t.client.send(
      new ChangePasswordCommand({
        AccessToken: tokens.AccessToken!,
        PreviousPassword: PASSWORD,
        ProposedPassword: "N3w!password",
      }),
    );
    const old = await errorOf(() => signIn());
    assert.equal(old.name, "NotAuthorizedException");
    assert.equal(old.message, "Incorrect username or password.");
    assert.ok((await signIn("N3w!password")).AccessToken);
  });

  it("refuses a wrong previous password, a weak one and a reused one", async () => {
    const { signIn } = await setup(t, {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          PasswordHistorySize: 2,
        },
      },
    });
    const tokens = await signIn();
    const wrong = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: tokens.AccessToken!,
          PreviousPassword: "Wr0ng!pass",
          ProposedPassword: "N3w!password",
        }),
      ),
    );
    assert.equal(wrong.name, "NotAuthorizedException");
    assert.equal(wrong.message, "Incorrect username or password.");
    const weak = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: tokens.AccessToken!,
          PreviousPassword: PASSWORD,
          ProposedPassword: "weakweak",
        }),
      ),
    );
    assert.equal(weak.name, "InvalidPasswordException");
    assert.equal(weak.message, "Password did not conform with policy: Password must have uppercase characters");
    const reused = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({
          AccessToken: tokens.AccessToken!,
          PreviousPassword: PASSWORD,
          ProposedPassword: PASSWORD,
        }),
      ),
    );
    assert.equal(reused.name, "PasswordHistoryPolicyViolationException");
    const invalid = await errorOf(() =>
      t.client.send(
        new ChangePasswordCommand({ AccessToken: "bad", PreviousPassword: PASSWORD, ProposedPassword: "N3w!password" }),
      ),
    );
    assert.equal(invalid.name, "NotAuthorizedException");
    assert.equal(invalid.message, "Invalid Access Token");
  });
});

describe("DeleteUser", () => {
  const t = useCognate();

  it("deletes the signed-in user", async () => {
    const { signIn } = await setup(t);
    const tokens = await signIn();
    await t.client.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken! }));
    const err = await errorOf(() => signIn());
    assert.equal(err.name, "UserNotFoundException");
    const again = await errorOf(() => t.client.send(new DeleteUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(again.name, "UserNotFoundException");
  });
});
