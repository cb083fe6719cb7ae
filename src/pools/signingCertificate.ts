import { createPrivateKey, randomBytes, webcrypto, type KeyObject } from "node:crypto";
import { ResourceKind } from "../storage/kinds.js";
import type { Store } from "../storage/types.js";

/**
 * A user pool's SAML signing certificate (GetSigningCertificate). As Cognito documents it: valid
 * for 10 years from issue, a new certificate issued once a year, and the public key the same in
 * every certificate, so IdPs holding an older certificate still verify new signatures.
 */

const VALIDITY_YEARS = 10;
const RENEWAL_YEARS = 1;
const KEY_KEY = "pool";

/** What the store keeps per pool. */
interface SigningCertificateData {
  /** The key pair every certificate of the pool certifies: PKCS#8 and SPKI DER, base64. */
  privateKey: string;
  publicKey: string;
  /** The newest certificate, DER in base64 (GetSigningCertificate's answer), and when it was issued. */
  certificate: string;
  issuedAt: number;
}

export interface PoolSigningCertificate {
  /** DER in base64, without PEM armour or line breaks: the form SAML metadata's X509Certificate takes. */
  certificate: string;
  /** Signs the pool's SAML requests. */
  privateKey: KeyObject;
}

const RSA_SHA256 = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

const addYears = (epochMs: number, years: number) => {
  const d = new Date(epochMs);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
};

const renewalDue = (data: SigningCertificateData, now: number) =>
  addYears(data.issuedAt, RENEWAL_YEARS).getTime() <= now;

/**
 * Issues a certificate for the pool, over the stored key when there is one (a renewal), else
 * over a new key. @peculiar/x509 costs ~100 ms to load, so only this path loads it.
 */
async function issue(poolId: string, now: number, previous?: SigningCertificateData): Promise<SigningCertificateData> {
  const x509 = await import("@peculiar/x509");
  // Node's WebCrypto: the library's types name the browser's Crypto, which Node's only resembles.
  x509.cryptoProvider.set(webcrypto as never);
  const { subtle } = webcrypto;
  const keys = previous
    ? {
        privateKey: await subtle.importKey("pkcs8", Buffer.from(previous.privateKey, "base64"), RSA_SHA256, true, [
          "sign",
        ]),
        publicKey: await subtle.importKey("spki", Buffer.from(previous.publicKey, "base64"), RSA_SHA256, true, [
          "verify",
        ]),
      }
    : await subtle.generateKey(RSA_SHA256, true, ["sign", "verify"]);
  // A positive serial of 16 random bytes (RFC 5280 allows up to 20 octets).
  const serial = randomBytes(16);
  serial.writeUInt8(serial.readUInt8(0) & 0x7f, 0);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString("hex"),
    name: `CN=${poolId}`,
    notBefore: new Date(now),
    notAfter: addYears(now, VALIDITY_YEARS),
    signingAlgorithm: RSA_SHA256,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"],
  });
  return {
    privateKey:
      previous?.privateKey ?? Buffer.from(await subtle.exportKey("pkcs8", keys.privateKey)).toString("base64"),
    publicKey: previous?.publicKey ?? Buffer.from(await subtle.exportKey("spki", keys.publicKey)).toString("base64"),
    certificate: Buffer.from(cert.rawData).toString("base64"),
    issuedAt: now,
  };
}

// Issuing in progress by pool, so that concurrent first calls in one process generate one key.
const issuing = new Map<string, Promise<SigningCertificateData>>();

function issueOnce(poolId: string, now: number, previous?: SigningCertificateData) {
  let pending = issuing.get(poolId);
  if (!pending) {
    pending = issue(poolId, now, previous).finally(() => issuing.delete(poolId));
    issuing.set(poolId, pending);
  }
  return pending;
}

const answer = (data: SigningCertificateData): PoolSigningCertificate => ({
  certificate: data.certificate,
  privateKey: createPrivateKey({ key: Buffer.from(data.privateKey, "base64"), format: "der", type: "pkcs8" }),
});

/**
 * The pool's current signing certificate: created on first use, renewed a year after issue.
 * Issuing is slow, so it runs outside any transaction; the transaction that stores the result
 * lets a concurrent request that stored first win, so every caller answers the same certificate.
 */
export async function poolSigningCertificate(
  store: Store,
  poolId: string,
  now: number,
): Promise<PoolSigningCertificate> {
  const read = () => store.resources.get<SigningCertificateData>(ResourceKind.signingCertificate, poolId, KEY_KEY);
  const stored = await read();
  if (stored && !renewalDue(stored.data, now)) return answer(stored.data);
  const issued = await issueOnce(poolId, now, stored?.data);
  return store.transaction(async () => {
    const current = await read();
    if (current && !renewalDue(current.data, now)) return answer(current.data);
    await store.resources.put({
      kind: ResourceKind.signingCertificate,
      scope: poolId,
      key: KEY_KEY,
      data: issued,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    });
    return answer(issued);
  });
}
