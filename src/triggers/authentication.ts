import { preventsUserExistenceErrors } from "../auth/client.js";
import type { AuthOutcome } from "../auth/passwordSignIn.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { unverifiedClaims } from "../tokens/verify.js";
import { usernameKey } from "../users/lookup.js";
import { hasTrigger, invokeTrigger } from "./invoke.js";
import { triggerUserAttributes } from "./postConfirmation.js";

/**
 * PreAuthentication: called when a known user starts to sign in, before any password or
 * challenge is checked (USER_PASSWORD_AUTH, USER_SRP_AUTH, USER_AUTH, CUSTOM_AUTH); it may
 * refuse the sign-in by throwing. Its validationData is the ClientMetadata of InitiateAuth
 * (Cognito's documented source; null without any), and userNotFound is only sent where the
 * app client prevents user existence errors.
 */
export async function preAuthentication(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  call: { validationData?: Record<string, string>; clientMetadata?: Record<string, string> },
): Promise<void> {
  if (!hasTrigger(pool, "PreAuthentication")) return;
  await invokePreAuthentication(ctx, pool, client, user.username, triggerUserAttributes(user), false, call);
}

/**
 * PreAuthentication for a name no user has: Cognito calls it only where the app client prevents
 * user existence errors, with userNotFound true (the function cannot tell the caller either).
 */
export async function preAuthenticationUnknownUser(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  call: { validationData?: Record<string, string>; clientMetadata?: Record<string, string> } = {},
): Promise<void> {
  if (!hasTrigger(pool, "PreAuthentication") || !preventsUserExistenceErrors(client)) return;
  await invokePreAuthentication(ctx, pool, client, username, {}, true, call);
}

async function invokePreAuthentication(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  userName: string,
  userAttributes: Record<string, string>,
  userNotFound: boolean,
  call: { validationData?: Record<string, string>; clientMetadata?: Record<string, string> },
): Promise<void> {
  const validationData = call.validationData ?? call.clientMetadata ?? null;
  // Nothing of the answer is used: the function can only let the sign-in go on or refuse it.
  await invokeTrigger(ctx, pool, "PreAuthentication", {
    triggerSource: "PreAuthentication_Authentication",
    userName,
    clientId: client.clientId,
    request: {
      userAttributes,
      validationData,
      ...(preventsUserExistenceErrors(client) ? { userNotFound } : {}),
    },
  });
}

/**
 * PostAuthentication: after a sign-in issued tokens, before the caller receives them (a
 * function that throws fails the sign-in). clientMetadata is that of the challenge answer that
 * completed the sign-in: Cognito does not pass InitiateAuth's to this trigger.
 */
export async function postAuthentication(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  call: { newDeviceUsed: boolean; clientMetadata?: Record<string, string> },
): Promise<void> {
  await invokeTrigger(ctx, pool, "PostAuthentication", {
    triggerSource: "PostAuthentication_Authentication",
    userName: user.username,
    clientId: client.clientId,
    request: {
      userAttributes: triggerUserAttributes(user),
      newDeviceUsed: call.newDeviceUsed,
      ...(call.clientMetadata ? { clientMetadata: call.clientMetadata } : {}),
    },
  });
}

/**
 * What the sign-in operations run after their flow: when it issued tokens (not a refresh: the
 * caller passes only sign-ins), PostAuthentication for the user the tokens name, outside any
 * transaction. The answer passes through unchanged.
 */
export async function afterSignIn(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  outcome: AuthOutcome,
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  const result = outcome.AuthenticationResult;
  if (!result?.AccessToken || !hasTrigger(pool, "PostAuthentication")) return outcome;
  // The token was just signed here: its claims need no verification.
  const claims = unverifiedClaims(result.AccessToken) ?? {};
  const username = typeof claims.username === "string" ? claims.username : undefined;
  const user = username ? await ctx.store.users.get(pool.id, usernameKey(pool, username)) : undefined;
  if (!user) return outcome;
  await postAuthentication(ctx, pool, client, user, {
    newDeviceUsed: !!result.NewDeviceMetadata,
    ...(clientMetadata ? { clientMetadata } : {}),
  });
  return outcome;
}
