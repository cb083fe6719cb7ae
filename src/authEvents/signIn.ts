import type { AuthFlowType, ChallengeName, ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import type { AuthOutcome } from "../auth/passwordSignIn.js";
import type { ChallengeSession } from "../auth/session.js";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { findUser } from "../users/lookup.js";
import {
  linkSession,
  readEventBySeq,
  readSessionLink,
  recordAuthEvent,
  threatProtectionActive,
  updateAuthEvent,
  type AuthEventData,
  type EventContext,
  type SessionLink,
} from "./record.js";

/**
 * Sign-in events. One sign-in is one SignIn event: logged when its first step (the password,
 * or a code) is answered, updated as each further challenge is answered (InProgress), and
 * ended Pass when tokens are issued or Fail when a step is refused. ChallengeResponses lists
 * the Password and Mfa steps with Success or Failure. The event follows the sign-in through
 * the challenge Session (a link stored under the session's hash until the session expires).
 */

// The flows whose first round trip checks the password itself.
const PASSWORD_FLOWS = new Set<AuthFlowType>(["USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"]);
// Refresh flows are not sign-ins: Cognito logs no event for them.
const SIGN_IN_FLOWS = new Set<AuthFlowType>([...PASSWORD_FLOWS, "USER_SRP_AUTH", "USER_AUTH"]);
// The refusals that end a sign-in as Fail; validation errors and the like are not events.
const FAILURES = new Set(["NotAuthorizedException", "CodeMismatchException", "ExpiredCodeException"]);
const INCORRECT_PASSWORD = "Incorrect username or password.";

/** ContextData (admin operations) or UserContextData (public ones) as EventContextData. */
export function eventContext(data: { IpAddress?: string } | undefined, sourceIp?: string): EventContext {
  // The end user's address when the app sent it (ContextData, UserContextData), else the caller's.
  const ip = data?.IpAddress ?? sourceIp;
  return ip ? { IpAddress: ip } : {};
}

/** Runs an InitiateAuth / AdminInitiateAuth flow and logs what it did. The flow's answer or error is unchanged. */
export async function trackInitiate(
  ctx: OperationContext,
  pool: PoolRecord,
  flow: AuthFlowType,
  parameters: Record<string, string>,
  context: EventContext,
  run: () => Promise<AuthOutcome>,
): Promise<AuthOutcome> {
  if (!threatProtectionActive(pool) || !SIGN_IN_FLOWS.has(flow) || !parameters.USERNAME) return run();
  const username = parameters.USERNAME;
  const passwordChecked =
    PASSWORD_FLOWS.has(flow) ||
    (flow === "USER_AUTH" && parameters.PREFERRED_CHALLENGE === "PASSWORD" && parameters.PASSWORD !== undefined);
  const step: ChallengeName | undefined = passwordChecked ? "Password" : undefined;
  let outcome: AuthOutcome;
  try {
    outcome = await run();
  } catch (err) {
    if (!sessionRefused(err))
      await safely(ctx, () => logFailure(ctx, pool, err, step, { username }, undefined, context));
    throw err;
  }
  await safely(ctx, () => logOutcome(ctx, pool, outcome, step, { username }, undefined, context));
  return outcome;
}

/** Runs a RespondToAuthChallenge / AdminRespondToAuthChallenge answer and logs it on the sign-in's event. */
export async function trackRespond(
  ctx: OperationContext,
  pool: PoolRecord,
  challenge: ChallengeNameType,
  session: string | undefined,
  responses: Record<string, string>,
  context: EventContext,
  run: () => Promise<AuthOutcome>,
): Promise<AuthOutcome> {
  if (!threatProtectionActive(pool)) return run();
  // SRP's PASSWORD_VERIFIER is keyed by its SECRET_BLOCK rather than a Session.
  const sessionKey = session ?? responses.PASSWORD_CLAIM_SECRET_BLOCK;
  // Read before the answer: the session is marked used by it.
  const before = sessionKey ? await sessionUser(ctx, pool, sessionKey) : {};
  const who = { username: before.username ?? responses.USERNAME };
  const step = stepOf(challenge, responses);
  let outcome: AuthOutcome;
  try {
    outcome = await run();
  } catch (err) {
    if (!sessionRefused(err)) await safely(ctx, () => logFailure(ctx, pool, err, step, who, before.link, context));
    throw err;
  }
  await safely(ctx, () => logOutcome(ctx, pool, outcome, step, who, before.link, context));
  return outcome;
}

/** An unknown, expired or replayed session: it names no sign-in to fail. */
const sessionRefused = (err: unknown) =>
  err instanceof CognitoError && err.message.startsWith("Invalid session for the user");

/** The step of the sign-in a challenge answer is: the password, an MFA (or one-time) code, or neither. */
function stepOf(challenge: ChallengeNameType, responses: Record<string, string>): ChallengeName | undefined {
  switch (challenge) {
    case "PASSWORD_VERIFIER":
      return "Password";
    case "SELECT_CHALLENGE":
      return responses.ANSWER === "PASSWORD" ? "Password" : undefined;
    case "SMS_MFA":
    case "SOFTWARE_TOKEN_MFA":
    case "EMAIL_OTP":
    case "SMS_OTP":
      return "Mfa";
    default:
      return undefined;
  }
}

async function sessionUser(
  ctx: OperationContext,
  pool: PoolRecord,
  key: string,
): Promise<{ username?: string; link?: SessionLink }> {
  const record = await ctx.store.resources.get<ChallengeSession>(ResourceKind.authSession, pool.id, key);
  const link = await readSessionLink(ctx, pool, key);
  return { ...(record?.data.username ? { username: record.data.username } : {}), ...(link ? { link } : {}) };
}

async function logOutcome(
  ctx: OperationContext,
  pool: PoolRecord,
  outcome: AuthOutcome,
  step: ChallengeName | undefined,
  who: { username?: string },
  link: SessionLink | undefined,
  context: EventContext,
): Promise<void> {
  const passed = !!outcome.AuthenticationResult;
  const next = outcome.Session ?? outcome.ChallengeParameters?.SECRET_BLOCK;
  await ctx.store.transaction(async () => {
    const event = await continueEvent(ctx, pool, who, link, context, passed || step !== undefined);
    if (!event) return;
    if (step) event.challengeResponses.push({ ChallengeName: step, ChallengeResponse: "Success" });
    event.response = passed ? "Pass" : "InProgress";
    await updateAuthEvent(ctx, pool, event);
    if (!passed && next) {
      const session = await ctx.store.resources.get(ResourceKind.authSession, pool.id, next);
      await linkSession(
        ctx,
        pool,
        next,
        { sub: event.sub, seq: event.seq },
        session?.expiresAt ?? ctx.now + 15 * 60_000,
      );
    }
  });
}

async function logFailure(
  ctx: OperationContext,
  pool: PoolRecord,
  err: unknown,
  step: ChallengeName | undefined,
  who: { username?: string },
  link: SessionLink | undefined,
  context: EventContext,
): Promise<void> {
  if (!(err instanceof CognitoError) || !FAILURES.has(err.type)) return;
  // Only a refused password or code is a failed step; a disabled user or a lockout fails the sign-in alone.
  const refused =
    (step === "Password" && err.type === "NotAuthorizedException" && err.message === INCORRECT_PASSWORD) ||
    (step === "Mfa" && err.type !== "NotAuthorizedException");
  await ctx.store.transaction(async () => {
    const event = await continueEvent(ctx, pool, who, link, context, true);
    if (!event || event.response === "Pass") return;
    if (step && refused) event.challengeResponses.push({ ChallengeName: step, ChallengeResponse: "Failure" });
    event.response = "Fail";
    await updateAuthEvent(ctx, pool, event);
  });
}

/** The sign-in's event: the one the session links to, or a new one for the named user when `create`. */
async function continueEvent(
  ctx: OperationContext,
  pool: PoolRecord,
  who: { username?: string },
  link: SessionLink | undefined,
  context: EventContext,
  create: boolean,
): Promise<AuthEventData | undefined> {
  if (link) {
    const event = await readEventBySeq(ctx, pool, link.sub, link.seq);
    if (event) return event;
  }
  if (!create || !who.username) return undefined;
  const user: UserRecord | undefined = await findUser(ctx, pool, who.username);
  if (!user) return undefined;
  const { event } = await recordAuthEvent(ctx, pool, user, {
    eventType: "SignIn",
    response: "InProgress",
    challengeResponses: [],
    context,
  });
  return event;
}

/** Logging must not change a sign-in's answer: a failure to log is reported, not thrown. */
async function safely(ctx: OperationContext, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    ctx.log.error("auth event not logged", { error: err instanceof Error ? err.message : String(err) });
  }
}
