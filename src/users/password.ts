import { poolNameOf } from "../auth/srp/math.js";
import { computeVerifier, newSalt } from "../auth/srp/verifier.js";
import type { OperationContext } from "../protocol/operation.js";
import { hashPassword } from "../common/passwords.js";
import type { PoolRecord } from "../storage/types.js";

export interface PasswordSecrets {
  passwordHash: string;
  srp: { salt: string; verifier: string };
}

/**
 * Everything stored for a new password: the slow hash (checked by USER_PASSWORD_AUTH and
 * ADMIN_USER_PASSWORD_AUTH) and the SRP salt and verifier (checked by USER_SRP_AUTH).
 * `username` must be the stored username (the generated uuid in email/phone-as-username pools),
 * because that is the USER_ID_FOR_SRP the client mixes into the verifier.
 * Slow on purpose: call it before opening a transaction.
 */
export async function passwordSecrets(
  ctx: OperationContext,
  pool: PoolRecord,
  username: string,
  password: string,
): Promise<PasswordSecrets> {
  const passwordHash = await hashPassword(password, ctx.config.passwordHashCost);
  const salt = newSalt();
  const verifier = computeVerifier(poolNameOf(pool.id), username, password, salt);
  return { passwordHash, srp: { salt, verifier } };
}
