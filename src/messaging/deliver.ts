import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { customMessage, type MessageSource, type MessageText } from "../triggers/customMessage.js";
import { customSender, hasCustomSender } from "../triggers/customSender.js";
import { hasTrigger } from "../triggers/invoke.js";
import { findUser } from "../users/lookup.js";
import { renderTemplate, sendMessage, type DeliveryMedium } from "./outbox.js";

export type { MessageSource } from "../triggers/customMessage.js";

/**
 * What the operation sending a message knows that its triggers see: the trigger source (the
 * part after `CustomMessage_`), the app client of the request (none for administrators' calls:
 * Cognito sends CLIENT_ID_NOT_APPLICABLE) and the request's ClientMetadata.
 */
export interface MessageContext {
  source?: MessageSource;
  clientId?: string;
  clientMetadata?: Record<string, string>;
}

/** User attributes as message triggers see them: every attribute, sub included, and cognito:user_status. */
export const triggerAttributes = (user: UserRecord): Record<string, string> => ({
  ...user.attributes,
  "cognito:user_status": user.status,
});

/**
 * Sends a message that carries a secret (a code or a temporary password) as Cognito would:
 * through the pool's CustomEmailSender / CustomSMSSender when it has one (then nothing lands
 * in the outbox: the function delivers it), else with the pool's template, or the text of its
 * CustomMessage function, recorded in the outbox.
 *
 * Callers are often inside a storage transaction: the triggers then run with it suspended, so a
 * function may read from Cognate (AdminGetUser…) but one that writes waits until it times out.
 */
export async function deliverSecret(
  ctx: OperationContext,
  pool: PoolRecord,
  message: {
    /** The user record, or the username to look it up by (only when a trigger needs its attributes). */
    user: UserRecord | string;
    source: MessageSource;
    context?: MessageContext;
    medium: DeliveryMedium;
    destination: string;
    template: MessageText;
    /** The name {username} shows (AdminCreateUser: the name the administrator gave). */
    displayName?: string;
    secret: string;
  },
): Promise<void> {
  const { medium, secret, context = {} } = message;
  const custom = hasCustomSender(pool, medium) || hasTrigger(pool, "CustomMessage");
  const user = typeof message.user === "string" && custom ? await findUser(ctx, pool, message.user) : message.user;
  const username = typeof user === "string" ? user : (user?.username ?? (message.user as string));
  const displayName = message.displayName ?? username;
  const triggerCall = {
    userName: username,
    ...(context.clientId ? { clientId: context.clientId } : {}),
    ...(context.clientMetadata ? { clientMetadata: context.clientMetadata } : {}),
    userAttributes: user && typeof user !== "string" ? triggerAttributes(user) : {},
  };

  if (hasCustomSender(pool, medium)) {
    await customSender(ctx, pool, medium, message.source, { ...triggerCall, secret });
    ctx.log.info("message handed to custom sender", { deliveryMedium: medium });
    return;
  }
  const text = hasTrigger(pool, "CustomMessage")
    ? await customMessage(
        ctx,
        pool,
        message.source,
        { ...triggerCall, medium, values: { username: displayName, code: secret } },
        message.template,
      )
    : message.template;
  await sendMessage(ctx, {
    userPoolId: pool.id,
    username,
    deliveryMedium: medium,
    destination: message.destination,
    ...(text.subject !== undefined ? { subject: text.subject } : {}),
    message: renderTemplate(text.message, { username: displayName, code: secret }),
    code: secret,
  });
}
