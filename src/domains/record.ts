import { createHash } from "node:crypto";
import type { CustomDomainConfigType, RoutingType } from "@aws-sdk/client-cognito-identity-provider";

/** A domain as stored under ResourceKind.domain (scope ""): DomainDescriptionType; UserPoolId is the owner. */
export interface DomainData {
  UserPoolId: string;
  AWSAccountId: string;
  Domain: string;
  S3Bucket: string;
  CloudFrontDistribution: string;
  Version: string;
  Status: "ACTIVE";
  ManagedLoginVersion: number;
  CustomDomainConfig?: CustomDomainConfigType;
  Routing?: RoutingType;
}

/** Cognito names its per-region asset buckets after the region's airport code. */
const REGION_CODES: Record<string, string> = {
  "us-east-1": "iad",
  "us-east-2": "cmh",
  "us-west-1": "sfo",
  "us-west-2": "pdx",
  "ca-central-1": "yul",
  "sa-east-1": "gru",
  "eu-west-1": "dub",
  "eu-west-2": "lhr",
  "eu-west-3": "cdg",
  "eu-central-1": "fra",
  "eu-north-1": "arn",
  "ap-south-1": "bom",
  "ap-southeast-1": "sin",
  "ap-southeast-2": "syd",
  "ap-northeast-1": "nrt",
  "ap-northeast-2": "icn",
  "ap-northeast-3": "kix",
};

export const assetBucket = (region: string) => `aws-cognito-prod-${REGION_CODES[region] ?? region}-assets`;

/** A stable CloudFront host name per domain, shaped like CloudFront's ("d" and 13 base-36 characters). */
export function cloudFrontDistribution(domain: string): string {
  const digest = createHash("sha256").update(domain).digest();
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let id = "d";
  for (let i = 0; i < 13; i++) id += alphabet[digest[i]! % alphabet.length];
  return `${id}.cloudfront.net`;
}

/** Cognito's domain Version: the deployment time as yyyyMMddHHmmss (UTC). */
export const domainVersion = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);

export const isCustomDomain = (data: Pick<DomainData, "CustomDomainConfig">) => data.CustomDomainConfig !== undefined;
