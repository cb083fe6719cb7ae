import type {
  CompleteWebAuthnRegistrationRequest,
  CompleteWebAuthnRegistrationResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { webAuthnHelpers, webAuthnServer } from "./library.js";
import { CognitoError, errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { passkeyUser } from "./access.js";
import { originAllowed, readClientData, readCredentialJson, rpIdHash, sameChallenge } from "./ceremony.js";
import { clearPendingRegistration, readPasskey, readPendingRegistration, savePasskey } from "./credentials.js";
import { friendlyName } from "./friendlyName.js";
import { requireWebAuthnEnabled } from "./relyingParty.js";
import { SUPPORTED_ALGORITHMS } from "./startWebAuthnRegistration.js";

const notSupported = (message: string) => new CognitoError("WebAuthnCredentialNotSupportedException", message);

/**
 * Checks the authenticator's answer to StartWebAuthnRegistration's options and stores the
 * passkey (its public key, counter, transports, attachment). Each failure has its Cognito
 * exception: no pending challenge or another challenge (WebAuthnChallengeNotFound), another app
 * client's token (WebAuthnClientMismatch), an origin outside the relying party
 * (WebAuthnOriginNotAllowed), authenticator data for another relying party id
 * (WebAuthnRelyingPartyMismatch), an unsupported key algorithm or missing user verification
 * where the pool requires it (WebAuthnCredentialNotSupported). The challenge answers once.
 */
export const completeWebAuthnRegistration = defineOperation<
  CompleteWebAuthnRegistrationRequest,
  CompleteWebAuthnRegistrationResponse
>("CompleteWebAuthnRegistration", async (input, ctx) => {
  const { pool, user, claims } = await passkeyUser(ctx, input.AccessToken!);
  requireWebAuthnEnabled(pool);
  const credential = readCredentialJson(input.Credential, ["clientDataJSON", "attestationObject"], "Credential");
  const clientData = readClientData(credential);
  if (clientData.type !== "webauthn.create") {
    throw errors.invalidParameter("The credential does not answer a registration (clientData type webauthn.create).");
  }
  const pending = await readPendingRegistration(ctx, pool, user.sub);
  if (!pending || !sameChallenge(clientData.challenge, pending.challenge)) {
    throw new CognitoError(
      "WebAuthnChallengeNotFoundException",
      "The registration challenge was not found or has expired: call StartWebAuthnRegistration again.",
    );
  }
  if (pending.clientId !== claims.client_id) {
    throw new CognitoError(
      "WebAuthnClientMismatchException",
      "The access token is for another app client than the one that started the registration.",
    );
  }
  if (!originAllowed(clientData.origin, pending.rpId)) {
    throw new CognitoError(
      "WebAuthnOriginNotAllowedException",
      `The origin ${clientData.origin} is not allowed for the relying party ${pending.rpId}.`,
    );
  }
  const { decodeAttestationObject, parseAuthenticatorData } = await webAuthnHelpers();
  let authData;
  try {
    const attestation = decodeAttestationObject(
      new Uint8Array(Buffer.from(credential.response.attestationObject as string, "base64url")),
    );
    authData = parseAuthenticatorData(attestation.get("authData"));
  } catch {
    throw errors.invalidParameter("The credential's attestationObject is not valid.");
  }
  if (!Buffer.from(authData.rpIdHash).equals(rpIdHash(pending.rpId))) {
    throw new CognitoError(
      "WebAuthnRelyingPartyMismatchException",
      `The credential was created for another relying party than ${pending.rpId}.`,
    );
  }
  if (pending.userVerification === "required" && !authData.flags.uv) {
    throw notSupported("The user pool requires user verification, which the authenticator did not perform.");
  }

  let verified;
  try {
    verified = await (
      await webAuthnServer()
    ).verifyRegistrationResponse({
      response: credential as unknown as RegistrationResponseJSON,
      expectedChallenge: pending.challenge,
      expectedOrigin: clientData.origin,
      expectedRPID: pending.rpId,
      requireUserVerification: pending.userVerification === "required",
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/alg/i.test(message)) throw notSupported("The credential's public key algorithm is not supported.");
    throw errors.invalidParameter(`The credential could not be verified: ${message}`);
  }
  if (!verified.verified) throw errors.invalidParameter("The credential could not be verified.");
  const info = verified.registrationInfo;
  if (await readPasskey(ctx, pool, info.credential.id)) {
    throw errors.invalidParameter("This credential is already registered.");
  }
  const transports = Array.isArray(credential.response.transports)
    ? (credential.response.transports as unknown[]).filter((t): t is string => typeof t === "string")
    : [];
  await savePasskey(ctx, pool, {
    sub: user.sub,
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
    counter: info.credential.counter,
    transports,
    ...(typeof credential.authenticatorAttachment === "string"
      ? { attachment: credential.authenticatorAttachment }
      : {}),
    friendlyName: friendlyName(info.aaguid),
    rpId: pending.rpId,
    aaguid: info.aaguid,
    backedUp: info.credentialBackedUp,
    createdAt: ctx.now,
  });
  await clearPendingRegistration(ctx, pool, user.sub);
  return {};
});
