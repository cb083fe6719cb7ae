import type {
  GetIdentityProviderByIdentifierRequest,
  GetIdentityProviderByIdentifierResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { allProviders } from "./lookup.js";
import { toIdentityProviderType } from "./wire.js";

export const getIdentityProviderByIdentifier = defineOperation<
  GetIdentityProviderByIdentifierRequest,
  GetIdentityProviderByIdentifierResponse
>(
  "GetIdentityProviderByIdentifier",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const identifier = input.IdpIdentifier!;
    const match = (await allProviders(ctx, pool)).find((record) => record.data.IdpIdentifiers.includes(identifier));
    if (!match) throw errors.resourceNotFound(`Identity provider with identifier ${identifier} does not exist.`);
    return {
      IdentityProvider: toIdentityProviderType(match.data),
    } as unknown as GetIdentityProviderByIdentifierResponse;
  },
  { readOnly: true },
);
