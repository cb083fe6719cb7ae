import { request } from "node:http";

/**
 * A minimal browser for API-level tests of the managed login pages: it keeps cookies, follows
 * redirects while they stay on Cognate, and submits a page's form with its hidden fields (the
 * CSRF token among them). The real-browser journeys are in test/browser; this one lets OAuth
 * libraries' tests (openid-client) sign in without a browser.
 */
export class FormAgent {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  /** GET, following redirects on this origin; stops at a redirect elsewhere (the app's callback) and answers it. */
  async open(url: string): Promise<AgentPage> {
    let target = new URL(url, this.origin);
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(target, { redirect: "manual", headers: this.headers() });
      this.keepCookies(res);
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, target);
        if (next.origin !== this.origin) return { status: res.status, url: next.href, html: "", redirectedAway: true };
        target = next;
        continue;
      }
      return { status: res.status, url: target.href, html: await res.text(), redirectedAway: false };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the page's form (the one with the named field, or the first) with these fields, then follows redirects. */
  async submit(page: AgentPage, fields: Record<string, string>): Promise<AgentPage> {
    const forms = [...page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
    const chosen = forms.find((f) => Object.keys(fields).some((name) => f[2]!.includes(`name="${name}"`))) ?? forms[0];
    if (!chosen) throw new Error(`no form on ${page.url}:\n${page.html}`);
    const action = new URL(decode(/action="([^"]*)"/.exec(chosen[1]!)?.[1] ?? page.url), page.url);
    const body = new URLSearchParams();
    for (const input of chosen[2]!.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
      if (name && !(name in fields)) body.set(decode(name), decode(value));
    }
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    const res = await fetch(action, {
      method: "POST",
      redirect: "manual",
      headers: { ...this.headers(), "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    this.keepCookies(res);
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, action);
      if (next.origin !== this.origin) return { status: res.status, url: next.href, html: "", redirectedAway: true };
      return this.open(next.href);
    }
    return { status: res.status, url: action.href, html: await res.text(), redirectedAway: false };
  }

  /** POSTs a form to a URL (what an external provider's auto-submitting page does), then follows redirects. */
  async post(url: string, fields: Record<string, string>): Promise<AgentPage> {
    return this.submit({ status: 200, url, html: `<form action="${url}"></form>`, redirectedAway: false }, fields);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Puts a cookie back (a test replaying one the server told the browser to forget). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private headers(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
  }

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export interface AgentPage {
  status: number;
  /** The page's URL, or where the last redirect pointed when it left Cognate. */
  url: string;
  html: string;
  redirectedAway: boolean;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * A GET with its own Host header (fetch does not let a caller set one), without following
 * redirects: how a browser reaches a domain by its name, `<prefix>.auth.<region>.localhost`.
 */
export function getWithHost(url: string, host: string): Promise<{ status: number; location: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? "" }));
    });
    req.on("error", reject);
    req.end();
  });
}
