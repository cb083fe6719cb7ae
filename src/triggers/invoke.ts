import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import { DEFAULT_TRIGGER_TIMEOUT_MS, type TriggerTarget } from "./config.js";
import { runHttp } from "./runners/http.js";
import { moduleWorkersOf } from "./runners/module.js";
import { TriggerUnreachable, type RunResult } from "./runners/result.js";

/** The triggers of a pool's LambdaConfig, by the name Cognito's error messages use. */
export type TriggerName =
  | "PreSignUp"
  | "CustomMessage"
  | "PostConfirmation"
  | "PreAuthentication"
  | "PostAuthentication"
  | "DefineAuthChallenge"
  | "CreateAuthChallenge"
  | "VerifyAuthChallengeResponse"
  | "PreTokenGeneration"
  | "UserMigration"
  | "CustomSMSSender"
  | "CustomEmailSender"
  | "InboundFederation";

/** The function a pool configured for a trigger, with the event version it asked for (versioned triggers). */
export function triggerFunction(pool: PoolRecord, trigger: TriggerName): { arn: string; version?: string } | undefined {
  const config = (pool.config.LambdaConfig ?? {}) as Record<string, unknown>;
  if (trigger === "PreTokenGeneration") {
    // PreTokenGenerationConfig (with its LambdaVersion) takes the place of the plain ARN when set.
    const versioned = config.PreTokenGenerationConfig as { LambdaArn?: string; LambdaVersion?: string } | undefined;
    if (versioned?.LambdaArn)
      return { arn: versioned.LambdaArn, ...(versioned.LambdaVersion ? { version: versioned.LambdaVersion } : {}) };
  }
  const value = config[trigger];
  if (typeof value === "string" && value) return { arn: value };
  if (value && typeof value === "object") {
    const { LambdaArn, LambdaVersion } = value as { LambdaArn?: string; LambdaVersion?: string };
    if (LambdaArn) return { arn: LambdaArn, ...(LambdaVersion ? { version: LambdaVersion } : {}) };
  }
  return undefined;
}

/** Whether the pool has a function for this trigger: callers skip building events nobody reads. */
export const hasTrigger = (pool: PoolRecord, trigger: TriggerName): boolean =>
  triggerFunction(pool, trigger) !== undefined;

/** What an operation hands to a trigger; invokeTrigger adds the fields every event carries. */
export interface TriggerCall {
  triggerSource: string;
  userName: string;
  /** The app client of the request; Cognito sends CLIENT_ID_NOT_APPLICABLE for administrators' calls. */
  clientId?: string;
  request: Record<string, unknown>;
  /** The response fields the trigger may fill, with Cognito's initial values. */
  response?: Record<string, unknown>;
  /** The event's `version` (default "1"; PreTokenGeneration V2_0 sends "2", V3_0 "3"). */
  version?: string;
}

/** The event Cognito sends to a trigger's function. */
export function triggerEvent(pool: PoolRecord, call: TriggerCall): Record<string, unknown> {
  return {
    version: call.version ?? "1",
    triggerSource: call.triggerSource,
    region: pool.id.slice(0, pool.id.indexOf("_")),
    userPoolId: pool.id,
    userName: call.userName,
    callerContext: {
      awsSdkVersion: "aws-sdk-unknown-unknown",
      clientId: call.clientId ?? "CLIENT_ID_NOT_APPLICABLE",
    },
    request: call.request,
    response: call.response ?? {},
  };
}

export const userLambdaValidation = (trigger: TriggerName, message: string) =>
  new CognitoError("UserLambdaValidationException", `${trigger} failed with error ${message}.`);
export const invalidLambdaResponse = (message: string) => new CognitoError("InvalidLambdaResponseException", message);
export const unexpectedLambda = (message: string) => new CognitoError("UnexpectedLambdaException", message);

/**
 * Runs the pool's function for `trigger` with Cognito's event and returns the event's
 * `response` as the function left it (undefined when the pool has no such trigger). A function
 * that throws is UserLambdaValidationException ("PreSignUp failed with error <message>."), one
 * that cannot be run or overruns its time UnexpectedLambdaException, and an answer that is
 * not an event object InvalidLambdaResponseException.
 *
 * Best called outside storage transactions (functions are slow). Inside one, the transaction
 * is suspended meanwhile (Store.suspendFor), so that a function reading from Cognate is served.
 */
export async function invokeTrigger(
  ctx: OperationContext,
  pool: PoolRecord,
  trigger: TriggerName,
  call: TriggerCall,
): Promise<Record<string, unknown> | undefined> {
  const fn = triggerFunction(pool, trigger);
  if (!fn) return undefined;
  const event = triggerEvent(pool, call);
  const started = Date.now();
  let result: RunResult;
  try {
    result = ctx.store.inTransaction()
      ? await ctx.store.suspendFor(() => run(ctx, fn.arn, event))
      : await run(ctx, fn.arn, event);
  } catch (err) {
    if (!(err instanceof TriggerUnreachable)) throw err;
    ctx.log.warn("trigger failed to run", { requestId: ctx.requestId, trigger, function: fn.arn, reason: err.message });
    throw unexpectedLambda(`${trigger} invocation failed due to error ${err.message}.`);
  }
  // Never the event itself: it can carry passwords (UserMigration) and codes.
  ctx.log.debug("trigger", { requestId: ctx.requestId, trigger, function: fn.arn, ms: Date.now() - started });
  if ("error" in result) throw userLambdaValidation(trigger, result.error.message);
  const returned = result.value;
  if (typeof returned !== "object" || returned === null || Array.isArray(returned)) {
    throw invalidLambdaResponse(`Invalid lambda response: ${trigger} must return the event object.`);
  }
  const response = (returned as { response?: unknown }).response;
  if (response === undefined || response === null) return {};
  if (typeof response !== "object" || Array.isArray(response)) {
    throw invalidLambdaResponse(`Invalid lambda response: ${trigger} returned a response that is not an object.`);
  }
  return response as Record<string, unknown>;
}

async function run(ctx: OperationContext, arn: string, event: unknown): Promise<RunResult> {
  const triggers = ctx.config.triggers;
  const name = arn.slice(arn.lastIndexOf(":function:") >= 0 ? arn.lastIndexOf(":function:") + 10 : 0).split(":")[0]!;
  // Own properties only: a function named "constructor" or "__proto__" is no configuration.
  const configured = (key: string) =>
    triggers && Object.hasOwn(triggers.functions, key) ? triggers.functions[key] : undefined;
  const target: TriggerTarget | undefined =
    configured(arn) ??
    configured(name) ??
    (triggers?.defaultLambdaEndpoint ? { lambdaEndpoint: triggers.defaultLambdaEndpoint } : undefined);
  if (!target) {
    throw new TriggerUnreachable(
      `no function ${name} is configured: map ${arn} or ${name} to a module, a Lambda endpoint or a URL in Cognate's triggers configuration`,
    );
  }
  const timeoutMs = target.timeoutMs ?? DEFAULT_TRIGGER_TIMEOUT_MS;
  if ("module" in target) return moduleWorkersOf(ctx.config).run(target.module, event, name, timeoutMs);
  if ("url" in target) return runHttp(target.url, event, timeoutMs);
  // Loaded on first use: the SigV4 signer adds ~35 ms to start-up for servers that never need it.
  const { runLambda } = await import("./runners/lambda.js");
  return runLambda(target.lambdaEndpoint, arn, ctx.config.region, event, timeoutMs);
}
