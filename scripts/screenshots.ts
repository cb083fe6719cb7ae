/**
 * Screenshots of the managed login sign-in page for docs/managed-login.md:
 *   docs/screenshots/sign-in-default.png   no branding
 *   docs/screenshots/sign-in-branded.png   SetUICustomization CSS and a logo
 * Run: npx tsx scripts/screenshots.ts (needs Debian's Chromium, or CHROMIUM_PATH).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  SetUICustomizationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { chromium } from "playwright-core";
import { startCognate } from "../src/index.js";
import { badgeLogo } from "../test/browser/png.js";

const OUT = join(import.meta.dirname, "..", "docs", "screenshots");
const APP = "https://app.example/callback";

const BRANDED_CSS = `
.background-customizable { background-color: #f6efe6; }
.banner-customizable { padding: 8px 0 0; }
.submitButton-customizable { background-color: #7a2e4a; color: #ffffff; border-radius: 20px; }
.submitButton-customizable:hover { background-color: #5c2238; }
.label-customizable { color: #4a2230; }
.inputField-customizable { border-color: #8a5a6a; border-radius: 10px; }
.textDescription-customizable { color: #3b1c28; }
.redirect-customizable { color: #7a2e4a; }
`;

async function main() {
  const cognate = await startCognate({ port: 0, inMemory: true, passwordHashCost: "fast", logLevel: "silent" });
  const sdk = new CognitoIdentityProviderClient({
    endpoint: cognate.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    mkdirSync(OUT, { recursive: true });
    const plain = await signInPage(sdk, cognate.url, "default");
    await shoot(browser, plain, "sign-in-default.png");

    const branded = await signInPage(sdk, cognate.url, "branded", async (poolId) => {
      await sdk.send(
        new SetUICustomizationCommand({
          UserPoolId: poolId,
          CSS: BRANDED_CSS,
          ImageFile: badgeLogo(96, [122, 46, 74]),
        }),
      );
    });
    await shoot(browser, branded, "sign-in-branded.png");
  } finally {
    await browser.close();
    sdk.destroy();
    await cognate.close();
  }
}

/** A pool with self sign-up, an app client and a domain; answers the authorize URL that lands on /login. */
async function signInPage(
  sdk: CognitoIdentityProviderClient,
  url: string,
  name: string,
  customize?: (poolId: string) => Promise<void>,
): Promise<string> {
  const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: name }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "Bakery",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid"],
      CallbackURLs: [APP],
      SupportedIdentityProviders: ["COGNITO"],
    }),
  );
  await sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `shots-${name}` }));
  await customize?.(poolId);
  const q = new URLSearchParams({ client_id: UserPoolClient!.ClientId!, response_type: "code", redirect_uri: APP });
  return `${url}/shots-${name}/oauth2/authorize?${q}`;
}

async function shoot(browser: Awaited<ReturnType<typeof chromium.launch>>, url: string, file: string) {
  const page = await browser.newPage({ viewport: { width: 720, height: 640 } });
  await page.goto(url);
  // The caret of the focused field would differ from run to run.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: join(OUT, file) });
  await page.close();
  console.log(`wrote docs/screenshots/${file}`);
}

await main();
