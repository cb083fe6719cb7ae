import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  type CreateUserPoolClientRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { errorOf, useCognate } from "../helpers/cognate.js";
import { FormAgent } from "../helpers/formAgent.js";
import { APP_CALLBACK, poolDomain, webClient } from "../helpers/oauth.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

// The authorization code grant end to end, driven by openid-client (unchanged) against the
// managed login pages, as the Cognito developer guide documents it (authorization-endpoint,
// token-endpoint, userinfo-endpoint, using-pkce-in-authorization-code):
// - the code is single-use and valid for 5 minutes; exchanging it needs the same redirect_uri and,
//   when the request had a code_challenge (S256), the matching code_verifier; the answer carries
//   id_token (only with the openid scope), access_token, refresh_token, expires_in, token_type.
// - access tokens carry the granted OAuth scopes (all the client's when `scope` was not sent);
//   ID tokens carry the request's nonce and at_hash; PreTokenGeneration sees TokenGeneration_HostedAuth.
// - a refresh keeps the sign-in's scopes; userInfo answers the attributes the scopes cover, as strings.
// - with the `cognito` session cookie a second authorization signs in without the pages, with the
//   first sign-in's auth_time; prompt=login asks again.

const PASSWORD = "Passw0rd!";
const APP = APP_CALLBACK;
const handlers = handlerDir();
handlers.write("tokens", `return event;`);
const t = useCognate({ triggers: { functions: { tokens: { module: join(handlers.dir, "tokens.ts") } } } });

const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } });
const verifier = (poolId: string, tokenUse: "access" | "id", clientId: string) =>
  JwtVerifier.create(
    {
      issuer: `${t.url}/${poolId}`,
      jwksUri: `${t.url}/${poolId}/.well-known/jwks.json`,
      audience: null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
    },
    { jwksCache },
  );

async function setup(settings: Partial<CreateUserPoolClientRequest> = {}, options: { trigger?: boolean } = {}) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "web",
      ...(options.trigger
        ? {
            UserPoolTier: "ESSENTIALS" as const,
            LambdaConfig: {
              PreTokenGenerationConfig: { LambdaArn: functionArn("tokens"), LambdaVersion: "V2_0" as const },
            },
          }
        : {}),
    }),
  );
  const poolId = UserPool!.Id!;
  const { clientId, clientSecret } = await webClient(t.client, poolId, {
    GenerateSecret: true,
    AllowedOAuthScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
    ...settings,
  });
  await poolDomain(t.client, poolId, "web");
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "ada",
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: "ada@example.com" },
        { Name: "email_verified", Value: "true" },
        { Name: "given_name", Value: "Ada" },
        { Name: "phone_number", Value: "+15555550100" },
      ],
    }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ada", Password: PASSWORD, Permanent: true }),
  );
  const config = await oidc.discovery(new URL(`${t.url}/${poolId}`), clientId, clientSecret!, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
  return { poolId, clientId, config };
}

/** The pool of a discovered configuration: the issuer's last path segment. */
const poolOf = (config: oidc.Configuration) => new URL(config.serverMetadata().issuer).pathname.slice(1);

/** Starts an authorization at the discovered endpoint and signs in on the login page; answers the app's callback URL. */
async function signIn(config: oidc.Configuration, agent: FormAgent, parameters: Record<string, string>) {
  const login = await agent.open(oidc.buildAuthorizationUrl(config, { redirect_uri: APP, ...parameters }).href);
  if (login.redirectedAway) return new URL(login.url);
  assert.equal(login.status, 200, login.html);
  const back = await agent.submit(login, { username: "ada", password: PASSWORD });
  assert.equal(back.redirectedAway, true, back.html);
  return new URL(back.url);
}

describe("the authorization code grant through openid-client", () => {
  it("discovers, signs in with PKCE, exchanges the code, refreshes and reads userInfo", async () => {
    const { poolId, clientId, config } = await setup({}, { trigger: true });
    const agent = new FormAgent(t.url);
    const verifierText = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const callback = await signIn(config, agent, {
      scope: "openid email",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifierText),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    assert.equal(`${callback.origin}${callback.pathname}`, APP);
    assert.equal(callback.searchParams.get("state"), state);
    assert.match(callback.searchParams.get("code") ?? "", /^[0-9a-f-]{36}$/);
    assert.ok(agent.cookie("cognito"), "the managed login session cookie is set");

    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifierText,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    assert.equal(tokens.token_type.toLowerCase(), "bearer");
    assert.equal(tokens.expires_in, 3600);
    assert.ok(tokens.refresh_token);
    const access = await verifier(poolId, "access", clientId).verify(tokens.access_token);
    assert.equal(access.scope, "openid email");
    assert.equal(access.version, 2, "OAuth access tokens say version 2");
    assert.equal(access.username, "ada");
    const id = await verifier(poolId, "id", clientId).verify(tokens.id_token!);
    assert.equal(id.nonce, nonce);
    assert.equal(id.email, "ada@example.com");
    assert.equal(typeof id.at_hash, "string");
    assert.equal(id.aud, clientId);

    const triggerSources = handlers.events("tokens").map((e) => e.triggerSource);
    assert.ok(triggerSources.includes("TokenGeneration_HostedAuth"), JSON.stringify(triggerSources));

    // The code is spent.
    const again = await errorOf(() =>
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifierText, expectedState: state }),
    );
    assert.equal((again as { error?: string }).error, "invalid_grant");

    // userInfo: openid + email covers email and email_verified (strings), not given_name or phone.
    const info = await oidc.fetchUserInfo(config, tokens.access_token, access.sub!);
    assert.deepEqual(info, { sub: access.sub, email: "ada@example.com", email_verified: "true", username: "ada" });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    assert.equal(decodeJwt(refreshed.access_token).scope, "openid email", "a refresh keeps the scopes");
    assert.ok(refreshed.id_token);
    // Without aws.cognito.signin.user.admin the token does not act for the user in the API.
    const refused = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.access_token })));
    assert.equal(refused.name, "NotAuthorizedException");
  });

  it("grants every scope of the client without `scope`, and openid alone lets userInfo answer every readable attribute", async () => {
    const { config } = await setup();
    const agent = new FormAgent(t.url);
    const callback = await signIn(config, agent, {});
    const tokens = await oidc.authorizationCodeGrant(config, callback, { idTokenExpected: true });
    assert.equal(decodeJwt(tokens.access_token).scope, "openid email profile aws.cognito.signin.user.admin");
    const user = await t.client.send(new GetUserCommand({ AccessToken: tokens.access_token }));
    assert.equal(user.Username, "ada");

    const { config: openidOnly } = await setup({ AllowedOAuthScopes: ["openid"] });
    const second = await oidc.authorizationCodeGrant(openidOnly, await signIn(openidOnly, new FormAgent(t.url), {}));
    const claims = decodeJwt(second.access_token);
    const info = await oidc.fetchUserInfo(openidOnly, second.access_token, claims.sub!);
    assert.equal(info.given_name, "Ada");
    assert.equal(info.phone_number, "+15555550100");
    assert.equal(info.email_verified, "true");
  });

  it("issues no ID token without the openid scope", async () => {
    const { config } = await setup({ AllowedOAuthScopes: ["aws.cognito.signin.user.admin"] });
    const callback = await signIn(config, new FormAgent(t.url), {});
    const tokens = await oidc.authorizationCodeGrant(config, callback);
    assert.equal(tokens.id_token, undefined);
    assert.equal(decodeJwt(tokens.access_token).scope, "aws.cognito.signin.user.admin");
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    assert.equal(refreshed.id_token, undefined);
  });

  it("refuses a wrong code_verifier, another redirect_uri, or another client's code — and spends the code", async () => {
    const { config, clientId } = await setup();
    const pkce = oidc.randomPKCECodeVerifier();
    const challenge = await oidc.calculatePKCECodeChallenge(pkce);
    const callback = await signIn(config, new FormAgent(t.url), {
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const code = callback.searchParams.get("code")!;
    const exchange = async (form: Record<string, string>) => {
      const res = await fetch(`${t.url}/oauth2/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${clientId}:${config.clientMetadata().client_secret as string}`).toString("base64")}`,
        },
        body: new URLSearchParams({ grant_type: "authorization_code", redirect_uri: APP, ...form }),
      });
      return ((await res.json()) as { error?: string }).error;
    };
    assert.equal(await exchange({ code, code_verifier: oidc.randomPKCECodeVerifier() }), "invalid_grant");
    const withoutVerifier = await signIn(config, new FormAgent(t.url), {
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    assert.equal(await exchange({ code: withoutVerifier.searchParams.get("code")! }), "invalid_grant");
    // Spent by the failed attempt.
    assert.equal(await exchange({ code, code_verifier: pkce }), "invalid_grant");

    const second = await signIn(config, new FormAgent(t.url), {
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    assert.equal(
      await exchange({
        code: second.searchParams.get("code")!,
        code_verifier: pkce,
        redirect_uri: "https://app.example/other",
      }),
      "invalid_grant",
    );
    const third = await signIn(config, new FormAgent(t.url), {});
    // Another client of the same pool cannot redeem it (nor one of another pool, below).
    const sibling = await webClient(t.client, poolOf(config), { GenerateSecret: true });
    const siblingAnswer = await fetch(`${t.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: third.searchParams.get("code")!,
        redirect_uri: APP,
        client_id: sibling.clientId,
        client_secret: sibling.clientSecret!,
      }),
    });
    assert.equal(((await siblingAnswer.json()) as { error?: string }).error, "invalid_grant");
    const fourth = await signIn(config, new FormAgent(t.url), {});
    const other = await setup();
    const res = await fetch(`${t.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: fourth.searchParams.get("code")!,
        redirect_uri: APP,
        client_id: other.clientId,
        client_secret: other.config.clientMetadata().client_secret as string,
      }),
    });
    assert.equal(((await res.json()) as { error?: string }).error, "invalid_grant");
  });
});

describe("the managed login session", () => {
  it("signs the next authorization in without the pages, keeps auth_time, asks again with prompt=login", async () => {
    const { config, poolId } = await setup();
    const agent = new FormAgent(t.url);
    const first = await oidc.authorizationCodeGrant(config, await signIn(config, agent, {}));
    const firstAuthTime = decodeJwt(first.id_token!).auth_time as number;

    await new Promise((r) => setTimeout(r, 1100));
    const silent = await agent.open(oidc.buildAuthorizationUrl(config, { redirect_uri: APP, prompt: "none" }).href);
    assert.equal(silent.redirectedAway, true, "no page: straight back to the app");
    const second = await oidc.authorizationCodeGrant(config, new URL(silent.url));
    assert.equal(decodeJwt(second.id_token!).auth_time, firstAuthTime);
    assert.ok(decodeJwt(second.id_token!).iat! > firstAuthTime);

    const forced = await agent.open(oidc.buildAuthorizationUrl(config, { redirect_uri: APP, prompt: "login" }).href);
    assert.equal(forced.redirectedAway, false);
    assert.match(forced.html, /name="password"/);

    // A disabled user's session signs nobody in.
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "ada" }));
    const disabled = await agent.open(oidc.buildAuthorizationUrl(config, { redirect_uri: APP, prompt: "none" }).href);
    assert.equal(new URL(disabled.url).searchParams.get("error"), "login_required");
  });

  it("ends at /logout: the next authorization shows the sign-in page", async () => {
    const { config, clientId } = await setup({ LogoutURLs: ["https://app.example/bye"] });
    const agent = new FormAgent(t.url);
    await signIn(config, agent, {});
    const session = agent.cookie("cognito")!;
    const bye = await agent.open(
      `${new URL(config.serverMetadata().end_session_endpoint!).pathname}?client_id=${clientId}&logout_uri=${encodeURIComponent("https://app.example/bye")}`,
    );
    assert.equal(bye.url, "https://app.example/bye");
    assert.equal(agent.cookie("cognito"), undefined);
    const next = await agent.open(oidc.buildAuthorizationUrl(config, { redirect_uri: APP, prompt: "none" }).href);
    assert.equal(new URL(next.url).searchParams.get("error"), "login_required");
    // The session ended on the server too: the old cookie, presented again, signs nobody in.
    agent.setCookie("cognito", session);
    const replayed = await agent.open(oidc.buildAuthorizationUrl(config, { redirect_uri: APP, prompt: "none" }).href);
    assert.equal(new URL(replayed.url).searchParams.get("error"), "login_required");
  });

  it("signs in only clients that support how the session signed in, and only for the provider a request names", async () => {
    const { config, poolId } = await setup();
    const agent = new FormAgent(t.url);
    await signIn(config, agent, {});
    await t.client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: poolId,
        ProviderName: "Corp",
        ProviderType: "OIDC",
        ProviderDetails: {
          client_id: "c",
          client_secret: "s",
          authorize_scopes: "openid",
          oidc_issuer: "https://idp.example",
          attributes_request_method: "GET",
        },
      }),
    );
    const { clientId: corpOnly } = await webClient(t.client, poolId, { SupportedIdentityProviders: ["Corp"] });
    const { clientId: both } = await webClient(t.client, poolId, { SupportedIdentityProviders: ["COGNITO", "Corp"] });
    const silently = (clientId: string, extra: Record<string, string> = {}) => {
      const q = new URLSearchParams({
        client_id: clientId,
        response_type: "code",
        redirect_uri: APP,
        prompt: "none",
        ...extra,
      });
      return agent.open(`${new URL(config.serverMetadata().authorization_endpoint!).pathname}?${q}`);
    };
    // A password session is no sign-in for a client that allows only Corp…
    assert.equal(new URL((await silently(corpOnly)).url).searchParams.get("error"), "login_required");
    // …nor for a request that names Corp; prompt=none never sends the browser to the provider.
    const named = new URL((await silently(both, { identity_provider: "Corp" })).url);
    assert.equal(`${named.origin}${named.pathname}`, APP);
    assert.equal(named.searchParams.get("error"), "login_required");
    // A client that supports COGNITO, without prompt=none: signed in at once.
    const again = new URL((await silently(both, { prompt: "consent" })).url);
    assert.ok(again.searchParams.get("code"));
  });
});

describe("the implicit grant", () => {
  it("answers tokens in the fragment, without a refresh token", async () => {
    const { config, clientId, poolId } = await setup({ AllowedOAuthFlows: ["implicit"] });
    const callback = await signIn(config, new FormAgent(t.url), {
      response_type: "token",
      scope: "openid",
      state: "st",
      nonce: "n1",
    });
    assert.equal(callback.search, "");
    const fragment = new URLSearchParams(callback.hash.slice(1));
    assert.equal(fragment.get("state"), "st");
    assert.equal(fragment.get("token_type"), "Bearer");
    assert.equal(fragment.get("expires_in"), "3600");
    assert.equal(fragment.get("refresh_token"), null);
    const id = await verifier(poolId, "id", clientId).verify(fragment.get("id_token")!);
    assert.equal(id.nonce, "n1");
    await verifier(poolId, "access", clientId).verify(fragment.get("access_token")!);
  });
});
