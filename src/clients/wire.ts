import type {
  ClientSecretDescriptorType,
  UserPoolClientDescription,
  UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../common/time.js";
import type { Wire } from "../common/wire.js";
import type { ClientRecord, ClientSecretRecord } from "../storage/types.js";

/** The client as DescribeUserPoolClient shows it; ClientSecret is the oldest active secret. */
export function toUserPoolClientType(client: ClientRecord): Wire<UserPoolClientType> {
  const secret = client.secrets[0];
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ...(secret ? { ClientSecret: secret.value } : {}),
    LastModifiedDate: toEpochSeconds(client.updatedAt),
    CreationDate: toEpochSeconds(client.createdAt),
    ...(client.config as Wire<UserPoolClientType>),
  };
}

export function toUserPoolClientDescription(client: ClientRecord): UserPoolClientDescription {
  return { ClientId: client.clientId, UserPoolId: client.poolId, ClientName: client.name };
}

/** Secret metadata; the value only when Cognito generated it and the caller is the one adding it. */
export function toClientSecretDescriptor(
  secret: ClientSecretRecord,
  withValue = false,
): Wire<ClientSecretDescriptorType> {
  return {
    ClientSecretId: secret.id,
    ...(withValue ? { ClientSecretValue: secret.value } : {}),
    ClientSecretCreateDate: toEpochSeconds(secret.createdAt),
  };
}
