import type { CacheProvider } from "@node-saml/node-saml";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord } from "../storage/types.js";
import type { IdpMetadata } from "./metadata.js";

// Long enough to sign in at the provider, short enough that an unanswered request is soon gone.
const REQUEST_MS = 10 * 60_000;

/** The pool's SAML service provider name, as Cognito gives it (the Audience of every response). */
export const serviceProviderEntityId = (pool: PoolRecord) => `urn:amazon:cognito:sp:${pool.id}`;

/**
 * node-saml's SAML service provider for one pool and provider (loaded on first use: it brings
 * an XML stack). Responses must answer a request this pool sent (InResponseTo, kept in storage
 * and usable once), be addressed to the pool (Audience), come from the provider's entity, and
 * carry a signature of one of its certificates on the response or on the assertion.
 */
export async function serviceProvider(
  ctx: OperationContext,
  pool: PoolRecord,
  metadata: IdpMetadata,
  acsUrl: string,
  /**
   * The AuthnRequest this exchange is about: the ID to give the request about to be sent, or
   * the only one a response may answer (the one its RelayState was issued with).
   */
  requestId?: string,
) {
  const { SAML, ValidateInResponseTo } = await import("@node-saml/node-saml");
  return new SAML({
    issuer: serviceProviderEntityId(pool),
    audience: serviceProviderEntityId(pool),
    callbackUrl: acsUrl,
    entryPoint: metadata.ssoRedirectUrl,
    idpCert: metadata.signingCertificates,
    ...(metadata.entityId ? { idpIssuer: metadata.entityId } : {}),
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    acceptedClockSkewMs: 60_000,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_MS,
    cacheProvider: requestStore(ctx, pool, requestId),
    ...(requestId ? { generateUniqueId: () => requestId } : {}),
  });
}

/**
 * node-saml's request-id cache, kept in storage (another node may receive the answer). An id is
 * answered once: the RelayState that carries it is spent by its first answer (src/saml/callback.ts).
 */
function requestStore(ctx: OperationContext, pool: PoolRecord, only?: string): CacheProvider {
  const kind = ResourceKind.samlRequest;
  return {
    async saveAsync(key, value) {
      await ctx.store.resources.put({
        kind,
        scope: pool.id,
        key,
        data: { value },
        createdAt: ctx.now,
        updatedAt: ctx.now,
        expiresAt: ctx.now + REQUEST_MS,
      });
      return { value, createdAt: ctx.now };
    },
    async getAsync(key) {
      // A response must answer the request of its own RelayState, not any other outstanding one.
      if (only !== undefined && key !== only) return null;
      const record = await ctx.store.resources.get<{ value: string }>(kind, pool.id, key);
      return record && (record.expiresAt ?? 0) > ctx.now ? record.data.value : null;
    },
    async removeAsync(key) {
      if (key) await ctx.store.resources.delete(kind, pool.id, key);
      return key;
    },
  };
}
