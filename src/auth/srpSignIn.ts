import { checkSecretHash } from "../clients/secretHash.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { findUser, usernameKey } from "../users/lookup.js";
import {
  computeVerifier,
  newSalt,
  newSecretBlock,
  parseClientPublic,
  parseSrpTimestamp,
  poolNameOf,
  startSrp,
  verifySrp,
} from "./srp/index.js";
import { preventsUserExistenceErrors, requireParameter } from "./client.js";
import { secretHashChecker } from "./refresh.js";
import { checkLockout, clearFailures, recordFailure } from "./lockout.js";
import { completeSignIn } from "./completeSignIn.js";
import { checkUserCanSignIn, checkUserConfirmed, incorrectPassword, type AuthOutcome } from "./passwordSignIn.js";
import { closeSession, invalidSession, openSessionAt, readSessionAt } from "./session.js";
import { preAuthentication, preAuthenticationUnknownUser } from "../triggers/authentication.js";
import { mfaChallenge } from "../mfa/challenges.js";
import { continueAfterPassword } from "./customAuth.js";

/**
 * USER_SRP_AUTH, first round trip: answers PASSWORD_VERIFIER with the user's salt, the server's
 * public value B and a SECRET_BLOCK. Like Cognito, no Session is returned: the secret block
 * names the sign-in in progress, so the server state is stored under it.
 */
export async function startSrpSignIn(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  parameters: Record<string, string>,
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  const username = requireParameter(parameters, "USERNAME");
  const A = requireParameter(parameters, "SRP_A");
  checkSecretHash(client, username, parameters.SECRET_HASH);
  if (parseClientPublic(A) === undefined) throw errors.invalidParameter("Invalid SRP_A");
  const user = await findUser(ctx, pool, username);
  let userId: string;
  let srp: { salt: string; verifier: string };
  if (user) {
    checkUserCanSignIn(user);
    // Before any password is looked at; outside transactions (functions are slow).
    await preAuthentication(ctx, pool, client, user, clientMetadata ? { clientMetadata } : {});
    userId = user.username;
    // A user without a password still gets a challenge; no signature can match it.
    srp = user.srp ?? decoySrp();
  } else if (preventsUserExistenceErrors(client)) {
    // Cognito answers unknown users with a challenge too, and fails only the signature; the
    // PreAuthentication function is told (userNotFound), as for a known user it is called.
    await preAuthenticationUnknownUser(ctx, pool, client, username, clientMetadata ? { clientMetadata } : {});
    userId = username;
    srp = decoySrp();
  } else {
    throw errors.userNotFound("User does not exist.");
  }
  const { b, B } = startSrp(srp.verifier);
  const secretBlock = newSecretBlock();
  await ctx.store.transaction(() =>
    openSessionAt(ctx, pool, client, secretBlock, "PASSWORD_VERIFIER", user ? userId : "", {
      A,
      b,
      B,
      signInName: username,
      ...(parameters.DEVICE_KEY ? { deviceKey: parameters.DEVICE_KEY } : {}),
    }),
  );
  return {
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeParameters: {
      SALT: srp.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: B,
      USERNAME: userId,
      USER_ID_FOR_SRP: userId,
    },
  };
}

/**
 * USER_SRP_AUTH, second round trip: checks the password claim signature, then signs in. The
 * PASSWORD_VERIFIER of a CUSTOM_AUTH flow (state.custom) is answered here too: after the
 * password, MFA if the user has it (Cognito then issues tokens without asking Define again),
 * otherwise DefineAuthChallenge decides what comes next.
 */
export async function respondPasswordVerifier(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  _session: string | undefined,
  responses: Record<string, string>,
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  const username = requireParameter(responses, "USERNAME");
  const secretBlock = requireParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const signature = requireParameter(responses, "PASSWORD_CLAIM_SIGNATURE");
  const timestamp = requireParameter(responses, "TIMESTAMP");
  const session = await readSessionAt(ctx, pool, client, secretBlock, "PASSWORD_VERIFIER");
  // Clients hash the name the user typed or the USER_ID_FOR_SRP they were given.
  secretHashChecker(client, responses.SECRET_HASH, username)([session.username, session.state?.signInName ?? ""]);
  if (parseSrpTimestamp(timestamp) === undefined) throw errors.invalidParameter("TIMESTAMP format is invalid.");
  if (!session.username) {
    await ctx.store.transaction(() => closeSession(ctx, pool, secretBlock));
    throw incorrectPassword();
  }
  const user = await ctx.store.users.get(pool.id, usernameKey(pool, session.username));
  if (!user) throw invalidSession();
  checkUserCanSignIn(user);
  checkUserConfirmed(user);
  await checkLockout(ctx, pool, user);
  const state = session.state ?? {};
  const correct =
    !!user.srp &&
    verifySrp({
      poolName: poolNameOf(pool.id),
      userIdForSrp: user.username,
      salt: user.srp.salt,
      verifier: user.srp.verifier,
      A: state.A ?? "",
      b: state.b ?? "",
      B: state.B ?? "",
      secretBlock,
      timestamp,
      signature,
    });
  if (!correct) {
    await ctx.store.transaction(async () => {
      await recordFailure(ctx, pool, user);
      await closeSession(ctx, pool, secretBlock);
    });
    throw incorrectPassword();
  }
  // Clients send the device key with the first round trip, the second, or both.
  const deviceKey = responses.DEVICE_KEY || state.deviceKey;
  if (state.custom) {
    const next = await ctx.store.transaction(async () => {
      await readSessionAt(ctx, pool, client, secretBlock, "PASSWORD_VERIFIER");
      await closeSession(ctx, pool, secretBlock);
      const how = { factor: "PASSWORD_SRP" as const, ...(deviceKey ? { deviceKey } : {}) };
      if (user.status === "FORCE_CHANGE_PASSWORD") return completeSignIn(ctx, pool, client, user, how);
      return mfaChallenge(ctx, pool, client, user, how);
    });
    return next ?? continueAfterPassword(ctx, pool, client, user, state, deviceKey, clientMetadata);
  }
  return ctx.store.transaction(async () => {
    // Read again inside the transaction: each secret block answers once.
    await readSessionAt(ctx, pool, client, secretBlock, "PASSWORD_VERIFIER");
    await closeSession(ctx, pool, secretBlock);
    const outcome = await completeSignIn(ctx, pool, client, user, {
      factor: "PASSWORD_SRP",
      ...(deviceKey ? { deviceKey } : {}),
    });
    // Only a completed sign-in clears the failures: wrong MFA codes after it count too.
    if (outcome.AuthenticationResult) await clearFailures(ctx, pool, user);
    return outcome;
  });
}

/** A salt and verifier for a random password: a challenge that looks real and that nobody can answer. */
export function decoySrp(): { salt: string; verifier: string } {
  const salt = newSalt();
  return { salt, verifier: computeVerifier("decoy", "decoy", newSecretBlock(), salt) };
}
