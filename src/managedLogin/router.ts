import type { IncomingMessage, ServerResponse } from "node:http";
import { allProviders } from "../identityProviders/lookup.js";
import { answerAuthorizeError } from "../oauth/authorize.js";
import { readAuthorizeRequest, type AuthorizeTarget } from "../oauth/authorizeRequest.js";
import type { RoutedRequest } from "../oauth/domainRouting.js";
import type { OperationContext } from "../protocol/operation.js";
import { pageBranding } from "./branding.js";
import { answerChallenge } from "./challengePage.js";
import { postConfirm, showConfirm } from "./confirmPage.js";
import { csrfMatches, csrfToken } from "./csrf.js";
import { showErrorPage, showForbidden, showNotFound } from "./errorPage.js";
import { readPageForm } from "./form.js";
import {
  postConfirmForgotPassword,
  postForgotPassword,
  showConfirmForgotPassword,
  showForgotPassword,
} from "./forgotPasswordPage.js";
import { getLogin, postLogin } from "./loginPage.js";
import { redirectTo, type PageRequest } from "./page.js";
import { postSignUp, showSignUp } from "./signUpPage.js";

/*
 * The managed login pages (docs/managed-login.md). The markup tests and scripts may rely on:
 *
 *   page (h1 = <title>)                   labels                                  buttons
 *   /login          "Sign in"             Username (Email / Phone number in       "Sign in", "Sign in with email code",
 *                                         pools that sign in with them), Password "Sign in with passkey" (ALLOW_USER_AUTH
 *                                                                                 and the factor in the sign-in policy)
 *                   links "Forgot your password?", "Sign up" (self sign-up pools), "Continue with <IdP>"
 *   /signup         "Sign up"             Username (or Email), required attributes "Sign up"
 *                                         by name (Email, Given name…), Password
 *   /confirm        "Confirm your account" Username, Code                         "Confirm", "Resend code"
 *   /forgotPassword "Forgot your password?" Username                              "Send code"
 *   /confirmForgotPassword "Reset your password" Username, Code, New password     "Reset password"
 *   /mfa (posted)   "Enter your authentication code" (TOTP) / "Enter your code"   "Sign in"
 *                   (SMS, email): Code
 *                   "Choose how to verify": radio buttons per MFA type            "Continue"
 *                   "Set up an authenticator app": #totp-secret, #totp-uri, Code  "Confirm"
 *                   "Set up email verification": Email                            "Send code"
 *                   "Change your password": New password, required attributes     "Change password"
 *                   "Sign in with a passkey" (script: navigator.credentials.get)  "Sign in with passkey"
 *   /error          "An error was encountered"
 *   403             "Request refused" (form without the XSRF-TOKEN cookie's _csrf)
 *
 * Errors are the element with role="alert" (id page-error, named by the fields' aria-describedby).
 */

type Get = (page: PageRequest, url: URL) => void | Promise<void>;
type Post = (page: PageRequest, posted: Map<string, string>) => Promise<void>;

const PAGES: Record<string, { get: Get; post: Post }> = {
  "/login": { get: getLogin, post: postLogin },
  "/signup": { get: (page) => showSignUp(page), post: postSignUp },
  "/confirm": { get: (page) => showConfirm(page), post: postConfirm },
  "/forgotPassword": { get: (page) => showForgotPassword(page), post: postForgotPassword },
  "/confirmForgotPassword": { get: (page) => showConfirmForgotPassword(page), post: postConfirmForgotPassword },
  // The steps after the password exist only as answers to a sign-in's POST: a GET starts over.
  "/mfa": { get: (page) => redirectTo(page, "/login"), post: answerChallenge },
};

/** The managed login pages: /login, /signup, /confirm, /forgotPassword, /confirmForgotPassword, /mfa, /error. */
export async function handleManagedLogin(
  ctx: OperationContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  routed: RoutedRequest,
): Promise<void> {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "POST") {
    res.writeHead(405, { Allow: "GET, POST", "Content-Length": 0 }).end();
    return;
  }
  if (routed.path === "/error") return showErrorPage(res, url);
  const handlers = Object.hasOwn(PAGES, routed.path) ? PAGES[routed.path] : undefined;
  // /passkeys/add is not built yet.
  if (!handlers) return showNotFound(res);

  let posted: Map<string, string> | undefined;
  if (method === "POST") {
    posted = await readPageForm(req);
    if (!posted || !csrfMatches(req, posted)) return showForbidden(res);
  }
  // Every page continues an authorization request, checked again from its own query string.
  let target: AuthorizeTarget;
  try {
    target = await readAuthorizeRequest(ctx, url.searchParams, routed.scope);
  } catch (thrown) {
    return answerAuthorizeError(res, thrown, url, routed.scope);
  }
  const page: PageRequest = {
    ctx,
    req,
    res,
    scope: routed.scope,
    target,
    csrf: csrfToken(ctx, req, res, routed.scope),
    branding: await pageBranding(ctx, target.pool, target.client, routed.scope),
    externalProviders: await federatedProviders(ctx, target),
  };
  if (posted) await handlers.post(page, posted);
  else await handlers.get(page, url);
}

// The provider types Cognate federates with (src/federation, src/saml); the social providers' own
// protocols are not implemented, so their buttons would only lead to an error.
const FEDERATED_TYPES = new Set(["OIDC", "SAML"]);

/** The client's external providers a sign-in button can lead to, in the client's order. */
async function federatedProviders(ctx: OperationContext, { pool, client }: AuthorizeTarget): Promise<string[]> {
  const supported = ((client.config.SupportedIdentityProviders as string[] | undefined) ?? []).filter(
    (p) => p !== "COGNITO",
  );
  if (!supported.length) return [];
  const types = new Map((await allProviders(ctx, pool)).map((p) => [p.data.ProviderName, p.data.ProviderType]));
  return supported.filter((name) => FEDERATED_TYPES.has(types.get(name) ?? ""));
}
