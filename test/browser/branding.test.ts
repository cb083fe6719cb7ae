import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CreateIdentityProviderCommand,
  CreateManagedLoginBrandingCommand,
  CreateTermsCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  SetUICustomizationCommand,
  type CreateUserPoolClientCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Page } from "playwright-core";
import { axeViolations, browserUnavailable, useBrowser } from "../helpers/browser.js";
import { useCognate } from "../helpers/cognate.js";
import { badgeLogo } from "./png.js";

// How the pages show a pool's branding, as Cognito documents it (hosted UI customization,
// managed login branding editor, terms documents):
// - ManagedLoginVersion 1 (classic hosted UI): SetUICustomization's CSS styles the documented
//   -customizable classes and its ImageFile is the logo; a client's own customization wins over
//   the pool's (ClientId "ALL").
// - ManagedLoginVersion 2: the client's managed login style (CreateManagedLoginBranding), its
//   FORM_LOGO asset and (a few of) its Settings colours.
// - Terms assigned to the client are linked from the sign-up page.
// - External providers the client supports are offered as buttons to /oauth2/authorize.

const APP = "https://app.example/callback";
const t = useCognate();
// Held, not destructured: the browser is launched in before().
const chromium = useBrowser();
const skip = browserUnavailable;

async function setup(version: 1 | 2 = 1, client: Partial<CreateUserPoolClientCommandInput> = {}) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "brand", UserPoolTier: "ESSENTIALS", AutoVerifiedAttributes: ["email"] }),
  );
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "Bakery",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email"],
      CallbackURLs: [APP],
      SupportedIdentityProviders: ["COGNITO"],
      ...client,
    }),
  );
  const prefix = `brand-${poolId.split("_")[1]!.toLowerCase()}`;
  await t.client.send(
    new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: prefix, ManagedLoginVersion: version }),
  );
  const clientId = UserPoolClient!.ClientId!;
  const login = `${t.url}/${prefix}/oauth2/authorize?${new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: APP,
  })}`;
  return { poolId, clientId, login };
}

async function openPage(url: string): Promise<Page> {
  const context = await chromium.browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const style = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

/** The logo is shown (CSP allows data: images) and is the uploaded image. */
async function logoShown(page: Page): Promise<string> {
  const logo = page.locator("img.logo-customizable");
  assert.equal(await logo.count(), 1);
  assert.equal(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), 48);
  assert.equal(await logo.getAttribute("alt"), "Bakery logo");
  return (await logo.getAttribute("src"))!;
}

test("classic hosted UI: the pool's CSS and logo, and a client's own over the pool's", { skip }, async () => {
  const s = await setup();
  const logo = badgeLogo(48, [150, 40, 90]);
  await t.client.send(
    new SetUICustomizationCommand({
      UserPoolId: s.poolId,
      ClientId: "ALL",
      CSS: ".submitButton-customizable { background-color: rgb(120, 20, 90); }\n.banner-customizable { padding: 12px; }",
      ImageFile: logo,
    }),
  );
  const page = await openPage(s.login);
  assert.equal(await style(page, ".submitButton-customizable", "background-color"), "rgb(120, 20, 90)");
  assert.equal(await style(page, ".banner-customizable", "padding-top"), "12px");
  assert.equal(await logoShown(page), `data:image/png;base64,${logo.toString("base64")}`);
  assert.deepEqual(await axeViolations(page), []);

  await t.client.send(
    new SetUICustomizationCommand({
      UserPoolId: s.poolId,
      ClientId: s.clientId,
      CSS: ".submitButton-customizable { background-color: rgb(10, 80, 40); }",
    }),
  );
  await page.reload();
  assert.equal(await style(page, ".submitButton-customizable", "background-color"), "rgb(10, 80, 40)");
  // The client's customization replaces the pool's: it has no logo.
  assert.equal(await page.locator("img.logo-customizable").count(), 0);
  await page.context().close();
});

test("managed login (version 2): the client's style colours and form logo", { skip }, async () => {
  const s = await setup(2);
  const logo = badgeLogo(48, [20, 60, 140]);
  await t.client.send(
    new CreateManagedLoginBrandingCommand({
      UserPoolId: s.poolId,
      ClientId: s.clientId,
      Settings: {
        components: {
          pageBackground: { lightMode: { color: "eef3ffff" } },
          primaryButton: { lightMode: { defaults: { backgroundColor: "143c8cff", textColor: "ffffffff" } } },
        },
      },
      Assets: [{ Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "PNG", Bytes: logo }],
    }),
  );
  const page = await openPage(s.login);
  assert.equal(await style(page, ".submitButton-customizable", "background-color"), "rgb(20, 60, 140)");
  assert.equal(await style(page, "body", "background-color"), "rgb(238, 243, 255)");
  await logoShown(page);
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test("sign-up links to the client's terms of use and privacy policy", { skip }, async () => {
  const s = await setup();
  for (const [TermsName, url] of [
    ["terms-of-use", "https://bakery.example/terms"],
    ["privacy-policy", "https://bakery.example/privacy"],
  ] as const) {
    await t.client.send(
      new CreateTermsCommand({
        UserPoolId: s.poolId,
        ClientId: s.clientId,
        TermsName,
        TermsSource: "LINK",
        Enforcement: "NONE",
        Links: { "cognito:english": url },
      }),
    );
  }
  const page = await openPage(s.login);
  await page.getByRole("link", { name: "Sign up" }).click();
  assert.equal(
    await page.getByRole("link", { name: "Terms of use" }).getAttribute("href"),
    "https://bakery.example/terms",
  );
  assert.equal(
    await page.getByRole("link", { name: "Privacy policy" }).getAttribute("href"),
    "https://bakery.example/privacy",
  );
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test(
  "external providers the client supports are buttons to /oauth2/authorize (those Cognate federates with)",
  { skip },
  async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "idp" }));
    await t.client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: UserPool!.Id!,
        ProviderName: "Corp",
        ProviderType: "OIDC",
        ProviderDetails: {
          client_id: "c",
          client_secret: "s",
          authorize_scopes: "openid email",
          oidc_issuer: "https://idp.corp.example",
          attributes_request_method: "GET",
        },
      }),
    );
    // Google's own protocol is not implemented: no button that could only fail.
    await t.client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: UserPool!.Id!,
        ProviderName: "Google",
        ProviderType: "Google",
        ProviderDetails: { client_id: "g.apps.googleusercontent.com", client_secret: "s", authorize_scopes: "email" },
      }),
    );
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: UserPool!.Id!,
        ClientName: "Bakery",
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
        CallbackURLs: [APP],
        SupportedIdentityProviders: ["COGNITO", "Google", "Corp"],
      }),
    );
    const q = new URLSearchParams({ client_id: UserPoolClient!.ClientId!, response_type: "code", redirect_uri: APP });
    const page = await openPage(`${t.url}/oauth2/authorize?${q}`);
    const href = await page.getByRole("link", { name: "Continue with Corp" }).getAttribute("href");
    assert.equal(await page.getByRole("link", { name: "Continue with Google" }).count(), 0);
    const target = new URL(href!, t.url);
    assert.equal(target.pathname, "/oauth2/authorize");
    assert.equal(target.searchParams.get("identity_provider"), "Corp");
    assert.equal(target.searchParams.get("client_id"), UserPoolClient!.ClientId!);
    assert.equal(target.searchParams.get("redirect_uri"), APP);
    assert.deepEqual(await axeViolations(page), []);
    await page.context().close();
  },
);
