import { randomInt } from "node:crypto";
import type { VerificationMessageTemplateType } from "@aws-sdk/client-cognito-identity-provider";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import { renderTemplate, sendMessage, type DeliveryMedium } from "./outbox.js";

/** A six-digit confirmation code, as Cognito sends for sign-up, verification and password reset. */
export const generateCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

const DEFAULT_MESSAGE = "Your verification code is {####}.";
const DEFAULT_SUBJECT = "Your verification code";

/** The pool's code message for a medium: VerificationMessageTemplate, then the legacy fields, then Cognito's default. */
export function verificationTemplate(pool: PoolRecord, medium: DeliveryMedium): { subject?: string; message: string } {
  const config = pool.config as {
    VerificationMessageTemplate?: VerificationMessageTemplateType;
    EmailVerificationMessage?: string;
    EmailVerificationSubject?: string;
    SmsVerificationMessage?: string;
  };
  const template = config.VerificationMessageTemplate ?? {};
  if (medium === "SMS") return { message: template.SmsMessage ?? config.SmsVerificationMessage ?? DEFAULT_MESSAGE };
  return {
    subject: template.EmailSubject ?? config.EmailVerificationSubject ?? DEFAULT_SUBJECT,
    message: template.EmailMessage ?? config.EmailVerificationMessage ?? DEFAULT_MESSAGE,
  };
}

/** Sends a fresh code with the pool's verification template and returns it (for whoever must check it later). */
export async function sendCode(
  ctx: OperationContext,
  pool: PoolRecord,
  username: string,
  target: { medium: DeliveryMedium; destination: string },
): Promise<string> {
  const code = generateCode();
  const template = verificationTemplate(pool, target.medium);
  await sendMessage(ctx, {
    userPoolId: pool.id,
    username,
    deliveryMedium: target.medium,
    destination: target.destination,
    ...(template.subject ? { subject: template.subject } : {}),
    message: renderTemplate(template.message, { username, code }),
    code,
  });
  return code;
}
