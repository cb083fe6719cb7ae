import type { IncomingMessage, ServerResponse } from "node:http";
import type { Store } from "../storage/types.js";
import type { CognateConfig } from "./config.js";

/**
 * Local-only helpers under /_cognate/ (not part of Cognito):
 *   GET  /_cognate/health                              liveness
 *   GET  /_cognate/messages?userPoolId=&username=      the outbox of email/SMS, oldest first
 *   POST /_cognate/reset                               wipes all state
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { store: Store; config: CognateConfig },
): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case "GET /_cognate/health":
      return json(res, 200, { status: "ok" });
    case "GET /_cognate/messages": {
      const userPoolId = url.searchParams.get("userPoolId") ?? undefined;
      const username = url.searchParams.get("username") ?? undefined;
      const messages = await deps.store.outbox.list({ userPoolId, username });
      return json(res, 200, {
        messages: messages.map((m) => ({
          userPoolId: m.userPoolId,
          username: m.username,
          deliveryMedium: m.deliveryMedium,
          destination: m.destination,
          subject: m.subject ?? null,
          message: m.message,
          code: m.code ?? null,
          createdAt: new Date(m.createdAt).toISOString(),
        })),
      });
    }
    case "POST /_cognate/reset":
      await deps.store.reset();
      return json(res, 200, { status: "reset" });
    default:
      return json(res, 404, { message: `No route for ${route}` });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
