import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type {
  CodeDeliveryDetailsType,
  VerificationMessageTemplateType,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError, errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { usernameKey } from "../users/lookup.js";
import { deliverSecret, type MessageContext, type MessageSource } from "./deliver.js";
import type { DeliveryMedium } from "./outbox.js";

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

/**
 * Sends a fresh code with the pool's verification template (or its CustomMessage / custom sender
 * triggers, for `source`) and returns it, for whoever must check it later.
 */
export async function sendCode(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord | string,
  target: { medium: DeliveryMedium; destination: string },
  source: MessageSource,
  context: MessageContext = {},
): Promise<string> {
  const code = generateCode();
  await deliverSecret(ctx, pool, {
    user,
    source,
    context,
    medium: target.medium,
    destination: target.destination,
    template: verificationTemplate(pool, target.medium),
    secret: code,
  });
  return code;
}

/** What a stored one-time code confirms; part of its resource key. */
export type CodePurpose = "signUp" | "forgotPassword" | "verify:email" | "verify:phone_number";

export interface CodeTarget {
  medium: DeliveryMedium;
  destination: string;
}

interface StoredCode {
  hash: string;
  salt: string;
  expiresAt: number;
  attempts: number;
}

const HOUR_MS = 3_600_000;
/** Cognito's documented validity: sign-up and attribute codes a day, password reset codes an hour. */
const CODE_VALIDITY_MS: Record<CodePurpose, number> = {
  signUp: 24 * HOUR_MS,
  forgotPassword: HOUR_MS,
  "verify:email": 24 * HOUR_MS,
  "verify:phone_number": 24 * HOUR_MS,
};
/** Wrong guesses a code survives; the next attempt is refused until a new code is requested. */
export const MAX_CODE_ATTEMPTS = 5;

// A salted HMAC keeps codes out of the database in clear; six digits stay guessable offline,
// so the online attempt limit is what protects them.
const hashCode = (code: string, salt: string) =>
  createHmac("sha256", Buffer.from(salt, "base64")).update(code).digest();

const codeKey = (pool: PoolRecord, user: UserRecord, purpose: CodePurpose) =>
  `${purpose}:${usernameKey(pool, user.username)}`;

/**
 * Deletes every code a user holds (when the user is deleted), so that a code sent to the old
 * account cannot confirm a new account created later under the same username.
 */
export async function forgetCodes(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<void> {
  for (const purpose of Object.keys(CODE_VALIDITY_MS) as CodePurpose[]) {
    await ctx.store.resources.delete(ResourceKind.code, pool.id, codeKey(pool, user, purpose));
  }
}

/** Cognito's masked destination: `a***@e***` for an email, `+*******0120` for a phone number. */
export function maskDestination(target: CodeTarget): string {
  if (target.medium === "EMAIL") {
    const [local = "", domain = ""] = target.destination.split("@");
    return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
  }
  const visible = target.destination.slice(-4);
  return `+${"*".repeat(Math.max(target.destination.length - 5, 0))}${visible}`;
}

/** CodeDeliveryDetailsType for a code sent to `target`. */
export function codeDeliveryDetails(target: CodeTarget): CodeDeliveryDetailsType {
  return {
    Destination: maskDestination(target),
    DeliveryMedium: target.medium,
    AttributeName: target.medium === "EMAIL" ? "email" : "phone_number",
  };
}

/**
 * The trigger source of a code message when the caller does not name it: a sign-up code goes
 * with SignUp for a user created by this very request, else with ResendCode; an attribute code
 * with UpdateUserAttribute when this request changed the user, else with VerifyUserAttribute
 * (GetUserAttributeVerificationCode). Password reset codes (ForgotPassword and
 * AdminResetUserPassword) are ForgotPassword.
 */
export function codeSource(ctx: OperationContext, user: UserRecord, purpose: CodePurpose): MessageSource {
  if (purpose === "signUp") return user.createdAt === ctx.now ? "SignUp" : "ResendCode";
  if (purpose === "forgotPassword") return "ForgotPassword";
  return user.updatedAt === ctx.now ? "UpdateUserAttribute" : "VerifyUserAttribute";
}

/**
 * Sends a new code for `purpose` and stores its hash, replacing any earlier code (and its
 * failed attempts). Returns the delivery details the caller answers with. `context` names the
 * request's app client and ClientMetadata for the message triggers (and, when it is not the
 * one codeSource infers, the trigger source).
 */
export async function issueCode(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  purpose: CodePurpose,
  target: CodeTarget,
  context: MessageContext = {},
): Promise<CodeDeliveryDetailsType> {
  const source = context.source ?? codeSource(ctx, user, purpose);
  const code = await sendCode(ctx, pool, user, target, source, context);
  const salt = randomBytes(16).toString("base64");
  const expiresAt = ctx.now + CODE_VALIDITY_MS[purpose];
  await ctx.store.resources.put<StoredCode>({
    kind: ResourceKind.code,
    scope: pool.id,
    key: codeKey(pool, user, purpose),
    data: {
      hash: hashCode(code, salt).toString("base64"),
      salt,
      expiresAt,
      attempts: 0,
    },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    // A missing code answers as an expired one does, so the record can go at expiry.
    expiresAt,
  });
  return codeDeliveryDetails(target);
}

/**
 * Checks a code inside the caller's transaction. A wrong code is counted and the error is
 * returned, not thrown, so the caller can commit the count before answering with it; a
 * right code is deleted (it works once) unless `keep` asks to check it only, for a caller
 * that must do slow work before consuming it. No stored code, or an expired one, is
 * ExpiredCodeException; after MAX_CODE_ATTEMPTS wrong codes every attempt is
 * LimitExceededException until a new code is issued.
 */
export async function checkCode(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  purpose: CodePurpose,
  code: string,
  options: { keep?: boolean } = {},
): Promise<CognitoError | undefined> {
  const key = codeKey(pool, user, purpose);
  const record = await ctx.store.resources.get<StoredCode>(ResourceKind.code, pool.id, key);
  if (!record || record.data.expiresAt <= ctx.now) {
    return new CognitoError("ExpiredCodeException", "Invalid code provided, please request a code again.");
  }
  if (record.data.attempts >= MAX_CODE_ATTEMPTS) {
    return errors.limitExceeded("Attempt limit exceeded, please try after some time.");
  }
  const expected = Buffer.from(record.data.hash, "base64");
  const given = hashCode(code, record.data.salt);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    await ctx.store.resources.put<StoredCode>({
      ...record,
      data: { ...record.data, attempts: record.data.attempts + 1 },
      updatedAt: ctx.now,
    });
    return new CognitoError("CodeMismatchException", "Invalid verification code provided, please try again.");
  }
  if (!options.keep) await ctx.store.resources.delete(ResourceKind.code, pool.id, key);
  return undefined;
}

/**
 * checkCode in its own transaction, throwing its error after the failed attempt is committed.
 * Call it outside any transaction (operations declaring `{ transaction: false }`): inside one,
 * the throw would roll the attempt count back. To combine the check with other writes
 * atomically, call checkCode in your transaction and throw its error after it commits.
 */
export async function consumeCode(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  purpose: CodePurpose,
  code: string,
): Promise<void> {
  const failure = await ctx.store.transaction(() => checkCode(ctx, pool, user, purpose, code));
  if (failure) throw failure;
}

/** Sign-in codes (SMS and email MFA, EMAIL_OTP / SMS_OTP first factors) last three minutes, as Cognito's do. */
export const SIGN_IN_CODE_VALIDITY_MS = 3 * 60_000;

/** A sign-in code kept in its challenge session: only a salted hash of it, and its expiry (epoch ms). */
export interface SealedCode {
  codeHash: string;
  codeSalt: string;
  codeExpiresAt: string;
}

export function sealCode(code: string, expiresAt: number): SealedCode {
  const salt = randomBytes(16).toString("base64");
  return { codeHash: hashCode(code, salt).toString("base64"), codeSalt: salt, codeExpiresAt: String(expiresAt) };
}

/** Whether `code` is the sealed one (compared in constant time); expiry is the caller's to check. */
export function codeMatches(code: string, sealed: Partial<SealedCode>): boolean {
  if (!sealed.codeHash || !sealed.codeSalt) return false;
  const expected = Buffer.from(sealed.codeHash, "base64");
  const given = hashCode(code, sealed.codeSalt);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const DEFAULT_AUTH_MESSAGE = "Your authentication code is {####}. ";
const DEFAULT_AUTH_SUBJECT = "Your authentication code";

/**
 * Sends a sign-in code with the pool's authentication message: SmsAuthenticationMessage for
 * SMS, EmailMfaConfiguration's Message and Subject for email (CustomMessage_Authentication and
 * the custom senders' _Authentication source when the pool has those triggers). Returns the code.
 */
export async function sendSignInCode(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord | string,
  target: CodeTarget,
  email?: { Message?: string; Subject?: string },
  context: MessageContext = {},
): Promise<string> {
  const code = generateCode();
  const template =
    target.medium === "EMAIL"
      ? { subject: email?.Subject ?? DEFAULT_AUTH_SUBJECT, message: email?.Message ?? DEFAULT_AUTH_MESSAGE }
      : { message: (pool.config.SmsAuthenticationMessage as string | undefined) ?? DEFAULT_AUTH_MESSAGE };
  await deliverSecret(ctx, pool, {
    user,
    source: "Authentication",
    context,
    medium: target.medium,
    destination: target.destination,
    template,
    secret: code,
  });
  return code;
}
