import type { ChallengeNameType, NewDeviceMetadataType } from "@aws-sdk/client-cognito-identity-provider";
import type { AuthOutcome } from "../auth/passwordSignIn.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";

/**
 * The DEVICE_SRP_AUTH challenge that follows a correct password when DEVICE_KEY names one of
 * the user's devices; undefined when the sign-in goes on without a device challenge.
 */
export async function deviceChallenge(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  _user: UserRecord,
  _deviceKey: string | undefined,
): Promise<AuthOutcome | undefined> {
  return undefined;
}

/** NewDeviceMetadata for the AuthenticationResult, when the pool tracks devices and this sign-in used no known device. */
export async function newDeviceMetadata(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  _user: UserRecord,
  _deviceKey: string | undefined,
): Promise<NewDeviceMetadataType | undefined> {
  return undefined;
}

/** Answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER. */
export async function respondDeviceChallenge(
  _ctx: OperationContext,
  _pool: PoolRecord,
  _client: ClientRecord,
  challenge: ChallengeNameType,
  _session: string | undefined,
  _responses: Record<string, string>,
): Promise<AuthOutcome> {
  throw errors.invalidParameter(`${challenge} is not supported by Cognate yet.`);
}
