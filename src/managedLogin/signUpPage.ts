import { ResourceKind } from "../storage/kinds.js";
import type { TermsData } from "../branding/terms/wire.js";
import { listAll } from "../branding/lookup.js";
import { signUp } from "../signUp/signUp.js";
import { schemaOf, usernameAttributesOf } from "../users/attributes.js";
import type { PoolRecord } from "../storage/types.js";
import { attributeLabel } from "./challengePage.js";
import { showConfirm } from "./confirmPage.js";
import { raw, text } from "./form.js";
import { ERROR_ID, errorMessage, field, form, html, link, paragraph, submit, type Html } from "./html.js";
import { allowsSelfSignUp, usernameLabel } from "./loginPage.js";
import { isUserError, pageUrl, runOperation, show, type PageRequest } from "./page.js";
import { secretHashFor } from "./secretHash.js";
import { startSignIn } from "./signIn.js";

/**
 * The attributes the sign-up form asks for besides username and password: those the pool
 * requires, and the addresses it verifies (so that a code can be sent), minus the one that is
 * the username.
 */
function signUpAttributes(pool: PoolRecord): { name: string; required: boolean }[] {
  const asUsername = new Set(usernameAttributesOf(pool));
  const verified = new Set((pool.config.AutoVerifiedAttributes as string[] | undefined) ?? []);
  const out: { name: string; required: boolean }[] = [];
  for (const [name, attribute] of schemaOf(pool)) {
    if (name === "sub" || asUsername.has(name)) continue;
    if (attribute.Required || verified.has(name)) out.push({ name, required: attribute.Required === true });
  }
  return out;
}

const inputType = (name: string) => (name === "email" ? "email" : name === "phone_number" ? "tel" : "text");
const autocompleteOf: Record<string, string> = {
  email: "email",
  phone_number: "tel",
  name: "name",
  given_name: "given-name",
  family_name: "family-name",
  nickname: "nickname",
  birthdate: "bday",
  locale: "language",
  address: "street-address",
  website: "url",
};

interface SignUpState {
  error?: string;
  values?: Map<string, string>;
}

/** Links to the terms of use and privacy policy the pool assigned to this client (https only). */
async function termsNotice(page: PageRequest): Promise<Html | undefined> {
  const all = await listAll<TermsData>(page.ctx, ResourceKind.terms, page.target.pool.id);
  const links: Html[] = [];
  for (const terms of all.filter((t) => t.data.ClientId === page.target.client.clientId)) {
    const byLanguage = terms.data.Links ?? {};
    const url = byLanguage["cognito:english"] ?? byLanguage["cognito:default"] ?? Object.values(byLanguage)[0];
    if (!url || !/^https:\/\//i.test(url)) continue;
    const name = terms.data.TermsName === "privacy-policy" ? "Privacy policy" : "Terms of use";
    links.push(link(url, name, "legalText-customizable"));
  }
  if (!links.length) return undefined;
  const joined = links.map((l, i) => html`${i ? " and " : ""}${l}`);
  return html`<p class="legalText-customizable">By signing up, you agree to the ${joined}.</p>`;
}

export async function showSignUp(page: PageRequest, state: SignUpState = {}, status = 200): Promise<void> {
  const { pool } = page.target;
  if (!allowsSelfSignUp(pool)) return showSignUpClosed(page);
  const value = (name: string) => state.values?.get(name);
  const described = state.error ? { describedBy: ERROR_ID } : {};
  const usernameIsEmail = usernameAttributesOf(pool).length === 1 && usernameAttributesOf(pool)[0] === "email";
  const attributeFields = signUpAttributes(pool).map(({ name, required }) =>
    field({
      name: `attr.${name}`,
      label: attributeLabel(name),
      type: inputType(name),
      required,
      ...(autocompleteOf[name] ? { autocomplete: autocompleteOf[name] } : {}),
      ...(value(`attr.${name}`) !== undefined ? { value: value(`attr.${name}`)! } : {}),
    }),
  );
  show(
    page,
    "Sign up",
    html`${errorMessage(state.error)}${form(
        pageUrl(page, "/signup"),
        page.csrf,
        html`${field({
          name: "username",
          label: usernameLabel(pool),
          type: usernameIsEmail ? "email" : "text",
          autocomplete: usernameIsEmail ? "email" : "username",
          autofocus: true,
          ...(value("username") !== undefined ? { value: value("username")! } : {}),
          ...described,
        })}${attributeFields}${field({
          name: "password",
          label: "Password",
          type: "password",
          autocomplete: "new-password",
          ...described,
        })}${await termsNotice(page)}${submit("Sign up")}`,
      )}
      <div class="links">
        <p>
          <span class="textDescription-customizable">Already have an account?</span> ${link(
            pageUrl(page, "/login"),
            "Sign in",
          )}
        </p>
      </div>`,
    status,
  );
}

function showSignUpClosed(page: PageRequest): void {
  show(
    page,
    "Sign-up is not available",
    html`${paragraph("Accounts for this app are created by an administrator.")}
      <div class="links"><p>${link(pageUrl(page, "/login"), "Back to sign in")}</p></div>`,
    403,
  );
}

/** POST /signup: SignUp, then the confirmation code page, or straight back to the app when confirmed already. */
export async function postSignUp(page: PageRequest, posted: Map<string, string>): Promise<void> {
  const { pool, client } = page.target;
  if (!allowsSelfSignUp(pool)) return showSignUpClosed(page);
  const username = text(posted, "username");
  const password = raw(posted, "password");
  if (!username || !password) {
    return showSignUp(
      page,
      { error: `Enter your ${usernameLabel(pool).toLowerCase()} and a password.`, values: posted },
      400,
    );
  }
  const attributes = signUpAttributes(pool)
    .map(({ name }) => ({ Name: name, Value: text(posted, `attr.${name}`) }))
    .filter((a) => a.Value !== "");
  const hash = secretHashFor(client, username);
  try {
    const result = await runOperation(page.ctx, signUp, {
      ClientId: client.clientId,
      Username: username,
      Password: password,
      UserAttributes: attributes,
      ...(hash ? { SecretHash: hash } : {}),
    });
    // A PreSignUp trigger may confirm the user at once: its Session signs them in.
    if (result.UserConfirmed && result.Session) {
      return await startSignIn(page, username, "USER_AUTH", {}, result.Session);
    }
    const where = result.CodeDeliveryDetails?.Destination;
    showConfirm(page, {
      username,
      ...(result.Session ? { session: result.Session } : {}),
      notice: where ? `We sent a code to ${where}. Enter it to confirm your account.` : "Enter the code we sent you.",
    });
  } catch (thrown) {
    if (!isUserError(thrown)) throw thrown;
    showSignUp(page, { error: thrown.message, values: posted }, 400);
  }
}
