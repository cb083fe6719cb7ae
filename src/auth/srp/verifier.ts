import { randomBytes } from "node:crypto";
import { fromHex, g, modPowN, padHex, passwordExponent } from "./math.js";

/** A fresh 128-bit salt in the hex form the SALT challenge parameter carries. */
export function newSalt(): string {
  return padHex(fromHex(randomBytes(16).toString("hex")));
}

/** v = g^x mod N, as padded hex. One modular exponentiation: cheap, see docs/srp.md. */
export function computeVerifier(poolName: string, userIdForSrp: string, password: string, saltHex: string): string {
  // x = 0 is the one exponent OpenSSL refuses; g^0 = 1.
  return padHex(modPowN(g, passwordExponent(poolName, userIdForSrp, password, saltHex)) ?? 1n);
}
