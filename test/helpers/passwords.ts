import assert from "node:assert/strict";
import { randomBytes, scryptSync } from "node:crypto";

/** A hash in the format Cognate wrote before argon2id, `scrypt$N$r$p$salt$key` (r=8, p=1). */
export function legacyScryptHash(password: string, N: number): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 });
  return `scrypt$${N}$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** The m, t and p of an argon2id hash (PHC string), checking that it is one, version 19. */
export function argon2idParams(hash: string | undefined): { m: number; t: number; p: number } {
  const [, id, version, params] = (hash ?? "").split("$");
  assert.equal(id, "argon2id", `an argon2id hash: ${hash}`);
  assert.equal(version, "v=19");
  const values = Object.fromEntries(params!.split(",").map((kv) => kv.split("="))) as Record<string, string>;
  return { m: Number(values.m), t: Number(values.t), p: Number(values.p) };
}
