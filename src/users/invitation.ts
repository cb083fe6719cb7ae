import type { DeliveryMediumType, MessageTemplateType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { renderTemplate, sendMessage, type DeliveryMedium } from "../messaging/outbox.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";

const DEFAULT_MESSAGE = "Your username is {username} and temporary password is {####}.";
const DEFAULT_SUBJECT = "Your temporary password";

/**
 * Where an invitation can go: the requested media (SMS when none is asked for) that the
 * user has an address for. Explicitly requested media with no address at all are an error.
 */
export function invitationTargets(
  attributes: Record<string, string>,
  requested: readonly DeliveryMediumType[] | undefined,
): { medium: DeliveryMedium; destination: string }[] {
  const media = requested?.length ? requested : (["SMS"] as const);
  const targets = media
    .map((medium) => ({ medium, destination: attributes[medium === "EMAIL" ? "email" : "phone_number"] }))
    .filter((t): t is { medium: DeliveryMedium; destination: string } => Boolean(t.destination));
  if (requested?.length && targets.length === 0) {
    const missing = requested.includes("EMAIL") ? "email" : "phone_number";
    throw errors.invalidParameter(`User has no attribute matching desired delivery mediums: no ${missing} given.`);
  }
  return targets;
}

/** Sends the temporary password with the pool's InviteMessageTemplate or Cognito's default text. */
export async function sendInvitation(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  displayName: string,
  temporaryPassword: string,
  targets: readonly { medium: DeliveryMedium; destination: string }[],
): Promise<void> {
  const template =
    (pool.config.AdminCreateUserConfig as { InviteMessageTemplate?: MessageTemplateType } | undefined)
      ?.InviteMessageTemplate ?? {};
  const values = { username: displayName, code: temporaryPassword };
  for (const { medium, destination } of targets) {
    await sendMessage(ctx, {
      userPoolId: pool.id,
      username: user.username,
      deliveryMedium: medium,
      destination,
      ...(medium === "EMAIL" ? { subject: template.EmailSubject ?? DEFAULT_SUBJECT } : {}),
      message: renderTemplate(
        (medium === "EMAIL" ? template.EmailMessage : template.SMSMessage) ?? DEFAULT_MESSAGE,
        values,
      ),
      code: temporaryPassword,
    });
  }
}
