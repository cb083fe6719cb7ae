import type { WebAuthnCredentialDescription } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../common/time.js";
import type { Wire } from "../common/wire.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";

/**
 * Passkey storage, all under ResourceKind.webAuthnCredential with scope = pool id (so that
 * DeleteUserPool removes it). Three kinds of key, which cannot collide because credential ids
 * are base64url (no ":"):
 *   <credentialId>          one passkey (PasskeyData)
 *   user:<sub>              the ids of a user's passkeys, oldest first (PasskeyIndex): the
 *                           resource slice lists a kind only whole, so a user's passkeys are
 *                           found through this index rather than by scanning the pool
 *   registration:<sub>      the pending StartWebAuthnRegistration (PendingRegistration), with expiresAt
 */
export interface PasskeyData {
  sub: string;
  credentialId: string;
  /** The COSE public key, base64url. The private key never leaves the authenticator. */
  publicKey: string;
  /** The authenticator's signature counter, to spot cloned authenticators. */
  counter: number;
  transports: string[];
  attachment?: string;
  friendlyName: string;
  rpId: string;
  aaguid: string;
  backedUp: boolean;
  createdAt: number;
  lastUsedAt?: number;
}

export interface PasskeyIndex {
  credentialIds: string[];
}

export interface PendingRegistration {
  challenge: string;
  /** The app client of the access token that started it: another client's token cannot complete it. */
  clientId: string;
  rpId: string;
  userVerification: "required" | "preferred";
  expiresAt: number;
}

const KIND = ResourceKind.webAuthnCredential;
const indexKey = (sub: string) => `user:${sub}`;
const registrationKey = (sub: string) => `registration:${sub}`;

export async function readPasskey(
  ctx: OperationContext,
  pool: PoolRecord,
  credentialId: string,
): Promise<PasskeyData | undefined> {
  if (credentialId.includes(":")) return undefined;
  return (await ctx.store.resources.get<PasskeyData>(KIND, pool.id, credentialId))?.data;
}

async function readIndex(ctx: OperationContext, pool: PoolRecord, sub: string): Promise<string[]> {
  return (await ctx.store.resources.get<PasskeyIndex>(KIND, pool.id, indexKey(sub)))?.data.credentialIds ?? [];
}

async function writeIndex(ctx: OperationContext, pool: PoolRecord, sub: string, ids: string[]): Promise<void> {
  if (ids.length === 0) {
    await ctx.store.resources.delete(KIND, pool.id, indexKey(sub));
    return;
  }
  await ctx.store.resources.put<PasskeyIndex>({
    kind: KIND,
    scope: pool.id,
    key: indexKey(sub),
    data: { credentialIds: ids },
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
}

/** The user's passkeys, oldest first. Records of a deleted user (another sub) are never reached. */
export async function userPasskeys(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<PasskeyData[]> {
  const ids = await readIndex(ctx, pool, user.sub);
  const found: PasskeyData[] = [];
  for (const id of ids) {
    const passkey = await readPasskey(ctx, pool, id);
    if (passkey && passkey.sub === user.sub) found.push(passkey);
  }
  return found;
}

export async function savePasskey(ctx: OperationContext, pool: PoolRecord, passkey: PasskeyData): Promise<void> {
  await ctx.store.resources.put<PasskeyData>({
    kind: KIND,
    scope: pool.id,
    key: passkey.credentialId,
    data: passkey,
    createdAt: passkey.createdAt,
    updatedAt: ctx.now,
  });
  const ids = await readIndex(ctx, pool, passkey.sub);
  if (!ids.includes(passkey.credentialId)) await writeIndex(ctx, pool, passkey.sub, [...ids, passkey.credentialId]);
}

export async function deletePasskey(ctx: OperationContext, pool: PoolRecord, passkey: PasskeyData): Promise<void> {
  await ctx.store.resources.delete(KIND, pool.id, passkey.credentialId);
  const ids = await readIndex(ctx, pool, passkey.sub);
  await writeIndex(
    ctx,
    pool,
    passkey.sub,
    ids.filter((id) => id !== passkey.credentialId),
  );
}

export async function readPendingRegistration(
  ctx: OperationContext,
  pool: PoolRecord,
  sub: string,
): Promise<PendingRegistration | undefined> {
  const data = (await ctx.store.resources.get<PendingRegistration>(KIND, pool.id, registrationKey(sub)))?.data;
  return data && data.expiresAt > ctx.now ? data : undefined;
}

/** One registration at a time a user: starting another replaces the pending one. */
export async function savePendingRegistration(
  ctx: OperationContext,
  pool: PoolRecord,
  sub: string,
  pending: PendingRegistration,
): Promise<void> {
  await ctx.store.resources.put<PendingRegistration>({
    kind: KIND,
    scope: pool.id,
    key: registrationKey(sub),
    data: pending,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt: pending.expiresAt,
  });
}

export async function clearPendingRegistration(ctx: OperationContext, pool: PoolRecord, sub: string): Promise<void> {
  await ctx.store.resources.delete(KIND, pool.id, registrationKey(sub));
}

/** ListWebAuthnCredentials' view of a passkey: what it is, never its key material or counter. */
export function toDescription(passkey: PasskeyData): Wire<WebAuthnCredentialDescription> {
  return {
    CredentialId: passkey.credentialId,
    FriendlyCredentialName: passkey.friendlyName,
    RelyingPartyId: passkey.rpId,
    ...(passkey.attachment ? { AuthenticatorAttachment: passkey.attachment } : {}),
    AuthenticatorTransports: passkey.transports,
    CreatedAt: toEpochSeconds(passkey.createdAt),
  };
}

/** Removes a user's passkeys, their index and a pending registration (for the user-deletion path to call). */
export async function deleteUserPasskeys(ctx: OperationContext, pool: PoolRecord, sub: string): Promise<void> {
  for (const id of await readIndex(ctx, pool, sub)) await ctx.store.resources.delete(KIND, pool.id, id);
  await ctx.store.resources.delete(KIND, pool.id, indexKey(sub));
  await clearPendingRegistration(ctx, pool, sub);
}
