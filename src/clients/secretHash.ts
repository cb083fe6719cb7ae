import { createHmac, timingSafeEqual } from "node:crypto";
import { errors } from "../protocol/errors.js";
import type { ClientRecord } from "../storage/types.js";

/** Cognito's SECRET_HASH: Base64(HMAC-SHA256(key = client secret, message = username + client id)). */
export function computeSecretHash(username: string, clientId: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(username + clientId)
    .digest("base64");
}

/**
 * Checks the SECRET_HASH a client-side request carries. Clients without a secret need none;
 * clients with secrets accept a hash made with any of them (secret rotation). `username` is
 * the name the caller used (Cognito hashes what the client sent, alias or not).
 */
export function checkSecretHash(client: ClientRecord, username: string, secretHash: string | undefined): void {
  if (client.secrets.length === 0) return;
  if (!secretHash) {
    throw errors.notAuthorized(`Client ${client.clientId} is configured with secret but SECRET_HASH was not received`);
  }
  const given = Buffer.from(secretHash);
  const matches = client.secrets.some((s) => {
    const expected = Buffer.from(computeSecretHash(username, client.clientId, s.value));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!matches) throw errors.notAuthorized(`Unable to verify secret hash for client ${client.clientId}`);
}
