import type { IncomingMessage } from "node:http";

// The pages' forms are small: a few fields and a session.
const MAX_FORM_BYTES = 16 * 1024;

/** A form the pages posted: application/x-www-form-urlencoded only; undefined when it is anything else. */
export async function readPageForm(req: IncomingMessage): Promise<Map<string, string> | undefined> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  if (type !== "application/x-www-form-urlencoded") return undefined;
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) {
    if (form.has(name)) return undefined;
    form.set(name, value);
  }
  return form;
}

/** A field's value, trimmed (passwords and codes are taken as typed: see raw). */
export const text = (form: Map<string, string>, name: string) => (form.get(name) ?? "").trim();
export const raw = (form: Map<string, string>, name: string) => form.get(name) ?? "";
