import { timingSafeEqual } from "node:crypto";
import { CognitoError } from "../protocol/errors.js";
import type { ClientRecord } from "../storage/types.js";

/**
 * Operations that take the ClientSecret itself (GetTokensFromRefreshToken, RevokeToken): any of
 * the client's secrets. RevokeToken declares UnauthorizedException, not NotAuthorizedException,
 * for a client it can't authenticate, so the caller names the exception.
 */
export function checkClientSecret(
  client: ClientRecord,
  given: string | undefined,
  exception: "NotAuthorizedException" | "UnauthorizedException" = "NotAuthorizedException",
): void {
  if (client.secrets.length === 0) return;
  const fail = (message: string) => new CognitoError(exception, message);
  if (!given) throw fail(`Client ${client.clientId} is configured with secret but ClientSecret was not received`);
  const candidate = Buffer.from(given);
  const matches = client.secrets.some((s) => {
    const expected = Buffer.from(s.value);
    return expected.length === candidate.length && timingSafeEqual(expected, candidate);
  });
  if (!matches) throw fail(`Unable to verify secret for client ${client.clientId}`);
}
