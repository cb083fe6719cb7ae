import type { IdentityProviderTypeType } from "@aws-sdk/client-cognito-identity-provider";

/** An identity provider as stored under ResourceKind.identityProvider (dates in epoch milliseconds). */
export interface IdentityProviderData {
  UserPoolId: string;
  ProviderName: string;
  ProviderType: IdentityProviderTypeType;
  ProviderDetails: Record<string, string>;
  AttributeMapping: Record<string, string>;
  IdpIdentifiers: string[];
  AcrMapping?: Record<string, string>;
  CreationDate: number;
  LastModifiedDate: number;
}
