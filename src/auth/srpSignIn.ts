import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import type { AuthOutcome } from "./passwordSignIn.js";

/** USER_SRP_AUTH's first round trip. Waits for src/auth/srp's server side (startSrp / verifySrp). */
export async function startSrpSignIn(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  _parameters: Record<string, string>,
): Promise<AuthOutcome> {
  throw errors.invalidParameter("USER_SRP_AUTH is not supported by Cognate yet.");
}

/** USER_SRP_AUTH's second round trip (PASSWORD_VERIFIER). */
export async function respondPasswordVerifier(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  _session: string | undefined,
  _responses: Record<string, string>,
): Promise<AuthOutcome> {
  throw errors.invalidParameter("USER_SRP_AUTH is not supported by Cognate yet.");
}
