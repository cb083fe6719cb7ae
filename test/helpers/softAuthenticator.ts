import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/**
 * A software WebAuthn authenticator and browser in one, built on node:crypto, for tests: it
 * answers PublicKeyCredentialCreationOptionsJSON with a RegistrationResponseJSON ("none"
 * attestation, an ES256 key) and PublicKeyCredentialRequestOptionsJSON with an
 * AuthenticationResponseJSON, as a browser's PublicKeyCredential.toJSON() would. Options let
 * a test play a misbehaving client: another origin, another relying party id, no user
 * verification, another key algorithm, a stale challenge.
 */

// --- the little CBOR a "none" attestation needs (RFC 8949: ints, byte and text strings, maps) ---

type Cbor = number | string | Uint8Array | Map<number | string, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

export function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  const parts = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

// --- the authenticator ---

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface StoredCredential {
  id: string;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

export interface CeremonyOptions {
  /** The origin the browser reports in clientDataJSON (default https://<rpId>). */
  origin?: string;
  /** The relying party id the authenticator hashes into authenticatorData (default the options' id). */
  rpId?: string;
  /** Whether the user was verified (default true). */
  userVerified?: boolean;
  /** The challenge to sign instead of the options' one (a replay). */
  challenge?: string;
}

export interface RegistrationResponse {
  id: string;
  rawId: string;
  type: "public-key";
  authenticatorAttachment: string;
  clientExtensionResults: Record<string, unknown>;
  response: {
    clientDataJSON: string;
    attestationObject: string;
    transports: string[];
    publicKeyAlgorithm: number;
  };
}

export interface AuthenticationResponse {
  id: string;
  rawId: string;
  type: "public-key";
  authenticatorAttachment: string;
  clientExtensionResults: Record<string, unknown>;
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle: string };
}

interface CreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { alg: number; type: string }[];
  excludeCredentials?: { id: string }[];
}

interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

export class SoftAuthenticator {
  /** Private keys stay here, as in a real authenticator; tests check none reaches an answer. */
  readonly credentials = new Map<string, StoredCredential>();
  /** AAGUID reported at registration (all zeros: an anonymous authenticator). */
  aaguid = Buffer.alloc(16);

  constructor(
    readonly attachment: "platform" | "cross-platform" = "platform",
    readonly transports: string[] = ["internal", "hybrid"],
  ) {}

  /** navigator.credentials.create(): a new ES256 (or, with alg, Ed25519) credential. */
  create(options: CreationOptions, ceremony: CeremonyOptions & { alg?: -7 | -8 } = {}): RegistrationResponse {
    const optionsRpId = options.rp.id!;
    const rpId = ceremony.rpId ?? optionsRpId;
    const alg = ceremony.alg ?? -7;
    const excluded = new Set((options.excludeCredentials ?? []).map((c) => c.id));
    for (const id of this.credentials.keys()) {
      if (excluded.has(id))
        throw new Error("InvalidStateError: the authenticator already holds an excluded credential");
    }
    const credentialId = randomBytes(32);
    const id = b64url(credentialId);
    let privateKey: KeyObject;
    let coseKey: Map<number, Cbor>;
    if (alg === -7) {
      const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
      privateKey = pair.privateKey;
      const jwk = pair.publicKey.export({ format: "jwk" });
      coseKey = new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]);
    } else {
      const pair = generateKeyPairSync("ed25519");
      privateKey = pair.privateKey;
      const jwk = pair.publicKey.export({ format: "jwk" });
      coseKey = new Map<number, Cbor>([
        [1, 1],
        [3, -8],
        [-1, 6],
        [-2, Buffer.from(jwk.x!, "base64url")],
      ]);
    }
    const flags = FLAG_UP | FLAG_AT | ((ceremony.userVerified ?? true) ? FLAG_UV : 0);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flags]),
      Buffer.alloc(4), // counter 0 at creation
      this.aaguid,
      idLength,
      credentialId,
      cbor(coseKey),
    ]);
    const clientDataJSON = JSON.stringify({
      type: "webauthn.create",
      challenge: ceremony.challenge ?? options.challenge,
      origin: ceremony.origin ?? `https://${optionsRpId}`,
      crossOrigin: false,
    });
    const attestationObject = cbor(
      new Map<string, Cbor>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData],
      ]),
    );
    this.credentials.set(id, { id, privateKey, rpId, userHandle: options.user.id, counter: 0 });
    return {
      id,
      rawId: id,
      type: "public-key",
      authenticatorAttachment: this.attachment,
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: this.transports,
        publicKeyAlgorithm: alg,
      },
    };
  }

  /** navigator.credentials.get(): an assertion by an allowed credential (or the one named). */
  get(options: RequestOptions, ceremony: CeremonyOptions & { credentialId?: string } = {}): AuthenticationResponse {
    const allowed = (options.allowCredentials ?? []).map((c) => c.id);
    const id = ceremony.credentialId ?? allowed.find((a) => this.credentials.has(a));
    const stored = id ? this.credentials.get(id) : undefined;
    if (!stored) throw new Error("NotAllowedError: no credential of this authenticator is allowed");
    const rpId = ceremony.rpId ?? options.rpId!;
    stored.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(stored.counter);
    const flags = FLAG_UP | ((ceremony.userVerified ?? true) ? FLAG_UV : 0);
    const authenticatorData = Buffer.concat([sha256(rpId), Buffer.from([flags]), counter]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: "webauthn.get",
        challenge: ceremony.challenge ?? options.challenge,
        origin: ceremony.origin ?? `https://${options.rpId}`,
        crossOrigin: false,
      }),
    );
    const signed = Buffer.concat([authenticatorData, sha256(clientDataJSON)]);
    // ES256 signatures are DER-encoded, as WebAuthn wants; Ed25519 takes no digest.
    const signature =
      stored.privateKey.asymmetricKeyType === "ed25519"
        ? sign(null, signed, stored.privateKey)
        : sign("sha256", signed, stored.privateKey);
    return {
      id: stored.id,
      rawId: stored.id,
      type: "public-key",
      authenticatorAttachment: this.attachment,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        userHandle: stored.userHandle,
      },
    };
  }
}
