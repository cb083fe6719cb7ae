import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableProviderForUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminLinkProviderForUserCommand,
  AdminSetUserPasswordCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteIdentityProviderCommand,
  ListUsersCommand,
  type AttributeType,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { errorOf, useCognate } from "../helpers/cognate.js";
import { startOidcProvider, type TestOidcProvider } from "../helpers/oidcProvider.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

// Federation with an external OIDC provider, as the Cognito developer guide documents it
// (cognito-user-pools-oidc-flow, cognito-user-pools-specifying-attribute-mapping,
// AdminLinkProviderForUser, AdminDisableProviderForUser):
// - /oauth2/authorize with identity_provider (or idp_identifier) redirects to the provider's
//   authorization endpoint (found by discovery at oidc_issuer) with response_type=code, the
//   provider's client_id, redirect_uri <domain>/oauth2/idpresponse, scope authorize_scopes, state.
// - At idpresponse Cognito redeems the code, reads the ID token and userInfo, maps attributes,
//   and signs in the user `<ProviderName>_<sub>` (status EXTERNAL_PROVIDER, an `identities`
//   attribute), created at the first sign-in (PreSignUp_ExternalProvider), updated at each.
// - The app gets its own code at its redirect_uri; the ID token carries `identities` as an array.
// - A link (AdminLinkProviderForUser) makes the identity sign in as an existing user;
//   AdminDisableProviderForUser removes the link.
// The provider here is a real one: oidc-provider with its development login and consent pages.

const APP = "https://app.example/callback";
const handlers = handlerDir();
const TRIGGERS = ["preSignUp", "refuseSignUp", "inbound", "postAuth", "linkOnSignUp"];
const t = useCognate({
  triggers: {
    functions: Object.fromEntries(TRIGGERS.map((n) => [n, { module: join(handlers.dir, `${n}.ts`) }])),
  },
});

/** The accounts the provider knows, by login (its sub): their claims. */
const accounts = new Map<string, Record<string, unknown>>();

type TestIdp = TestOidcProvider;

/** The provider of these tests: its accounts are the `accounts` map's. */
const startIdp = (redirectUris: string[]) => startOidcProvider(redirectUris, (id) => accounts.get(id));

/** The `name=value` of the cookie binding a federated sign-in to its browser, from Set-Cookie lines. */
const bindingCookie = (lines: string[]) => lines.find((l) => l.startsWith("cognito-bind-"))!.split(";")[0]!;

/** Cookies by host, as a browser keeps them (ports do not separate cookies). */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  header(url: URL): Record<string, string> {
    const cookies = this.byHost.get(url.hostname);
    return cookies?.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
  }

  keep(url: URL, res: Response): void {
    const cookies = this.byHost.get(url.hostname) ?? new Map<string, string>();
    this.byHost.set(url.hostname, cookies);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
  }
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * Follows a browser's way from `start` by hand: redirects (fetch with redirect "manual"), and
 * the provider's login and consent forms, signing in as `login` (or pressing "Cancel" with
 * `abort`). Answers the first URL outside the test servers (the app's callback) and every URL visited.
 */
async function browse(
  start: string,
  login: string,
  options: { jar?: CookieJar; abort?: boolean } = {},
): Promise<{ landed: URL; visited: URL[] }> {
  const jar = options.jar ?? new CookieJar();
  const visited: URL[] = [];
  let url = new URL(start);
  let method: "GET" | "POST" = "GET";
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.hostname !== "127.0.0.1") return { landed: url, visited };
    visited.push(url);
    const res: Response = await fetch(url, {
      method,
      redirect: "manual",
      headers: { ...jar.header(url), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(body ? { body } : {}),
    });
    jar.keep(url, res);
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await res.text();
    assert.equal(res.status, 200, `${url.href}: ${html.replace(/<style>[\s\S]*<\/style>/, "").slice(0, 1500)}`);
    if (options.abort) {
      const abort = /href="([^"]*\/abort)"/.exec(html)?.[1];
      assert.ok(abort, `no cancel link on ${url.href}`);
      url = new URL(decode(abort), url);
      continue;
    }
    const form = /<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    assert.ok(form, `no form on ${url.href}: ${html.slice(0, 500)}`);
    body = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      if (name) body.set(decode(name), decode(/value="([^"]*)"/.exec(input[0])?.[1] ?? ""));
    }
    if (form[2]!.includes('name="login"')) {
      body.set("login", login);
      body.set("password", "any password");
    }
    url = new URL(decode(form[1]!), url);
    method = "POST";
  }
  throw new Error(`too many hops from ${start}`);
}

let idp: TestIdp;
after(() => idp?.close());

interface Setup {
  poolId: string;
  clientId: string;
}

async function setup(
  options: {
    lambda?: LambdaConfigType;
    mapping?: Record<string, string>;
    details?: Record<string, string>;
    supported?: string[];
  } = {},
): Promise<Setup> {
  // Started at first use, once Cognate listens. Every pool here is addressed at the server root,
  // so one idpresponse URL serves them all.
  idp ??= await startIdp([`${t.url}/oauth2/idpresponse`]);
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "federation",
      ...(options.lambda ? { LambdaConfig: options.lambda, UserPoolTier: "ESSENTIALS" as const } : {}),
    }),
  );
  const poolId = UserPool!.Id!;
  await t.client.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: "Corp",
      ProviderType: "OIDC",
      ProviderDetails: {
        client_id: idp.clientId,
        client_secret: idp.clientSecret,
        authorize_scopes: "openid email profile",
        oidc_issuer: idp.issuer,
        attributes_request_method: "GET",
        ...options.details,
      },
      AttributeMapping: options.mapping ?? { email: "email", name: "name", email_verified: "email_verified" },
      IdpIdentifiers: ["corp.example"],
    }),
  );
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email", "profile"],
      CallbackURLs: [APP],
      SupportedIdentityProviders: options.supported ?? ["COGNITO", "Corp"],
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

const authorizeUrl = (s: Setup, extra: Record<string, string> = { identity_provider: "Corp" }) =>
  `${t.url}/oauth2/authorize?${new URLSearchParams({
    client_id: s.clientId,
    response_type: "code",
    redirect_uri: APP,
    scope: "openid email profile",
    state: "app-state",
    ...extra,
  })}`;

/** Redeems Cognate's code at its token endpoint; answers the ID token's claims. */
async function idTokenClaims(s: Setup, landed: URL): Promise<Record<string, unknown>> {
  assert.equal(landed.origin + landed.pathname, APP);
  assert.equal(landed.searchParams.get("state"), "app-state");
  const code = landed.searchParams.get("code");
  assert.ok(code, `no code in ${landed.href}`);
  const res = await fetch(`${t.url}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: APP, client_id: s.clientId }),
  });
  const tokens = (await res.json()) as Record<string, string>;
  assert.equal(res.status, 200, JSON.stringify(tokens));
  return decodeJwt(tokens.id_token!);
}

const attributesOf = (list: AttributeType[] | undefined) =>
  Object.fromEntries((list ?? []).map((a) => [a.Name!, a.Value!]));

async function getUser(poolId: string, username: string) {
  const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  return { ...user, attributes: attributesOf(user.UserAttributes) };
}

describe("federated sign-in with an OIDC provider", () => {
  it("redirects to the provider's authorization endpoint with Cognito's parameters", async () => {
    const s = await setup();
    const res = await fetch(authorizeUrl(s), { redirect: "manual" });
    assert.equal(res.status, 302);
    const to = new URL(res.headers.get("location")!);
    assert.equal(to.origin, idp.issuer);
    assert.equal(to.searchParams.get("response_type"), "code");
    assert.equal(to.searchParams.get("client_id"), idp.clientId);
    assert.equal(to.searchParams.get("redirect_uri"), `${t.url}/oauth2/idpresponse`);
    assert.equal(to.searchParams.get("scope"), "openid email profile");
    assert.match(to.searchParams.get("state")!, new RegExp(`^${s.poolId}\\.[A-Za-z0-9_-]{43}$`));
    assert.ok(to.searchParams.get("nonce"));
    assert.equal(to.searchParams.get("code_challenge_method"), "S256");
    // idp_identifier names the same provider.
    const byIdentifier = await fetch(authorizeUrl(s, { idp_identifier: "corp.example" }), { redirect: "manual" });
    assert.equal(new URL(byIdentifier.headers.get("location")!).origin, idp.issuer);
  });

  it("never signs an identity in as a native user who took its name, nor as another id differing in case", async () => {
    accounts.set("victim", { email: "victim@corp.example", email_verified: true });
    accounts.set("Victim", { email: "other@corp.example", email_verified: true });
    const s = await setup();
    // Someone signs up as Corp_victim before the provider's user ever signs in.
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: s.poolId, Username: "Corp_victim", MessageAction: "SUPPRESS" }),
    );
    const taken = (await browse(authorizeUrl(s), "victim")).landed;
    assert.equal(taken.searchParams.get("error"), "invalid_request");
    assert.equal(taken.searchParams.get("error_description"), "A user with the same name already exists.");
    assert.equal((await getUser(s.poolId, "Corp_victim")).UserStatus, "FORCE_CHANGE_PASSWORD");

    // In a case-insensitive pool (the default), ids differing only in case are different people.
    const first = await browse(authorizeUrl(s), "Victim");
    assert.equal((await idTokenClaims(s, first.landed))["cognito:username"], "Corp_Victim");
    const second = (await browse(authorizeUrl(s), "victim")).landed;
    assert.equal(second.searchParams.get("error"), "invalid_request");
  });

  it("creates <Provider>_<sub> at the first sign-in, with mapped attributes and identities", async () => {
    accounts.set("alice", { email: "alice@corp.example", email_verified: true, name: "Alice Liddell" });
    const s = await setup();
    const { landed, visited } = await browse(authorizeUrl(s), "alice");
    assert.ok(visited.some((u) => u.origin === idp.issuer && u.pathname.startsWith("/interaction/")));
    const claims = await idTokenClaims(s, landed);
    assert.equal(claims["cognito:username"], "Corp_alice");
    // Cognito's automatic group of the users a provider created.
    assert.deepEqual(claims["cognito:groups"], [`${s.poolId}_Corp`]);
    assert.equal(claims.email, "alice@corp.example");
    assert.equal(claims.name, "Alice Liddell");
    const identities = claims.identities as Record<string, unknown>[];
    assert.equal(identities.length, 1);
    assert.deepEqual(
      { ...identities[0], dateCreated: undefined },
      {
        userId: "alice",
        providerName: "Corp",
        providerType: "OIDC",
        issuer: null,
        primary: "true",
        dateCreated: undefined,
      },
    );
    assert.equal(typeof identities[0]!.dateCreated, "number");

    const user = await getUser(s.poolId, "Corp_alice");
    assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
    assert.equal(user.Enabled, true);
    assert.equal(user.attributes.email, "alice@corp.example");
    assert.equal(user.attributes.email_verified, "true");
    assert.equal(user.attributes.sub, claims.sub);
    assert.deepEqual(JSON.parse(user.attributes.identities!), identities);
  });

  it("updates the mapped attributes at later sign-ins and keeps the same user", async () => {
    accounts.set("bea", { email: "bea@corp.example", name: "Bea" });
    const s = await setup();
    const first = await idTokenClaims(s, (await browse(authorizeUrl(s), "bea")).landed);
    accounts.set("bea", { email: "bea@new.example", name: "Beatrice" });
    // A new browser: the provider asks again, and answers the changed claims.
    const second = await idTokenClaims(s, (await browse(authorizeUrl(s), "bea")).landed);
    assert.equal(second.sub, first.sub);
    assert.equal(second.email, "bea@new.example");
    assert.equal(second.name, "Beatrice");
    const { Users } = await t.client.send(new ListUsersCommand({ UserPoolId: s.poolId }));
    assert.deepEqual(
      Users!.map((u) => u.Username),
      ["Corp_bea"],
    );
    assert.equal((await getUser(s.poolId, "Corp_bea")).attributes.email, "bea@new.example");
  });

  it("runs InboundFederation, PreSignUp_ExternalProvider (first sign-in only) and PostAuthentication", async () => {
    handlers.write(
      "inbound",
      "  event.response.userAttributesToMap = { email: event.request.attributes.userInfo.email, nickname: 'cat' };\n  return event;",
    );
    handlers.write("preSignUp", "  return event;");
    handlers.write("postAuth", "  return event;");
    accounts.set("cat", { email: "cat@corp.example", name: "Cat" });
    const s = await setup({
      lambda: {
        PreSignUp: functionArn("preSignUp"),
        PostAuthentication: functionArn("postAuth"),
        InboundFederation: { LambdaArn: functionArn("inbound"), LambdaVersion: "V1_0" },
      },
    });
    const claims = await idTokenClaims(s, (await browse(authorizeUrl(s), "cat")).landed);
    assert.equal(claims.nickname, "cat");
    assert.equal(claims.name, undefined, "the trigger's map replaces the mapped attributes");

    const inbound = handlers.events("inbound").filter((e) => e.userPoolId === s.poolId);
    assert.equal(inbound.length, 1);
    assert.equal(inbound[0]!.triggerSource, "InboundFederation_ExternalProvider");
    assert.equal(inbound[0]!.userName, "Corp_cat");
    const request = inbound[0]!.request as { providerName: string; providerType: string; attributes: never };
    assert.equal(request.providerName, "Corp");
    assert.equal(request.providerType, "OIDC");
    const { idToken, userInfo, tokenResponse } = request.attributes as Record<string, Record<string, string>>;
    assert.equal(idToken!.sub, "cat");
    assert.equal(idToken!.iss, idp.issuer);
    assert.equal(userInfo!.email, "cat@corp.example");
    assert.equal(tokenResponse!.token_type, "Bearer");
    assert.equal(tokenResponse!.id_token, undefined);

    const signUps = handlers.events("preSignUp").filter((e) => e.userPoolId === s.poolId);
    assert.equal(signUps.length, 1);
    assert.equal(signUps[0]!.triggerSource, "PreSignUp_ExternalProvider");
    assert.equal(signUps[0]!.userName, "Corp_cat");
    assert.deepEqual((signUps[0]!.request as { userAttributes: unknown }).userAttributes, {
      email: "cat@corp.example",
      nickname: "cat",
    });
    const posts = handlers.events("postAuth").filter((e) => e.userPoolId === s.poolId);
    assert.equal(posts.length, 1);
    assert.equal(posts[0]!.triggerSource, "PostAuthentication_Authentication");

    await idTokenClaims(s, (await browse(authorizeUrl(s), "cat")).landed);
    assert.equal(handlers.events("preSignUp").filter((e) => e.userPoolId === s.poolId).length, 1);
    assert.equal(handlers.events("inbound").filter((e) => e.userPoolId === s.poolId).length, 2);
    assert.equal(handlers.events("postAuth").filter((e) => e.userPoolId === s.poolId).length, 2);
  });

  it("a PreSignUp refusal goes back to the app as invalid_request, and no user is created", async () => {
    handlers.write("refuseSignUp", "  throw new Error('no outsiders');");
    accounts.set("dan", { email: "dan@corp.example" });
    const s = await setup({ lambda: { PreSignUp: functionArn("refuseSignUp") } });
    const { landed } = await browse(authorizeUrl(s), "dan");
    assert.equal(landed.origin + landed.pathname, APP);
    assert.equal(landed.searchParams.get("error"), "invalid_request");
    assert.equal(landed.searchParams.get("error_description"), "PreSignUp failed with error no outsiders.");
    assert.equal(landed.searchParams.get("state"), "app-state");
    assert.equal(landed.searchParams.get("code"), null);
    const err = await errorOf(() => getUser(s.poolId, "Corp_dan"));
    assert.equal(err.name, "UserNotFoundException");
  });
});

describe("AdminLinkProviderForUser and AdminDisableProviderForUser", () => {
  async function nativeUser(poolId: string, username: string, email: string) {
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    return getUser(poolId, username);
  }

  const link = (poolId: string, username: string, attribute: string, value: string, provider = "Corp") =>
    t.client.send(
      new AdminLinkProviderForUserCommand({
        UserPoolId: poolId,
        DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: username },
        SourceUser: { ProviderName: provider, ProviderAttributeName: attribute, ProviderAttributeValue: value },
      }),
    );

  it("a linked identity signs in as the existing user, which gains the identity", async () => {
    accounts.set("eve", { email: "eve@corp.example", name: "Eve" });
    const s = await setup();
    const native = await nativeUser(s.poolId, "eve-native", "eve@home.example");
    await link(s.poolId, "eve-native", "Cognito_Subject", "eve");
    const linked = await getUser(s.poolId, "eve-native");
    const identities = JSON.parse(linked.attributes.identities!) as Record<string, unknown>[];
    assert.deepEqual(
      identities.map((i) => [i.userId, i.providerName, i.providerType, i.primary]),
      [["eve", "Corp", "OIDC", "false"]],
    );
    // Linking again to the same user changes nothing.
    await link(s.poolId, "eve-native", "Cognito_Subject", "eve");

    const claims = await idTokenClaims(s, (await browse(authorizeUrl(s), "eve")).landed);
    assert.equal(claims["cognito:username"], "eve-native");
    assert.equal(claims["cognito:groups"], undefined, "linked users are not added to the provider's group");
    assert.equal(claims.sub, native.attributes.sub);
    assert.equal((claims.identities as unknown[]).length, 1);
    const after = await getUser(s.poolId, "eve-native");
    assert.equal(after.UserStatus, "FORCE_CHANGE_PASSWORD");
    // The provider's mapped attributes are written to the linked user too.
    assert.equal(after.attributes.email, "eve@corp.example");
    assert.equal((await errorOf(() => getUser(s.poolId, "Corp_eve"))).name, "UserNotFoundException");
  });

  it("a federated destination is named by its provider and its id there, as DestinationUser documents", async () => {
    accounts.set("fay", { email: "fay@corp.example" });
    const s = await setup();
    await browse(authorizeUrl(s), "fay");
    await t.client.send(
      new AdminLinkProviderForUserCommand({
        UserPoolId: s.poolId,
        DestinationUser: { ProviderName: "Corp", ProviderAttributeValue: "fay" },
        SourceUser: {
          ProviderName: "Corp",
          ProviderAttributeName: "email",
          ProviderAttributeValue: "fay@other.example",
        },
      }),
    );
    // Named by its username instead, it is no such user of that provider.
    const err = await errorOf(() =>
      t.client.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: s.poolId,
          DestinationUser: { ProviderName: "Corp", ProviderAttributeValue: "Corp_fay" },
          SourceUser: {
            ProviderName: "Corp",
            ProviderAttributeName: "email",
            ProviderAttributeValue: "x@other.example",
          },
        }),
      ),
    );
    assert.equal(err.name, "UserNotFoundException");
  });

  it("a link a PreSignUp function makes during the first sign-in is followed at once", async () => {
    // The common pattern: PreSignUp_ExternalProvider links the identity to an existing user by email.
    handlers.write(
      "linkOnSignUp",
      `  if (event.triggerSource !== "PreSignUp_ExternalProvider") return event;
  const res = await fetch(${JSON.stringify(t.url)}, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AWSCognitoIdentityProviderService.AdminLinkProviderForUser",
    },
    body: JSON.stringify({
      UserPoolId: event.userPoolId,
      DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "quinn-native" },
      SourceUser: { ProviderName: "Corp", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: event.userName.slice(5) },
    }),
  });
  if (!res.ok) throw new Error(await res.text());
  return event;`,
    );
    accounts.set("quinn", { email: "quinn@corp.example" });
    const s = await setup({ lambda: { PreSignUp: functionArn("linkOnSignUp") } });
    const native = await nativeUser(s.poolId, "quinn-native", "quinn@corp.example");
    const claims = await idTokenClaims(s, (await browse(authorizeUrl(s), "quinn")).landed);
    assert.equal(claims["cognito:username"], "quinn-native");
    assert.equal(claims.sub, native.attributes.sub);
    assert.equal((await errorOf(() => getUser(s.poolId, "Corp_quinn"))).name, "UserNotFoundException");
    const external = handlers
      .events("linkOnSignUp")
      .filter((e) => e.userPoolId === s.poolId && e.triggerSource === "PreSignUp_ExternalProvider");
    assert.equal(external.length, 1);
  });

  it("a link made on another claim (email) matches at sign-in", async () => {
    accounts.set("fay", { email: "fay@corp.example" });
    const s = await setup();
    const native = await nativeUser(s.poolId, "fay-native", "fay@corp.example");
    await link(s.poolId, "fay-native", "email", "fay@corp.example");
    const claims = await idTokenClaims(s, (await browse(authorizeUrl(s), "fay")).landed);
    assert.equal(claims.sub, native.attributes.sub);
    const identities = JSON.parse((await getUser(s.poolId, "fay-native")).attributes.identities!) as {
      userId: string;
    }[];
    assert.deepEqual(
      identities.map((i) => i.userId),
      ["fay"],
    );
    // Signed in once, the identity is named by its subject.
    await t.client.send(
      new AdminDisableProviderForUserCommand({
        UserPoolId: s.poolId,
        User: { ProviderName: "Corp", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "fay" },
      }),
    );
    assert.equal((await getUser(s.poolId, "fay-native")).attributes.identities, undefined);
  });

  it("refuses what Cognito refuses", async () => {
    accounts.set("gus", { email: "gus@corp.example" });
    const s = await setup();
    await nativeUser(s.poolId, "one", "one@example.com");
    await nativeUser(s.poolId, "two", "two@example.com");
    await idTokenClaims(s, (await browse(authorizeUrl(s), "gus")).landed);
    const cases: [string, () => Promise<unknown>][] = [
      ["InvalidParameterException", () => link(s.poolId, "one", "Cognito_Subject", "gus")],
      ["ResourceNotFoundException", () => link(s.poolId, "one", "Cognito_Subject", "x", "Nope")],
      ["InvalidParameterException", () => link(s.poolId, "one", "Cognito_Subject", "x", "Cognito")],
      ["UserNotFoundException", () => link(s.poolId, "nobody", "Cognito_Subject", "x")],
      ["InvalidParameterException", () => link(s.poolId, "one", "", "x")],
      ["ResourceNotFoundException", () => link("us-east-1_nopool123", "one", "Cognito_Subject", "x")],
    ];
    for (const [name, call] of cases) assert.equal((await errorOf(call)).name, name);
    await link(s.poolId, "one", "Cognito_Subject", "hal");
    assert.equal((await errorOf(() => link(s.poolId, "two", "Cognito_Subject", "hal"))).name, "AliasExistsException");
    for (const id of ["i1", "i2", "i3", "i4"]) await link(s.poolId, "one", "Cognito_Subject", id);
    assert.equal((await errorOf(() => link(s.poolId, "one", "Cognito_Subject", "i5"))).name, "LimitExceededException");

    const disable = (User: Record<string, string>) =>
      t.client.send(new AdminDisableProviderForUserCommand({ UserPoolId: s.poolId, User }));
    const refusals: [string, Record<string, string>][] = [
      [
        "UserNotFoundException",
        { ProviderName: "Corp", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "zed" },
      ],
      [
        "ResourceNotFoundException",
        { ProviderName: "Nope", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "x" },
      ],
      [
        "InvalidParameterException",
        { ProviderName: "Cognito", ProviderAttributeName: "email", ProviderAttributeValue: "one" },
      ],
      ["InvalidParameterException", { ProviderName: "Corp", ProviderAttributeName: "Cognito_Subject" }],
    ];
    for (const [name, user] of refusals) assert.equal((await errorOf(() => disable(user))).name, name);
  });

  it("AdminDisableProviderForUser unlinks (the next sign-in makes a user of its own) and disables", async () => {
    accounts.set("ivy", { email: "ivy@corp.example" });
    accounts.set("jon", { email: "jon@corp.example" });
    const s = await setup();
    const native = await nativeUser(s.poolId, "ivy-native", "ivy@home.example");
    await link(s.poolId, "ivy-native", "Cognito_Subject", "ivy");
    const disable = (provider: string, value: string) =>
      t.client.send(
        new AdminDisableProviderForUserCommand({
          UserPoolId: s.poolId,
          User: { ProviderName: provider, ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: value },
        }),
      );
    await disable("Corp", "ivy");
    assert.equal((await getUser(s.poolId, "ivy-native")).attributes.identities, undefined);
    const claims = await idTokenClaims(s, (await browse(authorizeUrl(s), "ivy")).landed);
    assert.equal(claims["cognito:username"], "Corp_ivy");
    assert.notEqual(claims.sub, native.attributes.sub);

    // An unlinked federated user is disabled: its provider is its only way in.
    await idTokenClaims(s, (await browse(authorizeUrl(s), "jon")).landed);
    await disable("Corp", "jon");
    assert.equal((await getUser(s.poolId, "Corp_jon")).Enabled, false);
    const { landed } = await browse(authorizeUrl(s), "jon");
    assert.equal(landed.searchParams.get("error"), "invalid_request");
    assert.equal(landed.searchParams.get("error_description"), "User is disabled.");

    // A native user (ProviderName Cognito) loses the password.
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: s.poolId,
        Username: "ivy-native",
        Password: "Passw0rd!",
        Permanent: true,
      }),
    );
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: s.poolId,
        ClientName: "admin",
        ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const passwordSignIn = () =>
      t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: s.poolId,
          ClientId: UserPoolClient!.ClientId!,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ivy-native", PASSWORD: "Passw0rd!" },
        }),
      );
    assert.ok((await passwordSignIn()).AuthenticationResult?.AccessToken);
    await disable("Cognito", "ivy-native");
    assert.equal((await errorOf(passwordSignIn)).name, "NotAuthorizedException");
    assert.equal((await getUser(s.poolId, "ivy-native")).Enabled, true);
  });

  it("a link to a user deleted since is ignored (and dropped)", async () => {
    accounts.set("kim", { email: "kim@corp.example" });
    const s = await setup();
    await nativeUser(s.poolId, "kim-native", "kim@home.example");
    await link(s.poolId, "kim-native", "Cognito_Subject", "kim");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: s.poolId, Username: "kim-native" }));
    // The stale link neither blocks a new one…
    await nativeUser(s.poolId, "kim-other", "kim@other.example");
    await link(s.poolId, "kim-other", "Cognito_Subject", "kim");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: s.poolId, Username: "kim-other" }));
    // …nor signs anyone in.
    const claims = await idTokenClaims(s, (await browse(authorizeUrl(s), "kim")).landed);
    assert.equal(claims["cognito:username"], "Corp_kim");
  });
});

describe("federation errors", () => {
  it("a provider the client does not support, or that does not exist, is refused at the app", async () => {
    const s = await setup({ supported: ["COGNITO"] });
    const unsupported = await fetch(authorizeUrl(s), { redirect: "manual" });
    const to = new URL(unsupported.headers.get("location")!);
    assert.equal(to.origin + to.pathname, APP);
    assert.equal(to.searchParams.get("error"), "unauthorized_client");
    assert.equal(to.searchParams.get("state"), "app-state");
    // idp_identifier resolves to Corp, which this client does not support either.
    const byIdentifier = new URL(
      (await fetch(authorizeUrl(s, { idp_identifier: "corp.example" }), { redirect: "manual" })).headers.get(
        "location",
      )!,
    );
    assert.equal(byIdentifier.searchParams.get("error"), "unauthorized_client");
    const unknownIdentifier = new URL(
      (await fetch(authorizeUrl(s, { idp_identifier: "other.example" }), { redirect: "manual" })).headers.get(
        "location",
      )!,
    );
    assert.equal(unknownIdentifier.origin + unknownIdentifier.pathname, APP);
    assert.equal(unknownIdentifier.searchParams.get("error"), "invalid_request");

    // Supported by the client, but deleted since.
    const supported = await setup();
    await t.client.send(new DeleteIdentityProviderCommand({ UserPoolId: supported.poolId, ProviderName: "Corp" }));
    const deleted = new URL((await fetch(authorizeUrl(supported), { redirect: "manual" })).headers.get("location")!);
    assert.equal(deleted.origin + deleted.pathname, APP);
    assert.equal(deleted.searchParams.get("error"), "invalid_request");
  });

  it("the provider's access_denied reaches the app with its state", async () => {
    accounts.set("liz", {});
    const s = await setup();
    const { landed } = await browse(authorizeUrl(s), "liz", { abort: true });
    assert.equal(landed.origin + landed.pathname, APP);
    assert.equal(landed.searchParams.get("error"), "access_denied");
    assert.equal(landed.searchParams.get("state"), "app-state");
    assert.equal(landed.searchParams.get("code"), null);
  });

  it("an unreachable provider is server_error at the app", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const s = await setup({ details: { oidc_issuer: `http://127.0.0.1:${port}` } });
    const res = await fetch(authorizeUrl(s), { redirect: "manual" });
    assert.equal(res.status, 302);
    const to = new URL(res.headers.get("location")!);
    assert.equal(to.origin + to.pathname, APP);
    assert.equal(to.searchParams.get("error"), "server_error");
    assert.equal(to.searchParams.get("state"), "app-state");
  });

  it("endpoints in the provider's details that are not http(s) URLs are server_error, never followed", async () => {
    const s = await setup({
      details: { authorize_url: "javascript:alert(1)", token_url: "not a url", jwks_uri: "file:///etc/passwd" },
    });
    const res = await fetch(authorizeUrl(s), { redirect: "manual" });
    assert.equal(res.status, 302);
    const to = new URL(res.headers.get("location")!);
    assert.equal(to.origin + to.pathname, APP);
    assert.equal(to.searchParams.get("error"), "server_error");
  });

  it("a wrong client secret at the provider fails the sign-in at the app", async () => {
    accounts.set("max", {});
    const s = await setup({ details: { client_secret: "not-the-secret" } });
    const { landed } = await browse(authorizeUrl(s), "max");
    assert.equal(landed.origin + landed.pathname, APP);
    assert.equal(landed.searchParams.get("error"), "invalid_request");
    assert.equal((await errorOf(() => getUser(s.poolId, "Corp_max"))).name, "UserNotFoundException");
  });

  it("idpresponse without a valid state, or with one used already, is the error page", async () => {
    const idpresponse = (query: string) => fetch(`${t.url}/oauth2/idpresponse?${query}`, { redirect: "manual" });
    for (const query of ["code=x", "code=x&state=nope", "code=x&state=us-east-1_abc.forged"]) {
      const res = await idpresponse(query);
      assert.equal(res.status, 302, query);
      assert.equal(res.headers.get("location"), "/error?error=invalid_request", query);
    }
    accounts.set("ned", {});
    const s = await setup();
    const { visited } = await browse(authorizeUrl(s), "ned");
    const callback = visited.find((u) => u.pathname === "/oauth2/idpresponse");
    assert.ok(callback);
    const replay = await fetch(callback, { redirect: "manual" });
    assert.equal(replay.headers.get("location"), "/error?error=invalid_request");
  });
});

describe("the provider's ID token is verified", () => {
  /**
   * A hand-made provider whose token endpoint answers the ID token a test chooses, so that each
   * check can be failed on purpose. It records the token requests it gets.
   */
  async function craftedIdp() {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwks = {
      keys: [
        { ...rsa.publicKey.export({ format: "jwk" }), kid: "rsa-1", alg: "RS256", use: "sig" },
        { ...ec.publicKey.export({ format: "jwk" }), kid: "ec-1", alg: "ES256", use: "sig" },
      ],
    };
    const tokenRequests: URLSearchParams[] = [];
    const userInfoRequests: { method: string; authorization: string | undefined }[] = [];
    let idToken = "";
    let userInfo: Record<string, unknown> = { sub: "oscar", name: "Oscar from userInfo" };
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const json = (body: unknown): void => {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        };
        const path = new URL(req.url ?? "/", issuer).pathname;
        if (path === "/.well-known/openid-configuration") {
          return json({
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
            userinfo_endpoint: `${issuer}/userinfo`,
          });
        }
        if (path === "/userinfo") {
          userInfoRequests.push({ method: req.method ?? "", authorization: req.headers.authorization });
          return json(userInfo);
        }
        if (path === "/jwks") return json(jwks);
        if (path === "/token") {
          tokenRequests.push(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
          return json({ access_token: "at", token_type: "Bearer", expires_in: 3600, id_token: idToken });
        }
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const jwt = (header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject = rsa.privateKey) => {
      const input = `${b64(header)}.${b64(claims)}`;
      const ecdsa = header.alg === "ES256";
      const signature = sign("sha256", Buffer.from(input), ecdsa ? { key, dsaEncoding: "ieee-p1363" } : key);
      return `${input}.${signature.toString("base64url")}`;
    };
    return {
      issuer,
      tokenRequests,
      userInfoRequests,
      setUserInfo: (body: Record<string, unknown>) => {
        userInfo = body;
      },
      rsa,
      ec,
      jwt,
      setIdToken: (token: string) => {
        idToken = token;
      },
    };
  }

  /**
   * Starts a sign-in at Cognate; answers the state and nonce it sent to the provider, the PKCE
   * challenge, and the cookie that binds the sign-in to this browser.
   */
  async function begin(s: Setup) {
    const res = await fetch(authorizeUrl(s), { redirect: "manual" });
    const to = new URL(res.headers.get("location")!);
    return {
      state: to.searchParams.get("state")!,
      nonce: to.searchParams.get("nonce")!,
      challenge: to.searchParams.get("code_challenge")!,
      cookie: bindingCookie(res.headers.getSetCookie()),
    };
  }

  /** The provider sends the browser back with a code; answers where Cognate sends it. */
  async function callback(started: { state: string; cookie: string }): Promise<URL> {
    const res = await fetch(
      `${t.url}/oauth2/idpresponse?code=provider-code&state=${encodeURIComponent(started.state)}`,
      {
        redirect: "manual",
        headers: { cookie: started.cookie },
      },
    );
    assert.equal(res.status, 302);
    return new URL(res.headers.get("location")!, t.url);
  }

  it("accepts a valid RS256 or ES256 token; refuses bad signatures, algorithms, issuers, audiences, expiry and nonces", async () => {
    const crafted = await craftedIdp();
    const s = await setup({
      details: { oidc_issuer: crafted.issuer, client_id: "crafted", client_secret: "crafted-secret" },
    });
    const now = Math.floor(Date.now() / 1000);
    const claims = (nonce: string) => ({
      iss: crafted.issuer,
      aud: "crafted",
      sub: "oscar",
      exp: now + 300,
      iat: now,
      nonce,
      email: "oscar@corp.example",
    });

    const good = await begin(s);
    crafted.setIdToken(crafted.jwt({ alg: "RS256", kid: "rsa-1" }, claims(good.nonce)));
    const landed = await callback(good);
    assert.equal(landed.searchParams.get("error"), null, landed.href);
    const idClaims = await idTokenClaims(s, landed);
    assert.equal(idClaims["cognito:username"], "Corp_oscar");
    assert.equal(idClaims.email, "oscar@corp.example");
    // The token request: client_secret_post, the same redirect_uri, the verifier of the challenge.
    const request = crafted.tokenRequests.at(-1)!;
    assert.equal(request.get("grant_type"), "authorization_code");
    assert.equal(request.get("code"), "provider-code");
    assert.equal(request.get("client_id"), "crafted");
    assert.equal(request.get("client_secret"), "crafted-secret");
    assert.equal(request.get("redirect_uri"), `${t.url}/oauth2/idpresponse`);
    assert.equal(createHash("sha256").update(request.get("code_verifier")!).digest("base64url"), good.challenge);

    const ec = await begin(s);
    crafted.setIdToken(crafted.jwt({ alg: "ES256", kid: "ec-1" }, claims(ec.nonce), crafted.ec.privateKey));
    assert.ok((await callback(ec)).searchParams.get("code"));

    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const refusals: [string, (nonce: string) => string][] = [
      ["another key's signature", (n) => crafted.jwt({ alg: "RS256", kid: "rsa-1" }, claims(n), other.privateKey)],
      ["alg none", (n) => `${crafted.jwt({ alg: "none" }, claims(n)).split(".").slice(0, 2).join(".")}.`],
      ["an unknown kid", (n) => crafted.jwt({ alg: "RS256", kid: "rsa-2" }, claims(n))],
      [
        "another issuer",
        (n) => crafted.jwt({ alg: "RS256", kid: "rsa-1" }, { ...claims(n), iss: "http://evil.example" }),
      ],
      ["another audience", (n) => crafted.jwt({ alg: "RS256", kid: "rsa-1" }, { ...claims(n), aud: "someone-else" })],
      ["an expired token", (n) => crafted.jwt({ alg: "RS256", kid: "rsa-1" }, { ...claims(n), exp: now - 600 })],
      ["another nonce", () => crafted.jwt({ alg: "RS256", kid: "rsa-1" }, claims("not-the-nonce"))],
      ["no sub", (n) => crafted.jwt({ alg: "RS256", kid: "rsa-1" }, { ...claims(n), sub: undefined })],
      ["garbage", () => "not.a.jwt"],
    ];
    for (const [what, token] of refusals) {
      const started = await begin(s);
      crafted.setIdToken(token(started.nonce));
      const back = await callback(started);
      assert.equal(back.origin + back.pathname, APP, what);
      assert.equal(back.searchParams.get("error"), "invalid_request", what);
      assert.equal(back.searchParams.get("code"), null, what);
    }
    const { Users } = await t.client.send(new ListUsersCommand({ UserPoolId: s.poolId }));
    assert.deepEqual(
      Users!.map((u) => u.Username),
      ["Corp_oscar"],
    );

    // The provider's answer to someone's sign-in, delivered by another browser (login CSRF): no sign-in.
    const theirs = await begin(s);
    crafted.setIdToken(crafted.jwt({ alg: "RS256", kid: "rsa-1" }, claims(theirs.nonce)));
    const elsewhere = await callback({ state: theirs.state, cookie: "" });
    assert.equal(elsewhere.pathname, "/error");
    const another = await begin(s);
    crafted.setIdToken(crafted.jwt({ alg: "RS256", kid: "rsa-1" }, claims(another.nonce)));
    const forged = await callback({ state: another.state, cookie: another.cookie.replace(/=.*/, "=forged") });
    assert.equal(forged.pathname, "/error");
  });

  it("takes the provider's answer as a form POST too (response_mode=form_post)", async () => {
    const crafted = await craftedIdp();
    const s = await setup({ details: { oidc_issuer: crafted.issuer, client_id: "crafted" } });
    const started = await begin(s);
    const now = Math.floor(Date.now() / 1000);
    crafted.setIdToken(
      crafted.jwt(
        { alg: "RS256", kid: "rsa-1" },
        { iss: crafted.issuer, aud: "crafted", sub: "oscar", exp: now + 300, nonce: started.nonce },
      ),
    );
    const res = await fetch(`${t.url}/oauth2/idpresponse`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: started.cookie },
      body: new URLSearchParams({ code: "c", state: started.state }),
    });
    assert.equal(res.status, 302);
    assert.equal((await idTokenClaims(s, new URL(res.headers.get("location")!)))["cognito:username"], "Corp_oscar");
    const notAForm = await fetch(`${t.url}/oauth2/idpresponse`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(notAForm.headers.get("location"), "/error?error=invalid_request");
  });

  it("a domain addressed by its Host name gets the provider's answer on that name, and its session cookie", async () => {
    const crafted = await craftedIdp();
    const s = await setup({ details: { oidc_issuer: crafted.issuer, client_id: "crafted" } });
    const prefix = `fed-${s.poolId.split("_")[1]!.toLowerCase()}`;
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: s.poolId, Domain: prefix }));
    const host = `${prefix}.auth.us-east-1.localhost:${new URL(t.url).port}`;
    // fetch sends its own Host header; node:http sends the one given.
    const get = (url: string, cookie = "") =>
      new Promise<IncomingMessage>((resolve, reject) => {
        request(url, { headers: { host, cookie } }, (res) => resolve(res.resume()))
          .on("error", reject)
          .end();
      });
    const res = await get(authorizeUrl(s));
    const to = new URL(res.headers.location!);
    assert.equal(to.searchParams.get("redirect_uri"), `http://${host}/oauth2/idpresponse`);
    const now = Math.floor(Date.now() / 1000);
    crafted.setIdToken(
      crafted.jwt(
        { alg: "RS256", kid: "rsa-1" },
        { iss: crafted.issuer, aud: "crafted", sub: "oscar", exp: now + 300, nonce: to.searchParams.get("nonce") },
      ),
    );
    const back = await get(
      `${t.url}/oauth2/idpresponse?code=c&state=${encodeURIComponent(to.searchParams.get("state")!)}`,
      bindingCookie([res.headers["set-cookie"] ?? []].flat()),
    );
    assert.ok(new URL(back.headers.location!).searchParams.get("code"));
    assert.equal(crafted.tokenRequests.at(-1)!.get("redirect_uri"), `http://${host}/oauth2/idpresponse`);
    assert.ok((back.headers["set-cookie"] ?? []).some((c) => c.startsWith("cognito=")));
  });

  it("reads userInfo with the access token, by GET or POST as attributes_request_method says, for the same sub", async () => {
    const crafted = await craftedIdp();
    const now = Math.floor(Date.now() / 1000);
    const token = (nonce: string) =>
      crafted.jwt(
        { alg: "RS256", kid: "rsa-1" },
        { iss: crafted.issuer, aud: "crafted", sub: "oscar", exp: now + 300, iat: now, nonce },
      );
    for (const method of ["GET", "POST"]) {
      const s = await setup({
        details: { oidc_issuer: crafted.issuer, client_id: "crafted", attributes_request_method: method },
      });
      const started = await begin(s);
      crafted.setIdToken(token(started.nonce));
      const claims = await idTokenClaims(s, await callback(started));
      assert.equal(claims.name, "Oscar from userInfo");
      assert.deepEqual(crafted.userInfoRequests.at(-1), { method, authorization: "Bearer at" });
    }
    const s = await setup({ details: { oidc_issuer: crafted.issuer, client_id: "crafted" } });
    crafted.setUserInfo({ sub: "someone-else", name: "Mallory" });
    const started = await begin(s);
    crafted.setIdToken(token(started.nonce));
    const back = await callback(started);
    assert.equal(back.searchParams.get("error"), "invalid_request");
    assert.equal(back.searchParams.get("error_description"), "userInfo names another subject.");
  });
});
