import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { initiate } from "../auth/flows.js";
import type { AuthOutcome } from "../auth/passwordSignIn.js";
import { completeAuthorization } from "../oauth/authorization.js";
import { postAuthentication } from "../triggers/authentication.js";
import { hasTrigger } from "../triggers/invoke.js";
import { usernameKey } from "../users/lookup.js";
import { showChallenge, type ChallengeStep } from "./challengePage.js";
import type { PageRequest } from "./page.js";
import { withSecretHash } from "./secretHash.js";

/**
 * Sign-in through the same flows as InitiateAuth, in managed-login mode (ctx.hostedUi): a
 * finished sign-in yields no tokens but ctx.hostedUi.signedIn, and the browser is sent back to
 * the app with an authorization code.
 */
export async function startSignIn(
  page: PageRequest,
  username: string,
  flow: "USER_PASSWORD_AUTH" | "USER_AUTH",
  parameters: Record<string, string>,
  session?: string,
): Promise<void> {
  const { ctx, target } = page;
  ctx.hostedUi = {};
  const outcome = await initiate(
    ctx,
    target.pool,
    target.client,
    flow,
    withSecretHash(target.client, username, { USERNAME: username, ...parameters }),
    false,
    session,
  );
  await continueSignIn(page, outcome, username);
}

/** After a flow or a challenge answer: the next challenge's page, or the way back to the app. */
export async function continueSignIn(page: PageRequest, outcome: AuthOutcome, username: string): Promise<void> {
  const signedIn = page.ctx.hostedUi?.signedIn;
  if (outcome.AuthenticationResult && signedIn) return finishSignIn(page, signedIn.username);
  if (!outcome.ChallengeName || !outcome.Session) throw new Error("sign-in ended without a result or a challenge");
  const step: ChallengeStep = {
    challenge: outcome.ChallengeName as ChallengeNameType,
    session: outcome.Session,
    username,
    parameters: outcome.ChallengeParameters,
  };
  await showChallenge(page, step);
}

/** PostAuthentication (which may still refuse), then the code back to the app and the session cookie. */
async function finishSignIn(page: PageRequest, username: string): Promise<void> {
  const { ctx, target } = page;
  const { pool, client } = target;
  const user = await ctx.store.users.get(pool.id, usernameKey(pool, username));
  if (!user) throw new Error(`signed-in user ${username} vanished`);
  if (hasTrigger(pool, "PostAuthentication")) {
    await postAuthentication(ctx, pool, client, user, { newDeviceUsed: false });
  }
  await completeAuthorization(ctx, page.res, target, page.scope, { user, authTime: ctx.now, openSession: true });
}
