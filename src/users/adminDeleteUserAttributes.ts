import type {
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { checkDeletableAttributes, withoutAttributes } from "./attributes.js";
import { requireUser } from "./lookup.js";
import { saveUser } from "./save.js";

export const adminDeleteUserAttributes = defineOperation<
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse
>("AdminDeleteUserAttributes", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const names = input.UserAttributeNames ?? [];
  checkDeletableAttributes(pool, names);
  const user = await requireUser(ctx, pool, input.Username!);
  const updated = withoutAttributes(user, names);
  await saveUser(ctx, pool, updated);
  return {} as AdminDeleteUserAttributesResponse;
});
