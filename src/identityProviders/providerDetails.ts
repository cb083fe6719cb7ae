import type { IdentityProviderTypeType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";

/** Social providers must be named after their type; other types may not borrow these names. */
export const SOCIAL_PROVIDER_TYPES: readonly string[] = ["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"];

/** Detail keys a create or update must carry, in the order Cognito's message lists them. */
const REQUIRED_DETAILS: Partial<Record<IdentityProviderTypeType, readonly string[]>> = {
  Google: ["client_id", "client_secret", "authorize_scopes"],
  Facebook: ["client_id", "client_secret", "authorize_scopes"],
  LoginWithAmazon: ["client_id", "client_secret", "authorize_scopes"],
  SignInWithApple: ["client_id", "team_id", "key_id", "private_key", "authorize_scopes"],
  OIDC: ["client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"],
};

/** Facebook's Graph API version when the caller names none. */
export const DEFAULT_FACEBOOK_API_VERSION = "v17.0";

/** The endpoints Cognito fills in for each social provider (it knows them; callers need not send them). */
function providerEndpoints(type: IdentityProviderTypeType, details: Record<string, string>): Record<string, string> {
  switch (type) {
    case "Google":
      return {
        attributes_url: "https://people.googleapis.com/v1/people/me?personFields=",
        attributes_url_add_attributes: "true",
        authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
        oidc_issuer: "https://accounts.google.com",
        token_request_method: "POST",
        token_url: "https://www.googleapis.com/oauth2/v4/token",
      };
    case "Facebook": {
      const version = details.api_version || DEFAULT_FACEBOOK_API_VERSION;
      return {
        api_version: version,
        attributes_url: `https://graph.facebook.com/${version}/me?fields=`,
        attributes_url_add_attributes: "true",
        authorize_url: `https://www.facebook.com/${version}/dialog/oauth`,
        token_request_method: "GET",
        token_url: `https://graph.facebook.com/${version}/oauth/access_token`,
      };
    }
    case "LoginWithAmazon":
      return {
        attributes_url: "https://api.amazon.com/user/profile",
        attributes_url_add_attributes: "false",
        authorize_url: "https://www.amazon.com/ap/oa",
        token_request_method: "POST",
        token_url: "https://api.amazon.com/auth/o2/token",
      };
    case "SignInWithApple":
      return {
        attributes_url_add_attributes: "false",
        authorize_url: "https://appleid.apple.com/auth/authorize",
        oidc_issuer: "https://appleid.apple.com",
        token_request_method: "POST",
        token_url: "https://appleid.apple.com/auth/token",
      };
    case "OIDC":
      // Discovery from oidc_issuer would fill the endpoints; without network access only this flag is known.
      return { attributes_url_add_attributes: details.attributes_url_add_attributes ?? "false" };
    default:
      return {};
  }
}

/** The provider claim Cognito maps to the user pool username when the caller maps none. */
const DEFAULT_USERNAME_CLAIM: Partial<Record<IdentityProviderTypeType, string>> = {
  Google: "sub",
  Facebook: "id",
  LoginWithAmazon: "user_id",
  SignInWithApple: "sub",
  OIDC: "sub",
};

/** Rejects a provider name its type cannot use. */
export function checkProviderName(name: string, type: IdentityProviderTypeType): void {
  if (name.toUpperCase() === "COGNITO") {
    throw errors.invalidParameter(`Provider name ${name} is reserved.`);
  }
  const social = SOCIAL_PROVIDER_TYPES.includes(type);
  if ((social && name !== type) || (!social && SOCIAL_PROVIDER_TYPES.includes(name))) {
    throw errors.invalidParameter(`Provider ${name} cannot be of type ${type}.`);
  }
}

const listForMessage = (keys: readonly string[]) =>
  keys.length > 1 ? `${keys.slice(0, -1).join(", ")} and ${keys[keys.length - 1]}` : keys.join("");

/**
 * Checks the details a provider type needs and returns them as Cognito stores them, with the
 * endpoints it knows for social providers added.
 */
export function completeProviderDetails(
  type: IdentityProviderTypeType,
  details: Record<string, string>,
): Record<string, string> {
  if (type === "SAML") {
    const hasUrl = !!details.MetadataURL;
    const hasFile = !!details.MetadataFile;
    if (!hasUrl && !hasFile) throw errors.invalidParameter("Either MetadataURL or MetadataFile is required.");
    if (hasUrl && hasFile) throw errors.invalidParameter("Only one of MetadataURL or MetadataFile can be specified.");
    return { ...details };
  }
  const required = REQUIRED_DETAILS[type] ?? [];
  if (required.some((key) => !details[key])) {
    throw errors.invalidParameter(`${listForMessage(required)} are all required idp details.`);
  }
  if (type === "OIDC" && !["GET", "POST"].includes(details.attributes_request_method!)) {
    throw errors.invalidParameter("attributes_request_method must be GET or POST.");
  }
  return { ...details, ...providerEndpoints(type, details) };
}

/** The attribute mapping as stored: the caller's, plus the username claim Cognito adds by default. */
export function completeAttributeMapping(
  type: IdentityProviderTypeType,
  mapping: Record<string, string> | undefined,
): Record<string, string> {
  const claim = DEFAULT_USERNAME_CLAIM[type];
  const result = { ...(mapping ?? {}) };
  // Social providers identify users by one fixed claim, so username can map to that claim only.
  if (claim && SOCIAL_PROVIDER_TYPES.includes(type) && result.username !== undefined && result.username !== claim) {
    throw errors.invalidParameter(`The username attribute of a ${type} provider can be mapped only to ${claim}.`);
  }
  if (claim && result.username === undefined) result.username = claim;
  return result;
}

/** Provider details never answered: Apple's signing key is write-only. */
export const SECRET_DETAILS: readonly string[] = ["private_key"];
