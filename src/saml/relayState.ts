import { createHash, randomBytes } from "node:crypto";
import type { OperationContext } from "../protocol/operation.js";
import type { BrowserBinding } from "../oauth/browserBinding.js";
import { ResourceKind } from "../storage/kinds.js";

/** A SAML sign-in between the redirect to the provider and its answer: the app's authorization request. */
export interface SamlRelayStateData {
  /** authorizeQuery of the app's authorization request, checked again when the provider answers. */
  authorizeQuery: string;
  providerName: string;
  /** The ID of the AuthnRequest: the response must answer it (InResponseTo). */
  requestId: string;
  /** The browser that started the sign-in, where it can be told (src/oauth/browserBinding.ts). */
  browser?: BrowserBinding;
}

const RELAY_MS = 10 * 60_000;
const hashOf = (secret: string) => createHash("sha256").update(secret).digest("base64url");

/** Stores the sign-in; answers the RelayState for the provider: `<pool id>.<secret>` (at most 80 bytes, SAML Bindings §3.4.3). */
export async function saveRelayState(ctx: OperationContext, poolId: string, data: SamlRelayStateData): Promise<string> {
  const secret = randomBytes(24).toString("base64url");
  await ctx.store.resources.put<SamlRelayStateData>({
    kind: ResourceKind.samlRelayState,
    scope: poolId,
    key: hashOf(secret),
    data,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt: ctx.now + RELAY_MS,
  });
  return `${poolId}.${secret}`;
}

/** The sign-in a RelayState names, taken out of storage (answered once); undefined when unknown or expired. */
export async function consumeRelayState(
  ctx: OperationContext,
  relayState: string,
): Promise<{ poolId: string; data: SamlRelayStateData } | undefined> {
  const dot = relayState.lastIndexOf(".");
  if (dot <= 0 || relayState.length > 200) return undefined;
  const poolId = relayState.slice(0, dot);
  const key = hashOf(relayState.slice(dot + 1));
  return ctx.store.transaction(async () => {
    const record = await ctx.store.resources.get<SamlRelayStateData>(ResourceKind.samlRelayState, poolId, key);
    if (!record) return undefined;
    await ctx.store.resources.delete(ResourceKind.samlRelayState, poolId, key);
    return (record.expiresAt ?? 0) > ctx.now ? { poolId, data: record.data } : undefined;
  });
}
