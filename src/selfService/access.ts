import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { verifyAccessToken, type VerifiedAccessToken } from "../tokens/verify.js";
import { schemaOf } from "../users/attributes.js";

/** Flags only Cognito (or an administrator) sets: without explicit WriteAttributes, users cannot write them. */
const UNWRITABLE_BY_DEFAULT = new Set(["email_verified", "phone_number_verified"]);

export const VERIFIABLE = ["email", "phone_number"] as const;
export type VerifiableAttribute = (typeof VERIFIABLE)[number];

/** verifyAccessToken plus the app client the token was issued to. */
export async function signedIn(
  ctx: OperationContext,
  accessToken: string,
): Promise<VerifiedAccessToken & { client?: ClientRecord }> {
  const verified = await verifyAccessToken(ctx, accessToken);
  const client = await ctx.store.clients.get(verified.pool.id, verified.claims.client_id);
  return { ...verified, ...(client ? { client } : {}) };
}

/**
 * The client's WriteAttributes decide what a user may change about themself; developer-only
 * attributes are for administrators (AdminUpdateUserAttributes) whatever the client allows.
 */
export function checkClientCanWrite(
  client: ClientRecord | undefined,
  names: readonly string[],
  pool: PoolRecord,
): void {
  const writable = client?.config.WriteAttributes as string[] | undefined;
  const schema = schemaOf(pool);
  const developerOnly = (name: string) => name.startsWith("dev:") || schema.get(name)?.DeveloperOnlyAttribute === true;
  const allowed = (name: string) =>
    !developerOnly(name) && (writable?.length ? writable.includes(name) : !UNWRITABLE_BY_DEFAULT.has(name));
  if (names.some((name) => !allowed(name))) {
    throw errors.notAuthorized("A client attempted to write unauthorized attribute");
  }
}

export function requireVerifiable(name: string): VerifiableAttribute {
  if ((VERIFIABLE as readonly string[]).includes(name)) return name as VerifiableAttribute;
  throw errors.invalidParameter(`Invalid attribute name: ${name} cannot be verified.`);
}
