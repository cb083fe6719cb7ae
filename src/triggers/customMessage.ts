import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import { invalidLambdaResponse, invokeTrigger } from "./invoke.js";

/** Why a message is sent: the part of the trigger source after `CustomMessage_` (or `CustomEmailSender_`, `CustomSMSSender_`). */
export type MessageSource =
  | "SignUp"
  | "AdminCreateUser"
  | "ResendCode"
  | "ForgotPassword"
  | "UpdateUserAttribute"
  | "VerifyUserAttribute"
  | "Authentication";

/** The placeholders Cognito hands to the function, and replaces in what it returns. */
export const CODE_PARAMETER = "{####}";
export const USERNAME_PARAMETER = "{username}";
/** Cognito's placeholder for a verification link; Cognate verifies by code only and leaves it as it is. */
export const LINK_PARAMETER = "{##Click Here##}";

/** Cognito's documented limits, code included: 140 characters for SMS, 20,000 for email; 140 for a subject. */
const MAX_SMS = 140;
const MAX_EMAIL = 20_000;
const MAX_SUBJECT = 140;

export interface MessageText {
  subject?: string;
  /** The body with its placeholders ({####}, {username}) still in it. */
  message: string;
}

/**
 * The CustomMessage trigger: the function sees the message's reason, the user's attributes and
 * the placeholders, and may return its own smsMessage, emailMessage and emailSubject. Returns
 * the text to send (placeholders not yet filled): the function's where it is usable, the pool's
 * `fallback` elsewhere. A body without the code placeholder (and, for AdminCreateUser, the
 * username placeholder) or over the length limit is ignored and the pool's own message is sent,
 * as Cognito does; a subject is taken on its own.
 */
export async function customMessage(
  ctx: OperationContext,
  pool: PoolRecord,
  source: MessageSource,
  call: {
    userName: string;
    clientId?: string;
    clientMetadata?: Record<string, string>;
    userAttributes: Record<string, string>;
    medium: "EMAIL" | "SMS";
    /** What fills the placeholders, to measure the message as it will be sent. */
    values: { username: string; code: string };
  },
  fallback: MessageText,
): Promise<MessageText> {
  const invitation = source === "AdminCreateUser";
  const response = await invokeTrigger(ctx, pool, "CustomMessage", {
    triggerSource: `CustomMessage_${source}`,
    userName: call.userName,
    ...(call.clientId ? { clientId: call.clientId } : {}),
    request: {
      userAttributes: call.userAttributes,
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter: invitation ? USERNAME_PARAMETER : null,
      ...(call.clientMetadata ? { clientMetadata: call.clientMetadata } : {}),
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  if (!response) return fallback;

  const text = (name: "smsMessage" | "emailMessage" | "emailSubject"): string | undefined => {
    const value = response[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw invalidLambdaResponse(`Invalid lambda response: ${name} must be a string.`);
    return value;
  };
  const sent = (template: string) =>
    template.replaceAll(CODE_PARAMETER, call.values.code).replaceAll(USERNAME_PARAMETER, call.values.username);

  const body = text(call.medium === "EMAIL" ? "emailMessage" : "smsMessage");
  const usable =
    body !== undefined &&
    body.includes(CODE_PARAMETER) &&
    (!invitation || body.includes(USERNAME_PARAMETER)) &&
    [...sent(body)].length <= (call.medium === "EMAIL" ? MAX_EMAIL : MAX_SMS);
  if (call.medium === "SMS") return usable ? { message: body } : fallback;

  const subject = text("emailSubject");
  return {
    ...(subject && [...subject].length <= MAX_SUBJECT
      ? { subject }
      : fallback.subject !== undefined
        ? { subject: fallback.subject }
        : {}),
    message: usable ? body : fallback.message,
  };
}
