import type {
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { webAuthnServer } from "./library.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { passkeyUser } from "./access.js";
import { savePendingRegistration, userPasskeys } from "./credentials.js";
import { relyingParty, requireWebAuthnEnabled } from "./relyingParty.js";

/** How long the user has to answer the options (and how long the challenge is kept): five minutes. */
export const CEREMONY_TIMEOUT_MS = 300_000;
/** Passkeys a user may register; one more is refused with LimitExceededException. */
export const MAX_PASSKEYS_PER_USER = 20;
/** ES256 and RS256, what platform authenticators and security keys use. */
export const SUPPORTED_ALGORITHMS = [-7, -257];

/**
 * The options for navigator.credentials.create(): a fresh challenge (kept in storage until it
 * expires or is answered), the relying party, the user (user.id is the user's sub), the
 * user's passkeys to exclude, a discoverable credential and the pool's user verification.
 */
export const startWebAuthnRegistration = defineOperation<
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse
>("StartWebAuthnRegistration", async (input, ctx) => {
  const { pool, user, claims } = await passkeyUser(ctx, input.AccessToken!);
  requireWebAuthnEnabled(pool);
  const rp = await relyingParty(ctx, pool);
  const existing = await userPasskeys(ctx, pool, user);
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw errors.limitExceeded(`A user can register at most ${MAX_PASSKEYS_PER_USER} passkeys.`);
  }
  const options = await (
    await webAuthnServer()
  ).generateRegistrationOptions({
    rpName: rp.id,
    rpID: rp.id,
    userName: user.username,
    userID: new Uint8Array(Buffer.from(user.sub, "utf8")),
    userDisplayName: user.username,
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
    authenticatorSelection: {
      residentKey: "required",
      requireResidentKey: true,
      userVerification: rp.userVerification,
    },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  await savePendingRegistration(ctx, pool, user.sub, {
    challenge: options.challenge,
    clientId: claims.client_id,
    rpId: rp.id,
    userVerification: rp.userVerification,
    expiresAt: ctx.now + CEREMONY_TIMEOUT_MS,
  });
  return {
    CredentialCreationOptions: options as unknown as StartWebAuthnRegistrationResponse["CredentialCreationOptions"],
  };
});
