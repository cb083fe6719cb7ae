import type { OperationContext } from "../protocol/operation.js";
import { CognitoError, errors } from "../protocol/errors.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { issueTokens } from "../tokens/issue.js";
import type { TokenGenerationSource } from "../triggers/preTokenGeneration.js";
import { passwordPolicy } from "../users/passwordPolicy.js";
import { deviceConfiguration, userDevice } from "../devices/record.js";
import { deviceChallenge, newDeviceMetadata } from "../devices/signIn.js";
import { mfaChallenge } from "../mfa/challenges.js";
import { missingRequiredAttributes, type AuthOutcome } from "./passwordSignIn.js";
import { openSession } from "./session.js";

/** How the user proved who they are before completeSignIn decides what comes next. */
export interface FirstFactor {
  factor: "PASSWORD" | "PASSWORD_SRP" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN" | "SIGN_UP_SESSION" | "CUSTOM_CHALLENGE";
  /** AuthParameters.DEVICE_KEY of the sign-in, if the client sent one. */
  deviceKey?: string;
  /** The device answered DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER (a remembered device may skip MFA). */
  deviceAuthenticated?: boolean;
  /** The sign-in ends by answering NEW_PASSWORD_REQUIRED (PreTokenGeneration's TokenGeneration_NewPasswordChallenge). */
  newPassword?: boolean;
}

const DAY_MS = 86_400_000;

/** What a challenge session carries so that the sign-in can go on after its answer. */
export function firstFactorState(how: FirstFactor): Record<string, string> {
  return { factor: how.factor, ...(how.deviceKey ? { deviceKey: how.deviceKey } : {}) };
}

/** The FirstFactor a session opened with firstFactorState names. */
export function firstFactorOf(state: Record<string, string> | undefined, fallback: FirstFactor["factor"]): FirstFactor {
  return {
    factor: (state?.factor as FirstFactor["factor"] | undefined) ?? fallback,
    ...(state?.deviceKey ? { deviceKey: state.deviceKey } : {}),
  };
}

/**
 * After the first factor: the new-password challenge, then the device challenge, then MFA,
 * then tokens, as the pool and the user require. Every sign-in path ends here. Call it inside
 * a transaction: it may open a session and send a code.
 */
export async function completeSignIn(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  how: FirstFactor,
): Promise<AuthOutcome> {
  if (user.status === "UNCONFIRMED") throw new CognitoError("UserNotConfirmedException", "User is not confirmed.");
  if (user.status === "FORCE_CHANGE_PASSWORD") {
    const validityDays = passwordPolicy(pool).TemporaryPasswordValidityDays ?? 7;
    const setAt = user.temporaryPasswordSetAt ?? user.createdAt;
    if (ctx.now > setAt + validityDays * DAY_MS) {
      throw errors.notAuthorized("Temporary password has expired and must be reset by an administrator.");
    }
    return newPasswordChallenge(ctx, pool, client, user, how);
  }
  if (!how.deviceAuthenticated) {
    const device = await deviceChallenge(ctx, pool, client, user, how.deviceKey, how.factor);
    if (device) return device;
  }
  // A remembered device stands in for MFA; passwordless factors are never followed by MFA in Cognito.
  const mfaApplies = !how.deviceAuthenticated && (how.factor === "PASSWORD" || how.factor === "PASSWORD_SRP");
  if (mfaApplies) {
    const challenge = await mfaChallenge(ctx, pool, client, user, how);
    if (challenge) return challenge;
  }
  // PreTokenGeneration is told how the sign-in ended.
  const triggerSource = how.deviceAuthenticated
    ? "TokenGeneration_AuthenticateDevice"
    : how.newPassword
      ? "TokenGeneration_NewPasswordChallenge"
      : undefined;
  return signInTokens(ctx, pool, client, user, how.deviceKey, triggerSource);
}

/**
 * The tokens that end a sign-in, with NewDeviceMetadata when the device family has a new device
 * for it. Access tokens name the sign-in's device (device_key): the new one, or the one it used.
 */
export async function signInTokens(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey: string | undefined,
  triggerSource?: TokenGenerationSource,
): Promise<AuthOutcome> {
  if (ctx.hostedUi) {
    // Managed login: the user is authenticated; the authorization endpoint issues the tokens.
    ctx.hostedUi.signedIn = { username: user.username, ...(deviceKey ? { deviceKey } : {}) };
    return { ChallengeParameters: {}, AuthenticationResult: {} };
  }
  const device = await newDeviceMetadata(ctx, pool, client, user, deviceKey);
  // A DEVICE_KEY is named in the tokens only when the pool tracks devices and it is this user's.
  const known = deviceKey && deviceConfiguration(pool) && (await userDevice(ctx, pool, user, deviceKey));
  const tokenDevice = device?.DeviceKey ?? (known ? deviceKey : undefined);
  const tokens = await issueTokens(ctx, {
    pool,
    client,
    user,
    withRefresh: true,
    ...(tokenDevice ? { deviceKey: tokenDevice } : {}),
    ...(triggerSource ? { triggerSource } : {}),
  });
  return {
    ChallengeParameters: {},
    AuthenticationResult: { ...tokens, ...(device ? { NewDeviceMetadata: device } : {}) },
  };
}

async function newPasswordChallenge(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  how: FirstFactor,
): Promise<AuthOutcome> {
  const session = await openSession(ctx, pool, client, "NEW_PASSWORD_REQUIRED", user.username, firstFactorState(how));
  const attributes = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => name !== "sub"));
  return {
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    Session: session,
    ChallengeParameters: {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missingRequiredAttributes(pool, user).map((name) => `userAttributes.${name}`)),
      userAttributes: JSON.stringify(attributes),
    },
  };
}
