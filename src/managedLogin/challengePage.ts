import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { respond } from "../auth/challenges.js";
import { associateSoftwareToken } from "../mfa/associateSoftwareToken.js";
import { verifySoftwareToken } from "../mfa/verifySoftwareToken.js";
import {
  ERROR_ID,
  errorMessage,
  field,
  form,
  hidden,
  html,
  jsonForScript,
  link,
  paragraph,
  submit,
  type Html,
} from "./html.js";
import { PASSKEY_SCRIPT } from "./passkeyScript.js";
import { raw, text } from "./form.js";
import { isUserError, pageUrl, redirectTo, runOperation, show, type PageRequest } from "./page.js";
import { withSecretHash } from "./secretHash.js";
import { continueSignIn } from "./signIn.js";

/**
 * The steps of a sign-in after the password (POST /mfa): MFA codes (authenticator app, SMS,
 * email), choosing an MFA type, setting up an authenticator app (MFA_SETUP) and the new
 * password an administrator-created user must choose (NEW_PASSWORD_REQUIRED). The challenge,
 * its Session and the username travel in hidden fields; the Session is checked server-side,
 * so a tampered field only fails the sign-in.
 */
export interface ChallengeStep {
  challenge: ChallengeNameType;
  session: string;
  /** The name the user typed: challenge answers carry it as USERNAME. */
  username: string;
  parameters: Record<string, string>;
  /** MFA_SETUP: the authenticator secret already associated with this session. */
  secret?: string;
}

const CODE_ANSWER: Partial<Record<ChallengeNameType, string>> = {
  SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN_MFA_CODE",
  SMS_MFA: "SMS_MFA_CODE",
  EMAIL_OTP: "EMAIL_OTP_CODE",
  SMS_OTP: "SMS_OTP_CODE",
};

const ANSWERED = new Set<string>([
  ...Object.keys(CODE_ANSWER),
  "SELECT_MFA_TYPE",
  "MFA_SETUP",
  "NEW_PASSWORD_REQUIRED",
  "WEB_AUTHN",
]);

const MFA_NAMES: Record<string, string> = {
  SOFTWARE_TOKEN_MFA: "Authenticator app",
  SMS_MFA: "Text message (SMS)",
  EMAIL_OTP: "Email",
};

const parseList = (json: string | undefined): string[] => {
  try {
    const value: unknown = JSON.parse(json ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
};

/** Renders the page for a challenge; MFA_SETUP first associates an authenticator secret with the session. */
export async function showChallenge(page: PageRequest, step: ChallengeStep, error?: string): Promise<void> {
  if (step.challenge === "MFA_SETUP" && !step.secret && canSetUpTotp(step)) {
    const associated = await runOperation(page.ctx, associateSoftwareToken, { Session: step.session });
    step = { ...step, secret: associated.SecretCode!, session: associated.Session ?? step.session };
  }
  const { title, content, script } = challengeContent(page, step, error);
  const fields = html`${hidden("challenge", step.challenge)}${hidden("session", step.session)}${hidden(
    "username",
    step.username,
  )}${step.secret ? hidden("secret", step.secret) : ""}${hidden("parameters", JSON.stringify(step.parameters))}`;
  show(
    page,
    title,
    html`${errorMessage(error)}${form(pageUrl(page, "/mfa"), page.csrf, html`${fields}${content}`)}`,
    // A step shown again after a wrong answer is a refusal, as the other pages answer theirs.
    error ? 400 : 200,
    script,
  );
}

const canSetUpTotp = (step: ChallengeStep) => parseList(step.parameters.MFAS_CAN_SETUP).includes("SOFTWARE_TOKEN_MFA");

function codeField(error: string | undefined): Html {
  return field({
    name: "code",
    label: "Code",
    autocomplete: "one-time-code",
    inputmode: "numeric",
    autofocus: true,
    ...(error ? { describedBy: ERROR_ID } : {}),
  });
}

function challengeContent(
  page: PageRequest,
  step: ChallengeStep,
  error: string | undefined,
): { title: string; content: Html; script?: string } {
  const p = step.parameters;
  switch (step.challenge) {
    case "SOFTWARE_TOKEN_MFA":
      return {
        title: "Enter your authentication code",
        content: html`${paragraph("Enter the code from your authenticator app.")}${codeField(error)}${submit("Sign in")}`,
      };
    case "SMS_MFA":
    case "EMAIL_OTP":
    case "SMS_OTP": {
      const where = p.CODE_DELIVERY_DESTINATION;
      const medium = p.CODE_DELIVERY_DELIVERY_MEDIUM === "EMAIL" ? "email" : "text message";
      return {
        title: "Enter your code",
        content: html`${paragraph(
          where ? `We sent a code by ${medium} to ${where}.` : `We sent you a code by ${medium}.`,
        )}${codeField(error)}${submit("Sign in")}`,
      };
    }
    case "SELECT_MFA_TYPE": {
      const choices = parseList(p.MFAS_CAN_CHOOSE);
      const radios = choices.map(
        (c, i) =>
          html`<div class="choice">
            <input type="radio" id="mfa-${i}" name="answer" value="${c}" ${i === 0 ? html` checked` : ""} /><label
              class="label-customizable"
              for="mfa-${i}"
              >${MFA_NAMES[c] ?? c}</label
            >
          </div>`,
      );
      return {
        title: "Choose how to verify",
        content: html`<fieldset class="choices">
            <legend class="textDescription-customizable">Verify your sign-in with</legend>
            ${radios}
          </fieldset>
          ${submit("Continue")}`,
      };
    }
    case "MFA_SETUP": {
      if (step.secret) {
        const issuer = page.target.pool.name;
        const uri = `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(step.username)}?secret=${
          step.secret
        }&issuer=${encodeURIComponent(issuer)}`;
        return {
          title: "Set up an authenticator app",
          content: html`${paragraph(
              "Add this account to your authenticator app with the secret key below, then enter the code it shows.",
            )}
            <p class="label-customizable">Secret key</p>
            <p class="secret" id="totp-secret">${step.secret}</p>
            <p class="label-customizable">Setup URI</p>
            <p class="secret" id="totp-uri">${uri}</p>
            ${codeField(error)}${submit("Confirm")}`,
        };
      }
      // Email MFA is the only method to set up: the code goes to the address given here.
      return {
        title: "Set up email verification",
        content: html`${paragraph("Enter the email address that will receive your sign-in codes.")}${field({
          name: "email",
          label: "Email",
          type: "email",
          autocomplete: "email",
          ...(error ? { describedBy: ERROR_ID } : {}),
        })}${submit("Send code")}`,
      };
    }
    case "NEW_PASSWORD_REQUIRED": {
      const required = parseList(p.requiredAttributes).map((a) => a.replace(/^userAttributes\./, ""));
      const attributeFields = required.map((name) =>
        field({
          name: `attr.${name}`,
          label: attributeLabel(name),
          type: name === "email" ? "email" : name === "phone_number" ? "tel" : "text",
        }),
      );
      return {
        title: "Change your password",
        content: html`${paragraph("You must choose a new password to continue.")}${field({
          name: "newPassword",
          label: "New password",
          type: "password",
          autocomplete: "new-password",
          autofocus: true,
          ...(error ? { describedBy: ERROR_ID } : {}),
        })}${attributeFields}${submit("Change password")}`,
      };
    }
    case "WEB_AUTHN": {
      let options: unknown = {};
      try {
        options = JSON.parse(p.CREDENTIAL_REQUEST_OPTIONS ?? "{}");
      } catch {
        // Left empty: the browser then refuses, and the page says so.
      }
      return {
        title: "Sign in with a passkey",
        content: html`${paragraph("Use the passkey saved on this device or your security key.")}
          <input type="hidden" name="credential" id="passkey-credential" value="" />
          <script type="application/json" id="passkey-options">
            ${jsonForScript(options)}
          </script>
          <p id="passkey-error" class="errorMessage-customizable error" role="alert" hidden>
            The passkey could not be used. Try again, or sign in with your password.
          </p>
          <button type="button" id="passkey-start" class="submitButton-customizable primaryButton">
            Sign in with passkey
          </button>
          <p class="links">${link(pageUrl(page, "/login"), "Sign in another way")}</p>`,
        script: PASSKEY_SCRIPT,
      };
    }
    case "SELECT_CHALLENGE":
      // USER_AUTH asked for a factor (email code, passkey) the account does not have.
      return {
        title: "Sign in with your password",
        content: html`${paragraph("This way of signing in is not available for this account.")}
          <p class="links">${link(pageUrl(page, "/login"), "Sign in with your password")}</p>`,
      };
    default:
      return {
        title: "Sign-in step not available",
        content: paragraph("This sign-in step is not supported by these pages. Sign in from the app instead."),
      };
  }
}

/** Attribute names as labels: given_name → Given name. */
export function attributeLabel(name: string): string {
  const plain = name.replace(/^custom:/, "").replace(/_/g, " ");
  return plain.charAt(0).toUpperCase() + plain.slice(1);
}

/** POST /mfa: answers the step with respond (as RespondToAuthChallenge would) and carries on. */
export async function answerChallenge(page: PageRequest, posted: Map<string, string>): Promise<void> {
  let parameters: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(raw(posted, "parameters") || "{}");
    if (parsed && typeof parsed === "object")
      parameters = Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).filter(
          (e): e is [string, string] => typeof e[1] === "string",
        ),
      );
  } catch {
    // A mangled field only loses the page's wording (e.g. where a code went).
  }
  const challenge = text(posted, "challenge");
  // Only the steps these pages draw are answered here (the session is checked against it too).
  if (!ANSWERED.has(challenge)) return redirectTo(page, "/login");
  const secret = text(posted, "secret");
  const step: ChallengeStep = {
    challenge: challenge as ChallengeNameType,
    session: text(posted, "session"),
    username: text(posted, "username"),
    parameters,
    ...(secret ? { secret } : {}),
  };
  const { ctx, target } = page;
  ctx.hostedUi = {};
  try {
    const responses: Record<string, string> = { USERNAME: step.username };
    let session = step.session;
    const codeAnswer = CODE_ANSWER[step.challenge];
    if (codeAnswer) responses[codeAnswer] = text(posted, "code");
    else if (step.challenge === "WEB_AUTHN") responses.CREDENTIAL = raw(posted, "credential");
    else if (step.challenge === "SELECT_MFA_TYPE") responses.ANSWER = text(posted, "answer");
    else if (step.challenge === "NEW_PASSWORD_REQUIRED") {
      responses.NEW_PASSWORD = raw(posted, "newPassword");
      for (const [name, value] of posted) {
        if (name.startsWith("attr.") && value.trim()) responses[`userAttributes.${name.slice(5)}`] = value.trim();
      }
    } else if (step.challenge === "MFA_SETUP") {
      if (step.secret) {
        const verified = await runOperation(ctx, verifySoftwareToken, {
          Session: session,
          UserCode: text(posted, "code"),
        });
        session = verified.Session ?? session;
        // The verification spent the posted session: a failure after this must start from the new one.
        step.session = session;
      } else responses.EMAIL = text(posted, "email");
    }
    const outcome = await respond(
      ctx,
      target.pool,
      target.client,
      step.challenge,
      session,
      withSecretHash(target.client, step.username, responses),
    );
    await continueSignIn(page, outcome, step.username);
  } catch (thrown) {
    if (!isUserError(thrown)) throw thrown;
    // A spent or expired session cannot be answered again (a refused passkey spends it): back to the start.
    const passkey = step.challenge === "WEB_AUTHN";
    if (passkey || (/session/i.test(thrown.message) && thrown.type === "NotAuthorizedException")) {
      return show(
        page,
        passkey ? "Passkey not accepted" : "Sign-in expired",
        html`${errorMessage(
            passkey
              ? "The passkey was not accepted. Sign in again."
              : "Your sign-in session has expired. Sign in again.",
          )}
          <p class="links">${link(pageUrl(page, "/login"), "Back to sign in")}</p>`,
        400,
      );
    }
    await showChallenge(page, step, thrown.message);
  }
}
