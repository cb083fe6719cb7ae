import type {
  DeleteUserAttributesRequest,
  DeleteUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { checkDeletableAttributes, withoutAttributes } from "../users/attributes.js";
import { saveUser } from "../users/save.js";
import { checkClientCanWrite, signedIn } from "./access.js";

export const deleteUserAttributes = defineOperation<DeleteUserAttributesRequest, DeleteUserAttributesResponse>(
  "DeleteUserAttributes",
  async (input, ctx) => {
    const { pool, user, client } = await signedIn(ctx, input.AccessToken!);
    const names = input.UserAttributeNames ?? [];
    checkDeletableAttributes(pool, names);
    checkClientCanWrite(client, names, pool);
    const updated = withoutAttributes(user, names);
    await saveUser(ctx, pool, updated);
    return {} as DeleteUserAttributesResponse;
  },
);
