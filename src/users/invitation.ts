import type { DeliveryMediumType, MessageTemplateType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { deliverSecret, type MessageContext } from "../messaging/deliver.js";
import type { DeliveryMedium } from "../messaging/outbox.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";

const DEFAULT_MESSAGE = "Your username is {username} and temporary password is {####}.";
const DEFAULT_SUBJECT = "Your temporary password";

/**
 * Where an invitation goes: each requested medium (SMS when none is asked for). A medium
 * asked for explicitly needs its address; the SMS default is skipped when there is no phone.
 */
export function invitationTargets(
  attributes: Record<string, string>,
  requested: readonly DeliveryMediumType[] | undefined,
): { medium: DeliveryMedium; destination: string }[] {
  if (!requested?.length) {
    return attributes.phone_number ? [{ medium: "SMS", destination: attributes.phone_number }] : [];
  }
  return [...new Set(requested)].map((medium) => {
    const destination = medium === "EMAIL" ? attributes.email : attributes.phone_number;
    if (!destination) {
      throw errors.invalidParameter(
        medium === "EMAIL"
          ? "No email provided but desired delivery medium was Email"
          : "No phone_number provided but desired delivery medium was Sms",
      );
    }
    return { medium, destination };
  });
}

/**
 * Sends the temporary password with the pool's InviteMessageTemplate or Cognito's default text
 * (CustomMessage_AdminCreateUser, or the custom senders' _AdminCreateUser source, when the pool
 * has those triggers). `context` carries the request's ClientMetadata for them.
 */
export async function sendInvitation(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  displayName: string,
  temporaryPassword: string,
  targets: readonly { medium: DeliveryMedium; destination: string }[],
  context: MessageContext = {},
): Promise<void> {
  const template =
    (pool.config.AdminCreateUserConfig as { InviteMessageTemplate?: MessageTemplateType } | undefined)
      ?.InviteMessageTemplate ?? {};
  for (const { medium, destination } of targets) {
    await deliverSecret(ctx, pool, {
      user,
      source: "AdminCreateUser",
      context,
      medium,
      destination,
      template:
        medium === "EMAIL"
          ? { subject: template.EmailSubject ?? DEFAULT_SUBJECT, message: template.EmailMessage ?? DEFAULT_MESSAGE }
          : { message: template.SMSMessage ?? DEFAULT_MESSAGE },
      displayName,
      secret: temporaryPassword,
    });
  }
}
