import { newSub } from "../common/ids.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import { aliasAttributesOf, isEmail, isPhoneNumber, usernameAttributesOf } from "./attributes.js";
import { isCaseInsensitive, usernameKey } from "./lookup.js";

/** Who a new user (SignUp, AdminCreateUser) is: the stored username, the sub, and their attributes. */
export interface NewUserName {
  username: string;
  sub: string;
  /** In pools that sign in with email or phone: which of them the requested name was. */
  signInAttribute?: "email" | "phone_number";
  /** The given attributes plus sub (and the sign-in attribute). */
  attributes: Record<string, string>;
}

/**
 * Resolves the requested name against the pool's username configuration. Where users sign in
 * with email or phone, that name becomes the attribute and the stored username is the sub;
 * where email or phone are aliases, a name shaped like one is refused (it would be ambiguous).
 */
export function nameNewUser(pool: PoolRecord, requested: string, given: Record<string, string>): NewUserName {
  const sub = newSub();
  const usernameAttributes = usernameAttributesOf(pool);
  if (usernameAttributes.length) {
    const signInAttribute = usernameAttributeFor(usernameAttributes, requested);
    return { username: sub, sub, signInAttribute, attributes: { sub, ...given, [signInAttribute]: requested } };
  }
  const aliases = aliasAttributesOf(pool);
  if (aliases.includes("email") && isEmail(requested)) {
    throw errors.invalidParameter("Username cannot be of email format, since user pool is configured for email alias.");
  }
  if (aliases.includes("phone_number") && isPhoneNumber(requested)) {
    throw errors.invalidParameter(
      "Username cannot be of phone number format, since user pool is configured for phone number alias.",
    );
  }
  return { username: requested, sub, attributes: { sub, ...given } };
}

function usernameAttributeFor(allowed: string[], username: string): "email" | "phone_number" {
  const email = allowed.includes("email");
  const phone = allowed.includes("phone_number");
  if (email && isEmail(username)) return "email";
  if (phone && isPhoneNumber(username)) return "phone_number";
  if (email && phone) throw errors.invalidParameter("Username should be either an email or a phone number.");
  if (email) throw errors.invalidParameter("Username should be an email.");
  throw errors.invalidParameter("Username should be a phone number.");
}

/**
 * Inside the creating transaction: nobody holds the username, nor the email or phone a pool
 * signs in with. `existsMessage` is the operation's own wording for a taken username.
 */
export async function checkNameFree(
  ctx: OperationContext,
  pool: PoolRecord,
  name: NewUserName,
  existsMessage: string,
): Promise<void> {
  if (await ctx.store.users.get(pool.id, usernameKey(pool, name.username))) throw errors.usernameExists(existsMessage);
  if (name.signInAttribute) {
    const value = name.attributes[name.signInAttribute]!;
    const holders = await ctx.store.users.findByAttribute(pool.id, name.signInAttribute, value, {
      ignoreCase: isCaseInsensitive(pool),
    });
    if (holders.length) {
      throw errors.usernameExists(`An account with the given ${name.signInAttribute} already exists.`);
    }
  }
}
