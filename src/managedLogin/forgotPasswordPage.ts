import { confirmForgotPassword } from "../passwordRecovery/confirmForgotPassword.js";
import { forgotPassword } from "../passwordRecovery/forgotPassword.js";
import { raw, text } from "./form.js";
import { ERROR_ID, errorMessage, field, form, html, link, notice, paragraph, submit } from "./html.js";
import { usernameLabel } from "./loginPage.js";
import { isUserError, pageUrl, redirectTo, runOperation, show, type PageRequest } from "./page.js";
import { secretHashFor } from "./secretHash.js";

/** /forgotPassword asks for the username and sends a code (ForgotPassword); /confirmForgotPassword takes it with the new password. */
export function showForgotPassword(page: PageRequest, state: { error?: string; username?: string } = {}, status = 200) {
  show(
    page,
    "Forgot your password?",
    html`${errorMessage(state.error)}${paragraph(
        "Enter your username and we will send you a code to reset your password.",
      )}${form(
        pageUrl(page, "/forgotPassword"),
        page.csrf,
        html`${field({
          name: "username",
          label: usernameLabel(page.target.pool),
          autocomplete: "username",
          autofocus: true,
          ...(state.username !== undefined ? { value: state.username } : {}),
          ...(state.error ? { describedBy: ERROR_ID } : {}),
        })}${submit("Send code")}`,
      )}
      <div class="links"><p>${link(pageUrl(page, "/login"), "Back to sign in")}</p></div>`,
    status,
  );
}

export async function postForgotPassword(page: PageRequest, posted: Map<string, string>): Promise<void> {
  const username = text(posted, "username");
  if (!username) return showForgotPassword(page, { error: "Enter your username." }, 400);
  try {
    await showCodeSent(page, username);
  } catch (thrown) {
    if (!isUserError(thrown)) throw thrown;
    showForgotPassword(page, { error: thrown.message, username }, 400);
  }
}

/** Sends the reset code (ForgotPassword) and shows where it went, with the form that takes it. */
export async function showCodeSent(page: PageRequest, username: string): Promise<void> {
  const { client } = page.target;
  const hash = secretHashFor(client, username);
  const sent = await runOperation(page.ctx, forgotPassword, {
    ClientId: client.clientId,
    Username: username,
    ...(hash ? { SecretHash: hash } : {}),
  });
  const where = sent.CodeDeliveryDetails?.Destination;
  showConfirmForgotPassword(page, {
    username,
    notice: where ? `We sent a code to ${where}.` : "We sent you a code.",
  });
}

interface ConfirmState {
  username?: string;
  error?: string;
  notice?: string;
}

export function showConfirmForgotPassword(page: PageRequest, state: ConfirmState = {}, status = 200): void {
  const described = state.error ? { describedBy: ERROR_ID } : {};
  show(
    page,
    "Reset your password",
    html`${notice(state.notice)}${errorMessage(state.error)}${form(
        pageUrl(page, "/confirmForgotPassword"),
        page.csrf,
        html`${field({
          name: "username",
          label: usernameLabel(page.target.pool),
          autocomplete: "username",
          ...(state.username !== undefined ? { value: state.username } : {}),
        })}${field({
          name: "code",
          label: "Code",
          autocomplete: "one-time-code",
          inputmode: "numeric",
          autofocus: true,
          ...described,
        })}${field({
          name: "password",
          label: "New password",
          type: "password",
          autocomplete: "new-password",
          ...described,
        })}${submit("Reset password")}`,
      )}
      <div class="links"><p>${link(pageUrl(page, "/forgotPassword"), "Send a new code")}</p></div>`,
    status,
  );
}

export async function postConfirmForgotPassword(page: PageRequest, posted: Map<string, string>): Promise<void> {
  const username = text(posted, "username");
  const code = text(posted, "code");
  const password = raw(posted, "password");
  if (!username || !code || !password) {
    return showConfirmForgotPassword(
      page,
      { username, error: "Enter your username, the code and a new password." },
      400,
    );
  }
  const { client } = page.target;
  const hash = secretHashFor(client, username);
  try {
    await runOperation(page.ctx, confirmForgotPassword, {
      ClientId: client.clientId,
      Username: username,
      ConfirmationCode: code,
      Password: password,
      ...(hash ? { SecretHash: hash } : {}),
    });
  } catch (thrown) {
    if (!isUserError(thrown)) throw thrown;
    return showConfirmForgotPassword(page, { username, error: thrown.message }, 400);
  }
  redirectTo(page, "/login", { notice: "passwordReset" });
}
