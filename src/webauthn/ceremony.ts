import { createHash, timingSafeEqual } from "node:crypto";
import { errors } from "../protocol/errors.js";
import { originAllowed } from "./relyingParty.js";

/** The members of a RegistrationResponseJSON / AuthenticationResponseJSON Cognate reads. */
export interface CredentialJson {
  id: string;
  rawId: string;
  type: "public-key";
  authenticatorAttachment?: string;
  clientExtensionResults: Record<string, unknown>;
  response: Record<string, unknown>;
}

interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The credential document's shape, checked before any cryptography: the browser's toJSON()
 * output (base64url strings), with the response members the ceremony needs.
 */
export function readCredentialJson(value: unknown, members: readonly string[], what: string): CredentialJson {
  const bad = () => errors.invalidParameter(`${what} is not a valid public key credential.`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad();
  const credential = value as Record<string, unknown>;
  const response = credential.response as Record<string, unknown> | undefined;
  const isId = (v: unknown) => typeof v === "string" && BASE64URL.test(v);
  if (!isId(credential.id) || !isId(credential.rawId) || credential.type !== "public-key") throw bad();
  if (typeof response !== "object" || response === null || Array.isArray(response)) throw bad();
  for (const member of members) if (!isId(response[member])) throw bad();
  return {
    ...(credential as unknown as CredentialJson),
    // The library wants the member even where a client leaves it out.
    clientExtensionResults: (credential.clientExtensionResults as Record<string, unknown> | undefined) ?? {},
  };
}

/** The collected client data (clientDataJSON): type, challenge and origin. */
export function readClientData(credential: CredentialJson): ClientData {
  try {
    const parsed = JSON.parse(
      Buffer.from(credential.response.clientDataJSON as string, "base64url").toString("utf8"),
    ) as Partial<ClientData>;
    if (typeof parsed.type === "string" && typeof parsed.challenge === "string" && typeof parsed.origin === "string") {
      return parsed as ClientData;
    }
  } catch {
    // answered below
  }
  throw errors.invalidParameter("The credential's clientDataJSON is not valid.");
}

export const sameChallenge = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const rpIdHash = (rpId: string) => createHash("sha256").update(rpId).digest();

export { originAllowed };
