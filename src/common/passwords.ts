import { availableParallelism } from "node:os";
import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { argon2id, hash as argon2Hash, verify as argon2Verify } from "argon2";
import { Semaphore } from "./semaphore.js";

/**
 * Password hashing (docs/passwords.md). New hashes are argon2id, in the PHC string format
 * (`$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>`), at one of these costs:
 *   - "owasp" (default): m=19456 KiB, t=2, p=1, OWASP's first recommendation;
 *   - "fast": m=1024 KiB, t=1, p=1, for test suites and benchmarks only;
 *   - "argon2id:m=<KiB>,t=<n>,p=<n>": explicit parameters, no weaker than OWASP's recommendations.
 * Chosen with --password-hash-cost, COGNATE_PASSWORD_HASH_COST or startCognate's passwordHashCost.
 * Every hash records its parameters, so changing the setting keeps existing hashes valid.
 * Also verified: scrypt hashes of earlier versions (`scrypt$N$r$p$salt$key`, rehashed at the next
 * password sign-in, see needsRehash) and the cheap salted hash of generated temporary passwords.
 */
export type PasswordHashCost = "owasp" | "fast" | `argon2id:${string}`;

export interface Argon2Parameters {
  /** Memory in KiB. */
  m: number;
  /** Passes over the memory. */
  t: number;
  /** Lanes. */
  p: number;
}

const NAMED: Record<"owasp" | "fast", Argon2Parameters> = {
  owasp: { m: 19456, t: 2, p: 1 },
  fast: { m: 1024, t: 1, p: 1 },
};

/**
 * The floor of explicit parameters: OWASP's recommendations trade memory for passes, from
 * m=47104 t=1 to m=7168 t=5; all of them, and nothing weaker, pass these two checks.
 */
const MIN_MEMORY_KIB = 7168;
const MIN_MEMORY_TIMES_PASSES = 7168 * 5;
const MAX_MEMORY_KIB = 2 ** 21; // 2 GiB a hash
const MAX_PASSES = 100;
const MAX_LANES = 16;

const CUSTOM = /^argon2id:([a-z]=\d+(?:,[a-z]=\d+)*)$/;

/** The argon2id parameters of a setting; throws an Error saying what is wrong with a bad one. */
export function argon2Parameters(cost: string): Argon2Parameters {
  if (cost === "owasp" || cost === "fast") return NAMED[cost];
  const match = CUSTOM.exec(cost);
  if (!match) throw new Error(`expected owasp, fast or argon2id:m=<KiB>,t=<n>,p=<n>, got "${cost}"`);
  const given: Record<string, number> = {};
  for (const part of match[1]!.split(",")) {
    const [name, value] = part.split("=") as [string, string];
    if (!["m", "t", "p"].includes(name)) throw new Error(`unknown argon2id parameter ${name} (expected m, t and p)`);
    if (name in given) throw new Error(`argon2id parameter ${name} given twice`);
    given[name] = Number(value);
  }
  const { m, t, p } = given;
  if (m === undefined || t === undefined || p === undefined) {
    throw new Error("argon2id needs all of m (memory in KiB), t (passes) and p (lanes)");
  }
  if (m < MIN_MEMORY_KIB) throw new Error(`argon2id memory m=${m} is below the floor of ${MIN_MEMORY_KIB} KiB`);
  if (m > MAX_MEMORY_KIB) throw new Error(`argon2id memory m=${m} is above the ceiling of ${MAX_MEMORY_KIB} KiB`);
  if (t < 1 || t > MAX_PASSES) throw new Error(`argon2id passes t=${t} must be between 1 and ${MAX_PASSES}`);
  if (p < 1 || p > MAX_LANES) throw new Error(`argon2id lanes p=${p} must be between 1 and ${MAX_LANES}`);
  if (m * t < MIN_MEMORY_TIMES_PASSES) {
    throw new Error(
      `argon2id m=${m},t=${t} is weaker than OWASP's recommendations (m × t must be at least ${MIN_MEMORY_TIMES_PASSES}, e.g. m=19456,t=2)`,
    );
  }
  return { m, t, p };
}

/**
 * At most one hash or verification per core at once, the rest in FIFO order: every slow hash
 * holds its memory (19 MiB at owasp, 128 MiB for a legacy scrypt one) while it runs, so a
 * burst of sign-ins waits here instead of allocating all at once.
 */
export const hashingSlots = new Semaphore(availableParallelism());

const normalize = (password: string) => password.normalize("NFKC");

export async function hashPassword(password: string, cost: PasswordHashCost): Promise<string> {
  const { m, t, p } = argon2Parameters(cost);
  return hashingSlots.run(() =>
    argon2Hash(normalize(password), { type: argon2id, memoryCost: m, timeCost: t, parallelism: p }),
  );
}

/** Whether `password` matches a stored hash of any format Cognate writes or has written. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith("$argon2id$")) {
    return hashingSlots.run(() => argon2Verify(stored, normalize(password))).catch(() => false);
  }
  if (stored.startsWith("scrypt$")) return verifyScrypt(password, stored);
  if (stored.startsWith("sha256$")) return verifyGeneratedPassword(password, stored);
  return false;
}

/**
 * Whether a hash that just verified should be replaced by one at `cost`: scrypt hashes always,
 * argon2id hashes only when weaker than the setting (less memory, or less memory × passes), so
 * that switching a server from owasp to fast does not weaken the hashes it holds. The cheap hash
 * of a generated password never (it goes when the user chooses a password).
 */
export function needsRehash(stored: string, cost: PasswordHashCost): boolean {
  if (stored.startsWith("sha256$")) return false;
  const held = parseArgon2id(stored);
  if (!held) return true;
  const wanted = argon2Parameters(cost);
  return held.version !== 0x13 || held.m < wanted.m || held.m * held.t < wanted.m * wanted.t;
}

function parseArgon2id(stored: string): (Argon2Parameters & { version: number }) | undefined {
  const [empty, id, version, params] = stored.split("$");
  if (empty !== "" || id !== "argon2id" || !version?.startsWith("v=") || !params) return undefined;
  const values = Object.fromEntries(params.split(",").map((kv) => kv.split("=")));
  const [m, t, p] = [Number(values.m), Number(values.t), Number(values.p)];
  if (!(m > 0 && t > 0 && p > 0)) return undefined;
  return { m, t, p, version: Number(version.slice(2)) };
}

// Legacy scrypt hashes (before argon2id): verified, never written.
const SCRYPT_KEY_LENGTH = 32;

function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, key] = stored.split("$");
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  if (!(N > 1 && R > 0 && P > 0) || !salt || !key) return Promise.resolve(false);
  const expected = Buffer.from(key, "base64");
  const options: ScryptOptions = { N, r: R, p: P, maxmem: 256 * N * R + 1024 * 1024 };
  return hashingSlots
    .run(
      () =>
        new Promise<boolean>((resolve) =>
          scrypt(normalize(password), Buffer.from(salt, "base64"), SCRYPT_KEY_LENGTH, options, (err, actual) =>
            resolve(!err && actual.length === expected.length && timingSafeEqual(actual, expected)),
          ),
        ),
    )
    .catch(() => false); // parameters scrypt refuses
}

/**
 * The hash of a password Cognate generated (AdminCreateUser without TemporaryPassword):
 * `sha256$<salt>$<HMAC-SHA256(salt, password)>`. Only for secrets of at least 120 random bits,
 * which no guessing reaches whatever the hash costs; a password a person chose gets hashPassword.
 */
export function hashGeneratedPassword(password: string): string {
  const salt = randomBytes(16);
  return `sha256$${salt.toString("base64")}$${hmac(salt, password).toString("base64")}`;
}

function verifyGeneratedPassword(password: string, stored: string): boolean {
  const [, salt, mac] = stored.split("$");
  if (!salt || !mac) return false;
  const expected = Buffer.from(mac, "base64");
  const actual = hmac(Buffer.from(salt, "base64"), password);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const hmac = (salt: Buffer, password: string) => createHmac("sha256", salt).update(normalize(password)).digest();
