import { FederationError } from "./errors.js";

// An external provider that does not answer within this time fails the sign-in instead of holding the browser.
const PROVIDER_TIMEOUT_MS = 10_000;
// Discovery documents, key sets, token and userInfo answers are small; anything larger is refused.
const MAX_ANSWER_BYTES = 1024 * 1024;

/** What went wrong talking to the provider, for the log: never its answer's body (it can hold tokens). */
export class ProviderUnreachable extends FederationError {
  constructor(readonly reason: string) {
    super("server_error", "The identity provider could not be reached.");
  }
}

/** Where a request went, for the log: origin and path, never the query (it may carry codes). */
function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

/** Only http(s) endpoints are called (a provider's details are the pool owner's input). */
export function isHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * A JSON object from the provider: GET, or POST with a form. Network failures, timeouts,
 * non-JSON answers and (unless `allowErrorStatus`) non-2xx statuses are ProviderUnreachable.
 */
/** The answer's body, read only up to MAX_ANSWER_BYTES: a provider cannot make Cognate buffer more. */
async function boundedText(response: Response, url: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > MAX_ANSWER_BYTES) {
        await reader.cancel();
        throw new ProviderUnreachable(`${where(url)}: answer too large`);
      }
      chunks.push(read.value);
    }
  } catch (err) {
    if (err instanceof ProviderUnreachable) throw err;
    throw new ProviderUnreachable(`${where(url)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function providerJson(
  url: string,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; form?: URLSearchParams } = {},
  allowErrorStatus = false,
): Promise<{ status: number; body: Record<string, unknown> }> {
  if (!isHttpUrl(url)) throw new ProviderUnreachable(`${where(url)}: not an http(s) URL`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers: {
        accept: "application/json",
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...init.headers,
      },
      ...(init.form ? { body: init.form.toString() } : {}),
      redirect: "error",
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (err) {
    throw new ProviderUnreachable(`${where(url)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = await boundedText(response, url);
  if (!response.ok && !allowErrorStatus) {
    throw new ProviderUnreachable(`${where(url)}: HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProviderUnreachable(`${where(url)}: not JSON`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ProviderUnreachable(`${where(url)}: not a JSON object`);
  }
  return { status: response.status, body: body as Record<string, unknown> };
}
