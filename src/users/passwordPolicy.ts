import { randomInt } from "node:crypto";
import type { PasswordPolicyType } from "@aws-sdk/client-cognito-identity-provider";
import { DEFAULT_PASSWORD_POLICY } from "../pools/settings.js";
import { errors } from "../protocol/errors.js";
import type { PoolRecord } from "../storage/types.js";

/** The special characters Cognito counts as symbols. */
const SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER = "abcdefghijkmnopqrstuvwxyz";
const DIGITS = "23456789";
const GENERATED_SYMBOLS = "^$*.!@#%&";

export function passwordPolicy(pool: PoolRecord): PasswordPolicyType {
  const policies = pool.config.Policies as { PasswordPolicy?: PasswordPolicyType } | undefined;
  return { ...DEFAULT_PASSWORD_POLICY, ...policies?.PasswordPolicy };
}

const fail = (reason: string) => errors.invalidPassword(`Password did not conform with policy: ${reason}`);

/** Throws InvalidPasswordException with Cognito's wording for the first rule the password breaks. */
export function checkPasswordPolicy(pool: PoolRecord, password: string): void {
  const policy = passwordPolicy(pool);
  if (password.length < (policy.MinimumLength ?? 8)) throw fail("Password not long enough");
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) throw fail("Password must have uppercase characters");
  if (policy.RequireLowercase && !/[a-z]/.test(password)) throw fail("Password must have lowercase characters");
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail("Password must have numeric characters");
  if (policy.RequireSymbols && ![...password].some((c) => SYMBOLS.includes(c))) {
    throw fail("Password must have symbol characters");
  }
}

const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)];

/**
 * Length of generated temporary passwords unless the policy asks for more. Cognito documents
 * no length; this one makes them unguessable, which lets them be stored with a cheap hash
 * (users/password.ts): one character of each class (log2(24·25·8·9) ≈ 15.4 bits) and 20 from
 * all 66 (20·log2(66) ≈ 120.9 bits) are at least 136 random bits.
 */
const GENERATED_LENGTH = 24;

/** A random temporary password that satisfies the pool's policy whatever it requires. */
export function generateTemporaryPassword(pool: PoolRecord): string {
  const length = Math.max(passwordPolicy(pool).MinimumLength ?? 8, GENERATED_LENGTH);
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(GENERATED_SYMBOLS)];
  const all = UPPER + LOWER + DIGITS + GENERATED_SYMBOLS;
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
