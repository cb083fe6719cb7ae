import { checkSecretHash } from "../clients/secretHash.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { issueTokens } from "../tokens/issue.js";
import { findUser, usernameKey } from "../users/lookup.js";
import { requireParameter } from "./client.js";
import { checkUserCanSignIn, passwordSignIn, signInUser, type AuthOutcome } from "./passwordSignIn.js";
import type { SignUpSession } from "../signUp/session.js";
import { closeSession, invalidSession, openSession, readSession, sessionUsed } from "./session.js";
import { startSrpSignIn } from "./srpSignIn.js";

/** The first factors Cognate offers in choice-based sign-in (USER_AUTH). */
const FIRST_FACTORS = ["PASSWORD", "PASSWORD_SRP"] as const;

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
    const tokens = await issueTokens(ctx, { pool, client, user, withRefresh: true });
    return { ChallengeParameters: {}, AuthenticationResult: tokens };
  });
}

/**
 * USER_AUTH without a session: the PREFERRED_CHALLENGE goes straight to that factor;
 * without one, SELECT_CHALLENGE lists the factors and RespondToAuthChallenge picks one.
 */
export async function chooseFirstFactor(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  parameters: Record<string, string>,
  preferred: string | undefined,
): Promise<AuthOutcome> {
  if (preferred === "PASSWORD") {
    return passwordSignIn(
      ctx,
      pool,
      client,
      username,
      requireParameter(parameters, "PASSWORD"),
      parameters.SECRET_HASH,
    );
  }
  if (preferred === "PASSWORD_SRP") return startSrpSignIn(ctx, pool, client, parameters);
  checkSecretHash(client, username, parameters.SECRET_HASH);
  const user = await signInUser(ctx, pool, client, username);
  const session = await ctx.store.transaction(() => openSession(ctx, pool, client, "SELECT_CHALLENGE", user.username));
  return {
    ChallengeName: "SELECT_CHALLENGE",
    Session: session,
    ChallengeParameters: {},
    AvailableChallenges: [...FIRST_FACTORS],
  } as AuthOutcome;
}

/** SELECT_CHALLENGE's answer: ANSWER names the factor, with what that factor needs (PASSWORD or SRP_A). */
export async function respondSelectChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  const open = await readSession(ctx, pool, client, session, "SELECT_CHALLENGE");
  const username = requireParameter(responses, "USERNAME");
  const answer = requireParameter(responses, "ANSWER");
  if (!(FIRST_FACTORS as readonly string[]).includes(answer)) {
    throw errors.invalidParameter(`${answer} is not an available challenge.`);
  }
  const named = await findUser(ctx, pool, username);
  if (!named || named.username !== open.username) throw invalidSession();
  await ctx.store.transaction(() => closeSession(ctx, pool, session!));
  return chooseFirstFactor(ctx, pool, client, username, responses, answer);
}
