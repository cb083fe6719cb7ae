import type { IncomingMessage } from "node:http";
import { OAuthError } from "../oauth/errors.js";
import { readForm } from "../oauth/wire.js";

// The pages' forms are small: a few fields and a session.
const MAX_FORM_BYTES = 16 * 1024;

/**
 * A form the pages posted, read as the OAuth endpoints read theirs (urlencoded only, no field
 * twice, bounded); undefined when it is anything else.
 */
export async function readPageForm(req: IncomingMessage): Promise<Map<string, string> | undefined> {
  try {
    return await readForm(req, MAX_FORM_BYTES);
  } catch (thrown) {
    if (thrown instanceof OAuthError) return undefined;
    throw thrown;
  }
}

/** A field's value, trimmed (passwords and codes are taken as typed: see raw). */
export const text = (form: Map<string, string>, name: string) => (form.get(name) ?? "").trim();
export const raw = (form: Map<string, string>, name: string) => form.get(name) ?? "";
