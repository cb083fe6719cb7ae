import type { AttributeType, SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { isCaseInsensitive } from "./lookup.js";

export type AliasAttribute = "email" | "phone_number" | "preferred_username";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;

export const isEmail = (value: string) => EMAIL.test(value);
export const isPhoneNumber = (value: string) => PHONE.test(value);

export const usernameAttributesOf = (pool: PoolRecord) =>
  (pool.config.UsernameAttributes as string[] | undefined) ?? [];
export const aliasAttributesOf = (pool: PoolRecord) => (pool.config.AliasAttributes as string[] | undefined) ?? [];

/** The pool's schema by attribute name. */
export function schemaOf(pool: PoolRecord): Map<string, SchemaAttributeType> {
  const schema = (pool.config.SchemaAttributes as SchemaAttributeType[] | undefined) ?? [];
  return new Map(schema.map((a) => [a.Name!, a]));
}

const nonConforming = (name: string, problem: string) =>
  errors.invalidParameter(`Attributes did not conform to the schema: ${name}: ${problem}`);

function checkValue(definition: SchemaAttributeType, name: string, value: string): void {
  if (name === "email" && value !== "" && !isEmail(value))
    throw errors.invalidParameter("Invalid email address format.");
  if (name === "phone_number" && value !== "" && !isPhoneNumber(value)) {
    throw errors.invalidParameter("Invalid phone number format.");
  }
  switch (definition.AttributeDataType) {
    case "Boolean":
      if (value !== "true" && value !== "false") throw nonConforming(name, "Value must be either true or false.");
      return;
    case "Number": {
      const number = Number(value);
      if (value.trim() === "" || !Number.isFinite(number)) throw nonConforming(name, "Value must be a number.");
      const { MinValue, MaxValue } = definition.NumberAttributeConstraints ?? {};
      if (MinValue !== undefined && number < Number(MinValue)) {
        throw nonConforming(name, `Number must be no less than ${MinValue}.`);
      }
      if (MaxValue !== undefined && number > Number(MaxValue)) {
        throw nonConforming(name, `Number must be no greater than ${MaxValue}.`);
      }
      return;
    }
    default: {
      const { MinLength, MaxLength } = definition.StringAttributeConstraints ?? {};
      if (MinLength !== undefined && value.length < Number(MinLength)) {
        throw nonConforming(name, `String must be at least ${MinLength} characters long.`);
      }
      if (MaxLength !== undefined && value.length > Number(MaxLength)) {
        throw nonConforming(name, `String must be no longer than ${MaxLength} characters.`);
      }
    }
  }
}

/**
 * Checks attributes a caller supplies against the pool's schema and returns them by name.
 * `sub` is never writable; on update, non-mutable attributes are rejected too.
 */
export function checkAttributes(
  pool: PoolRecord,
  attributes: readonly AttributeType[] | undefined,
  mode: "create" | "update",
): Record<string, string> {
  const schema = schemaOf(pool);
  const result: Record<string, string> = {};
  for (const { Name, Value } of attributes ?? []) {
    const name = Name!;
    const value = Value ?? "";
    const definition = schema.get(name);
    if (!definition) throw nonConforming(name, "Attribute does not exist in the schema.");
    if (name === "sub" || (mode === "update" && definition.Mutable === false)) {
      throw errors.invalidParameter(`Cannot modify the non-mutable attribute ${name}.`);
    }
    checkValue(definition, name, value);
    result[name] = value;
  }
  return result;
}

/**
 * Splits an update's attributes into values to write and names to delete: a blank value
 * deletes the attribute, under AdminDeleteUserAttributes' rules.
 */
export function checkUpdatedAttributes(
  pool: PoolRecord,
  attributes: readonly AttributeType[] | undefined,
): { changes: Record<string, string>; deletions: string[] } {
  const blank = (attribute: AttributeType) => (attribute.Value ?? "") === "";
  const deletions = (attributes ?? []).filter(blank).map((a) => a.Name!);
  checkDeletableAttributes(pool, deletions);
  const changes = checkAttributes(
    pool,
    (attributes ?? []).filter((a) => !blank(a)),
    "update",
  );
  return { changes, deletions };
}

/** A true email_verified (phone_number_verified) vouches for an address, so the address must be there. */
export function checkVerifiedFlags(attributes: Record<string, string>, flagsSet?: ReadonlySet<string>): void {
  for (const attribute of ["email", "phone_number"] as const) {
    const flag = verifiedFlag(attribute);
    if (flagsSet && !flagsSet.has(flag)) continue;
    if (attributes[flag] === "true" && !attributes[attribute]) {
      throw errors.invalidParameter(`${attribute} is required to set ${flag} to true.`);
    }
  }
}

/**
 * Required attributes (other than sub) the user lacks, all named in one InvalidParameterException;
 * then checkVerifiedFlags, as every new user's attributes need both.
 */
export function checkRequiredAttributes(pool: PoolRecord, attributes: Record<string, string>): void {
  const missing = [...schemaOf(pool)]
    .filter(([name, definition]) => definition.Required && name !== "sub" && !attributes[name])
    .map(([name]) => `${name}: The attribute is required`);
  if (missing.length) {
    throw errors.invalidParameter(`Attributes did not conform to the schema: ${missing.join("\n")}`);
  }
  checkVerifiedFlags(attributes);
}

const verifiedFlag = (attribute: "email" | "phone_number") => `${attribute}_verified` as const;

/**
 * Another user already holding one of `attributes`' sign-in identifiers: email/phone used
 * as username (any value), or an alias (verified email/phone, preferred_username).
 * With `force`, alias holders are demoted instead (their email/phone becomes unverified,
 * their preferred_username is removed) and the updated records are returned for saving.
 */
export async function checkAliasConflicts(
  ctx: OperationContext,
  pool: PoolRecord,
  attributes: Record<string, string>,
  self: { sub?: string; changed?: ReadonlySet<string> },
  force = false,
): Promise<UserRecord[]> {
  const usernameAttributes = usernameAttributesOf(pool);
  const aliasAttributes = aliasAttributesOf(pool);
  const ignoreCase = isCaseInsensitive(pool);
  // By sub, so a holder losing two aliases is saved once with both changes.
  const demoted = new Map<string, UserRecord>();
  for (const attribute of ["email", "phone_number", "preferred_username"] as const) {
    const value = attributes[attribute];
    if (!value) continue;
    const asUsername = usernameAttributes.includes(attribute);
    const asAlias = aliasAttributes.includes(attribute);
    if (!asUsername && !asAlias) continue;
    const flag = attribute === "preferred_username" ? undefined : verifiedFlag(attribute);
    // An unverified email or phone is no alias, so it can collide with nothing.
    if (!asUsername && flag && attributes[flag] !== "true") continue;
    if (self.changed && !self.changed.has(attribute) && !(flag && self.changed.has(flag))) continue;
    const holders = (await ctx.store.users.findByAttribute(pool.id, attribute, value, { ignoreCase })).filter(
      (u) => u.sub !== self.sub && (asUsername || !flag || u.attributes[flag] === "true"),
    );
    if (holders.length === 0) continue;
    if (!force || asUsername) {
      // Cognito's wording ("the email", "the phone_number"); "the given" is UsernameExistsException's.
      throw errors.aliasExists(`An account with the ${attribute} already exists.`);
    }
    for (const found of holders) {
      const holder = demoted.get(found.sub) ?? found;
      const attributesOfHolder = { ...holder.attributes };
      if (flag) attributesOfHolder[flag] = "false";
      else delete attributesOfHolder[attribute];
      demoted.set(found.sub, { ...holder, attributes: attributesOfHolder, updatedAt: ctx.now });
    }
  }
  return [...demoted.values()];
}

/** Names a caller may delete: known to the schema, writable, and not required. */
export function checkDeletableAttributes(pool: PoolRecord, names: readonly string[]): void {
  const schema = schemaOf(pool);
  for (const name of names) {
    const definition = schema.get(name);
    if (!definition) throw nonConforming(name, "Attribute does not exist in the schema.");
    if (name === "sub" || definition.Mutable === false) {
      throw errors.invalidParameter(`Cannot modify the non-mutable attribute ${name}.`);
    }
    if (definition.Required) throw nonConforming(name, "The attribute is required");
  }
}

/**
 * The user without the named attributes (checked with checkDeletableAttributes): a value
 * awaiting verification goes with its attribute, and so does the verified flag of an address.
 */
export function withoutAttributes(user: UserRecord, names: readonly string[]): UserRecord {
  const attributes = { ...user.attributes };
  const pending = { ...(user.pendingAttributes ?? {}) };
  for (const name of names) {
    delete attributes[name];
    delete pending[name];
    if (name === "email" || name === "phone_number") delete attributes[`${name}_verified`];
  }
  const updated: UserRecord = { ...user, attributes };
  if (Object.keys(pending).length) updated.pendingAttributes = pending;
  else delete updated.pendingAttributes;
  return updated;
}
