import type { OperationContext } from "../protocol/operation.js";

export type DeliveryMedium = "EMAIL" | "SMS";

export interface OutgoingMessage {
  userPoolId: string;
  username: string;
  deliveryMedium: DeliveryMedium;
  destination: string;
  subject?: string;
  message: string;
  /** The secret the message carries (temporary password or code), kept apart so tests can read it. */
  code?: string;
}

/** Fills Cognito's placeholders: {username} and {####} (the code or temporary password). */
export function renderTemplate(template: string, values: { username?: string; code?: string }): string {
  // One pass with a replacer: values are inserted literally (`$&` in a password, `{####}` in a username).
  return template.replace(/\{username\}|\{####\}/g, (placeholder) =>
    placeholder === "{username}" ? (values.username ?? "") : (values.code ?? ""),
  );
}

/**
 * Records an email or SMS in the outbox instead of delivering it. The log line names only
 * the medium and destination: the body and code are secrets.
 */
export async function sendMessage(ctx: OperationContext, message: OutgoingMessage): Promise<void> {
  await ctx.store.outbox.add({ ...message, createdAt: ctx.now });
  ctx.log.info("message queued", { deliveryMedium: message.deliveryMedium, destination: message.destination });
}
