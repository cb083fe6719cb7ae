import type { ProviderUserIdentifierType } from "@aws-sdk/client-cognito-identity-provider";
import { SOCIAL_PROVIDER_TYPES } from "../identityProviders/providerDetails.js";
import type { IdentityProviderData } from "../identityProviders/record.js";
import { errors } from "../protocol/errors.js";
import { SUBJECT_ATTRIBUTE } from "./links.js";

/** The provider name that stands for the user pool's own (native) users. */
export const COGNITO_PROVIDER = "Cognito";

/** Federated users are named `<ProviderName>_<the provider's user id>`, as in Cognito. */
export const federatedUsername = (providerName: string, userId: string) => `${providerName}_${userId}`;

/** A ProviderUserIdentifierType whose members the operation needs (the model makes them all optional). */
export function requireMembers(
  parameter: string,
  identifier: ProviderUserIdentifierType | undefined,
  members: readonly (keyof ProviderUserIdentifierType)[],
): Required<ProviderUserIdentifierType> {
  for (const member of members) {
    if (!identifier?.[member]) throw errors.invalidParameter(`${parameter}.${member} is required.`);
  }
  return {
    ProviderName: identifier!.ProviderName ?? "",
    ProviderAttributeName: identifier!.ProviderAttributeName ?? "",
    ProviderAttributeValue: identifier!.ProviderAttributeValue ?? "",
  };
}

/** Social providers identify users by their subject only. */
export function checkAttributeNameFor(provider: IdentityProviderData, attributeName: string): void {
  if (SOCIAL_PROVIDER_TYPES.includes(provider.ProviderType) && attributeName !== SUBJECT_ATTRIBUTE) {
    throw errors.invalidParameter(`ProviderAttributeName must be ${SUBJECT_ATTRIBUTE} for ${provider.ProviderType}.`);
  }
}
