import type {
  UpdateUserPoolDomainRequest,
  UpdateUserPoolDomainResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { checkManagedLoginVersion, requireOwnedDomain } from "./lookup.js";
import { type DomainData, domainVersion, isCustomDomain } from "./record.js";

export const updateUserPoolDomain = defineOperation<UpdateUserPoolDomainRequest, UpdateUserPoolDomainResponse>(
  "UpdateUserPoolDomain",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await requireOwnedDomain(ctx, pool, input.Domain!);
    const custom = isCustomDomain(record.data);
    checkManagedLoginVersion(pool, input.ManagedLoginVersion);
    if (!custom && input.CustomDomainConfig) {
      throw errors.invalidParameter("CustomDomainConfig can be updated only for a custom domain.");
    }
    if (!custom && input.Routing) throw errors.invalidParameter("Routing is supported only for custom domains.");

    const data: DomainData = {
      ...record.data,
      ManagedLoginVersion: input.ManagedLoginVersion ?? record.data.ManagedLoginVersion,
      ...(input.CustomDomainConfig ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
      ...(input.Routing ? { Routing: input.Routing } : {}),
      // A changed certificate is a new deployment of the domain.
      ...(input.CustomDomainConfig ? { Version: domainVersion(ctx.now) } : {}),
    };
    await ctx.store.resources.put({ ...record, data, updatedAt: ctx.now });
    return {
      ManagedLoginVersion: data.ManagedLoginVersion,
      ...(custom ? { CloudFrontDomain: data.CloudFrontDistribution } : {}),
      ...(data.Routing ? { Routing: data.Routing } : {}),
    };
  },
);
