import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";

/**
 * PreAuthentication: called when a known user starts to sign in, before any password or
 * challenge is checked (USER_PASSWORD_AUTH, USER_SRP_AUTH, USER_AUTH, CUSTOM_AUTH); it may
 * refuse the sign-in by throwing. (Stub: implemented with issue 11.)
 */
export async function preAuthentication(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  _user: UserRecord,
  _call: { validationData?: Record<string, string>; clientMetadata?: Record<string, string> },
): Promise<void> {}

/** PostAuthentication: after a sign-in issued tokens. (Stub: implemented with issue 11.) */
export async function postAuthentication(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  _user: UserRecord,
  _call: { newDeviceUsed: boolean; clientMetadata?: Record<string, string> },
): Promise<void> {}
