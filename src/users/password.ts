import { poolNameOf } from "../auth/srp/math.js";
import { computeVerifier, newSalt } from "../auth/srp/verifier.js";
import type { OperationContext } from "../protocol/operation.js";
import { hashGeneratedPassword, hashPassword } from "../common/passwords.js";
import type { PoolRecord } from "../storage/types.js";
import { generateTemporaryPassword } from "./passwordPolicy.js";

export interface PasswordSecrets {
  passwordHash: string;
  srp: { salt: string; verifier: string };
}

/**
 * Everything stored for a new password a person chose: the slow hash (checked by
 * USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH) and the SRP salt and verifier (checked by
 * USER_SRP_AUTH). `username` must be the stored username (the generated uuid in
 * email/phone-as-username pools), because that is the USER_ID_FOR_SRP the client mixes into
 * the verifier. Slow on purpose: call it before opening a transaction.
 */
export async function passwordSecrets(
  ctx: OperationContext,
  pool: PoolRecord,
  username: string,
  password: string,
): Promise<PasswordSecrets> {
  const passwordHash = await hashPassword(password, ctx.config.passwordHashCost);
  return { passwordHash, srp: srpSecrets(pool, username, password) };
}

/**
 * A temporary password Cognate generates (AdminCreateUser without TemporaryPassword) and what
 * is stored for it. The password is random and long (see generateTemporaryPassword), so it gets
 * the cheap salted hash: guessing it is out of reach whatever the hash costs (docs/passwords.md).
 * Nobody chose it, so nothing about a person's password could leak from it either.
 */
export function generatedPasswordSecrets(
  pool: PoolRecord,
  username: string,
): { password: string; secrets: PasswordSecrets } {
  const password = generateTemporaryPassword(pool);
  const passwordHash = hashGeneratedPassword(password);
  return { password, secrets: { passwordHash, srp: srpSecrets(pool, username, password) } };
}

function srpSecrets(pool: PoolRecord, username: string, password: string): PasswordSecrets["srp"] {
  const salt = newSalt();
  return { salt, verifier: computeVerifier(poolNameOf(pool.id), username, password, salt) };
}
