import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium (apt-get install chromium); never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Why browser tests cannot run here, or undefined when they can. CI installs Chromium and sets
 * COGNATE_REQUIRE_BROWSER=1 (.ci/run), so there they always run (and fail without a browser);
 * elsewhere a missing browser skips them with this reason.
 */
export const browserUnavailable =
  existsSync(CHROMIUM) || process.env.COGNATE_REQUIRE_BROWSER === "1"
    ? undefined
    : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

/**
 * One headless Chromium for the enclosing test file; each test opens its own context (cookies
 * apart). Keep the returned object and read `.browser` inside tests: it is set in before().
 */
export function useBrowser(): { browser: Browser } {
  const holder = {} as { browser: Browser };
  before(async () => {
    if (browserUnavailable) return;
    holder.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // The machine's network is closed: without these Chromium keeps trying to reach Google.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  after(async () => {
    await holder.browser?.close();
  });
  return holder;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now; answers the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, which the pages' Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}
