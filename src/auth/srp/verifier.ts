import { randomBytes } from "node:crypto";
import { fromHex, g, modPow, N, padHex, passwordExponent } from "./math.js";

/** A fresh 128-bit salt in the hex form the SALT challenge parameter carries. */
export function newSalt(): string {
  return padHex(fromHex(randomBytes(16).toString("hex")));
}

/** v = g^x mod N, as padded hex. One modular exponentiation: cheap, see docs/srp.md. */
export function computeVerifier(poolName: string, userIdForSrp: string, password: string, saltHex: string): string {
  return padHex(modPow(g, passwordExponent(poolName, userIdForSrp, password, saltHex), N));
}
