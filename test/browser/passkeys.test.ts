import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { test } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Page } from "playwright-core";
import { axeViolations, browserUnavailable, useBrowser } from "../helpers/browser.js";
import { useCognate } from "../helpers/cognate.js";
import { APP_CALLBACK, poolDomain, webClient } from "../helpers/oauth.js";
import { SoftAuthenticator } from "../helpers/softAuthenticator.js";

// Passkey sign-in on the managed login pages: "Sign in with passkey" starts USER_AUTH with
// PREFERRED_CHALLENGE WEB_AUTHN; the page's script calls navigator.credentials.get with the
// challenge's CREDENTIAL_REQUEST_OPTIONS and posts the assertion. The browser's authenticator is
// Chromium's virtual one (DevTools WebAuthn domain), holding the key of a passkey registered
// through the API (StartWebAuthnRegistration / CompleteWebAuthnRegistration). The relying party
// is localhost, so the pages are opened at http://localhost:<port> (a secure context).

const APP = APP_CALLBACK;
const PASSWORD = "Passw0rd!";
const t = useCognate();
// Held, not destructured: the browser is launched in before().
const chromium = useBrowser();
const skip = browserUnavailable;

async function setup() {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "passkeys",
      UserPoolTier: "ESSENTIALS",
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
    }),
  );
  const poolId = UserPool!.Id!;
  await t.client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "preferred" },
    }),
  );
  const { clientId } = await webClient(t.client, poolId, {
    ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    AllowedOAuthScopes: ["openid"],
  });
  await poolDomain(t.client, poolId, "keys");
  return { poolId, clientId };
}

/** A user with a passkey registered through the API; answers the passkey's id and PKCS#8 private key. */
async function userWithPasskey(s: { poolId: string; clientId: string }, username: string, origin: string) {
  await t.client.send(
    new AdminCreateUserCommand({ UserPoolId: s.poolId, Username: username, MessageAction: "SUPPRESS" }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: s.poolId, Username: username, Password: PASSWORD, Permanent: true }),
  );
  const signedIn = await t.client.send(
    new InitiateAuthCommand({
      ClientId: s.clientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );
  const token = signedIn.AuthenticationResult!.AccessToken!;
  const started = await t.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }));
  const authenticator = new SoftAuthenticator();
  const registration = authenticator.create(
    started.CredentialCreationOptions as unknown as Parameters<SoftAuthenticator["create"]>[0],
    { origin },
  );
  await t.client.send(
    new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: registration as unknown as never }),
  );
  const stored = authenticator.credentials.get(registration.id)!;
  return { id: registration.id, privateKey: stored.privateKey.export({ format: "der", type: "pkcs8" }) };
}

/** Chromium's virtual authenticator on this page, holding the passkey. */
async function virtualAuthenticator(page: Page, passkey: { id: string; privateKey: Buffer }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  await cdp.send("WebAuthn.addCredential", {
    authenticatorId,
    credential: {
      credentialId: Buffer.from(passkey.id, "base64url").toString("base64"),
      isResidentCredential: false,
      rpId: "localhost",
      privateKey: passkey.privateKey.toString("base64"),
      signCount: 0,
    },
  });
}

test(
  "sign-in with a passkey: the page asks the browser's authenticator and posts its assertion",
  { skip },
  async () => {
    const s = await setup();
    const origin = t.url.replace("127.0.0.1", "localhost");
    const passkey = await userWithPasskey(s, "pia", origin);
    const page = await chromium.browser.newPage();
    const visits: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(APP)) visits.push(r.url());
    });
    await page.route("https://app.example/**", (route) => route.fulfill({ body: "ok" }));
    await virtualAuthenticator(page, passkey);

    const verifier = randomBytes(32).toString("base64url");
    const q = new URLSearchParams({
      client_id: s.clientId,
      response_type: "code",
      redirect_uri: APP,
      state: "st",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    await page.goto(`${origin}/oauth2/authorize?${q}`);
    await page.getByLabel("Username").fill("pia");
    await page.getByRole("button", { name: "Sign in with passkey" }).click();
    await page.getByRole("heading", { name: "Sign in with a passkey" }).waitFor();
    // The heading can be there before the page's script has run and bound the button.
    await page.waitForLoadState("load");
    // The one page with a script: allowed by its nonce, nothing else.
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole("button", { name: "Sign in with passkey" }).click();
    for (let waited = 0; !visits.length && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const back = new URL(visits[0] ?? page.url());
    // The page is only read when something went wrong: while the browser leaves for the app it cannot be.
    if (back.searchParams.get("state") !== "st") assert.fail(`not back at the app: ${await page.content()}`);
    const code = back.searchParams.get("code")!;

    const tokens = await fetch(`${origin}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: APP,
        client_id: s.clientId,
        code_verifier: verifier,
      }),
    });
    assert.equal(tokens.status, 200);
    const idToken = ((await tokens.json()) as { id_token: string }).id_token;
    const claims = JSON.parse(Buffer.from(idToken.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    assert.equal(claims["cognito:username"], "pia");
    await page.close();
  },
);

test("the passkey step's CSP allows its own script by nonce only", { skip }, async () => {
  const s = await setup();
  const origin = t.url.replace("127.0.0.1", "localhost");
  await userWithPasskey(s, "pol", origin);
  const q = new URLSearchParams({ client_id: s.clientId, response_type: "code", redirect_uri: APP });
  const first = await fetch(`${origin}/login?${q}`);
  const cookie = first.headers.getSetCookie()[0]!.split(";")[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())![1]!;
  const step = await fetch(`${origin}/login?${q}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ _csrf: csrf, username: "pol", action: "passkey" }),
  });
  const html = await step.text();
  const csp = step.headers.get("content-security-policy")!;
  const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
  assert.ok(nonce, csp);
  assert.ok(html.includes(`<script nonce="${nonce}">`));
  // The options are data, not script: a JSON block the script reads.
  assert.match(html, /<script type="application\/json" id="passkey-options">[\s\S]*"challenge"/);
  // The login page itself runs no script at all.
  assert.doesNotMatch(first.headers.get("content-security-policy")!, /script-src/);
});
