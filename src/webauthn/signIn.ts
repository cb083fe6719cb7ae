import type { AuthOutcome } from "../auth/passwordSignIn.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";

/** Whether the user has a passkey registered (WEB_AUTHN is then an available first factor). */
export async function hasPasskey(_ctx: OperationContext, _pool: PoolRecord, _user: UserRecord): Promise<boolean> {
  return false;
}

/** The WEB_AUTHN challenge, with CREDENTIAL_REQUEST_OPTIONS for the user's passkeys. */
export async function startWebAuthnSignIn(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  _user: UserRecord,
): Promise<AuthOutcome> {
  throw errors.invalidParameter("WEB_AUTHN is not supported by Cognate yet.");
}

/** WEB_AUTHN's answer: the assertion in ChallengeResponses.CREDENTIAL. */
export async function respondWebAuthn(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  _session: string | undefined,
  _responses: Record<string, string>,
): Promise<AuthOutcome> {
  throw errors.invalidParameter("WEB_AUTHN is not supported by Cognate yet.");
}
