import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { readMfaFactors } from "../pools/mfa.js";
import { allowedFirstAuthFactors } from "../pools/signInPolicy.js";
import type { PoolRecord } from "../storage/types.js";

/** What a pool's passkeys are bound to: the relying party id and whether user verification is required. */
export interface RelyingParty {
  id: string;
  userVerification: "required" | "preferred";
}

/**
 * Passkeys are on when the sign-in policy offers WEB_AUTHN as a first factor (Cognito has no
 * other switch: the feature needs the Essentials plan, which that policy already requires).
 */
export function requireWebAuthnEnabled(pool: PoolRecord): void {
  if (!allowedFirstAuthFactors(pool).includes("WEB_AUTHN")) {
    throw new CognitoError(
      "WebAuthnNotEnabledException",
      "WebAuthn is not enabled for this user pool: add WEB_AUTHN to the sign-in policy's AllowedFirstAuthFactors.",
    );
  }
}

/**
 * The relying party id: WebAuthnConfiguration.RelyingPartyId when set, otherwise the pool's
 * domain (its custom domain, else its prefix domain's host <prefix>.auth.<region>.amazoncognito.com);
 * a pool with neither cannot register passkeys (WebAuthnConfigurationMissingException).
 */
export async function relyingParty(ctx: OperationContext, pool: PoolRecord): Promise<RelyingParty> {
  const configured = (await readMfaFactors(ctx, pool)).WebAuthnConfiguration;
  const userVerification = configured?.UserVerification === "required" ? "required" : "preferred";
  const custom = pool.config.CustomDomain as string | undefined;
  const prefix = pool.config.Domain as string | undefined;
  const id =
    configured?.RelyingPartyId ?? custom ?? (prefix ? `${prefix}.auth.${pool.region}.amazoncognito.com` : undefined);
  if (!id) {
    throw new CognitoError(
      "WebAuthnConfigurationMissingException",
      "The user pool has no relying party id and no domain: set WebAuthnConfiguration.RelyingPartyId or create a user pool domain.",
    );
  }
  return { id: id.toLowerCase(), userVerification };
}

/**
 * Origins a ceremony may come from: https on the relying party id or any of its subdomains
 * (any port), as browsers allow. For local development Cognate also accepts plain http when
 * the relying party id is localhost (or a *.localhost name), which browsers treat as a
 * secure context; no other http origin is accepted.
 */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // a path, credentials or a trailing slash: not an origin
  const host = url.hostname.toLowerCase();
  const underRp = host === rpId || host.endsWith(`.${rpId}`);
  if (!underRp) return false;
  if (url.protocol === "https:") return true;
  const local = rpId === "localhost" || rpId.endsWith(".localhost");
  return url.protocol === "http:" && local;
}
