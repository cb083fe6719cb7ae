import type {
  DeleteUserAttributesRequest,
  DeleteUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import type { UserRecord } from "../storage/types.js";
import { checkDeletableAttributes } from "../users/attributes.js";
import { saveUser } from "../users/save.js";
import { checkClientCanWrite, signedIn } from "./access.js";

export const deleteUserAttributes = defineOperation<DeleteUserAttributesRequest, DeleteUserAttributesResponse>(
  "DeleteUserAttributes",
  async (input, ctx) => {
    const { pool, user, client } = await signedIn(ctx, input.AccessToken!);
    const names = input.UserAttributeNames ?? [];
    checkDeletableAttributes(pool, names);
    checkClientCanWrite(client, names);
    const attributes = { ...user.attributes };
    const pending = { ...(user.pendingAttributes ?? {}) };
    for (const name of names) {
      delete attributes[name];
      delete pending[name];
      // Without the address its verification flag means nothing.
      if (name === "email" || name === "phone_number") delete attributes[`${name}_verified`];
    }
    const updated: UserRecord = { ...user, attributes };
    if (Object.keys(pending).length) updated.pendingAttributes = pending;
    else delete updated.pendingAttributes;
    await saveUser(ctx, pool, updated);
    return {} as DeleteUserAttributesResponse;
  },
);
