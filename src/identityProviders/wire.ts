import type { IdentityProviderType, ProviderDescription } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../common/time.js";
import type { Wire } from "../common/wire.js";
import { SECRET_DETAILS } from "./providerDetails.js";
import type { IdentityProviderData } from "./record.js";

export function toIdentityProviderType(data: IdentityProviderData): Wire<IdentityProviderType> {
  const details = Object.fromEntries(
    Object.entries(data.ProviderDetails).filter(([key]) => !SECRET_DETAILS.includes(key)),
  );
  return {
    UserPoolId: data.UserPoolId,
    ProviderName: data.ProviderName,
    ProviderType: data.ProviderType,
    ProviderDetails: details,
    AttributeMapping: data.AttributeMapping,
    IdpIdentifiers: data.IdpIdentifiers,
    ...(data.AcrMapping ? { AcrMapping: data.AcrMapping } : {}),
    LastModifiedDate: toEpochSeconds(data.LastModifiedDate),
    CreationDate: toEpochSeconds(data.CreationDate),
  };
}

export function toProviderDescription(data: IdentityProviderData): Wire<ProviderDescription> {
  return {
    ProviderName: data.ProviderName,
    ProviderType: data.ProviderType,
    LastModifiedDate: toEpochSeconds(data.LastModifiedDate),
    CreationDate: toEpochSeconds(data.CreationDate),
  };
}
