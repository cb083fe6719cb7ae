import { confirmSignUp } from "../signUp/confirmSignUp.js";
import { resendConfirmationCode } from "../signUp/resendConfirmationCode.js";
import { text } from "./form.js";
import { ERROR_ID, errorMessage, field, form, hidden, html, link, notice, submit } from "./html.js";
import { usernameLabel } from "./loginPage.js";
import { isUserError, pageUrl, redirectTo, runOperation, show, type PageRequest } from "./page.js";
import { secretHashFor } from "./secretHash.js";
import { startSignIn } from "./signIn.js";

/**
 * /confirm: the sign-up confirmation code (ConfirmSignUp). Reached right after sign-up (with
 * the SignUp Session in a hidden field) or later from a link or a sign-in of an unconfirmed
 * user. A confirmed sign-up signs the user in at once (ConfirmSignUp's Session with USER_AUTH,
 * as Cognito's managed login does); without a session the user signs in on /login.
 */
interface ConfirmState {
  username?: string;
  session?: string;
  error?: string;
  notice?: string;
}

export function showConfirm(page: PageRequest, state: ConfirmState = {}, status = 200): void {
  const action = pageUrl(page, "/confirm");
  show(
    page,
    "Confirm your account",
    html`${notice(state.notice)}${errorMessage(state.error)}${form(
        action,
        page.csrf,
        html`${state.session ? hidden("session", state.session) : ""}${field({
          name: "username",
          label: usernameLabel(page.target.pool),
          autocomplete: "username",
          // Without a username, that is what the page (and any error) is about first.
          autofocus: !state.username,
          ...(state.username !== undefined ? { value: state.username } : {}),
          ...(state.error && !state.username ? { describedBy: ERROR_ID } : {}),
        })}${field({
          name: "code",
          label: "Code",
          autocomplete: "one-time-code",
          inputmode: "numeric",
          autofocus: !!state.username,
          ...(state.error && state.username ? { describedBy: ERROR_ID } : {}),
        })}${submit("Confirm", { name: "action", value: "confirm" })}${submit("Resend code", {
          name: "action",
          value: "resend",
          secondary: true,
        })}`,
      )}
      <div class="links"><p>${link(pageUrl(page, "/login"), "Back to sign in")}</p></div>`,
    status,
  );
}

/** A sign-in of an unconfirmed user: a fresh code, then this page (what Cognito's pages do). */
export async function showConfirmAfterResend(page: PageRequest, username: string): Promise<void> {
  try {
    const where = await resend(page, username);
    showConfirm(page, {
      username,
      notice: `Your account is not confirmed yet. We sent a code to ${where ?? "you"}.`,
    });
  } catch (thrown) {
    if (!isUserError(thrown)) throw thrown;
    showConfirm(page, { username, error: thrown.message }, 400);
  }
}

async function resend(page: PageRequest, username: string): Promise<string | undefined> {
  const { client } = page.target;
  const hash = secretHashFor(client, username);
  const sent = await runOperation(page.ctx, resendConfirmationCode, {
    ClientId: client.clientId,
    Username: username,
    ...(hash ? { SecretHash: hash } : {}),
  });
  return sent.CodeDeliveryDetails?.Destination;
}

export async function postConfirm(page: PageRequest, posted: Map<string, string>): Promise<void> {
  const username = text(posted, "username");
  const code = text(posted, "code");
  const session = text(posted, "session") || undefined;
  const keep = session ? { session } : {};
  if (!username) return showConfirm(page, { error: "Enter your username.", ...keep }, 400);
  try {
    if (text(posted, "action") === "resend") {
      const where = await resend(page, username);
      return showConfirm(page, { username, ...keep, notice: `We sent a new code to ${where ?? "you"}.` });
    }
    if (!code) return showConfirm(page, { username, ...keep, error: "Enter the code we sent you." }, 400);
    const { client } = page.target;
    const hash = secretHashFor(client, username);
    const confirmed = await runOperation(page.ctx, confirmSignUp, {
      ClientId: client.clientId,
      Username: username,
      ConfirmationCode: code,
      ...(hash ? { SecretHash: hash } : {}),
      ...keep,
    });
    if (!confirmed.Session) return redirectTo(page, "/login", { notice: "confirmed" });
    await startSignIn(page, username, "USER_AUTH", {}, confirmed.Session);
  } catch (thrown) {
    if (!isUserError(thrown)) throw thrown;
    showConfirm(page, { username, ...keep, error: thrown.message }, 400);
  }
}
