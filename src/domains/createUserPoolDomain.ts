import type {
  CreateUserPoolDomainRequest,
  CreateUserPoolDomainResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";
import { checkManagedLoginVersion, findDomain } from "./lookup.js";
import { poolDomainMember, setPoolDomain } from "./poolDomain.js";
import { assetBucket, cloudFrontDistribution, type DomainData, domainVersion } from "./record.js";

/** Words a prefix domain may not contain: it would look like an AWS-owned host under amazoncognito.com. */
const RESERVED_WORDS = ["aws", "amazon", "cognito"];

export const createUserPoolDomain = defineOperation<CreateUserPoolDomainRequest, CreateUserPoolDomainResponse>(
  "CreateUserPoolDomain",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const domain = input.Domain!;
    const custom = input.CustomDomainConfig !== undefined;
    checkManagedLoginVersion(pool, input.ManagedLoginVersion);
    if (!custom) {
      // The validator lets host names through for custom domains; a prefix is one label.
      if (domain.includes(".")) {
        throw errors.invalidParameter(
          `1 validation error detected: Value '${domain}' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$`,
        );
      }
      const reserved = RESERVED_WORDS.find((word) => domain.includes(word));
      if (reserved) throw errors.invalidParameter(`Domain cannot contain reserved word: ${reserved}`);
      if (input.Routing) throw errors.invalidParameter("Routing is supported only for custom domains.");
    }
    // A pool may hold one prefix domain and one custom domain.
    if (pool.config[poolDomainMember(custom)]) {
      throw errors.invalidParameter("User pool already has a domain configured.");
    }
    if (await findDomain(ctx, domain)) {
      throw errors.invalidParameter("Domain already associated with another user pool.");
    }

    const data: DomainData = {
      UserPoolId: pool.id,
      AWSAccountId: pool.accountId,
      Domain: domain,
      S3Bucket: assetBucket(pool.region),
      CloudFrontDistribution: cloudFrontDistribution(domain),
      Version: domainVersion(ctx.now),
      Status: "ACTIVE",
      ManagedLoginVersion: input.ManagedLoginVersion ?? 1,
      ...(input.CustomDomainConfig ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
      ...(input.Routing ? { Routing: input.Routing } : {}),
    };
    await ctx.store.resources.put({
      kind: ResourceKind.domain,
      scope: "",
      key: domain,
      data,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await setPoolDomain(ctx, pool, custom, domain);
    return {
      ManagedLoginVersion: data.ManagedLoginVersion,
      ...(custom ? { CloudFrontDomain: data.CloudFrontDistribution } : {}),
      ...(data.Routing ? { Routing: data.Routing } : {}),
    };
  },
);
