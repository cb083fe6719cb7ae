import { checkAliasConflicts, checkAttributes } from "../users/attributes.js";
import { checkClientCanWrite } from "../selfService/access.js";
import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import {
  firstFactorOf,
  firstFactorState,
  signInTokens,
  completeSignIn,
  type FirstFactor,
} from "../auth/completeSignIn.js";
import { requireParameter } from "../auth/client.js";
import { checkLockout, clearFailures, recordFailure } from "../auth/lockout.js";
import { checkUserCanSignIn, type AuthOutcome } from "../auth/passwordSignIn.js";
import { secretHashChecker } from "../auth/refresh.js";
import {
  closeSession,
  invalidSession,
  openSession,
  readSession,
  updateSessionState,
  type ChallengeSession,
} from "../auth/session.js";
import {
  codeMatches,
  maskDestination,
  sealCode,
  sendSignInCode,
  SIGN_IN_CODE_VALIDITY_MS,
} from "../messaging/codes.js";
import { readMfaFactors } from "../pools/mfa.js";
import { CognitoError, errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { findUser, usernameKey } from "../users/lookup.js";
import { codeTarget, isMfaMethod, offeredMethods, userCanUse, withMfaSettings, type MfaMethod } from "./methods.js";
import { openSetupSession } from "./softwareToken.js";
import { matchingStep } from "./totp.js";

/** Wrong codes one challenge session survives; the session is then spent and the sign-in starts over. */
export const MAX_WRONG_ANSWERS = 3;

export const codeMismatch = () => new CognitoError("CodeMismatchException", "Invalid code or auth state for the user.");
export const tokenReused = () =>
  new CognitoError("ExpiredCodeException", "Your software token has already been used once.");

/** The ChallengeResponses member each code challenge is answered with. */
const CODE_RESPONSE: Record<string, string> = {
  SMS_MFA: "SMS_MFA_CODE",
  SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN_MFA_CODE",
  EMAIL_OTP: "EMAIL_OTP_CODE",
  SMS_OTP: "SMS_OTP_CODE",
};

type CodeChallenge = "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP";

/**
 * The MFA challenge that follows a first factor, or undefined when none is due: MFA is off,
 * or optional and the user turned on no method. With MFA required, a user who turned on no
 * method gets one they can already receive (SMS to their phone, email, a verified app),
 * and MFA_SETUP when there is none. Several methods and no preferred one: SELECT_MFA_TYPE.
 */
export async function mfaChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  how: FirstFactor,
): Promise<AuthOutcome | undefined> {
  const mode = (pool.config.MfaConfiguration as string | undefined) ?? "OFF";
  if (mode === "OFF") return undefined;
  const offered = offeredMethods(await readMfaFactors(ctx, pool));
  const turnedOn = (user.userMfaSettingList ?? []).filter(isMfaMethod);
  let methods = offered.filter((m) => turnedOn.includes(m) && userCanUse(user, m));
  if (!methods.length && mode === "ON") methods = offered.filter((m) => userCanUse(user, m));
  const state = firstFactorState(how);
  if (!methods.length) {
    if (mode !== "ON") return undefined;
    const session = await openSetupSession(ctx, pool, client, user.username, state);
    return {
      ChallengeName: "MFA_SETUP",
      Session: session,
      ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(offered) },
    };
  }
  const preferred = methods.find((m) => m === user.preferredMfaSetting);
  const chosen = preferred ?? (methods.length === 1 ? methods[0] : undefined);
  if (!chosen) {
    const session = await openSession(ctx, pool, client, "SELECT_MFA_TYPE", user.username, {
      ...state,
      choices: JSON.stringify(methods),
    });
    return {
      ChallengeName: "SELECT_MFA_TYPE",
      Session: session,
      ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(methods) },
    };
  }
  return startMfaMethod(ctx, pool, client, user, chosen, state);
}

async function startMfaMethod(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  method: MfaMethod,
  state: Record<string, string>,
): Promise<AuthOutcome> {
  if (method === "SOFTWARE_TOKEN_MFA") {
    const session = await openSession(ctx, pool, client, "SOFTWARE_TOKEN_MFA", user.username, state);
    return { ChallengeName: "SOFTWARE_TOKEN_MFA", Session: session, ChallengeParameters: {} };
  }
  return startCodeChallenge(ctx, pool, client, user, method, { ...state, purpose: "mfa" });
}

/**
 * Sends a sign-in code (SMS_MFA, EMAIL_OTP as MFA or first factor, SMS_OTP) and opens the
 * session that holds its hash. ChallengeParameters say where it went, masked as Cognito masks.
 */
export async function startCodeChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  challenge: CodeChallenge,
  state: Record<string, string>,
): Promise<AuthOutcome> {
  const target = codeTarget(user, challenge);
  const email = (await readMfaFactors(ctx, pool)).EmailMfaConfiguration;
  const code = await sendSignInCode(ctx, pool, user, target, email, { clientId: client.clientId });
  const sealed = sealCode(code, ctx.now + SIGN_IN_CODE_VALIDITY_MS);
  const session = await openSession(ctx, pool, client, challenge, user.username, { ...state, ...sealed });
  return {
    ChallengeName: challenge,
    Session: session,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: target.medium,
      CODE_DELIVERY_DESTINATION: maskDestination(target),
    },
  };
}

/** Answers SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SMS_OTP, SELECT_MFA_TYPE and MFA_SETUP. */
export async function respondMfaChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  challenge: ChallengeNameType,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  const open = await readSession(ctx, pool, client, session, challenge);
  const user = await sessionUser(ctx, pool, client, session!, open, responses);
  switch (challenge) {
    case "SELECT_MFA_TYPE":
      return selectMfaType(ctx, pool, client, user, session!, open, responses);
    case "MFA_SETUP":
      if (responses.EMAIL !== undefined) return setUpEmailMfa(ctx, pool, client, user, session!, open, responses.EMAIL);
      return finishMfaSetup(ctx, pool, client, user, session!, open);
    default:
      return answerCode(ctx, pool, client, user, challenge, session!, open, responses);
  }
}

/** The user a challenge session belongs to, once USERNAME and SECRET_HASH agree with it. */
/**
 * A code answered to a decoy challenge (src/auth/decoy.ts) is wrong, like a wrong code of a
 * real user's, and the session is spent after as many wrong answers.
 */
async function failDecoy(
  ctx: OperationContext,
  pool: PoolRecord,
  session: string,
  open: ChallengeSession,
): Promise<never> {
  await ctx.store.transaction(async () => {
    const wrong = Number(open.state?.wrongAnswers ?? 0) + 1;
    if (wrong >= MAX_WRONG_ANSWERS) await closeSession(ctx, pool, session);
    else await updateSessionState(ctx, pool, session, { ...open.state, wrongAnswers: String(wrong) });
  });
  throw codeMismatch();
}

async function sessionUser(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string,
  open: ChallengeSession,
  responses: Record<string, string>,
): Promise<UserRecord> {
  const username = requireParameter(responses, "USERNAME");
  // Clients hash the name the user typed or the one Cognito answered with.
  secretHashChecker(client, responses.SECRET_HASH, username)([open.username]);
  if (open.state?.decoy === "true" && username === open.username) await failDecoy(ctx, pool, session, open);
  const named = await findUser(ctx, pool, username);
  if (!named || named.username !== open.username) throw invalidSession();
  checkUserCanSignIn(named);
  return named;
}

async function selectMfaType(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  session: string,
  open: ChallengeSession,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  const answer = requireParameter(responses, "ANSWER");
  const choices = JSON.parse(open.state?.choices ?? "[]") as string[];
  if (!choices.includes(answer) || !isMfaMethod(answer)) {
    throw errors.invalidParameter(`Invalid ANSWER: ${answer} is not an MFA type the user can choose.`);
  }
  return ctx.store.transaction(async () => {
    await readSession(ctx, pool, client, session, "SELECT_MFA_TYPE");
    await closeSession(ctx, pool, session);
    const state = { ...open.state };
    delete state.choices;
    return startMfaMethod(ctx, pool, client, user, answer, state);
  });
}

/** MFA_SETUP's answer: accepted once VerifySoftwareToken verified a token with the session. */
async function finishMfaSetup(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  session: string,
  open: ChallengeSession,
): Promise<AuthOutcome> {
  if (open.state?.tokenVerified !== "true") {
    throw errors.invalidParameter(
      "MFA setup is not complete: associate and verify a software token with this session.",
    );
  }
  return ctx.store.transaction(async () => {
    await readSession(ctx, pool, client, session, "MFA_SETUP");
    await closeSession(ctx, pool, session);
    await clearFailures(ctx, pool, user);
    return signInTokens(ctx, pool, client, user, firstFactorOf(open.state, "PASSWORD").deviceKey);
  });
}

/**
 * MFA_SETUP answered with EMAIL (what Amplify sends to set up email MFA): an EMAIL_OTP code
 * goes to that address. Only the correct code makes it the user's (verified) email and turns
 * email MFA on, with the checks an attribute update makes: nothing is written before.
 */
async function setUpEmailMfa(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  session: string,
  open: ChallengeSession,
  email: string,
): Promise<AuthOutcome> {
  if (!offeredMethods(await readMfaFactors(ctx, pool)).includes("EMAIL_OTP")) {
    throw errors.invalidParameter("Email MFA is not enabled for this user pool.");
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw errors.invalidParameter("Invalid email address format.");
  if (email !== user.attributes.email) {
    checkAttributes(pool, [{ Name: "email", Value: email }], "update");
    checkClientCanWrite(client, ["email"], pool);
  }
  return ctx.store.transaction(async () => {
    await readSession(ctx, pool, client, session, "MFA_SETUP");
    await closeSession(ctx, pool, session);
    const state = { ...open.state };
    delete state.tokenVerified;
    const to = { ...user, attributes: { ...user.attributes, email } };
    return startCodeChallenge(ctx, pool, client, to, "EMAIL_OTP", { ...state, purpose: "mfa", setupEmail: email });
  });
}

async function answerCode(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  challenge: ChallengeNameType,
  session: string,
  open: ChallengeSession,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  const code = requireParameter(responses, CODE_RESPONSE[challenge]!);
  const state = open.state ?? {};
  await checkLockout(ctx, pool, user);
  let step: number | undefined;
  let failure: CognitoError | undefined;
  if (challenge === "SOFTWARE_TOKEN_MFA") {
    const token = user.softwareToken;
    if (!token?.verified) {
      throw new CognitoError(
        "SoftwareTokenMFANotFoundException",
        "Software Token MFA has not been enabled by the user.",
      );
    }
    step = matchingStep(token.secret, code, ctx.now);
    if (step !== undefined && token.lastUsedStep !== undefined && step <= token.lastUsedStep) throw tokenReused();
    if (step === undefined) failure = codeMismatch();
  } else if (Number(state.codeExpiresAt ?? 0) <= ctx.now) {
    failure = new CognitoError("ExpiredCodeException", "Invalid code provided, please request a code again.");
  } else if (!codeMatches(code, state)) {
    failure = codeMismatch();
  }
  if (failure) {
    // Committed before answering: wrong codes count toward the user's lockout, and a session
    // survives only a few of them.
    await ctx.store.transaction(async () => {
      await recordFailure(ctx, pool, user);
      const wrong = Number(state.wrongAnswers ?? 0) + 1;
      if (wrong >= MAX_WRONG_ANSWERS) await closeSession(ctx, pool, session);
      else await updateSessionState(ctx, pool, session, { ...state, wrongAnswers: String(wrong) });
    });
    throw failure;
  }
  return ctx.store.transaction(async () => {
    // Read again inside the transaction: the session answers once.
    await readSession(ctx, pool, client, session, challenge);
    await closeSession(ctx, pool, session);
    await clearFailures(ctx, pool, user);
    const key = usernameKey(pool, user.username);
    let current = (await ctx.store.users.get(pool.id, key)) ?? user;
    let changed = false;
    if (step !== undefined && current.softwareToken) {
      current = { ...current, softwareToken: { ...current.softwareToken, lastUsedStep: step } };
      changed = true;
    }
    // A code that reached the phone or mailbox proves the address (Cognito marks it verified).
    const verifiedFlag =
      challenge === "SMS_MFA" || challenge === "SMS_OTP"
        ? "phone_number_verified"
        : challenge === "EMAIL_OTP"
          ? "email_verified"
          : undefined;
    if (state.setupEmail !== undefined && challenge === "EMAIL_OTP") {
      // MFA_SETUP with EMAIL: the code proved the address; now it becomes the user's, if no one else holds it.
      const attributes = { ...current.attributes, email: state.setupEmail, email_verified: "true" };
      await checkAliasConflicts(ctx, pool, attributes, {
        sub: current.sub,
        changed: new Set(["email", "email_verified"]),
      });
      current = withMfaSettings({ ...current, attributes, updatedAt: ctx.now }, [
        { method: "EMAIL_OTP", enabled: true },
      ]);
      changed = true;
    }
    if (verifiedFlag && current.attributes[verifiedFlag] !== "true") {
      current = { ...current, attributes: { ...current.attributes, [verifiedFlag]: "true" }, updatedAt: ctx.now };
      changed = true;
    }
    if (changed) await ctx.store.users.update(current, key);
    if (state.purpose === "firstFactor") {
      return completeSignIn(ctx, pool, client, current, firstFactorOf(state, challenge as FirstFactor["factor"]));
    }
    return signInTokens(ctx, pool, client, current, firstFactorOf(state, "PASSWORD").deviceKey);
  });
}

/** Turns on authenticator-app MFA after a token was verified during MFA_SETUP (preferred if nothing else is). */
export function withVerifiedTokenEnabled(user: UserRecord): UserRecord {
  return withMfaSettings(user, [
    { method: "SOFTWARE_TOKEN_MFA", enabled: true, ...(user.preferredMfaSetting ? {} : { preferred: true }) },
  ]);
}
