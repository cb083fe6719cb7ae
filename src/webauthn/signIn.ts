import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { requireParameter } from "../auth/client.js";
import { webAuthnServer } from "./library.js";
import { completeSignIn } from "../auth/completeSignIn.js";
import { checkUserCanSignIn, checkUserConfirmed, type AuthOutcome } from "../auth/passwordSignIn.js";
import { closeSession, invalidSession, openSession, readSession } from "../auth/session.js";
import { checkSecretHash } from "../clients/secretHash.js";
import { allowedFirstAuthFactors } from "../pools/signInPolicy.js";
import { CognitoError, errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { findUser, usernameKey } from "../users/lookup.js";
import { originAllowed, readClientData, readCredentialJson, sameChallenge } from "./ceremony.js";
import { readPasskey, savePasskey, userPasskeys, type PasskeyData } from "./credentials.js";
import { relyingParty, type RelyingParty } from "./relyingParty.js";
import { CEREMONY_TIMEOUT_MS } from "./startWebAuthnRegistration.js";

/** The relying party, or undefined where the pool has none configured (then no passkey can be used). */
async function currentRelyingParty(ctx: OperationContext, pool: PoolRecord): Promise<RelyingParty | undefined> {
  try {
    return await relyingParty(ctx, pool);
  } catch (err) {
    if (err instanceof CognitoError && err.type === "WebAuthnConfigurationMissingException") return undefined;
    throw err;
  }
}

/** The user's passkeys registered for the pool's current relying party id (a changed id orphans the others). */
async function usablePasskeys(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<PasskeyData[]> {
  const rp = await currentRelyingParty(ctx, pool);
  if (!rp) return [];
  return (await userPasskeys(ctx, pool, user)).filter((p) => p.rpId === rp.id);
}

/**
 * Whether WEB_AUTHN is an available first factor for the user: the sign-in policy allows it
 * and the user has a passkey for the pool's relying party id.
 */
export async function hasPasskey(ctx: OperationContext, pool: PoolRecord, user: UserRecord): Promise<boolean> {
  if (!allowedFirstAuthFactors(pool).includes("WEB_AUTHN")) return false;
  return (await usablePasskeys(ctx, pool, user)).length > 0;
}

/**
 * The WEB_AUTHN challenge: CREDENTIAL_REQUEST_OPTIONS is the JSON of the options for
 * navigator.credentials.get() (challenge, rpId, the user's passkeys as allowCredentials, the
 * pool's user verification); the challenge is kept in the Session's state.
 */
export async function startWebAuthnSignIn(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
): Promise<AuthOutcome> {
  const rp = await relyingParty(ctx, pool);
  const passkeys = (await userPasskeys(ctx, pool, user)).filter((p) => p.rpId === rp.id);
  if (passkeys.length === 0)
    throw errors.invalidParameter("The user has no passkey registered: WEB_AUTHN is not available.");
  const options = await (
    await webAuthnServer()
  ).generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: rp.userVerification,
  });
  const session = await ctx.store.transaction(() =>
    openSession(ctx, pool, client, "WEB_AUTHN", user.username, {
      challenge: options.challenge,
      rpId: rp.id,
      userVerification: rp.userVerification,
    }),
  );
  return {
    ChallengeName: "WEB_AUTHN",
    Session: session,
    ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
  };
}

/**
 * WEB_AUTHN's answer: the assertion (AuthenticationResponseJSON) in ChallengeResponses.CREDENTIAL.
 * RespondToAuthChallenge lists no WebAuthn exceptions, so every failed check of the assertion
 * (another challenge, origin or relying party, an unknown or deleted passkey, a bad signature,
 * a counter gone backwards) is NotAuthorizedException, and the session is spent.
 */
export async function respondWebAuthn(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  session: string | undefined,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  const open = await readSession(ctx, pool, client, session, "WEB_AUTHN");
  const username = requireParameter(responses, "USERNAME");
  const credentialText = requireParameter(responses, "CREDENTIAL");
  checkSecretHash(client, username, responses.SECRET_HASH);
  const named = await findUser(ctx, pool, username);
  if (!named || named.username !== open.username) throw invalidSession();
  checkUserCanSignIn(named);
  checkUserConfirmed(named);
  let parsed: unknown;
  try {
    parsed = JSON.parse(credentialText);
  } catch {
    throw errors.invalidParameter("CREDENTIAL is not valid JSON.");
  }
  const credential = readCredentialJson(parsed, ["clientDataJSON", "authenticatorData", "signature"], "CREDENTIAL");
  const state = open.state ?? {};
  const challenge = state.challenge ?? "";
  const rpId = state.rpId ?? "";

  const refuse = async (message: string): Promise<never> => {
    await ctx.store.transaction(() => closeSession(ctx, pool, session!));
    throw errors.notAuthorized(message);
  };
  const clientData = readClientData(credential);
  if (clientData.type !== "webauthn.get") return refuse("The credential does not answer a sign-in (webauthn.get).");
  if (!sameChallenge(clientData.challenge, challenge)) return refuse("The credential answers another challenge.");
  if (!originAllowed(clientData.origin, rpId)) {
    return refuse(`The origin ${clientData.origin} is not allowed for the relying party ${rpId}.`);
  }
  const passkey = await readPasskey(ctx, pool, credential.id);
  if (!passkey || passkey.sub !== named.sub || passkey.rpId !== rpId) {
    return refuse("The passkey is not registered for this user.");
  }
  let verified;
  try {
    verified = await (
      await webAuthnServer()
    ).verifyAuthenticationResponse({
      response: credential as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: clientData.origin,
      expectedRPID: rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: passkey.counter,
      },
      requireUserVerification: state.userVerification === "required",
    });
  } catch (err) {
    return refuse(`The passkey assertion could not be verified: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!verified.verified) return refuse("The passkey assertion could not be verified.");

  return ctx.store.transaction(async () => {
    // Read again inside the transaction: a session answers once, even to two answers at the same time.
    await readSession(ctx, pool, client, session, "WEB_AUTHN");
    await closeSession(ctx, pool, session!);
    const current = await readPasskey(ctx, pool, passkey.credentialId);
    if (!current) throw errors.notAuthorized("The passkey is not registered for this user.");
    await savePasskey(ctx, pool, {
      ...current,
      counter: verified.authenticationInfo.newCounter,
      backedUp: verified.authenticationInfo.credentialBackedUp,
      lastUsedAt: ctx.now,
    });
    const user = await ctx.store.users.get(pool.id, usernameKey(pool, named.username));
    if (!user || user.sub !== named.sub) throw invalidSession();
    return completeSignIn(ctx, pool, client, user, { factor: "WEB_AUTHN" });
  });
}
