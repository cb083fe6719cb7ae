import type { ServerResponse } from "node:http";
import { html, paragraph, sendPage } from "./html.js";

/**
 * /error?error=<code>&client_id=…: where an authorization request that cannot be sent back to
 * its app ends (unknown client, redirect_uri not registered). Only known codes are explained;
 * nothing from the URL is written to the page, and it links nowhere.
 */
const EXPLANATIONS: Record<string, string> = {
  redirect_mismatch: "The redirect address this app asked for is not one of the app's registered callback URLs.",
  invalid_client: "The app that sent you here is not registered with this user pool.",
  invalid_request: "The sign-in request from the app is malformed.",
  unauthorized_client: "The app that sent you here is not allowed to sign in this way.",
};

export function showErrorPage(res: ServerResponse, url: URL): void {
  const code = url.searchParams.get("error") ?? "";
  const explanation = Object.hasOwn(EXPLANATIONS, code)
    ? EXPLANATIONS[code]!
    : "Something went wrong with the sign-in request.";
  sendPage(
    res,
    400,
    { title: "An error was encountered" },
    html`${paragraph(explanation)}${paragraph(
      "Return to the app and try again, or contact the app's support.",
    )}${Object.hasOwn(EXPLANATIONS, code)
      ? html`<p class="textDescription-customizable">Error code: <code>${code}</code></p>`
      : ""}`,
  );
}

/** A POST without the page's anti-forgery token (or with another one): refused, nothing done. */
export function showForbidden(res: ServerResponse): void {
  sendPage(
    res,
    403,
    { title: "Request refused" },
    html`${paragraph(
      "This form could not be accepted: it expired or was sent from another site. Go back, reload the page and try again.",
    )}`,
  );
}

export function showNotFound(res: ServerResponse, status = 404): void {
  sendPage(res, status, { title: "Page not found" }, paragraph("There is no such page here."));
}
