import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with scrypt from node:crypto (no native dependency to build).
 * "owasp" uses OWASP's recommended parameters (N=2^17, r=8, p=1: ~128 MiB and a few
 * hundred milliseconds a hash); "fast" (N=2^10) is for test suites and benchmarks only,
 * chosen with --password-hash-cost fast or COGNATE_PASSWORD_HASH_COST=fast.
 * The parameters are stored with each hash, so changing the setting keeps old hashes valid.
 */
export type PasswordHashCost = "owasp" | "fast";

const PARAMS: Record<PasswordHashCost, { N: number; r: number; p: number }> = {
  owasp: { N: 2 ** 17, r: 8, p: 1 },
  fast: { N: 2 ** 10, r: 8, p: 1 },
};
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: PasswordHashCost): Promise<string> {
  const { N, r, p } = PARAMS[cost];
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
