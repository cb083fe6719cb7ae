import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { invalidLambdaResponse, invokeTrigger } from "./invoke.js";

/** One entry of the custom flow's `session` array, as the challenge triggers see it. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  /** The CreateAuthChallenge's name for a custom challenge; null for the built-in ones. */
  challengeMetadata: string | null;
}

/** What every challenge trigger is told about the sign-in. */
export interface ChallengeCall {
  /** The stored username, or the name the caller typed when nobody has it. */
  userName: string;
  clientId: string;
  /** The user's attributes as triggers see them (empty when the user does not exist). */
  userAttributes: Record<string, string>;
  userNotFound: boolean;
  clientMetadata?: Record<string, string>;
}

/**
 * The attributes challenge triggers get: every attribute (sub included), the user's status as
 * cognito:user_status and, for aliases of the pool, cognito:<name>_alias for verified values —
 * the shape of Cognito's captured events.
 */
export function triggerUserAttributes(pool: PoolRecord, user: UserRecord | undefined): Record<string, string> {
  if (!user) return {};
  const out: Record<string, string> = { ...user.attributes, "cognito:user_status": user.status };
  for (const alias of (pool.config.AliasAttributes as string[] | undefined) ?? []) {
    const value = user.attributes[alias];
    if (!value) continue;
    const verified = alias === "preferred_username" || user.attributes[`${alias}_verified`] === "true";
    if (verified) out[`cognito:${alias}_alias`] = value;
  }
  return out;
}

function request(call: ChallengeCall, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    userAttributes: call.userAttributes,
    ...extra,
    ...(call.clientMetadata ? { clientMetadata: call.clientMetadata } : {}),
    userNotFound: call.userNotFound,
  };
}

export type DefineDecision =
  | { fail: true }
  | { issueTokens: true }
  | { challengeName: "CUSTOM_CHALLENGE" | "PASSWORD_VERIFIER" };

/**
 * DefineAuthChallenge: the state machine of the custom flow. failAuthentication ends the
 * sign-in, issueTokens completes it, and otherwise challengeName names the next challenge
 * (CUSTOM_CHALLENGE, or PASSWORD_VERIFIER right after SRP_A). An answer that decides
 * nothing, or names another challenge, is InvalidLambdaResponseException.
 */
export async function defineAuthChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  call: ChallengeCall,
  session: readonly ChallengeResult[],
): Promise<DefineDecision> {
  const response =
    (await invokeTrigger(ctx, pool, "DefineAuthChallenge", {
      triggerSource: "DefineAuthChallenge_Authentication",
      userName: call.userName,
      clientId: call.clientId,
      request: request(call, { session }),
      response: { challengeName: null, issueTokens: null, failAuthentication: null },
    })) ?? {};
  const flag = (name: "issueTokens" | "failAuthentication"): boolean => {
    const value = response[name];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") throw invalidLambdaResponse(`Invalid lambda response: ${name} must be a boolean.`);
    return value;
  };
  // Failing wins over issuing: a function that sets both keeps the user out.
  if (flag("failAuthentication")) return { fail: true };
  if (flag("issueTokens")) return { issueTokens: true };
  const name = response.challengeName;
  if (name === "CUSTOM_CHALLENGE") return { challengeName: name };
  if (name === "PASSWORD_VERIFIER" && session.at(-1)?.challengeName === "SRP_A") return { challengeName: name };
  if (name === undefined || name === null || name === "") {
    throw invalidLambdaResponse(
      "Invalid lambda response: DefineAuthChallenge must set failAuthentication, issueTokens or challengeName.",
    );
  }
  throw invalidLambdaResponse(`Invalid lambda response: DefineAuthChallenge cannot present ${String(name)} here.`);
}

export interface CreatedChallenge {
  publicChallengeParameters: Record<string, string>;
  privateChallengeParameters: Record<string, string>;
  challengeMetadata: string | null;
}

function stringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalidLambdaResponse(`Invalid lambda response: ${name} must be a map of strings.`);
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    // Lambda answers are JSON: numbers and booleans arrive as such; Cognito hands strings on.
    if (typeof v === "object") throw invalidLambdaResponse(`Invalid lambda response: ${name}.${key} must be a string.`);
    out[key] = String(v);
  }
  return out;
}

/** CreateAuthChallenge: the question (public parameters) and what checks its answer (private ones). */
export async function createAuthChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  call: ChallengeCall,
  session: readonly ChallengeResult[],
): Promise<CreatedChallenge> {
  const response =
    (await invokeTrigger(ctx, pool, "CreateAuthChallenge", {
      triggerSource: "CreateAuthChallenge_Authentication",
      userName: call.userName,
      clientId: call.clientId,
      request: request(call, { challengeName: "CUSTOM_CHALLENGE", session }),
      response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
    })) ?? {};
  const metadata = response.challengeMetadata;
  if (metadata !== undefined && metadata !== null && typeof metadata !== "string") {
    throw invalidLambdaResponse("Invalid lambda response: challengeMetadata must be a string.");
  }
  return {
    publicChallengeParameters: stringMap(response.publicChallengeParameters, "publicChallengeParameters"),
    privateChallengeParameters: stringMap(response.privateChallengeParameters, "privateChallengeParameters"),
    challengeMetadata: metadata || null,
  };
}

/** VerifyAuthChallengeResponse: whether the ANSWER is right; anything but true is wrong. */
export async function verifyAuthChallengeResponse(
  ctx: OperationContext,
  pool: PoolRecord,
  call: ChallengeCall,
  privateChallengeParameters: Record<string, string>,
  challengeAnswer: string,
): Promise<boolean> {
  const response =
    (await invokeTrigger(ctx, pool, "VerifyAuthChallengeResponse", {
      triggerSource: "VerifyAuthChallengeResponse_Authentication",
      userName: call.userName,
      clientId: call.clientId,
      request: request(call, { privateChallengeParameters, challengeAnswer }),
      response: { answerCorrect: null },
    })) ?? {};
  const value = response.answerCorrect;
  if (value !== undefined && value !== null && typeof value !== "boolean") {
    throw invalidLambdaResponse("Invalid lambda response: answerCorrect must be a boolean.");
  }
  return value === true;
}
