import { createHash, randomBytes } from "node:crypto";
import type { OperationContext } from "../protocol/operation.js";
import type { BrowserBinding } from "../oauth/browserBinding.js";
import { ResourceKind } from "../storage/kinds.js";

/**
 * A federated sign-in between the redirect to the provider and its answer at idpresponse. Only
 * the state's hash is the key; the authorization request is kept as its query string and checked
 * again when the provider answers (the client may have changed meanwhile).
 */
export interface FederationStateData {
  /** authorizeQuery of the app's authorization request. */
  authorizeQuery: string;
  providerName: string;
  /** Sent to the provider; its ID token must carry it back. */
  nonce: string;
  /** PKCE (RFC 7636) verifier of the code challenge sent to the provider. */
  codeVerifier: string;
  /** The redirect_uri given to the provider, which the token request must repeat. */
  redirectUri: string;
  /** The browser that started the sign-in (src/oauth/browserBinding.ts): only it may finish it. */
  browser: BrowserBinding;
}

// Long enough to sign in at the provider, short enough that a stolen state is of little use.
const STATE_MS = 10 * 60_000;

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("base64url");

/** Stores the sign-in and answers the `state` parameter for the provider: `<pool id>.<secret>`. */
export async function saveFederationState(
  ctx: OperationContext,
  poolId: string,
  data: FederationStateData,
): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  await ctx.store.resources.put<FederationStateData>({
    kind: ResourceKind.federationState,
    scope: poolId,
    key: hashOf(secret),
    data,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt: ctx.now + STATE_MS,
  });
  return `${poolId}.${secret}`;
}

/** The sign-in a state names, taken out of storage (a state is answered once); undefined when unknown or expired. */
export async function consumeFederationState(
  ctx: OperationContext,
  state: string,
): Promise<{ poolId: string; data: FederationStateData } | undefined> {
  const dot = state.lastIndexOf(".");
  if (dot <= 0 || state.length > 200) return undefined;
  const poolId = state.slice(0, dot);
  const key = hashOf(state.slice(dot + 1));
  return ctx.store.transaction(async () => {
    const record = await ctx.store.resources.get<FederationStateData>(ResourceKind.federationState, poolId, key);
    if (!record) return undefined;
    await ctx.store.resources.delete(ResourceKind.federationState, poolId, key);
    if ((record.expiresAt ?? 0) <= ctx.now) return undefined;
    return { poolId, data: record.data };
  });
}
