import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { fromHex, g, hexHash, k, modPowN, N, padHex } from "./math.js";

/** Random bytes for the SECRET_BLOCK challenge parameter; the client signs them back. */
export function newSecretBlock(): string {
  return randomBytes(64).toString("base64");
}

export interface SrpServerValues {
  /** The server's private exponent, hex. Keep it in the auth session, never send it. */
  b: string;
  /** SRP_B for the challenge parameters, hex. */
  B: string;
}

/** Picks b and computes B = k*v + g^b mod N for the stored verifier (hex). */
export function startSrp(verifier: string): SrpServerValues {
  const v = fromHex(verifier);
  for (;;) {
    // 256 bits, as RFC 5054 recommends at least; the client's own exponent is larger.
    const b = fromHex(randomBytes(32).toString("hex"));
    const gb = modPowN(g, b);
    if (gb === undefined) continue; // b was 0
    const B = (k * v + gb) % N;
    if (B !== 0n) return { b: b.toString(16), B: B.toString(16) };
  }
}

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The client's SRP_A as a number, or undefined when it is not hex or is 0 mod N (which would fix the key). */
export function parseClientPublic(A: string): bigint | undefined {
  if (!HEX.test(A)) return undefined;
  const value = fromHex(A);
  return value % N === 0n ? undefined : value;
}

export interface SrpProof {
  poolName: string;
  /** USER_ID_FOR_SRP as sent in the challenge: the stored username. */
  userIdForSrp: string;
  /** The stored salt and verifier (hex). */
  salt: string;
  verifier: string;
  /** SRP_A from InitiateAuth, and b/B from startSrp (hex). */
  A: string;
  b: string;
  B: string;
  /** The SECRET_BLOCK that was issued (not merely the one the client echoes). */
  secretBlock: string;
  /** TIMESTAMP and PASSWORD_CLAIM_SIGNATURE from the challenge response. */
  timestamp: string;
  signature: string;
}

const KEY_INFO = Buffer.from("Caldera Derived Key", "utf8");

/** The signature a client holding the right password would send (raw HMAC bytes); undefined if A or u is unusable. */
export function expectedSignature(proof: Omit<SrpProof, "signature">): Buffer | undefined {
  const A = parseClientPublic(proof.A);
  // Server-side values come from storage; a damaged record fails the check rather than throwing.
  if (A === undefined || ![proof.B, proof.b, proof.verifier].every((hex) => HEX.test(hex))) return undefined;
  const B = fromHex(proof.B);
  const b = fromHex(proof.b);
  const v = fromHex(proof.verifier);
  const u = fromHex(hexHash(padHex(A) + padHex(B)));
  if (u === 0n) return undefined;
  // The client's S = (B - k*g^x)^(a + u*x); the server reaches the same value as (A * v^u)^b.
  // OpenSSL refuses a degenerate base (0, 1 or N-1 mod N, which would make S guessable) or b = 0.
  const vu = modPowN(v, u);
  const S = vu === undefined ? undefined : modPowN((A * vu) % N, b);
  if (S === undefined) return undefined;
  const key = Buffer.from(
    hkdfSync("sha256", Buffer.from(padHex(S), "hex"), Buffer.from(padHex(u), "hex"), KEY_INFO, 16),
  );
  return createHmac("sha256", key)
    .update(Buffer.from(proof.poolName, "utf8"))
    .update(Buffer.from(proof.userIdForSrp, "utf8"))
    .update(Buffer.from(proof.secretBlock, "base64"))
    .update(Buffer.from(proof.timestamp, "utf8"))
    .digest();
}

/** Whether PASSWORD_CLAIM_SIGNATURE proves knowledge of the password behind the verifier. */
export function verifySrp(proof: SrpProof): boolean {
  if (!BASE64.test(proof.signature) || proof.signature.length % 4 !== 0) return false;
  const expected = expectedSignature(proof);
  if (!expected) return false;
  const given = Buffer.from(proof.signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
