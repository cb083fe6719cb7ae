import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from "node:crypto";
import { promisify } from "node:util";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { Store } from "../storage/types.js";

const generateRsaKeyPair = promisify(generateKeyPair);

/** Cognito keeps two key pairs per pool: one signs access tokens, the other id tokens. */
export type TokenUse = "access" | "id";
const TOKEN_USES: readonly TokenUse[] = ["access", "id"];

/** What the store keeps per key: both halves as JWKs, so any node can sign and publish. */
interface SigningKeyData {
  kid: string;
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
  /** Absent on a pool's single key from before keys were split by use: it signs both. */
  tokenUse?: TokenUse;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** The public half as jwks.json lists it, in Cognito's member order. */
export interface PublicJwk {
  alg: "RS256";
  e: string;
  kid: string;
  kty: "RSA";
  n: string;
  use: "sig";
}

// Imported keys by kid: importing a JWK costs more than the lookup, and a kid never changes meaning.
const completeKeys = new Map<string, SigningKeyData[]>();
const importedPrivate = new Map<string, KeyObject>();
const importedPublic = new Map<string, KeyObject>();

async function storedKeys(store: Store, poolId: string): Promise<SigningKeyData[]> {
  const page = await store.resources.list<SigningKeyData>(ResourceKind.signingKey, poolId, { limit: 10 });
  return page.items.map((r) => r.data);
}

/** The key that signs `use` tokens among a pool's keys, if there is one. */
const keyFor = (keys: SigningKeyData[], use: TokenUse) =>
  keys.find((k) => k.tokenUse === use) ?? keys.find((k) => k.tokenUse === undefined);

/**
 * The pool's signing keys, created on first use (one per token use). Creation runs in a
 * transaction so that two concurrent first requests agree on the keys.
 */
async function ensureKeys(store: Store, poolId: string, now: number): Promise<SigningKeyData[]> {
  // A pool's keys never change once both exist (pool ids are never reused), so they can be kept.
  const known = completeKeys.get(poolId);
  if (known) return known;
  const existing = await storedKeys(store, poolId);
  if (TOKEN_USES.every((use) => keyFor(existing, use))) {
    completeKeys.set(poolId, existing);
    return existing;
  }
  return store.transaction(async () => {
    const keys = await storedKeys(store, poolId);
    for (const use of TOKEN_USES) {
      if (keyFor(keys, use)) continue;
      // node:crypto rather than jose: loading jose cost ~50 ms of every start-up.
      const { privateKey, publicKey } = await generateRsaKeyPair("rsa", { modulusLength: 2048 });
      const data: SigningKeyData = {
        kid: randomBytes(32).toString("base64"),
        privateJwk: privateKey.export({ format: "jwk" }),
        publicJwk: publicKey.export({ format: "jwk" }),
        tokenUse: use,
      };
      await store.resources.put({
        kind: ResourceKind.signingKey,
        scope: poolId,
        key: data.kid,
        data,
        createdAt: now,
        updatedAt: now,
      });
      keys.push(data);
    }
    // In storage order, so that jwks.json lists the keys the same way on every fetch.
    return storedKeys(store, poolId);
  });
}

/** The keys this pool signs access and id tokens with. */
export async function signingKeys(ctx: OperationContext, poolId: string): Promise<Record<TokenUse, SigningKey>> {
  const keys = await ensureKeys(ctx.store, poolId, ctx.now);
  const imported = (use: TokenUse): SigningKey => {
    const data = keyFor(keys, use)!;
    let privateKey = importedPrivate.get(data.kid);
    if (!privateKey) {
      privateKey = createPrivateKey({ key: data.privateJwk as unknown as JsonWebKey, format: "jwk" });
      importedPrivate.set(data.kid, privateKey);
    }
    return { kid: data.kid, privateKey };
  };
  return { access: imported("access"), id: imported("id") };
}

/** The public key for a kid of this pool, or undefined when the pool never had it. */
export async function verificationKey(store: Store, poolId: string, kid: string): Promise<KeyObject | undefined> {
  // A kid is random and bound to its pool for good, so a key seen once needs no second lookup.
  const cacheKey = `${poolId}/${kid}`;
  const cached = importedPublic.get(cacheKey);
  if (cached) return cached;
  const record = await store.resources.get<SigningKeyData>(ResourceKind.signingKey, poolId, kid);
  if (!record) return undefined;
  const publicKey = createPublicKey({ key: record.data.publicJwk as unknown as JsonWebKey, format: "jwk" });
  importedPublic.set(cacheKey, publicKey);
  return publicKey;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * A compact RS256 JWS with Cognito's header ({kid, alg}). node:crypto directly: a token
 * costs one RSA signature and nothing else.
 */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const input = `${base64url(JSON.stringify({ kid: key.kid, alg: "RS256" }))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${sign("sha256", Buffer.from(input), key.privateKey).toString("base64url")}`;
}

/** Checks a compact RS256 JWS's signature. */
export function verifyJwtSignature(token: string, publicKey: KeyObject): boolean {
  const last = token.lastIndexOf(".");
  if (last < 0) return false;
  return verify(
    "sha256",
    Buffer.from(token.slice(0, last)),
    publicKey,
    Buffer.from(token.slice(last + 1), "base64url"),
  );
}

/** jwks.json's keys for a pool (creating its key if no token was signed yet). */
export async function publicJwks(store: Store, poolId: string, now: number): Promise<PublicJwk[]> {
  const keys = await ensureKeys(store, poolId, now);
  return keys.map((k) => ({ alg: "RS256", e: k.publicJwk.e!, kid: k.kid, kty: "RSA", n: k.publicJwk.n!, use: "sig" }));
}
