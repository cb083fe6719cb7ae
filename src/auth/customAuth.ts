import { checkSecretHash } from "../clients/secretHash.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { preAuthentication, preAuthenticationUnknownUser } from "../triggers/authentication.js";
import {
  createAuthChallenge,
  defineAuthChallenge,
  triggerUserAttributes,
  verifyAuthChallengeResponse,
  type ChallengeCall,
  type ChallengeResult,
} from "../triggers/customAuth.js";
import { hasTrigger, invalidLambdaResponse } from "../triggers/invoke.js";
import { findUser, usernameKey } from "../users/lookup.js";
import { preventsUserExistenceErrors, requireParameter } from "./client.js";
import { completeSignIn } from "./completeSignIn.js";
import { clearFailures } from "./lockout.js";
import { checkUserCanSignIn, checkUserConfirmed, incorrectPassword, type AuthOutcome } from "./passwordSignIn.js";
import { secretHashChecker } from "./refresh.js";
import { closeSession, invalidSession, openSession, openSessionAt, readSession } from "./session.js";
import { newSecretBlock, parseClientPublic, startSrp } from "./srp/index.js";
import { decoySrp } from "./srpSignIn.js";

/**
 * CUSTOM_AUTH: DefineAuthChallenge decides each step from the session history, CreateAuthChallenge
 * makes each CUSTOM_CHALLENGE, VerifyAuthChallengeResponse judges each ANSWER. With
 * CHALLENGE_NAME=SRP_A the history starts with SRP_A and Define may ask for PASSWORD_VERIFIER
 * first (answered in srpSignIn.ts, which comes back here through continueAfterPassword). The
 * triggers run outside storage transactions; each round opens a new session (the history,
 * JSON, in its state) and closes the one it answered.
 */

export const customAuthNotConfigured = () =>
  errors.invalidParameter("Custom auth lambda trigger is not configured for the user pool.");

/** ALLOW_CUSTOM_AUTH (or the legacy CUSTOM_AUTH_FLOW_ONLY); clients created without flows allow it. */
export function customAuthEnabled(client: ClientRecord): boolean {
  const configured = client.config.ExplicitAuthFlows as string[] | undefined;
  if (!configured?.length) return true;
  return configured.includes("ALLOW_CUSTOM_AUTH") || configured.includes("CUSTOM_AUTH_FLOW_ONLY");
}

/** The sign-in a custom flow carries from round to round. */
interface CustomFlow {
  /** Undefined for an unknown user under PreventUserExistenceErrors: the triggers still run. */
  user: UserRecord | undefined;
  /** The stored username, or the name typed for an unknown user (the events' userName). */
  userId: string;
  signInName: string;
  deviceKey?: string;
  /** This request's ClientMetadata: each call hands its own to the triggers. */
  clientMetadata?: Record<string, string>;
}

function challengeCall(pool: PoolRecord, client: ClientRecord, flow: CustomFlow): ChallengeCall {
  return {
    userName: flow.userId,
    clientId: client.clientId,
    userAttributes: triggerUserAttributes(pool, flow.user),
    userNotFound: !flow.user,
    ...(flow.clientMetadata ? { clientMetadata: flow.clientMetadata } : {}),
  };
}

function flowState(flow: CustomFlow, history: readonly ChallengeResult[]): Record<string, string> {
  return {
    custom: "1",
    signInName: flow.signInName,
    history: JSON.stringify(history),
    ...(flow.deviceKey ? { deviceKey: flow.deviceKey } : {}),
  };
}

function historyOf(state: Record<string, string>): ChallengeResult[] {
  return state.history ? (JSON.parse(state.history) as ChallengeResult[]) : [];
}

/** InitiateAuth / AdminInitiateAuth with CUSTOM_AUTH. */
export async function startCustomAuth(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  parameters: Record<string, string>,
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  if (!customAuthEnabled(client)) throw errors.invalidParameter("Auth flow not enabled for this client");
  if (!hasTrigger(pool, "DefineAuthChallenge")) throw customAuthNotConfigured();
  const username = requireParameter(parameters, "USERNAME");
  checkSecretHash(client, username, parameters.SECRET_HASH);
  const withSrp = parameters.CHALLENGE_NAME === "SRP_A";
  const A = withSrp ? requireParameter(parameters, "SRP_A") : undefined;
  if (A !== undefined && parseClientPublic(A) === undefined) throw errors.invalidParameter("Invalid SRP_A");
  const user = await findUser(ctx, pool, username);
  if (user) {
    checkUserCanSignIn(user);
    checkUserConfirmed(user);
    await preAuthentication(ctx, pool, client, user, clientMetadata ? { clientMetadata } : {});
  } else if (!preventsUserExistenceErrors(client)) {
    throw errors.userNotFound("User does not exist.");
  } else {
    await preAuthenticationUnknownUser(ctx, pool, client, username, clientMetadata ? { clientMetadata } : {});
  }
  const flow: CustomFlow = {
    user,
    userId: user?.username ?? username,
    signInName: username,
    ...(parameters.DEVICE_KEY ? { deviceKey: parameters.DEVICE_KEY } : {}),
    ...(clientMetadata ? { clientMetadata } : {}),
  };
  // Cognito records the SRP_A it was given as a passed challenge before asking Define.
  const history: ChallengeResult[] = withSrp
    ? [{ challengeName: "SRP_A", challengeResult: true, challengeMetadata: null }]
    : [];
  return nextStep(ctx, pool, client, flow, history, A);
}

/** RespondToAuthChallenge / AdminRespondToAuthChallenge with CUSTOM_CHALLENGE. */
export async function respondCustomChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string | undefined,
  responses: Record<string, string>,
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  const username = requireParameter(responses, "USERNAME");
  const answer = requireParameter(responses, "ANSWER");
  const open = await readSession(ctx, pool, client, session, "CUSTOM_CHALLENGE");
  const state = open.state ?? {};
  // Clients hash the name the user typed or the USERNAME the challenge named.
  secretHashChecker(client, responses.SECRET_HASH, username)([open.username, state.signInName ?? ""]);
  // Each session answers once: closed before the (slow) triggers run, so a replay is refused.
  await ctx.store.transaction(async () => {
    await readSession(ctx, pool, client, session, "CUSTOM_CHALLENGE");
    await closeSession(ctx, pool, session!);
  });
  let user: UserRecord | undefined;
  if (open.username) {
    user = await ctx.store.users.get(pool.id, usernameKey(pool, open.username));
    if (!user) throw invalidSession();
    checkUserCanSignIn(user);
  }
  if (!hasTrigger(pool, "DefineAuthChallenge") || !hasTrigger(pool, "VerifyAuthChallengeResponse")) {
    throw customAuthNotConfigured();
  }
  const flow: CustomFlow = {
    user,
    userId: open.username || (state.signInName ?? username),
    signInName: state.signInName ?? username,
    ...(responses.DEVICE_KEY || state.deviceKey ? { deviceKey: responses.DEVICE_KEY || state.deviceKey } : {}),
    ...(clientMetadata ? { clientMetadata } : {}),
  };
  const privateParameters = state.private ? (JSON.parse(state.private) as Record<string, string>) : {};
  const correct = await verifyAuthChallengeResponse(
    ctx,
    pool,
    challengeCall(pool, client, flow),
    privateParameters,
    answer,
  );
  const history = [
    ...historyOf(state),
    { challengeName: "CUSTOM_CHALLENGE", challengeResult: correct, challengeMetadata: state.metadata ?? null },
  ];
  return nextStep(ctx, pool, client, flow, history);
}

/**
 * PASSWORD_VERIFIER of a custom flow answered correctly (srpSignIn.ts checked the signature and
 * found no MFA to ask first): Define hears of it and decides what comes next.
 */
export async function continueAfterPassword(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  state: Record<string, string>,
  deviceKey: string | undefined,
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  const flow: CustomFlow = {
    user,
    userId: user.username,
    signInName: state.signInName ?? user.username,
    ...(deviceKey ? { deviceKey } : {}),
    ...(clientMetadata ? { clientMetadata } : {}),
  };
  const history = [
    ...historyOf(state),
    { challengeName: "PASSWORD_VERIFIER", challengeResult: true, challengeMetadata: null },
  ];
  return nextStep(ctx, pool, client, flow, history);
}

/** Asks Define, then fails, signs in, or presents the next challenge. */
async function nextStep(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  flow: CustomFlow,
  history: ChallengeResult[],
  A?: string,
): Promise<AuthOutcome> {
  const call = challengeCall(pool, client, flow);
  const decision = await defineAuthChallenge(ctx, pool, call, history);
  if ("fail" in decision) throw incorrectPassword();
  if ("issueTokens" in decision) {
    // Tokens for nobody: an unknown user fails like a wrong answer, whatever the functions said.
    const user = flow.user;
    if (!user) throw incorrectPassword();
    return ctx.store.transaction(async () => {
      // MFA was asked right after a verified password (Cognito does not ask Define again then);
      // after custom challenges Cognito asks for none. A tracked device is still challenged.
      const outcome = await completeSignIn(ctx, pool, client, user, {
        factor: "CUSTOM_CHALLENGE",
        ...(flow.deviceKey ? { deviceKey: flow.deviceKey } : {}),
      });
      if (outcome.AuthenticationResult) await clearFailures(ctx, pool, user);
      return outcome;
    });
  }
  if (decision.challengeName === "PASSWORD_VERIFIER") {
    if (A === undefined) throw invalidLambdaResponse("Invalid lambda response: no SRP_A to verify a password with.");
    return passwordVerifierChallenge(ctx, pool, client, flow, history, A);
  }
  if (!hasTrigger(pool, "CreateAuthChallenge")) throw customAuthNotConfigured();
  const created = await createAuthChallenge(ctx, pool, call, history);
  const session = await ctx.store.transaction(() =>
    openSession(ctx, pool, client, "CUSTOM_CHALLENGE", flow.user?.username ?? "", {
      ...flowState(flow, history),
      private: JSON.stringify(created.privateChallengeParameters),
      ...(created.challengeMetadata ? { metadata: created.challengeMetadata } : {}),
    }),
  );
  return {
    ChallengeName: "CUSTOM_CHALLENGE",
    Session: session,
    // Cognito names the user in every custom challenge, next to the function's parameters.
    ChallengeParameters: { ...created.publicChallengeParameters, USERNAME: flow.userId },
  };
}

/**
 * PASSWORD_VERIFIER inside the custom flow: the same challenge as USER_SRP_AUTH's, stored under
 * the SECRET_BLOCK with the flow's history, and with a Session (clients send it back).
 */
async function passwordVerifierChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  flow: CustomFlow,
  history: ChallengeResult[],
  A: string,
): Promise<AuthOutcome> {
  const srp = flow.user?.srp ?? decoySrp();
  const { b, B } = startSrp(srp.verifier);
  const secretBlock = newSecretBlock();
  await ctx.store.transaction(() =>
    openSessionAt(ctx, pool, client, secretBlock, "PASSWORD_VERIFIER", flow.user?.username ?? "", {
      ...flowState(flow, history),
      A,
      b,
      B,
    }),
  );
  return {
    ChallengeName: "PASSWORD_VERIFIER",
    Session: secretBlock,
    ChallengeParameters: {
      SALT: srp.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: B,
      USERNAME: flow.userId,
      USER_ID_FOR_SRP: flow.userId,
    },
  };
}
