import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  type CreateUserPoolClientRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { useCognate } from "../helpers/cognate.js";
import { getWithHost } from "../helpers/formAgent.js";
import { APP_CALLBACK, poolDomain, webClient } from "../helpers/oauth.js";

// What the Cognito developer guide documents for the authorization, userInfo and logout endpoints
// (authorization-endpoint, userinfo-endpoint, logout-endpoint), as Cognate follows it:
// - GET /oauth2/authorize without identity_provider redirects to /login with the same parameters.
// - A client_id that names no client, or a redirect_uri that is not exactly one of the client's
//   CallbackURLs, never redirects to the app: the browser goes to the domain's /error page
//   (error=redirect_mismatch for the redirect_uri). Other faults go back to the redirect_uri with
//   error= (and the state): unsupported_response_type, unauthorized_client (the client may not use
//   the flow), invalid_scope (a scope the client does not allow), invalid_request (malformed PKCE:
//   Cognito implements only code_challenge_method=S256). prompt=none without a session answers
//   error=login_required (OpenID Connect Core §3.1.2.6).
// - /oauth2/userInfo takes only access tokens from the token endpoint with the openid scope: the
//   API's tokens (scope aws.cognito.signin.user.admin) are refused with 401.
// - GET /logout?client_id&logout_uri redirects to logout_uri when it is one of the LogoutURLs.

const t = useCognate();
const APP = APP_CALLBACK;
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

async function setup(settings: Partial<CreateUserPoolClientRequest> = {}) {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "web" }));
  const poolId = UserPool!.Id!;
  const { clientId } = await webClient(t.client, poolId, {
    LogoutURLs: ["https://app.example/signed-out"],
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    ...settings,
  });
  return { poolId, clientId, domain: await poolDomain(t.client, poolId, "web") };
}

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}${path}`, { redirect: "manual", headers });
  return { status: res.status, location: res.headers.get("location") ?? "", headers: res.headers };
}

function authorizePath(clientId: string, extra: Record<string, string> = {}, base = "") {
  const q = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: APP,
    state: "s1",
    ...extra,
  });
  return `${base}/oauth2/authorize?${q}`;
}

describe("GET /oauth2/authorize", () => {
  it("sends the browser to the sign-in page with the same parameters", async () => {
    const { clientId } = await setup();
    const res = await get(
      authorizePath(clientId, { scope: "openid email", code_challenge: CHALLENGE, code_challenge_method: "S256" }),
    );
    assert.equal(res.status, 302);
    const login = new URL(res.location, t.url);
    assert.equal(login.pathname, "/login");
    assert.equal(login.searchParams.get("client_id"), clientId);
    assert.equal(login.searchParams.get("redirect_uri"), APP);
    assert.equal(login.searchParams.get("scope"), "openid email");
    assert.equal(login.searchParams.get("state"), "s1");
    assert.equal(login.searchParams.get("code_challenge"), CHALLENGE);
  });

  it("is addressed by path prefix and by Host <prefix>.auth.<region>.localhost, and stays within that domain", async () => {
    const { clientId, domain } = await setup();
    const prefixed = await get(authorizePath(clientId, {}, `/${domain}`));
    assert.equal(prefixed.status, 302);
    assert.equal(new URL(prefixed.location, t.url).pathname, `/${domain}/login`);
    const host = `${domain}.auth.us-east-1.localhost:${new URL(t.url).port}`;
    const hosted = await getWithHost(`${t.url}${authorizePath(clientId)}`, host);
    assert.equal(hosted.status, 302);
    assert.equal(new URL(hosted.location, t.url).pathname, "/login");
    // Another pool's client is not this domain's: by Host name (a trailing dot too) or by path prefix.
    const other = await setup();
    for (const name of [host, host.replace(":", ".:")]) {
      const byHost = await getWithHost(`${t.url}${authorizePath(other.clientId)}`, name);
      assert.equal(new URL(byHost.location, t.url).pathname, "/error", name);
    }
    const foreign = await get(authorizePath(other.clientId, {}, `/${domain}`));
    assert.equal(foreign.status, 302);
    assert.equal(new URL(foreign.location, t.url).pathname, `/${domain}/error`);
    // An unknown domain is no route at all.
    assert.equal((await get(authorizePath(clientId, {}, "/no-such-domain"))).status, 404);
  });

  it("never redirects to a redirect_uri the client does not list, or for an unknown client", async () => {
    const { clientId } = await setup();
    for (const redirect_uri of ["https://evil.example/callback", `${APP}/`, `${APP}?x=1`, ""]) {
      const res = await get(authorizePath(clientId, { redirect_uri }));
      assert.equal(res.status, 302);
      const target = new URL(res.location, t.url);
      assert.equal(`${target.origin}${target.pathname}`, `${t.url}/error`, redirect_uri);
      assert.equal(target.searchParams.get("error"), "redirect_mismatch");
    }
    const unknown = new URL((await get(authorizePath("nosuchclient123"))).location, t.url);
    assert.equal(unknown.pathname, "/error");
    assert.equal(unknown.searchParams.get("error"), "invalid_client");
    assert.equal(
      (await get(`/oauth2/authorize?response_type=code&redirect_uri=${APP}`)).location.startsWith("/error"),
      true,
    );
  });

  it("sends other faults back to the app with error= and the state", async () => {
    const { clientId } = await setup();
    const cases: [Record<string, string>, string][] = [
      [{ response_type: "id_token" }, "unsupported_response_type"],
      [{ response_type: "token" }, "unauthorized_client"],
      [{ scope: "openid phone" }, "invalid_scope"],
      [{ scope: "email" }, "invalid_scope"],
      [{ code_challenge: CHALLENGE, code_challenge_method: "plain" }, "invalid_request"],
      [{ code_challenge: "short", code_challenge_method: "S256" }, "invalid_request"],
      [{ identity_provider: "Google" }, "unauthorized_client"],
      [{ prompt: "none" }, "login_required"],
    ];
    for (const [extra, error] of cases) {
      const res = await get(authorizePath(clientId, extra));
      assert.equal(res.status, 302, JSON.stringify(extra));
      const target = new URL(res.location);
      assert.equal(`${target.origin}${target.pathname}`, APP, JSON.stringify(extra));
      // The implicit grant's answers, errors included, travel in the fragment.
      const answer = extra.response_type === "token" ? new URLSearchParams(target.hash.slice(1)) : target.searchParams;
      assert.equal(answer.get("error"), error, JSON.stringify(extra));
      assert.equal(answer.get("state"), "s1");
    }
    const missing = new URL(
      (await get(`/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(APP)}`)).location,
    );
    assert.equal(missing.searchParams.get("error"), "invalid_request");
  });

  it("refuses a client without OAuth flows (error page: it has no callback), and one whose only flow is client_credentials", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "api-only" }));
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: "api" }),
    );
    const res = await get(authorizePath(UserPoolClient!.ClientId!));
    assert.equal(new URL(res.location, t.url).pathname, "/error");

    await t.client.send(
      new CreateResourceServerCommand({
        UserPoolId: UserPool!.Id!,
        Identifier: "api",
        Name: "API",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
      }),
    );
    const { UserPoolClient: machine } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: UserPool!.Id!,
        ClientName: "m2m",
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["api/read"],
        CallbackURLs: [APP],
      }),
    );
    const refused = new URL((await get(authorizePath(machine!.ClientId!))).location);
    assert.equal(`${refused.origin}${refused.pathname}`, APP);
    assert.equal(refused.searchParams.get("error"), "unauthorized_client");
  });
});

describe("POST /oauth2/token with an authorization code", () => {
  it("answers invalid_grant for a code it never issued, invalid_request without code or redirect_uri", async () => {
    const { clientId } = await setup();
    const token = async (form: Record<string, string>) => {
      const res = await fetch(`${t.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, ...form }),
      });
      return { status: res.status, body: (await res.json()) as { error: string } };
    };
    assert.deepEqual(await token({ code: "a5b7a4e6-0d4f-4c61-9f5f-0d0c7e5f1a2b", redirect_uri: APP }), {
      status: 400,
      body: { error: "invalid_grant" },
    });
    assert.equal((await token({ redirect_uri: APP })).body.error, "invalid_request");
    assert.equal((await token({ code: "x" })).body.error, "invalid_request");
  });

  it("takes only the addressed domain's clients, and refuses an oversized form without reading it all", async () => {
    const { clientId } = await setup();
    const other = await setup();
    const res = await fetch(`${t.url}/${other.domain}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: "c",
        redirect_uri: APP,
        client_id: clientId,
      }),
    });
    assert.deepEqual([res.status, await res.json()], [400, { error: "invalid_client" }]);

    const huge = await fetch(`${t.url}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=refresh_token&client_id=${clientId}&refresh_token=${"a".repeat(200_000)}`,
    });
    assert.equal(huge.status, 400);
    assert.equal(huge.headers.get("connection"), "close");
    assert.deepEqual(await huge.json(), { error: "invalid_request" });
  });
});

describe("/oauth2/userInfo", () => {
  it("refuses API tokens (no openid scope) and requests without a bearer token", async () => {
    const { poolId, clientId } = await setup();
    await t.client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "ada", MessageAction: "SUPPRESS" }));
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ada", Password: "Passw0rd!", Permanent: true }),
    );
    const { AuthenticationResult } = await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "ada", PASSWORD: "Passw0rd!" },
      }),
    );
    const refused = await fetch(`${t.url}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${AuthenticationResult!.AccessToken}` },
    });
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { error: string }).error, "invalid_token");
    assert.match(refused.headers.get("www-authenticate") ?? "", /^Bearer error="invalid_token"/);
    const none = await fetch(`${t.url}/oauth2/userInfo`);
    assert.equal(none.status, 401);
  });
});

describe("GET /logout", () => {
  it("redirects only to one of the client's LogoutURLs, and clears the session cookie", async () => {
    const { clientId, poolId } = await setup();
    const ok = await get(
      `/logout?client_id=${clientId}&logout_uri=${encodeURIComponent("https://app.example/signed-out")}`,
    );
    assert.equal(ok.status, 302);
    assert.equal(ok.location, "https://app.example/signed-out");
    // At the server root every pool shares the path: the cookie is named after the pool.
    assert.match(
      ok.headers.get("set-cookie") ?? "",
      new RegExp(`^cognito-${poolId}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`),
    );
    const bad = await get(`/logout?client_id=${clientId}&logout_uri=${encodeURIComponent("https://evil.example/")}`);
    // A LogoutURL may hold letters a Location header cannot: it is sent percent-encoded.
    const { clientId: unicode } = await setup({ LogoutURLs: ["https://app.example/déconnecté"] });
    const encoded = await get(
      `/logout?client_id=${unicode}&logout_uri=${encodeURIComponent("https://app.example/déconnecté")}`,
    );
    assert.equal(encoded.status, 302);
    assert.equal(encoded.location, "https://app.example/d%C3%A9connect%C3%A9");
    assert.equal(new URL(bad.location, t.url).pathname, "/error");
    // Without logout_uri, the parameters of a new authorization request: the sign-in page.
    const relogin = await get(
      `/logout?client_id=${clientId}&response_type=code&redirect_uri=${encodeURIComponent(APP)}`,
    );
    assert.equal(new URL(relogin.location, t.url).pathname, "/login");
  });
});
