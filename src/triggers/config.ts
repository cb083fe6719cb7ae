import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";

/**
 * Where a trigger's Lambda function runs, chosen per function (by its ARN, or by the function
 * name at the end of the ARN) in Cognate's configuration:
 *   - `module`: a JavaScript or TypeScript file exporting `handler`, run in a worker thread;
 *   - `lambdaEndpoint`: AWS Lambda's Invoke API at that URL (LocalStack, SAM local,
 *     serverless-offline, or `https://lambda.<region>.amazonaws.com` for real Lambda);
 *   - `url`: a plain HTTP endpoint that receives the event as JSON and answers the event back.
 */
export type TriggerTarget =
  | { module: string; timeoutMs?: number }
  | { lambdaEndpoint: string; timeoutMs?: number }
  | { url: string; timeoutMs?: number };

export interface TriggersConfig {
  /** By function ARN or function name. */
  functions: Record<string, TriggerTarget>;
  /** Functions not named in `functions` go to the Lambda Invoke API here, if set. */
  defaultLambdaEndpoint?: string;
}

/** How long Cognito waits for a trigger before it fails the operation (its documented 5 s). */
export const DEFAULT_TRIGGER_TIMEOUT_MS = 5_000;

/**
 * Reads a triggers file (`--triggers <file>`): `{"functions": {"<arn or name>": {"module":
 * "./triggers/preSignUp.ts"}}, "defaultLambdaEndpoint": "http://localhost:4566"}`. Module paths
 * are relative to the file.
 */
export function loadTriggersFile(file: string): TriggersConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`cannot read triggers file ${file}: ${(err as Error).message}`);
  }
  return checkTriggersConfig(parsed, dirname(resolve(file)));
}

/** Validates a triggers configuration (from a file or startCognate), resolving module paths against `baseDir`. */
export function checkTriggersConfig(value: unknown, baseDir = process.cwd()): TriggersConfig {
  const fail = (why: string): never => {
    throw new Error(`invalid triggers configuration: ${why}`);
  };
  if (typeof value !== "object" || value === null) fail("expected an object");
  const { functions = {}, defaultLambdaEndpoint } = value as {
    functions?: unknown;
    defaultLambdaEndpoint?: unknown;
  };
  if (typeof functions !== "object" || functions === null) fail("functions must be an object");
  if (defaultLambdaEndpoint !== undefined && typeof defaultLambdaEndpoint !== "string") {
    fail("defaultLambdaEndpoint must be a URL");
  }
  // No prototype: a function named "__proto__" or "constructor" is a key like any other.
  const checked = Object.create(null) as Record<string, TriggerTarget>;
  for (const [name, target] of Object.entries(functions as Record<string, unknown>)) {
    if (typeof target !== "object" || target === null) fail(`${name}: expected an object`);
    const t = target as Record<string, unknown>;
    const kinds = ["module", "lambdaEndpoint", "url"].filter((k) => t[k] !== undefined);
    if (kinds.length !== 1 || typeof t[kinds[0]!] !== "string") {
      fail(`${name}: give exactly one of module, lambdaEndpoint, url`);
    }
    if (t.timeoutMs !== undefined && (typeof t.timeoutMs !== "number" || !(t.timeoutMs > 0))) {
      fail(`${name}: timeoutMs must be a positive number`);
    }
    const timeout = t.timeoutMs === undefined ? {} : { timeoutMs: t.timeoutMs as number };
    if (typeof t.module === "string") {
      checked[name] = { module: isAbsolute(t.module) ? t.module : resolve(baseDir, t.module), ...timeout };
    } else if (typeof t.lambdaEndpoint === "string") {
      checked[name] = { lambdaEndpoint: t.lambdaEndpoint, ...timeout };
    } else {
      checked[name] = { url: t.url as string, ...timeout };
    }
  }
  return {
    functions: checked,
    ...(defaultLambdaEndpoint ? { defaultLambdaEndpoint: defaultLambdaEndpoint as string } : {}),
  };
}
