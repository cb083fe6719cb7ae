import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { errorOf } from "./http.js";
import { TriggerUnreachable, type RunResult } from "./result.js";

/**
 * AWS Lambda's Invoke API (RequestResponse) at `endpoint`: LocalStack, SAM local,
 * serverless-offline, or real Lambda. Requests are SigV4-signed with the AWS_* credentials of
 * Cognate's environment (local emulators accept any; "test"/"test" without them). A function
 * error is the X-Amz-Function-Error answer; anything but 200 means the function was not run.
 */
export async function runLambda(
  endpoint: string,
  functionArn: string,
  region: string,
  event: unknown,
  timeoutMs: number,
): Promise<RunResult> {
  const url = new URL(
    `${endpoint.replace(/\/$/, "")}/2015-03-31/functions/${encodeURIComponent(functionArn)}/invocations`,
  );
  const body = JSON.stringify(event);
  const signer = new SignatureV4({
    service: "lambda",
    region: /^arn:aws[\w-]*:lambda:([\w-]+):/.exec(functionArn)?.[1] ?? region,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "test",
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "test",
      ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
    },
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers: { host: url.host, "content-type": "application/json" },
    body,
  });
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: signed.headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    const timedOut = (err as Error).name === "TimeoutError";
    throw new TriggerUnreachable(
      timedOut ? `${functionArn} timed out after ${timeoutMs} ms` : `${endpoint} is unreachable`,
    );
  }
  if (res.status !== 200)
    throw new TriggerUnreachable(`Lambda Invoke answered ${res.status}: ${errorOf(text, "").message}`);
  if (res.headers.get("x-amz-function-error")) return { error: errorOf(text, "Unhandled") };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { value: text };
  }
}
