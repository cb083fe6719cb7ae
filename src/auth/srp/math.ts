import { createDiffieHellman, createHash } from "node:crypto";

/** The 3072-bit MODP group of RFC 3526 (also RFC 5054's 3072-bit group), which Cognito's clients use. */
export const N = BigInt(
  "0x" +
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);
export const g = 2n;

/**
 * Hex of a non-negative integer as Java's BigInteger.toByteArray() would encode it: even length,
 * with a leading 00 byte when the top bit is set. Every hash input in Cognito's SRP uses this form,
 * so a single byte of difference here makes every signature fail.
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError("padHex expects a non-negative integer");
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

export function sha256(data: Buffer | string): Buffer {
  return createHash("sha256").update(data).digest();
}

/** SHA-256 of the bytes a hex string encodes, as 64 hex digits. */
export function hexHash(hex: string): string {
  return sha256(Buffer.from(hex, "hex")).toString("hex");
}

export function fromHex(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

/** Big-endian bytes of a non-negative integer, left-padded with zeros to `length` bytes. */
function toBytes(value: bigint, length = 0): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.padStart(Math.max(length * 2, hex.length + (hex.length % 2)), "0"), "hex");
}

const N_BYTES = toBytes(N).length;

// OpenSSL's constant-time modular exponentiation, several times faster than BigInt. A Diffie-Hellman
// object over N computes X^priv mod N in computeSecret; calls are synchronous, so one object serves all.
const group = createDiffieHellman(toBytes(N), toBytes(g));

/**
 * base^exponent mod N, or undefined when OpenSSL refuses the inputs: base ≡ 0, 1 or N-1 (mod N),
 * or exponent 0. Those are degenerate in SRP (the result is predictable), so callers fail closed.
 */
export function modPowN(base: bigint, exponent: bigint): bigint | undefined {
  if (base < 0n || exponent <= 0n) return undefined;
  try {
    group.setPrivateKey(toBytes(exponent));
    // computeSecret returns N_BYTES bytes, big-endian, with leading zeros kept.
    return fromHex(group.computeSecret(toBytes(base % N, N_BYTES)).toString("hex"));
  } catch {
    return undefined;
  }
}

/** The SRP-6a multiplier, k = H(N | g) over the padded encodings. */
export const k = fromHex(hexHash(padHex(N) + padHex(g)));

/** x = H(salt | H(poolName | userIdForSrp | ":" | password)); the password is hashed as UTF-8, unnormalised. */
export function passwordExponent(poolName: string, userIdForSrp: string, password: string, saltHex: string): bigint {
  const inner = sha256(`${poolName}${userIdForSrp}:${password}`).toString("hex");
  return fromHex(hexHash(padHex(fromHex(saltHex)) + inner));
}

/** The pool name Cognito's SRP mixes into every hash: the part of the pool id after the region and "_". */
export function poolNameOf(poolId: string): string {
  return poolId.slice(poolId.indexOf("_") + 1);
}
