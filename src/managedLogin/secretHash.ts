import { computeSecretHash } from "../clients/secretHash.js";
import type { ClientRecord } from "../storage/types.js";

/** SECRET_HASH for a client with a secret: the pages act as the app would, with its first secret. */
export function secretHashFor(client: ClientRecord, username: string): string | undefined {
  const secret = client.secrets[0]?.value;
  return secret ? computeSecretHash(username, client.clientId, secret) : undefined;
}

export function withSecretHash(
  client: ClientRecord,
  username: string,
  parameters: Record<string, string>,
): Record<string, string> {
  const hash = secretHashFor(client, username);
  return hash ? { ...parameters, SECRET_HASH: hash } : parameters;
}
