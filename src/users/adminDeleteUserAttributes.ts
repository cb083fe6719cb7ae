import type {
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import type { UserRecord } from "../storage/types.js";
import { checkDeletableAttributes } from "./attributes.js";
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
  const attributes = { ...user.attributes };
  const pending = { ...(user.pendingAttributes ?? {}) };
  for (const name of names) {
    delete attributes[name];
    // A value awaiting verification goes with the attribute.
    delete pending[name];
    // Without the address its verification flag means nothing.
    if (name === "email" || name === "phone_number") delete attributes[`${name}_verified`];
  }
  const updated: UserRecord = { ...user, attributes };
  if (Object.keys(pending).length) updated.pendingAttributes = pending;
  else delete updated.pendingAttributes;
  await saveUser(ctx, pool, updated);
  return {} as AdminDeleteUserAttributesResponse;
});
