import { Secret, TOTP } from "otpauth";

/** Cognito's authenticator-app parameters: RFC 6238 with HMAC-SHA1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Steps accepted either side of now, for clock drift and typing time. */
const WINDOW = 1;

/** A new shared secret as Cognito hands it out: 32 random bytes, base32 without padding (52 characters). */
export function newTotpSecret(): string {
  return new Secret({ size: 32 }).base32.replace(/=+$/, "");
}

/**
 * The time step a code is valid for, if it matches the secret within the window around `now`;
 * undefined when it matches none. Malformed codes simply do not match.
 */
export function matchingStep(secret: string, code: string, now: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
  const delta = totp.validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return undefined;
  return totp.counter({ timestamp: now }) + delta;
}
