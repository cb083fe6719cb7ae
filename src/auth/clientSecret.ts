import { timingSafeEqual } from "node:crypto";
import { errors } from "../protocol/errors.js";
import type { ClientRecord } from "../storage/types.js";

/** Operations that take the ClientSecret itself (GetTokensFromRefreshToken, RevokeToken): any of the client's secrets. */
export function checkClientSecret(client: ClientRecord, given: string | undefined): void {
  if (client.secrets.length === 0) return;
  if (!given)
    throw errors.notAuthorized(`Client ${client.clientId} is configured with secret but ClientSecret was not received`);
  const candidate = Buffer.from(given);
  const matches = client.secrets.some((s) => {
    const expected = Buffer.from(s.value);
    return expected.length === candidate.length && timingSafeEqual(expected, candidate);
  });
  if (!matches) throw errors.notAuthorized(`Unable to verify secret for client ${client.clientId}`);
}
