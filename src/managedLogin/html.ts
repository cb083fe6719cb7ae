import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { PageBranding } from "./branding.js";
import { BASE_CSS } from "./styles.js";

/**
 * HTML building for the managed login pages. Everything that is not a literal of this folder
 * goes through escapeHtml (text and quoted attribute values alike): `html` tagged templates
 * escape every interpolation unless it is already `Html` built here.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Part = Html | string | number | undefined | false | null | readonly Part[];

function render(part: Part): string {
  if (part === undefined || part === false || part === null) return "";
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/** A template whose interpolations are escaped (arrays are joined, Html passes as is). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** What every page is drawn with. */
export interface PageFrame {
  title: string;
  branding?: PageBranding;
  /**
   * Where a form's answer may redirect besides here: the app's verified redirect_uri. Chromium
   * applies form-action to the redirects that follow a submission, so the sign-in's 302 back to
   * the app would be blocked without it.
   */
  redirectTarget?: string;
  /** The page's own script (passkeys only): allowed by the same nonce as the style, nothing else runs. */
  script?: string;
}

/** A script of this folder, made unable to close its element. */
const scriptText = (js: string) => js.replace(/<\//g, "<\\/");

/** JSON inside <script type="application/json">: "<" written as \u003c so no data can close the element. */
export const jsonForScript = (value: unknown) => new Html(JSON.stringify(value).replace(/</g, "\\u003c"));

/** Customer CSS lives inside <style>: a "<" could close it, so it is written as a CSS escape. */
const cssText = (css: string) => css.replace(/</g, "\\3c ");

/** The whole document: one <h1> (the title), a banner with the logo, and the page's content. */
export function layout(frame: PageFrame, nonce: string, content: Html): Html {
  const branding = frame.branding;
  const logo = branding?.logo
    ? html`<img class="logo-customizable" src="${branding.logo}" alt="${branding.logoAlt}" />`
    : undefined;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title}</title>
        <style nonce="${nonce}">
          ${new Html(cssText(BASE_CSS + (branding?.themeCss ?? "") + (branding?.css ?? "")))}
        </style>
      </head>
      <body class="background-customizable">
        <main class="page">
          <div class="card">
            <div class="banner-customizable banner">${logo}</div>
            <h1 class="textDescription-customizable heading">${frame.title}</h1>
            ${content}
          </div>
        </main>
        ${frame.script
          ? html`<script nonce="${nonce}">
              ${new Html(scriptText(frame.script))};
            </script>`
          : ""}
      </body>
    </html> `;
}

/** A form posting back to `action` (the page's own URL, authorize query kept) with the CSRF token. */
export function form(action: string, csrf: string, content: Html, label?: string): Html {
  return html`<form method="post" action="${action}" novalidate${label ? html` aria-label="${label}"` : ""}>
    <input type="hidden" name="_csrf" value="${csrf}" />
    ${content}
  </form>`;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  autocomplete?: string;
  value?: string;
  required?: boolean;
  /** The id of the page's error message, when this field is what it is about. */
  describedBy?: string;
  inputmode?: string;
  autofocus?: boolean;
}

/** A labelled input: the label's for= names the input, so screen readers announce it. */
export function field(o: FieldOptions): Html {
  const id = `field-${o.name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return html`<div class="field">
    <label class="label-customizable" for="${id}">${o.label}</label>
    <input
      class="inputField-customizable"
      id="${id}"
      name="${o.name}"
      type="${o.type ?? "text"}"
      ${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ""}${o.value !== undefined
        ? html` value="${o.value}"`
        : ""}${o.required === false ? "" : html` required`}${o.describedBy
        ? html` aria-describedby="${o.describedBy}" aria-invalid="true"`
        : ""}${o.inputmode ? html` inputmode="${o.inputmode}"` : ""}${o.autofocus ? html` autofocus` : ""}
    />
  </div>`;
}

export const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}" />`;

export function submit(label: string, options: { name?: string; value?: string; secondary?: boolean } = {}): Html {
  const cls = options.secondary ? "secondaryButton" : "submitButton-customizable primaryButton";
  return html`<button
    type="submit"
    class="${cls}"
    ${options.name ? html` name="${options.name}"` : ""}${options.value !== undefined
      ? html` value="${options.value}"`
      : ""}
  >
    ${label}
  </button>`;
}

export const ERROR_ID = "page-error";

/** The error of the last attempt, announced at once (role=alert); fields point at it with aria-describedby. */
export const errorMessage = (message: string | undefined) =>
  message ? html`<p id="${ERROR_ID}" class="errorMessage-customizable error" role="alert">${message}</p>` : undefined;

/** A confirmation (e.g. "Your password has been reset"), announced politely. */
export const notice = (message: string | undefined) =>
  message ? html`<p class="textDescription-customizable notice" role="status">${message}</p>` : undefined;

export const paragraph = (text: string | Html) => html`<p class="textDescription-customizable">${text}</p>`;

export const link = (href: string, text: string, cls = "redirect-customizable") =>
  html`<a class="${cls}" href="${href}">${text}</a>`;

/**
 * Writes a page with the headers every page carries: a CSP that allows only this answer's
 * own inline style (by nonce), images from here or data: URIs, forms posting here, no framing.
 */
export function sendPage(res: ServerResponse, status: number, frame: PageFrame, content: Html): void {
  const nonce = randomBytes(16).toString("base64");
  const target = frame.redirectTarget ? formActionSource(frame.redirectTarget) : undefined;
  const body = layout(frame, nonce, content).text;
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Content-Security-Policy": [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      ...(frame.script ? [`script-src 'nonce-${nonce}'`] : []),
      "img-src 'self' data:",
      `form-action 'self'${target ? ` ${target}` : ""}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join("; "),
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}

/** A CSP source for a redirect URI: its origin (https://app.example), or its scheme for an app's own (myapp:). */
function formActionSource(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
  // Only a plain scheme can be written into the policy; anything odder is left out (and blocked).
  return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) ? url.protocol : undefined;
}
