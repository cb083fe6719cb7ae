import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import type { MessageSource } from "./customMessage.js";
import { hasTrigger, invokeTrigger, triggerFunction, type TriggerName } from "./invoke.js";

/**
 * What Cognate puts in request.code, base64-encoded: this marker, then the code or temporary
 * password in clear. Cognito encrypts the secret with the pool's KMSKeyID through the AWS
 * Encryption SDK; there is no KMS locally, so a handler detects the marker and skips decryption
 * (see docs/triggers.md).
 */
export const UNENCRYPTED_MARKER = "cognate-unencrypted:";

/** The trigger that takes over delivery for a medium. */
export const senderTrigger = (medium: "EMAIL" | "SMS"): TriggerName =>
  medium === "EMAIL" ? "CustomEmailSender" : "CustomSMSSender";

/** Whether the pool delivers this medium through its own function (then Cognito sends nothing itself). */
export const hasCustomSender = (pool: PoolRecord, medium: "EMAIL" | "SMS"): boolean =>
  hasTrigger(pool, senderTrigger(medium));

/** request.code as Cognate sends it: the marker and the secret, base64-encoded (not encrypted). */
export const encodeSecret = (secret: string): string =>
  Buffer.from(`${UNENCRYPTED_MARKER}${secret}`, "utf8").toString("base64");

/**
 * CustomEmailSender / CustomSMSSender: hands the secret and the user's attributes to the pool's
 * function, which delivers the message itself (Cognate's outbox gets nothing). LambdaVersion
 * V1_0 is the only request version Cognito defines: request.type customEmailSenderRequestV1 or
 * customSMSSenderRequestV1. What the function returns is not read, as on Cognito.
 */
export async function customSender(
  ctx: OperationContext,
  pool: PoolRecord,
  medium: "EMAIL" | "SMS",
  source: MessageSource,
  call: {
    userName: string;
    clientId?: string;
    clientMetadata?: Record<string, string>;
    userAttributes: Record<string, string>;
    secret: string;
  },
): Promise<void> {
  const trigger = senderTrigger(medium);
  const version = triggerFunction(pool, trigger)?.version ?? "V1_0";
  const type = `${medium === "EMAIL" ? "customEmailSender" : "customSMSSender"}Request${version.split("_")[0]}`;
  try {
    await invokeTrigger(ctx, pool, trigger, {
      triggerSource: `${trigger}_${source}`,
      userName: call.userName,
      ...(call.clientId ? { clientId: call.clientId } : {}),
      request: {
        type,
        code: encodeSecret(call.secret),
        ...(call.clientMetadata ? { clientMetadata: call.clientMetadata } : {}),
        userAttributes: call.userAttributes,
      },
    });
  } catch (err) {
    // Senders end with a bare `return;` (Cognito's own example): their answer is no event, and that is fine.
    if (err instanceof CognitoError && err.name === "InvalidLambdaResponseException") return;
    throw err;
  }
}
