import type {
  CreateIdentityProviderRequest,
  CreateIdentityProviderResponse,
  IdentityProviderTypeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";
import { checkAcrMapping } from "./acrMapping.js";
import { checkIdpIdentifiers, findProvider } from "./lookup.js";
import { checkProviderName, completeAttributeMapping, completeProviderDetails } from "./providerDetails.js";
import type { IdentityProviderData } from "./record.js";
import { toIdentityProviderType } from "./wire.js";

export const createIdentityProvider = defineOperation<CreateIdentityProviderRequest, CreateIdentityProviderResponse>(
  "CreateIdentityProvider",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const name = input.ProviderName!;
    const type = input.ProviderType! as IdentityProviderTypeType;
    checkProviderName(name, type);
    const details = completeProviderDetails(type, input.ProviderDetails ?? {});
    checkAcrMapping(type, input.AcrMapping);
    if (await findProvider(ctx, pool, name)) {
      throw errors.duplicateProvider(`${name} already exists in user pool ${pool.id}`);
    }
    const identifiers = input.IdpIdentifiers ?? [];
    await checkIdpIdentifiers(ctx, pool, name, identifiers);
    const data: IdentityProviderData = {
      UserPoolId: pool.id,
      ProviderName: name,
      ProviderType: type,
      ProviderDetails: details,
      AttributeMapping: completeAttributeMapping(type, input.AttributeMapping),
      IdpIdentifiers: identifiers,
      ...(input.AcrMapping ? { AcrMapping: input.AcrMapping } : {}),
      CreationDate: ctx.now,
      LastModifiedDate: ctx.now,
    };
    await ctx.store.resources.put({
      kind: ResourceKind.identityProvider,
      scope: pool.id,
      key: name,
      data,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    return { IdentityProvider: toIdentityProviderType(data) } as unknown as CreateIdentityProviderResponse;
  },
);
