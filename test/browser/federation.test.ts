import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { test } from "node:test";
import {
  AdminGetUserCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { browserUnavailable, useBrowser } from "../helpers/browser.js";
import { useCognate } from "../helpers/cognate.js";
import { startOidcProvider } from "../helpers/oidcProvider.js";

// A federated sign-in in a real browser, as the Cognito developer guide describes the OIDC flow:
// the app's authorization request names the provider (identity_provider), the browser goes to
// the provider's login and consent pages (here oidc-provider's development pages), comes back
// through the domain's /oauth2/idpresponse, and lands at the app with a code whose tokens name
// the federated user `<ProviderName>_<sub>` and carry its `identities`.

const APP = "https://app.example/callback";
const t = useCognate();
const chromium = useBrowser();

/** A real OpenID provider on 127.0.0.1 whose every user has `account`'s claims. */
const startIdp = (redirectUri: string, account: Record<string, unknown>) =>
  startOidcProvider([redirectUri], () => account);

test(
  "identity_provider → the provider's login and consent pages → the app with a code → tokens with identities; then the sign-in page's provider button",
  { skip: browserUnavailable },
  async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "federated" }));
    const poolId = UserPool!.Id!;
    const prefix = `fed-${poolId.split("_")[1]!.toLowerCase()}`;
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: prefix }));
    const base = `${t.url}/${prefix}`;
    const idp = await startIdp(`${base}/oauth2/idpresponse`, {
      email: "rosa@corp.example",
      email_verified: true,
      name: "Rosa",
    });
    const context = await chromium.browser.newContext();
    try {
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
          },
          AttributeMapping: { email: "email", email_verified: "email_verified", name: "name" },
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
          SupportedIdentityProviders: ["Corp"],
        }),
      );
      const clientId = UserPoolClient!.ClientId!;

      await context.route("https://app.example/**", (route) =>
        route.fulfill({ body: "ok", contentType: "text/plain" }),
      );
      const page = await context.newPage();
      const verifier = randomBytes(32).toString("base64url");
      const state = randomBytes(8).toString("hex");
      const query = new URLSearchParams({
        client_id: clientId,
        response_type: "code",
        redirect_uri: APP,
        scope: "openid email profile",
        state,
        identity_provider: "Corp",
        code_challenge: createHash("sha256").update(verifier).digest("base64url"),
        code_challenge_method: "S256",
      });
      await page.goto(`${base}/oauth2/authorize?${query}`);

      // The provider's login page, then its consent page.
      assert.ok(page.url().startsWith(`${idp.issuer}/interaction/`), page.url());
      await page.fill('input[name="login"]', "rosa");
      await page.fill('input[name="password"]', "any password");
      await page.click('button[type="submit"]');
      // A new client: the provider asks the user to consent to Cognate's scopes.
      await page.waitForSelector('input[name="prompt"][value="consent"]', { state: "attached" });
      assert.ok(page.url().startsWith(`${idp.issuer}/interaction/`), page.url());
      await page.click('button[type="submit"]');
      await page.waitForURL((u) => u.href.startsWith(APP));
      const back = new URL(page.url());
      assert.equal(back.searchParams.get("state"), state);
      const code = back.searchParams.get("code");
      assert.ok(code, `no code in ${back.href}`);

      const res = await fetch(`${base}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: APP,
          client_id: clientId,
          code_verifier: verifier,
        }),
      });
      const tokens = (await res.json()) as Record<string, string>;
      assert.equal(res.status, 200, JSON.stringify(tokens));
      const claims = decodeJwt(tokens.id_token!);
      assert.equal(claims["cognito:username"], "Corp_rosa");
      assert.equal(claims.email, "rosa@corp.example");
      assert.equal(claims.email_verified, true);
      assert.equal(claims.name, "Rosa");
      const identities = claims.identities as Record<string, unknown>[];
      assert.deepEqual(
        identities.map((i) => [i.userId, i.providerName, i.providerType, i.primary]),
        [["rosa", "Corp", "OIDC", "true"]],
      );
      const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Corp_rosa" }));
      assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");

      // Again without identity_provider (prompt=login passes over the session cookie): the sign-in
      // page's button for the provider, which remembers the user and the consent, and back.
      query.delete("identity_provider");
      query.set("prompt", "login");
      query.set("state", "second");
      await page.goto(`${base}/oauth2/authorize?${query}`);
      assert.ok(page.url().startsWith(`${base}/login`), page.url());
      await page.click("text=Continue with Corp");
      await page.waitForURL((u) => u.href.startsWith(APP));
      const again = new URL(page.url());
      assert.equal(again.searchParams.get("state"), "second");
      assert.ok(again.searchParams.get("code"));
    } finally {
      await context.close();
      await idp.close();
    }
  },
);
