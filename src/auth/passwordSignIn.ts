import type {
  ChallengeNameType,
  NewDeviceMetadataType,
  SchemaAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { checkSecretHash } from "../clients/secretHash.js";
import { CognitoError, errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { hashPassword, needsRehash, verifyPassword, type PasswordHashCost } from "../common/passwords.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import type { WireAuthenticationResult } from "../tokens/issue.js";
import { findUser, usernameKey } from "../users/lookup.js";
import { preventsUserExistenceErrors } from "./client.js";
import { checkLockout, clearFailures, recordFailure } from "./lockout.js";
import { completeSignIn } from "./completeSignIn.js";
import { preAuthentication, preAuthenticationUnknownUser } from "../triggers/authentication.js";
import { migrateUser } from "../triggers/userMigration.js";

/** What InitiateAuth and RespondToAuthChallenge answer: tokens, or the next challenge. */
export interface AuthOutcome {
  ChallengeName?: ChallengeNameType;
  Session?: string;
  ChallengeParameters: Record<string, string>;
  AuthenticationResult?: WireAuthenticationResult & { NewDeviceMetadata?: NewDeviceMetadataType };
  /** SELECT_CHALLENGE (USER_AUTH): the first factors this user can choose. */
  AvailableChallenges?: ChallengeNameType[];
}

// Compared against when the user does not exist, so that the answer takes as long either way
// (one a cost: servers of one process may differ).
const decoyHashes = new Map<PasswordHashCost, Promise<string>>();

export const incorrectPassword = () => errors.notAuthorized("Incorrect username or password.");

/**
 * The user a sign-in names, or Cognito's error: UserNotFoundException, or — with
 * PreventUserExistenceErrors — the same NotAuthorizedException as a wrong password.
 */
export async function signInUser(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
): Promise<UserRecord> {
  const user = await findUser(ctx, pool, username);
  if (user) return user;
  if (preventsUserExistenceErrors(client)) throw incorrectPassword();
  throw errors.userNotFound("User does not exist.");
}

/** State checks every sign-in makes before looking at the password. */
export function checkUserCanSignIn(user: UserRecord): void {
  if (!user.enabled) throw errors.notAuthorized("User is disabled.");
  if (user.status === "RESET_REQUIRED") {
    throw new CognitoError("PasswordResetRequiredException", "Password reset required for the user");
  }
}

/**
 * An unconfirmed user is told so whatever the password (AWS calls this intended, so that apps
 * can send the user to confirmation: amazon-cognito-identity-js#288, amplify-js#11209).
 */
export function checkUserConfirmed(user: UserRecord): void {
  if (user.status === "UNCONFIRMED") throw new CognitoError("UserNotConfirmedException", "User is not confirmed.");
}

/**
 * USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: checks the secret hash, the user's state,
 * the lockout and the password, then goes on in completeSignIn (tokens or the next challenge). Hashing is slow,
 * so the password is checked outside the transaction that records the outcome.
 */
export async function passwordSignIn(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  password: string,
  secretHash: string | undefined,
  deviceKey?: string,
  /** The request's ClientMetadata: PreAuthentication's and UserMigration's validationData. */
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  checkSecretHash(client, username, secretHash);
  // The user and their lockout state in one read transaction (one lock instead of one a query).
  const checkUser = (found: UserRecord) => {
    checkUserCanSignIn(found);
    checkUserConfirmed(found);
    return checkLockout(ctx, pool, found);
  };
  let user = await ctx.store.transaction(
    async () => {
      const found = await findUser(ctx, pool, username);
      if (found) await checkUser(found);
      return found;
    },
    { readOnly: true },
  );
  // Triggers run outside transactions (they are slow). A name nobody has may be migrated from
  // a legacy store by the UserMigration trigger; the sign-in then goes on with the new user
  // (a RESET_REQUIRED one is told to reset its password).
  if (!user) {
    user = await migrateUser(ctx, pool, client, "UserMigration_Authentication", username, {
      password,
      ...(clientMetadata ? { validationData: clientMetadata } : {}),
    });
    if (user) await ctx.store.transaction(() => checkUser(user!), { readOnly: true });
  }
  const metadata = clientMetadata ? { clientMetadata } : {};
  if (user) await preAuthentication(ctx, pool, client, user, metadata);
  else await preAuthenticationUnknownUser(ctx, pool, client, username, metadata);
  if (!user) {
    if (preventsUserExistenceErrors(client)) {
      const cost = ctx.config.passwordHashCost;
      let decoy = decoyHashes.get(cost);
      if (!decoy) decoyHashes.set(cost, (decoy = hashPassword("decoy-password", cost)));
      await verifyPassword(password, await decoy);
      throw incorrectPassword();
    }
    throw errors.userNotFound("User does not exist.");
  }
  const verified = user.passwordHash;
  const correct = !!verified && (await verifyPassword(password, verified));

  if (!correct) {
    // Committed before answering: a throw inside the transaction would roll the count back.
    await ctx.store.transaction(() => recordFailure(ctx, pool, user));
    throw incorrectPassword();
  }
  // A legacy or weaker hash is replaced now that the password is known, hashed outside the transaction.
  const cost = ctx.config.passwordHashCost;
  const rehashed = needsRehash(verified, cost) ? await hashPassword(password, cost) : undefined;
  return ctx.store.transaction(async () => {
    const signedIn = rehashed ? await replaceHash(ctx, pool, user, verified, rehashed) : user;
    const outcome = await completeSignIn(ctx, pool, client, signedIn, {
      factor: "PASSWORD",
      ...(deviceKey ? { deviceKey } : {}),
    });
    // Only a completed sign-in clears the failures: wrong MFA codes after it count too.
    if (outcome.AuthenticationResult) await clearFailures(ctx, pool, user);
    return outcome;
  });
}

/**
 * Stores the rehashed password, unless the hash changed since it was verified (a password
 * changed meanwhile wins). Only the hash: the SRP verifier does not depend on it, and the
 * modification date stays, as nothing a client sees changed.
 */
async function replaceHash(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  verified: string,
  rehashed: string,
): Promise<UserRecord> {
  const key = usernameKey(pool, user.username);
  const current = await ctx.store.users.get(pool.id, key);
  if (!current || current.sub !== user.sub || current.passwordHash !== verified) return user;
  const updated: UserRecord = { ...current, passwordHash: rehashed };
  await ctx.store.users.update(updated, key);
  return updated;
}

/** Required schema attributes the user has no value for: the new-password answer must supply them. */
export function missingRequiredAttributes(pool: PoolRecord, user: UserRecord): string[] {
  return requiredAttributes(pool).filter((name) => !user.attributes[name]);
}

/** The pool's required schema attributes other than sub. */
export function requiredAttributes(pool: PoolRecord): string[] {
  const schema = (pool.config.SchemaAttributes as SchemaAttributeType[] | undefined) ?? [];
  return schema.filter((a) => a.Required && a.Name !== "sub").map((a) => a.Name!);
}
