import { after, before } from "node:test";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startCognate, type RunningCognate, type StartOptions } from "../../src/index.js";

export interface TestCognate {
  cognate: RunningCognate;
  client: CognitoIdentityProviderClient;
  url: string;
}

/** A client of the real AWS SDK v3 pointed at a Cognate server. */
export function sdkClient(url: string, accessKeyId = "AKIAIOSFODNN7EXAMPLE"): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    maxAttempts: 1,
  });
}

/**
 * Starts an in-memory Cognate on a random port for the enclosing test file (or describe
 * block) and stops it afterwards. Fast password hashing keeps suites quick.
 */
export function useCognate(options: StartOptions = {}): TestCognate {
  const ctx = {} as TestCognate;
  before(async () => {
    ctx.cognate = await startCognate({
      port: 0,
      inMemory: true,
      passwordHashCost: "fast",
      logLevel: "silent",
      ...options,
    });
    ctx.url = ctx.cognate.url;
    ctx.client = sdkClient(ctx.url);
  });
  after(async () => {
    ctx.client?.destroy();
    await ctx.cognate?.close();
  });
  return ctx;
}

/** Posts a raw AWS JSON 1.1 request (for wire-level tests). */
export async function rawCall(
  url: string,
  target: string | undefined,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      ...(target ? { "x-amz-target": `AWSCognitoIdentityProviderService.${target}` } : {}),
      ...headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

/** Runs fn and returns the error it throws, failing when it does not throw. */
export async function errorOf(
  fn: () => Promise<unknown>,
): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await fn();
  } catch (err) {
    return err as Error & { name: string };
  }
  throw new Error("expected the call to fail, but it succeeded");
}
