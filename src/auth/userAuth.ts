import { checkSecretHash } from "../clients/secretHash.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { startCodeChallenge } from "../mfa/challenges.js";
import { allowedFirstAuthFactors } from "../pools/signInPolicy.js";
import { hasPasskey, startWebAuthnSignIn } from "../webauthn/signIn.js";
import { findUser, usernameKey } from "../users/lookup.js";
import { preventsUserExistenceErrors, requireParameter } from "./client.js";
import { decoyChallenge } from "./decoy.js";
import { preAuthentication, preAuthenticationUnknownUser } from "../triggers/authentication.js";
import { completeSignIn, firstFactorState } from "./completeSignIn.js";
import { checkLockout } from "./lockout.js";
import {
  checkUserCanSignIn,
  checkUserConfirmed,
  passwordSignIn,
  signInUser,
  type AuthOutcome,
} from "./passwordSignIn.js";
import type { SignUpSession } from "../signUp/session.js";
import { closeSession, invalidSession, openSession, readSession, sessionUsed } from "./session.js";
import { startSrpSignIn } from "./srpSignIn.js";

/**
 * USER_AUTH with the Session ConfirmSignUp answered: the confirmation itself proves the user,
 * so tokens are issued without a password. The session answers once.
 */
export async function signInAfterSignUp(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string,
  username: string,
  secretHash: string | undefined,
): Promise<AuthOutcome> {
  checkSecretHash(client, username, secretHash);
  return ctx.store.transaction(async () => {
    const record = await ctx.store.resources.get<SignUpSession>(ResourceKind.authSession, pool.id, session);
    const data = record?.data;
    if (!data || data.type !== "signUp" || data.clientId !== client.clientId || data.expiresAt <= ctx.now) {
      throw invalidSession();
    }
    if (data.used) throw sessionUsed();
    const named = await findUser(ctx, pool, username);
    if (!named || named.username !== data.username) throw invalidSession();
    if (data.stage !== "confirmed" || named.status !== "CONFIRMED") {
      throw errors.notAuthorized("Invalid session for the user.");
    }
    checkUserCanSignIn(named);
    await closeSession(ctx, pool, session);
    const user = (await ctx.store.users.get(pool.id, usernameKey(pool, named.username)))!;
    return completeSignIn(ctx, pool, client, user, { factor: "SIGN_UP_SESSION" });
  });
}

/** The first factors this user can choose among those the pool allows, in the order SELECT_CHALLENGE lists them. */
export async function availableFirstFactors(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
): Promise<FirstFactorName[]> {
  const allowed = allowedFirstAuthFactors(pool);
  const factors: FirstFactorName[] = [];
  if (allowed.includes("PASSWORD") && user.passwordHash) factors.push("PASSWORD", "PASSWORD_SRP");
  if (allowed.includes("EMAIL_OTP") && user.attributes.email && user.attributes.email_verified === "true") {
    factors.push("EMAIL_OTP");
  }
  if (allowed.includes("SMS_OTP") && user.attributes.phone_number && user.attributes.phone_number_verified === "true") {
    factors.push("SMS_OTP");
  }
  if (allowed.includes("WEB_AUTHN") && (await hasPasskey(ctx, pool, user))) factors.push("WEB_AUTHN");
  return factors;
}

type FirstFactorName = "PASSWORD" | "PASSWORD_SRP" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN";

/**
 * USER_AUTH without a session: a PREFERRED_CHALLENGE the user can use goes straight to that
 * factor; otherwise SELECT_CHALLENGE lists the factors and RespondToAuthChallenge picks one.
 */
export async function chooseFirstFactor(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  parameters: Record<string, string>,
  preferred: string | undefined,
  /** The request's ClientMetadata, for the sign-in triggers. */
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  const passwordAllowed = allowedFirstAuthFactors(pool).includes("PASSWORD");
  if (preferred === "PASSWORD" && passwordAllowed) {
    return passwordSignIn(
      ctx,
      pool,
      client,
      username,
      requireParameter(parameters, "PASSWORD"),
      parameters.SECRET_HASH,
      parameters.DEVICE_KEY,
      clientMetadata,
    );
  }
  if (preferred === "PASSWORD_SRP" && passwordAllowed)
    return startSrpSignIn(ctx, pool, client, parameters, clientMetadata);
  checkSecretHash(client, username, parameters.SECRET_HASH);
  const found = await findUser(ctx, pool, username);
  if (!found && preventsUserExistenceErrors(client)) {
    await preAuthenticationUnknownUser(ctx, pool, client, username, clientMetadata ? { clientMetadata } : {});
    return decoyChallenge(ctx, pool, client, username, preferred);
  }
  const user = found ?? (await signInUser(ctx, pool, client, username));
  checkUserCanSignIn(user);
  checkUserConfirmed(user);
  const available = await availableFirstFactors(ctx, pool, user);
  if (preferred && (available as string[]).includes(preferred)) {
    return startFirstFactor(ctx, pool, client, user, preferred as FirstFactorName, parameters, clientMetadata);
  }
  const session = await ctx.store.transaction(() => openSession(ctx, pool, client, "SELECT_CHALLENGE", user.username));
  return {
    ChallengeName: "SELECT_CHALLENGE",
    Session: session,
    ChallengeParameters: {},
    AvailableChallenges: available,
  };
}

/** Starts the chosen first factor: one-time codes and passkeys here, passwords through their flows. */
async function startFirstFactor(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  factor: FirstFactorName,
  parameters: Record<string, string>,
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  switch (factor) {
    case "PASSWORD":
      return passwordSignIn(
        ctx,
        pool,
        client,
        parameters.USERNAME ?? user.username,
        requireParameter(parameters, "PASSWORD"),
        parameters.SECRET_HASH,
        parameters.DEVICE_KEY,
        clientMetadata,
      );
    case "PASSWORD_SRP":
      return startSrpSignIn(ctx, pool, client, parameters, clientMetadata);
    case "WEB_AUTHN":
      // Password factors run PreAuthentication in their own flows; passwordless ones here.
      await preAuthentication(ctx, pool, client, user, clientMetadata ? { clientMetadata } : {});
      return startWebAuthnSignIn(ctx, pool, client, user);
    case "EMAIL_OTP":
    case "SMS_OTP": {
      await preAuthentication(ctx, pool, client, user, clientMetadata ? { clientMetadata } : {});
      const state = {
        ...firstFactorState({ factor, ...(parameters.DEVICE_KEY ? { deviceKey: parameters.DEVICE_KEY } : {}) }),
        purpose: "firstFactor",
      };
      return ctx.store.transaction(async () => {
        await checkLockout(ctx, pool, user);
        return startCodeChallenge(ctx, pool, client, user, factor, state);
      });
    }
  }
}

/** SELECT_CHALLENGE's answer: ANSWER names the factor, with what that factor needs (PASSWORD or SRP_A). */
export async function respondSelectChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string | undefined,
  responses: Record<string, string>,
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  const open = await readSession(ctx, pool, client, session, "SELECT_CHALLENGE");
  const username = requireParameter(responses, "USERNAME");
  const answer = requireParameter(responses, "ANSWER");
  const named = await findUser(ctx, pool, username);
  if (open.state?.decoy === "true" && !named && username === open.username) {
    // A decoy (unknown user, existence errors prevented): the pick goes on as it would for a
    // user, to a wrong password or another decoy.
    checkSecretHash(client, username, responses.SECRET_HASH);
    await ctx.store.transaction(() => closeSession(ctx, pool, session!));
    return chooseFirstFactor(ctx, pool, client, username, responses, answer, clientMetadata);
  }
  if (!named || named.username !== open.username) throw invalidSession();
  const available = await availableFirstFactors(ctx, pool, named);
  if (!(available as string[]).includes(answer)) {
    throw errors.invalidParameter(`${answer} is not an available challenge.`);
  }
  checkSecretHash(client, username, responses.SECRET_HASH);
  await ctx.store.transaction(() => closeSession(ctx, pool, session!));
  return startFirstFactor(ctx, pool, client, named, answer as FirstFactorName, responses, clientMetadata);
}
