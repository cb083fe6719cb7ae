import type {
  UpdateIdentityProviderRequest,
  UpdateIdentityProviderResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { checkAcrMapping } from "./acrMapping.js";
import { checkIdpIdentifiers, requireProvider } from "./lookup.js";
import { completeAttributeMapping, completeProviderDetails, SECRET_DETAILS } from "./providerDetails.js";
import type { IdentityProviderData } from "./record.js";
import { toIdentityProviderType } from "./wire.js";

export const updateIdentityProvider = defineOperation<UpdateIdentityProviderRequest, UpdateIdentityProviderResponse>(
  "UpdateIdentityProvider",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await requireProvider(ctx, pool, input.ProviderName!);
    const current = record.data;
    const type = current.ProviderType;

    let details = current.ProviderDetails;
    if (input.ProviderDetails) {
      // New details replace the old ones, except write-only secrets: callers cannot read them back to resend.
      const kept = Object.fromEntries(
        SECRET_DETAILS.filter((key) => current.ProviderDetails[key] !== undefined).map((key) => [
          key,
          current.ProviderDetails[key]!,
        ]),
      );
      details = completeProviderDetails(type, { ...kept, ...input.ProviderDetails });
    }
    checkAcrMapping(type, input.AcrMapping);
    const identifiers = input.IdpIdentifiers ?? current.IdpIdentifiers;
    if (input.IdpIdentifiers) await checkIdpIdentifiers(ctx, pool, current.ProviderName, identifiers);

    const data: IdentityProviderData = {
      ...current,
      ProviderDetails: details,
      AttributeMapping: input.AttributeMapping
        ? completeAttributeMapping(type, input.AttributeMapping)
        : current.AttributeMapping,
      IdpIdentifiers: identifiers,
      ...(input.AcrMapping ? { AcrMapping: input.AcrMapping } : {}),
      LastModifiedDate: ctx.now,
    };
    await ctx.store.resources.put({ ...record, data, updatedAt: ctx.now });
    return { IdentityProvider: toIdentityProviderType(data) } as unknown as UpdateIdentityProviderResponse;
  },
);
