import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  type CreateUserPoolClientRequest,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { errorOf, useCognate } from "../helpers/cognate.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

// What the Cognito developer guide documents for these endpoints (token-endpoint,
// revocation-endpoint) and Cognate follows:
// - POST /oauth2/token, application/x-www-form-urlencoded; the client authenticates with HTTP
//   Basic base64(client_id:client_secret), or client_id (and client_secret) in the body.
// - Every token endpoint error is HTTP 400 {"error": ...}, invalid_client included: invalid_request
//   (a required parameter missing, e.g. refresh_token), invalid_client (no such client or secret),
//   invalid_grant (refresh token revoked; authorization code consumed or not existing),
//   unauthorized_client (the client may not use the grant), unsupported_grant_type (anything but
//   authorization_code, refresh_token, client_credentials). invalid_scope (RFC 6749) for a scope
//   the client may not have, which is what Cognito answers (the guide says such scopes are
//   "ignored"; Cognito refuses them).
// - client_credentials answers {access_token, expires_in, token_type: "Bearer"}; the access token's
//   claims are Cognito's M2M set, in its order: sub (the client id), token_use, scope, auth_time,
//   iss, exp, iat, version 2, jti, client_id. Without scope: every custom scope of the client.
// - refresh_token answers {id_token, access_token, expires_in, token_type} (no refresh_token
//   unless the client rotates refresh tokens).
// - POST /oauth2/revoke: 200 and an empty body on success and for an unknown token; 400
//   invalid_request without token or with revocation disabled; 400 unsupported_token_type for a
//   token that is not a refresh token; 401 invalid_client for bad client credentials.

const PASSWORD = "Passw0rd!";
const handlers = handlerDir();
const t = useCognate({ triggers: { functions: { m2m: { module: join(handlers.dir, "m2m.ts") } } } });

async function pool(LambdaConfig?: LambdaConfigType): Promise<string> {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "oauth",
      ...(LambdaConfig ? { LambdaConfig, UserPoolTier: "ESSENTIALS" as const } : {}),
    }),
  );
  const poolId = UserPool!.Id!;
  await t.client.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: "orders",
      Name: "Orders",
      Scopes: [
        { ScopeName: "read", ScopeDescription: "read" },
        { ScopeName: "write", ScopeDescription: "write" },
        { ScopeName: "admin", ScopeDescription: "admin" },
      ],
    }),
  );
  return poolId;
}

async function appClient(poolId: string, settings: Partial<CreateUserPoolClientRequest>) {
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ...settings }),
  );
  return { clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
}

const m2mSettings: Partial<CreateUserPoolClientRequest> = {
  GenerateSecret: true,
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ["client_credentials"],
  AllowedOAuthScopes: ["orders/read", "orders/write"],
};

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

// aws-jwt-verify fetches JWKS over https only: Cognate here serves plain http.
const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } });

function verifier(poolId: string, tokenUse: "access" | "id", clientId: string) {
  return JwtVerifier.create(
    {
      issuer: `${t.url}/${poolId}`,
      jwksUri: `${t.url}/${poolId}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
    },
    { jwksCache },
  );
}

/** A user signed in through a client without a secret: its refresh token. */
async function signedIn(poolId: string, settings: Partial<CreateUserPoolClientRequest> = {}, username = "alice") {
  const { clientId, clientSecret } = await appClient(poolId, {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    ...settings,
  });
  await t.client.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS" }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }),
  );
  const SECRET_HASH = clientSecret
    ? createHmac("sha256", clientSecret)
        .update(username + clientId)
        .digest("base64")
    : undefined;
  const { AuthenticationResult } = await t.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD, ...(SECRET_HASH ? { SECRET_HASH } : {}) },
    }),
  );
  return {
    clientId,
    clientSecret,
    refreshToken: AuthenticationResult!.RefreshToken!,
    accessToken: AuthenticationResult!.AccessToken!,
  };
}

describe("POST /oauth2/token, client_credentials", () => {
  it("issues Cognito's M2M access token with every custom scope of the client, verified by aws-jwt-verify", async () => {
    const poolId = await pool();
    const { clientId, clientSecret } = await appClient(poolId, { ...m2mSettings, AccessTokenValidity: 2 });
    const res = await post(
      "/oauth2/token",
      { grant_type: "client_credentials" },
      { authorization: basic(clientId, clientSecret!) },
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /^application\/json/);
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.equal(res.headers.get("pragma"), "no-cache");
    assert.deepEqual(Object.keys(res.body), ["access_token", "expires_in", "token_type"]);
    assert.equal(res.body.token_type, "Bearer");
    assert.equal(res.body.expires_in, 7200);
    const claims = decodeJwt(res.body.access_token as string);
    assert.deepEqual(Object.keys(claims), [
      "sub",
      "token_use",
      "scope",
      "auth_time",
      "iss",
      "exp",
      "iat",
      "version",
      "jti",
      "client_id",
    ]);
    assert.equal(claims.sub, clientId);
    assert.equal(claims.client_id, clientId);
    assert.equal(claims.scope, "orders/read orders/write");
    assert.equal(claims.version, 2);
    assert.equal(claims.exp! - claims.iat!, 7200);
    const payload = await verifier(poolId, "access", clientId).verify(res.body.access_token as string);
    assert.equal(payload.token_use, "access");
  });

  it("takes the credentials in the body too, and narrows the token to the scopes asked", async () => {
    const poolId = await pool();
    const { clientId, clientSecret } = await appClient(poolId, m2mSettings);
    const res = await post("/oauth2/token", {
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret!,
      scope: "orders/write",
    });
    assert.equal(res.status, 200);
    assert.equal(decodeJwt(res.body.access_token as string).scope, "orders/write");
  });

  it("refuses scopes the client does not allow, or that are no custom scopes, with invalid_scope", async () => {
    const poolId = await pool();
    const { clientId, clientSecret } = await appClient(poolId, m2mSettings);
    for (const scope of ["orders/admin", "openid", "orders/read other/read"]) {
      const res = await post(
        "/oauth2/token",
        { grant_type: "client_credentials", scope },
        { authorization: basic(clientId, clientSecret!) },
      );
      assert.equal(res.status, 400, scope);
      assert.deepEqual(res.body, { error: "invalid_scope" }, scope);
    }
  });

  it("answers invalid_client (400) for an unknown client, a wrong or missing secret, a mismatched client_id", async () => {
    const poolId = await pool();
    const { clientId, clientSecret } = await appClient(poolId, m2mSettings);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ grant_type: "client_credentials" }, { authorization: basic("nosuchclient", clientSecret!) }],
      [{ grant_type: "client_credentials" }, { authorization: basic(clientId, "wrong") }],
      [{ grant_type: "client_credentials", client_id: clientId }, {}],
      [{ grant_type: "client_credentials", client_id: clientId, client_secret: "wrong" }, {}],
      [{ grant_type: "client_credentials", client_id: "other" }, { authorization: basic(clientId, clientSecret!) }],
      [{ grant_type: "client_credentials" }, {}],
      [{ grant_type: "client_credentials" }, { authorization: "Basic !!!" }],
    ];
    for (const [form, headers] of cases) {
      const res = await post("/oauth2/token", form, headers);
      assert.equal(res.status, 400, JSON.stringify(form));
      assert.deepEqual(res.body, { error: "invalid_client" }, JSON.stringify(form));
    }
  });

  it("answers unauthorized_client for a client without the client_credentials flow", async () => {
    const poolId = await pool();
    const { clientId, clientSecret } = await appClient(poolId, { GenerateSecret: true });
    const res = await post(
      "/oauth2/token",
      { grant_type: "client_credentials" },
      { authorization: basic(clientId, clientSecret!) },
    );
    assert.deepEqual([res.status, res.body], [400, { error: "unauthorized_client" }]);
    const code = await appClient(poolId, {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid"],
      CallbackURLs: ["https://example.com/cb"],
    });
    const pub = await post("/oauth2/token", { grant_type: "client_credentials", client_id: code.clientId });
    assert.deepEqual([pub.status, pub.body], [400, { error: "unauthorized_client" }]);
  });

  it("answers invalid_request and unsupported_grant_type for malformed requests", async () => {
    const poolId = await pool();
    const { clientId, clientSecret } = await appClient(poolId, m2mSettings);
    const auth = { authorization: basic(clientId, clientSecret!) };
    assert.deepEqual((await post("/oauth2/token", {}, auth)).body, { error: "invalid_request" });
    const grant = await post("/oauth2/token", { grant_type: "password", username: "a", password: "b" }, auth);
    assert.deepEqual([grant.status, grant.body], [400, { error: "unsupported_grant_type" }]);
    const json = await fetch(`${t.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    assert.deepEqual([json.status, await json.json()], [400, { error: "invalid_request" }]);
    const twice = await fetch(`${t.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...auth },
      body: "grant_type=client_credentials&scope=orders/read&scope=orders/write",
    });
    assert.deepEqual([twice.status, await twice.json()], [400, { error: "invalid_request" }]);
    assert.equal((await fetch(`${t.url}/oauth2/token`)).status, 404, "GET is no route");
  });

  it("authorization_code: a code never issued does not exist (invalid_grant); no code is invalid_request", async () => {
    const poolId = await pool();
    const { clientId } = await appClient(poolId, {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid"],
      CallbackURLs: ["https://example.com/cb"],
    });
    const form = { grant_type: "authorization_code", client_id: clientId, redirect_uri: "https://example.com/cb" };
    assert.deepEqual((await post("/oauth2/token", { ...form, code: "nope" })).body, { error: "invalid_grant" });
    assert.deepEqual((await post("/oauth2/token", form)).body, { error: "invalid_request" });
  });

  it("a V3_0 PreTokenGeneration function customises the token (TokenGeneration_ClientCredentials)", async () => {
    handlers.write(
      "m2m",
      `  event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: {
    claimsToAddOrOverride: { partner: "acme", sub: "forged" }, scopesToAdd: ["orders/extra"], scopesToSuppress: ["orders/read"] } };
  return event;`,
    );
    const poolId = await pool({ PreTokenGenerationConfig: { LambdaArn: functionArn("m2m"), LambdaVersion: "V3_0" } });
    const { clientId, clientSecret } = await appClient(poolId, m2mSettings);
    const res = await post(
      "/oauth2/token",
      { grant_type: "client_credentials" },
      { authorization: basic(clientId, clientSecret!) },
    );
    assert.equal(res.status, 200);
    const claims = decodeJwt(res.body.access_token as string);
    assert.equal(claims.partner, "acme");
    assert.equal(claims.sub, clientId, "reserved claims stay");
    assert.equal(claims.scope, "orders/write orders/extra");
    const event = handlers.events("m2m").at(-1)!;
    assert.equal(event.triggerSource, "TokenGeneration_ClientCredentials");
    assert.deepEqual((event.request as Record<string, unknown>).scopes, ["orders/read", "orders/write"]);
  });
});

describe("POST /oauth2/token, refresh_token", () => {
  it("issues new id and access tokens for a public client, and no refresh token", async () => {
    const poolId = await pool();
    const { clientId, refreshToken } = await signedIn(poolId);
    const res = await post("/oauth2/token", {
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: refreshToken,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ["access_token", "expires_in", "id_token", "token_type"]);
    assert.equal(res.body.token_type, "Bearer");
    assert.equal(
      (await verifier(poolId, "id", clientId).verify(res.body.id_token as string))["cognito:username"],
      "alice",
    );
    const access = await verifier(poolId, "access", clientId).verify(res.body.access_token as string);
    assert.equal(access.username, "alice");
    const user = await t.client.send(new GetUserCommand({ AccessToken: res.body.access_token as string }));
    assert.equal(user.Username, "alice");
  });

  it("answers invalid_grant for unknown, revoked, other-client tokens and disabled users; invalid_request without the token", async () => {
    const poolId = await pool();
    const { clientId, refreshToken } = await signedIn(poolId);
    const other = await appClient(poolId, { ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"] });
    const grant = (id: string, token: string) =>
      post("/oauth2/token", { grant_type: "refresh_token", client_id: id, refresh_token: token });
    assert.deepEqual(
      [(await grant(clientId, "not-a-token")).status, (await grant(clientId, "not-a-token")).body],
      [400, { error: "invalid_grant" }],
    );
    assert.deepEqual((await grant(other.clientId, refreshToken)).body, { error: "invalid_grant" });
    assert.deepEqual((await post("/oauth2/token", { grant_type: "refresh_token", client_id: clientId })).body, {
      error: "invalid_request",
    });

    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "alice" }));
    assert.deepEqual((await grant(clientId, refreshToken)).body, { error: "invalid_grant" });
  });

  it("answers unauthorized_client when the client does not allow refreshing", async () => {
    const poolId = await pool();
    const { refreshToken } = await signedIn(poolId);
    const noRefresh = await appClient(poolId, { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] });
    const res = await post("/oauth2/token", {
      grant_type: "refresh_token",
      client_id: noRefresh.clientId,
      refresh_token: refreshToken,
    });
    assert.deepEqual([res.status, res.body], [400, { error: "unauthorized_client" }]);
  });

  it("a client with refresh token rotation gets a new refresh token, and the old one is rotated out", async () => {
    const poolId = await pool();
    const { clientId, refreshToken } = await signedIn(poolId, {
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
    });
    const first = await post("/oauth2/token", {
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: refreshToken,
    });
    assert.equal(first.status, 200);
    assert.equal(typeof first.body.refresh_token, "string");
    assert.notEqual(first.body.refresh_token, refreshToken);
    const again = await post("/oauth2/token", {
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: refreshToken,
    });
    assert.deepEqual(again.body, { error: "invalid_grant" });
    const next = await post("/oauth2/token", {
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: first.body.refresh_token as string,
    });
    assert.equal(next.status, 200);
  });
});

describe("POST /oauth2/revoke", () => {
  it("revokes the refresh token and its sign-in: 200 with an empty body; refresh then fails", async () => {
    const poolId = await pool();
    const { clientId, refreshToken, accessToken } = await signedIn(poolId);
    const res = await post("/oauth2/revoke", { token: refreshToken, client_id: clientId });
    assert.equal(res.status, 200);
    assert.equal(res.text, "");
    const refresh = await post("/oauth2/token", {
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: refreshToken,
    });
    assert.deepEqual([refresh.status, refresh.body], [400, { error: "invalid_grant" }]);
    const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: accessToken })));
    assert.equal(err.name, "NotAuthorizedException");
  });

  it("answers 200 for an unknown token and for another client's token, which stays usable", async () => {
    const poolId = await pool();
    const { clientId, refreshToken } = await signedIn(poolId);
    const other = await appClient(poolId, {});
    assert.equal((await post("/oauth2/revoke", { token: "unknown", client_id: clientId })).status, 200);
    assert.equal((await post("/oauth2/revoke", { token: refreshToken, client_id: other.clientId })).status, 200);
    const refresh = await post("/oauth2/token", {
      grant_type: "refresh_token",
      client_id: clientId,
      refresh_token: refreshToken,
    });
    assert.equal(refresh.status, 200);
  });

  it("answers unsupported_token_type, invalid_request and invalid_client (401) as documented", async () => {
    const poolId = await pool();
    const { clientId, clientSecret, refreshToken, accessToken } = await signedIn(poolId, { GenerateSecret: true });
    const auth = { authorization: basic(clientId, clientSecret!) };
    const jwt = await post("/oauth2/revoke", { token: accessToken }, auth);
    assert.deepEqual([jwt.status, jwt.body], [400, { error: "unsupported_token_type" }]);
    const missing = await post("/oauth2/revoke", {}, auth);
    assert.deepEqual([missing.status, missing.body], [400, { error: "invalid_request" }]);
    for (const [form, headers] of [
      [{ token: refreshToken }, { authorization: basic(clientId, "wrong") }],
      [{ token: refreshToken, client_id: clientId }, {}],
      [{ token: refreshToken, client_id: "nosuchclient" }, {}],
    ] as [Record<string, string>, Record<string, string>][]) {
      const res = await post("/oauth2/revoke", form, headers);
      assert.deepEqual([res.status, res.body], [401, { error: "invalid_client" }], JSON.stringify(form));
    }
    const noRevocation = await signedIn(poolId, { EnableTokenRevocation: false }, "bob");
    const disabled = await post("/oauth2/revoke", {
      token: noRevocation.refreshToken,
      client_id: noRevocation.clientId,
    });
    assert.deepEqual([disabled.status, disabled.body], [400, { error: "invalid_request" }]);
    assert.equal((await post("/oauth2/revoke", { token: refreshToken }, auth)).status, 200);
  });
});

describe("openid-client 6 against the endpoints", () => {
  it("discovery, client_credentials, refresh and revocation work unchanged", async () => {
    const poolId = await pool();
    const m2m = await appClient(poolId, m2mSettings);
    const config = await oidc.discovery(new URL(`${t.url}/${poolId}`), m2m.clientId, m2m.clientSecret!, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const machine = await oidc.clientCredentialsGrant(config, { scope: "orders/read" });
    assert.equal(machine.token_type, "bearer");
    assert.equal(decodeJwt(machine.access_token).scope, "orders/read");
    await verifier(poolId, "access", m2m.clientId).verify(machine.access_token);

    const refused = await errorOf(() => oidc.clientCredentialsGrant(config, { scope: "orders/admin" }));
    assert.equal((refused as unknown as { error: string }).error, "invalid_scope");

    // A confidential client signed in through the API, refreshing with Basic authentication.
    const user = await signedIn(poolId, { GenerateSecret: true });
    const userConfig = await oidc.discovery(
      new URL(`${t.url}/${poolId}`),
      user.clientId,
      undefined,
      oidc.ClientSecretBasic(user.clientSecret!),
      { execute: [oidc.allowInsecureRequests] },
    );
    const refreshed = await oidc.refreshTokenGrant(userConfig, user.refreshToken);
    assert.equal(refreshed.claims()?.["cognito:username"], "alice");
    await verifier(poolId, "access", user.clientId).verify(refreshed.access_token);

    await oidc.tokenRevocation(userConfig, user.refreshToken);
    const afterRevoke = await errorOf(() => oidc.refreshTokenGrant(userConfig, user.refreshToken));
    assert.equal((afterRevoke as unknown as { error: string }).error, "invalid_grant");
  });
});
