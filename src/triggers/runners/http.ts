import { TriggerUnreachable, type RunResult } from "./result.js";

/**
 * A plain HTTP endpoint: the event is POSTed as JSON and the answer is the event back, as a
 * Lambda handler returns it. A non-2xx answer is the function's error (its `errorMessage`, or
 * the body's text).
 */
export async function runHttp(url: string, event: unknown, timeoutMs: number): Promise<RunResult> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    const timedOut = (err as Error).name === "TimeoutError";
    throw new TriggerUnreachable(timedOut ? `${url} timed out after ${timeoutMs} ms` : `${url} is unreachable`);
  }
  if (!res.ok) return { error: errorOf(text, `HTTP ${res.status}`) };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { value: text };
  }
}

/** A Lambda-style error body ({errorMessage, errorType}), or the text itself. */
export function errorOf(text: string, fallback: string): { message: string; type?: string } {
  try {
    const body = JSON.parse(text) as { errorMessage?: unknown; errorType?: unknown };
    if (typeof body.errorMessage === "string") {
      return { message: body.errorMessage, ...(typeof body.errorType === "string" ? { type: body.errorType } : {}) };
    }
  } catch {
    // not JSON
  }
  return { message: text.trim() || fallback };
}
