import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, it } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoJwtVerifier, JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { JwtExpiredError, JwtInvalidSignatureError } from "aws-jwt-verify/error";
import { SimpleJwksCache, type Jwks } from "aws-jwt-verify/jwk";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { startCognate } from "../../src/index.js";
import { createLogger } from "../../src/common/log.js";
import { issueTokens } from "../../src/tokens/issue.js";
import { sdkClient, useCognate, type TestCognate } from "../helpers/cognate.js";
import { runCli, spawnCognate } from "../helpers/process.js";

describe("token keys and discovery", () => {
  const t = useCognate();

  it("serves two RS256 keys per pool (access and id tokens), the same on every fetch", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "keys" }));
    const res = await fetch(`${t.url}/${UserPool!.Id}/.well-known/jwks.json`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { keys: Record<string, string>[] };
    // Cognito keeps two key pairs per pool: one signs access tokens, the other id tokens.
    assert.equal(body.keys.length, 2);
    assert.notEqual(body.keys[0]!.kid, body.keys[1]!.kid);
    for (const key of body.keys) {
      assert.deepEqual(Object.keys(key), ["alg", "e", "kid", "kty", "n", "use"]);
      assert.equal(key.alg, "RS256");
      assert.equal(key.kty, "RSA");
      assert.equal(key.use, "sig");
      assert.equal(key.e, "AQAB");
      assert.equal(Buffer.from(key.n!, "base64url").length, 256);
    }
    const again = (await (await fetch(`${t.url}/${UserPool!.Id}/.well-known/jwks.json`)).json()) as typeof body;
    assert.deepEqual(again, body);

    const { UserPool: other } = await t.client.send(new CreateUserPoolCommand({ PoolName: "other" }));
    const otherKeys = (await (await fetch(`${t.url}/${other!.Id}/.well-known/jwks.json`)).json()) as typeof body;
    assert.ok(otherKeys.keys.every((k) => !body.keys.some((mine) => mine.kid === k.kid)));
  });

  it("serves the OpenID discovery document", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "discovery" }));
    const id = UserPool!.Id!;
    const res = await fetch(`${t.url}/${id}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as Record<string, unknown>;
    assert.equal(doc.issuer, `${t.url}/${id}`);
    assert.equal(doc.jwks_uri, `${t.url}/${id}/.well-known/jwks.json`);
    assert.equal(doc.authorization_endpoint, `${t.url}/oauth2/authorize`);
    assert.equal(doc.token_endpoint, `${t.url}/oauth2/token`);
    assert.equal(doc.userinfo_endpoint, `${t.url}/oauth2/userInfo`);
    assert.deepEqual(doc.subject_types_supported, ["public"]);
    assert.deepEqual(doc.id_token_signing_alg_values_supported, ["RS256"]);
    assert.deepEqual(doc.response_types_supported, ["code", "token"]);
    assert.deepEqual(doc.token_endpoint_auth_methods_supported, ["client_secret_basic", "client_secret_post"]);
    assert.deepEqual(doc.scopes_supported, ["openid", "email", "phone", "profile"]);
  });

  it("answers 404 for an unknown pool", async () => {
    const res = await fetch(`${t.url}/us-east-1_nothere00/.well-known/jwks.json`);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { message: "User pool us-east-1_nothere00 does not exist." });
    const doc = await fetch(`${t.url}/us-east-1_nothere00/.well-known/openid-configuration`);
    assert.equal(doc.status, 404);
  });
});

const PASSWORD = "Passw0rd!";

async function signedInUser(
  t: TestCognate,
  options: { client?: Partial<CreateUserPoolClientCommandInput>; attributes?: { Name: string; Value: string }[] } = {},
) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "tokens",
      Schema: [
        { Name: "team", AttributeDataType: "String", Mutable: true },
        { Name: "level", AttributeDataType: "Number", Mutable: true },
      ],
    }),
  );
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      ...options.client,
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "alice",
      MessageAction: "SUPPRESS",
      UserAttributes: options.attributes ?? [
        { Name: "email", Value: "alice@example.com" },
        { Name: "email_verified", Value: "true" },
        { Name: "phone_number", Value: "+15555550100" },
        { Name: "given_name", Value: "Alice" },
        { Name: "custom:team", Value: "blue" },
        { Name: "address", Value: "1 Main St" },
        { Name: "updated_at", Value: "1700000000" },
      ],
    }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "alice", Password: PASSWORD, Permanent: true }),
  );
  const signIn = async () =>
    (
      await t.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "alice", PASSWORD },
        }),
      )
    ).AuthenticationResult!;
  return { poolId, clientId, signIn };
}

/** aws-jwt-verify fetches JWKS over HTTPS only; this fetcher lets it read Cognate's over HTTP, mapping AWS's host to Cognate. */
function localJwksCache(url: string) {
  return new SimpleJwksCache({
    fetcher: {
      fetch: async (uri: string) => {
        const local = uri.replace(/^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com/, url);
        return (await fetch(local)).arrayBuffer();
      },
    },
  });
}

describe("token claims", () => {
  const t = useCognate();

  it("id and access tokens carry Cognito's claims, each signed with its own key of the pool", async () => {
    const { poolId, clientId, signIn } = await signedInUser(t);
    const result = await signIn();
    const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
    const sub = user.UserAttributes!.find((a) => a.Name === "sub")!.Value!;
    const jwks = (await (await fetch(`${t.url}/${poolId}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };

    const accessHeader = decodeProtectedHeader(result.AccessToken!);
    assert.deepEqual(Object.keys(accessHeader), ["kid", "alg"]);
    assert.equal(accessHeader.alg, "RS256");
    const idHeader = decodeProtectedHeader(result.IdToken!);
    assert.notEqual(idHeader.kid, accessHeader.kid);
    assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), [accessHeader.kid, idHeader.kid].sort());
    const access = decodeJwt(result.AccessToken!);
    assert.deepEqual(Object.keys(access), [
      "sub",
      "iss",
      "client_id",
      "origin_jti",
      "event_id",
      "token_use",
      "scope",
      "auth_time",
      "exp",
      "iat",
      "jti",
      "username",
    ]);
    assert.equal(access.sub, sub);
    assert.equal(access.iss, `${t.url}/${poolId}`);
    assert.equal(access.client_id, clientId);
    assert.equal(access.token_use, "access");
    assert.equal(access.scope, "aws.cognito.signin.user.admin");
    assert.equal(access.username, "alice");
    assert.equal(access.exp! - access.iat!, 3600);
    assert.equal(access.auth_time, access.iat);
    assert.ok(Math.abs(access.iat! - Date.now() / 1000) < 5);
    assert.match(access.jti!, /^[0-9a-f-]{36}$/);
    assert.match(access.origin_jti as string, /^[0-9a-f-]{36}$/);
    assert.match(access.event_id as string, /^[0-9a-f-]{36}$/);

    const id = decodeJwt(result.IdToken!);
    assert.deepEqual(idHeader, { kid: idHeader.kid, alg: "RS256" });
    assert.equal(id.sub, sub);
    assert.equal(id.aud, clientId);
    assert.equal(id.iss, `${t.url}/${poolId}`);
    assert.equal(id["cognito:username"], "alice");
    assert.equal(id.token_use, "id");
    assert.equal(id.email, "alice@example.com");
    assert.equal(id.email_verified, true);
    assert.equal(id.phone_number, "+15555550100");
    assert.equal(id.given_name, "Alice");
    assert.equal(id["custom:team"], "blue");
    assert.deepEqual(id.address, { formatted: "1 Main St" });
    assert.equal(id.updated_at, 1700000000);
    assert.equal(id.origin_jti, access.origin_jti);
    assert.equal(id.event_id, access.event_id);
    assert.equal(id.auth_time, access.auth_time);
    assert.notEqual(id.jti, access.jti);
    assert.equal(id.exp! - id.iat!, 3600);
    assert.match(id.jti!, /^[0-9a-f-]{36}$/);
    // Claims of the access token only.
    assert.equal(id.client_id, undefined);
    assert.equal(id.scope, undefined);
    assert.equal(id.username, undefined);
    assert.equal(id.identities, undefined);
    // A user in no group has no group or role claims.
    assert.equal(id["cognito:groups"], undefined);
    assert.equal(id["cognito:roles"], undefined);
    assert.equal(id["cognito:preferred_role"], undefined);
    assert.equal(Object.keys(id).includes("sub") && Object.values(id).filter((v) => v === sub).length, 1);

    // Each sign-in is a new origin and event.
    const second = decodeJwt((await signIn()).AccessToken!);
    assert.notEqual(second.origin_jti, access.origin_jti);
    assert.notEqual(second.event_id, access.event_id);
  });

  it("groups, roles and the preferred role (lowest precedence wins)", async () => {
    const { poolId, signIn } = await signedInUser(t);
    const groups = [
      { GroupName: "admins", RoleArn: "arn:aws:iam::123456789012:role/admin", Precedence: 1 },
      { GroupName: "editors", RoleArn: "arn:aws:iam::123456789012:role/editor", Precedence: 5 },
      { GroupName: "readers" },
    ];
    for (const group of groups) {
      await t.client.send(new CreateGroupCommand({ UserPoolId: poolId, ...group }));
      await t.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "alice", GroupName: group.GroupName }),
      );
    }
    const result = await signIn();
    const access = decodeJwt(result.AccessToken!);
    const id = decodeJwt(result.IdToken!);
    assert.deepEqual(access["cognito:groups"], ["admins", "editors", "readers"]);
    assert.deepEqual(id["cognito:groups"], ["admins", "editors", "readers"]);
    assert.deepEqual(id["cognito:roles"], [
      "arn:aws:iam::123456789012:role/admin",
      "arn:aws:iam::123456789012:role/editor",
    ]);
    assert.equal(id["cognito:preferred_role"], "arn:aws:iam::123456789012:role/admin");
    assert.equal(access["cognito:roles"], undefined);
    assert.equal(access["cognito:preferred_role"], undefined);
  });

  it("the preferred role: a precedence beats none, a shared role ARN is kept, untied roles without precedence give none", async () => {
    const role = (x: string) => `arn:aws:iam::123456789012:role/${x}`;
    const preferredRole = async (groups: { GroupName: string; RoleArn: string; Precedence?: number }[]) => {
      const { poolId, signIn } = await signedInUser(t);
      for (const group of groups) {
        await t.client.send(new CreateGroupCommand({ UserPoolId: poolId, ...group }));
        await t.client.send(
          new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "alice", GroupName: group.GroupName }),
        );
      }
      const id = decodeJwt((await signIn()).IdToken!);
      assert.deepEqual(
        [...(id["cognito:roles"] as string[])].sort(),
        [...new Set(groups.map((g) => g.RoleArn))].sort(),
      );
      return id["cognito:preferred_role"];
    };
    assert.equal(
      await preferredRole([
        { GroupName: "none", RoleArn: role("none") },
        { GroupName: "ten", RoleArn: role("ten"), Precedence: 10 },
      ]),
      role("ten"),
    );
    assert.equal(
      await preferredRole([
        { GroupName: "x", RoleArn: role("shared"), Precedence: 2 },
        { GroupName: "y", RoleArn: role("shared"), Precedence: 2 },
      ]),
      role("shared"),
    );
    assert.equal(
      await preferredRole([
        { GroupName: "a", RoleArn: role("a") },
        { GroupName: "b", RoleArn: role("b") },
      ]),
      undefined,
    );
  });

  it("custom, phone and verified attributes carry Cognito's types", async () => {
    const { signIn } = await signedInUser(t, {
      attributes: [
        { Name: "phone_number", Value: "+15555550100" },
        { Name: "phone_number_verified", Value: "true" },
        { Name: "email", Value: "alice@example.com" },
        { Name: "email_verified", Value: "false" },
        { Name: "custom:team", Value: "gold" },
        { Name: "custom:level", Value: "7" },
      ],
    });
    const id = decodeJwt((await signIn()).IdToken!);
    assert.equal(id.phone_number, "+15555550100");
    assert.equal(id.phone_number_verified, true);
    assert.equal(id.email_verified, false);
    // Custom attributes are strings in the token, Number ones too.
    assert.equal(id["custom:team"], "gold");
    assert.equal(id["custom:level"], "7");
  });

  it("a refreshed id token reflects changed attributes and groups", async () => {
    const { poolId, clientId, signIn } = await signedInUser(t);
    const first = await signIn();
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: "alice",
        UserAttributes: [{ Name: "given_name", Value: "Alicia" }],
      }),
    );
    await t.client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "late" }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "alice", GroupName: "late" }));
    const res = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: first.RefreshToken! },
      }),
    );
    const id = decodeJwt(res.AuthenticationResult!.IdToken!);
    assert.equal(id.given_name, "Alicia");
    assert.deepEqual(id["cognito:groups"], ["late"]);
    assert.deepEqual(decodeJwt(res.AuthenticationResult!.AccessToken!)["cognito:groups"], ["late"]);
  });

  it("two groups tied at the lowest precedence leave no preferred role", async () => {
    const { poolId, signIn } = await signedInUser(t);
    for (const [name, role] of [
      ["a", "arn:aws:iam::123456789012:role/a"],
      ["b", "arn:aws:iam::123456789012:role/b"],
    ] as const) {
      await t.client.send(
        new CreateGroupCommand({ UserPoolId: poolId, GroupName: name, RoleArn: role, Precedence: 3 }),
      );
      await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "alice", GroupName: name }));
    }
    const id = decodeJwt((await signIn()).IdToken!);
    assert.equal(id["cognito:roles"] && (id["cognito:roles"] as string[]).length, 2);
    assert.equal(id["cognito:preferred_role"], undefined);
  });

  it("the id token holds only the client's ReadAttributes", async () => {
    const { signIn } = await signedInUser(t, { client: { ReadAttributes: ["email", "email_verified"] } });
    const id = decodeJwt((await signIn()).IdToken!);
    assert.equal(id.email, "alice@example.com");
    assert.equal(id.email_verified, true);
    assert.equal(id.given_name, undefined);
    assert.equal(id.phone_number, undefined);
    assert.equal(id["custom:team"], undefined);
    assert.equal(id["cognito:username"], "alice");
    assert.equal(typeof id.sub, "string");
  });

  it("validity follows the client's settings and units", async () => {
    const { signIn } = await signedInUser(t, {
      client: {
        AccessTokenValidity: 30,
        IdTokenValidity: 2,
        TokenValidityUnits: { AccessToken: "minutes", IdToken: "hours" },
      },
    });
    const result = await signIn();
    assert.equal(result.ExpiresIn, 1800);
    const access = decodeJwt(result.AccessToken!);
    const id = decodeJwt(result.IdToken!);
    assert.equal(access.exp! - access.iat!, 1800);
    assert.equal(id.exp! - id.iat!, 7200);
  });

  it("validity values without units are hours for access and id tokens", async () => {
    const { signIn } = await signedInUser(t, { client: { AccessTokenValidity: 2, IdTokenValidity: 3 } });
    const result = await signIn();
    assert.equal(result.ExpiresIn, 7200);
    const id = decodeJwt(result.IdToken!);
    assert.equal(id.exp! - id.iat!, 10800);
  });
});

describe("verifying tokens with aws-jwt-verify (local issuer)", () => {
  const t = useCognate();

  it("accepts Cognate's id and access tokens against its JWKS and issuer", async () => {
    const { poolId, clientId, signIn } = await signedInUser(t);
    const result = await signIn();
    const jwksCache = localJwksCache(t.url);
    const verifier = (tokenUse: "id" | "access") =>
      JwtVerifier.create(
        {
          issuer: `${t.url}/${poolId}`,
          jwksUri: `${t.url}/${poolId}/.well-known/jwks.json`,
          audience: null,
          customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
        },
        { jwksCache },
      );
    const access = await verifier("access").verify(result.AccessToken!);
    assert.equal(access.username, "alice");
    const id = await verifier("id").verify(result.IdToken!);
    assert.equal(id["cognito:username"], "alice");
    // Wrong token use and wrong client are refused.
    await assert.rejects(verifier("access").verify(result.IdToken!), /token use/i);
    const otherClient = JwtVerifier.create(
      {
        issuer: `${t.url}/${poolId}`,
        jwksUri: `${t.url}/${poolId}/.well-known/jwks.json`,
        audience: null,
        customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: "access", clientId: "other" }),
      },
      { jwksCache },
    );
    await assert.rejects(otherClient.verify(result.AccessToken!), /client/i);
  });

  it("refuses tampered, foreign and expired tokens", async () => {
    const { poolId, signIn } = await signedInUser(t);
    const result = await signIn();
    const verifier = JwtVerifier.create(
      { issuer: `${t.url}/${poolId}`, jwksUri: `${t.url}/${poolId}/.well-known/jwks.json`, audience: null },
      { jwksCache: localJwksCache(t.url) },
    );
    const [header, payload, signature] = result.AccessToken!.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, username: "mallory" })).toString("base64url");
    await assert.rejects(verifier.verify(`${header}.${forged}.${signature}`), JwtInvalidSignatureError);

    // Signed by another pool's key: the kid is unknown to this pool's JWKS.
    const other = await signedInUser(t);
    const foreign = (await other.signIn()).AccessToken!;
    await assert.rejects(verifier.verify(foreign));

    const expired = await tokensIssuedAt(t, poolId, Date.now() - 2 * 3600_000);
    await assert.rejects(verifier.verify(expired.AccessToken!), JwtExpiredError);
  });
});

describe("verifying tokens with aws-jwt-verify (AWS issuer)", () => {
  const ctx = {} as TestCognate;
  before(async () => {
    ctx.cognate = await startCognate({
      port: 0,
      inMemory: true,
      passwordHashCost: "fast",
      logLevel: "silent",
      issuerStyle: "aws",
    });
    ctx.url = ctx.cognate.url;
    ctx.client = sdkClient(ctx.url);
  });
  after(async () => {
    ctx.client.destroy();
    await ctx.cognate.close();
  });

  it("CognitoJwtVerifier accepts the tokens when its JWKS fetch is pointed at Cognate", async () => {
    const { poolId, clientId, signIn } = await signedInUser(ctx);
    const result = await signIn();
    assert.equal(decodeJwt(result.AccessToken!).iss, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    const jwksCache = localJwksCache(ctx.url);
    const accessVerifier = CognitoJwtVerifier.create(
      { userPoolId: poolId, tokenUse: "access", clientId },
      { jwksCache },
    );
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "id", clientId }, { jwksCache });
    assert.equal((await accessVerifier.verify(result.AccessToken!)).username, "alice");
    assert.equal((await idVerifier.verify(result.IdToken!))["cognito:username"], "alice");

    // Or load the JWKS once and verify synchronously.
    const jwks = (await (await fetch(`${ctx.url}/${poolId}/.well-known/jwks.json`)).json()) as Jwks;
    const offline = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "access", clientId });
    offline.cacheJwks(jwks);
    assert.equal(offline.verifySync(result.AccessToken!).username, "alice");

    const doc = (await (await fetch(`${ctx.url}/${poolId}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    assert.equal(doc.issuer, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    assert.equal(doc.jwks_uri, `${ctx.url}/${poolId}/.well-known/jwks.json`);
  });
});

/** Test-only: tokens for the pool's user "alice" as if signed in at `at` (epoch ms), through the real issuer. */
async function tokensIssuedAt(t: TestCognate, poolId: string, at: number) {
  const store = t.cognate.store;
  const pool = (await store.pools.get(poolId))!;
  const client = (await store.clients.list(poolId, { limit: 1 })).items[0]!;
  const user = (await store.users.get(poolId, "alice"))!;
  const ctx = {
    store,
    config: t.cognate.config,
    accountId: pool.accountId,
    region: pool.region,
    now: at,
    requestId: "test",
    log: createLogger("silent"),
  };
  return store.transaction(() => issueTokens(ctx, { pool, client, user, withRefresh: true }));
}

describe("the --issuer flag", () => {
  it("cognate serve --issuer aws publishes the AWS issuer; an unknown style is refused", async () => {
    const server = await spawnCognate(["--in-memory", "--issuer", "aws", "--public-url", "http://cognate.test:1234"]);
    const client = sdkClient(server.url);
    try {
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "flag" }));
      const doc = (await (
        await fetch(`${server.url}/${UserPool!.Id}/.well-known/openid-configuration`)
      ).json()) as Record<string, string>;
      assert.equal(doc.issuer, `https://cognito-idp.us-east-1.amazonaws.com/${UserPool!.Id}`);
      assert.equal(doc.jwks_uri, `http://cognate.test:1234/${UserPool!.Id}/.well-known/jwks.json`);
    } finally {
      client.destroy();
      await server.stop();
    }
    const bad = runCli(["serve", "--issuer", "elsewhere"]);
    let err = "";
    bad.stderr!.setEncoding("utf8").on("data", (c: string) => (err += c));
    const [code] = await once(bad, "exit");
    assert.equal(code, 1);
    assert.match(err, /invalid --issuer elsewhere/);
  });
});
