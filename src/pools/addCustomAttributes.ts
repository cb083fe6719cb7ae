import type {
  AddCustomAttributesRequest,
  AddCustomAttributesResponse,
  SchemaAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "./lookup.js";
import { MAX_CUSTOM_ATTRIBUTES, standardSchema } from "./schema.js";
import { newCustomAttribute } from "./settings.js";

const isCustom = (attr: SchemaAttributeType) => /^(dev:)?custom:/.test(attr.Name ?? "");

export const addCustomAttributes = defineOperation<AddCustomAttributesRequest, AddCustomAttributesResponse>(
  "AddCustomAttributes",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const schema = [...((pool.config.SchemaAttributes as SchemaAttributeType[] | undefined) ?? standardSchema())];
    for (const attr of input.CustomAttributes!) {
      schema.push(newCustomAttribute(attr, schema));
    }
    if (schema.filter(isCustom).length > MAX_CUSTOM_ATTRIBUTES) {
      throw errors.invalidParameter(`A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
    }
    pool.config = { ...pool.config, SchemaAttributes: schema };
    pool.updatedAt = ctx.now;
    await ctx.store.pools.update(pool);
    return {};
  },
);
