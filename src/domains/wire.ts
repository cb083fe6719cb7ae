import type { DomainDescriptionType } from "@aws-sdk/client-cognito-identity-provider";
import type { DomainData } from "./record.js";

export function toDomainDescription(data: DomainData): DomainDescriptionType {
  return {
    UserPoolId: data.UserPoolId,
    AWSAccountId: data.AWSAccountId,
    Domain: data.Domain,
    S3Bucket: data.S3Bucket,
    CloudFrontDistribution: data.CloudFrontDistribution,
    Version: data.Version,
    Status: data.Status,
    ...(data.CustomDomainConfig ? { CustomDomainConfig: data.CustomDomainConfig } : {}),
    ManagedLoginVersion: data.ManagedLoginVersion,
    ...(data.Routing ? { Routing: data.Routing } : {}),
  };
}
