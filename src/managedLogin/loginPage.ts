import { CognitoError } from "../protocol/errors.js";
import { allowedFirstAuthFactors } from "../pools/signInPolicy.js";
import { authorizeQuery } from "../oauth/authorizeRequest.js";
import type { PoolRecord } from "../storage/types.js";
import { showConfirmAfterResend } from "./confirmPage.js";
import { showCodeSent } from "./forgotPasswordPage.js";
import { raw, text } from "./form.js";
import { ERROR_ID, errorMessage, field, form, html, link, notice, submit } from "./html.js";
import { isUserError, pageUrl, show, type PageRequest } from "./page.js";
import { startSignIn } from "./signIn.js";

/** Fixed confirmations another page can ask /login to show (?notice=…); nothing of the URL is echoed. */
const NOTICES: Record<string, string> = {
  passwordReset: "Your password has been reset. Sign in with your new password.",
  confirmed: "Your account is confirmed. Sign in to continue.",
};

/** Who may sign up on the pages: pools that do not reserve user creation to administrators. */
export const allowsSelfSignUp = (pool: PoolRecord) =>
  (pool.config.AdminCreateUserConfig as { AllowAdminCreateUserOnly?: boolean } | undefined)
    ?.AllowAdminCreateUserOnly !== true;

/** "Email" where users sign in with their address, "Username" otherwise (aliases included). */
export function usernameLabel(pool: PoolRecord): string {
  const attributes = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  if (attributes.length === 1 && attributes[0] === "email") return "Email";
  if (attributes.length === 1 && attributes[0] === "phone_number") return "Phone number";
  if (attributes.length === 2) return "Email or phone number";
  return "Username";
}

/** Choice-based sign-in (USER_AUTH) with a factor: the client allows USER_AUTH and the pool allows the factor first. */
function offersFactor(page: PageRequest, factor: "EMAIL_OTP" | "WEB_AUTHN"): boolean {
  const flows = (page.target.client.config.ExplicitAuthFlows as string[] | undefined) ?? [];
  return flows.includes("ALLOW_USER_AUTH") && allowedFirstAuthFactors(page.target.pool).includes(factor);
}
const offersEmailCode = (page: PageRequest) => offersFactor(page, "EMAIL_OTP");
const offersPasskey = (page: PageRequest) => offersFactor(page, "WEB_AUTHN");

interface LoginState {
  error?: string;
  notice?: string;
  username?: string;
}

export function showLogin(page: PageRequest, state: LoginState = {}, status = 200): void {
  const { pool, client, request } = page.target;
  const providers = (client.config.SupportedIdentityProviders as string[] | undefined) ?? [];
  const external = page.externalProviders;
  // A client that lists providers but not COGNITO signs in through them only.
  const withPassword = providers.length === 0 || providers.includes("COGNITO");
  const described = state.error ? { describedBy: ERROR_ID } : {};

  const idpButtons = external.map((name) => {
    const q = authorizeQuery(request);
    q.set("identity_provider", name);
    return html`${link(`${page.scope.base}/oauth2/authorize?${q}`, `Continue with ${name}`, "idpButton-customizable")}`;
  });
  const passwordForm = withPassword
    ? form(
        pageUrl(page, "/login"),
        page.csrf,
        html`${field({
          name: "username",
          label: usernameLabel(pool),
          autocomplete: "username",
          autofocus: !state.username,
          ...(state.username !== undefined ? { value: state.username } : {}),
          ...described,
        })}${field({
          name: "password",
          label: "Password",
          type: "password",
          autocomplete: "current-password",
          required: false,
          autofocus: !!state.username,
          ...described,
        })}${submit("Sign in", { name: "action", value: "password" })}${offersEmailCode(page)
          ? submit("Sign in with email code", { name: "action", value: "emailCode", secondary: true })
          : ""}${offersPasskey(page)
          ? submit("Sign in with passkey", { name: "action", value: "passkey", secondary: true })
          : ""}`,
      )
    : undefined;
  const links = withPassword
    ? html`<div class="links">
        <p>${link(pageUrl(page, "/forgotPassword"), "Forgot your password?")}</p>
        ${allowsSelfSignUp(pool)
          ? html`<p>
              <span class="textDescription-customizable">Need an account?</span> ${link(
                pageUrl(page, "/signup"),
                "Sign up",
              )}
            </p>`
          : ""}
      </div>`
    : undefined;
  show(
    page,
    "Sign in",
    html`${notice(state.notice)}${errorMessage(state.error)}${idpButtons.length
      ? html`<div class="idps">${idpButtons}</div>
          ${withPassword ? html`<p class="divider">or</p>` : ""}`
      : ""}${passwordForm}${links}`,
    status,
  );
}

export function getLogin(page: PageRequest, url: URL): void {
  const code = url.searchParams.get("notice") ?? "";
  showLogin(page, Object.hasOwn(NOTICES, code) ? { notice: NOTICES[code]! } : {});
}

/** POST /login: the password, or the username only for an email code or a passkey. */
export async function postLogin(page: PageRequest, posted: Map<string, string>): Promise<void> {
  const username = text(posted, "username");
  const password = raw(posted, "password");
  const action = text(posted, "action");
  // Without a password: a one-time code or a passkey (USER_AUTH with that PREFERRED_CHALLENGE).
  const factor =
    action === "emailCode" && offersEmailCode(page)
      ? "EMAIL_OTP"
      : action === "passkey" && offersPasskey(page)
        ? "WEB_AUTHN"
        : undefined;
  if (!username || (!factor && !password)) {
    return showLogin(
      page,
      { error: factor ? "Enter your username." : "Enter your username and password.", username },
      400,
    );
  }
  try {
    if (factor) await startSignIn(page, username, "USER_AUTH", { PREFERRED_CHALLENGE: factor });
    else await startSignIn(page, username, "USER_PASSWORD_AUTH", { PASSWORD: password });
  } catch (thrown) {
    if (!isUserError(thrown)) throw thrown;
    // As Cognito's pages do: an unconfirmed user confirms first, a user whose password was reset sets a new one.
    if (thrown instanceof CognitoError && thrown.type === "UserNotConfirmedException") {
      return showConfirmAfterResend(page, username);
    }
    if (thrown instanceof CognitoError && thrown.type === "PasswordResetRequiredException") {
      return showCodeSent(page, username);
    }
    showLogin(page, { error: thrown.message, username }, 400);
  }
}
