import type { DeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { verifyAccessToken } from "../tokens/verify.js";
import { deleteUserRecord } from "../users/deleteUserRecord.js";

/** The signed-in user deletes themself; their tokens die with the record. */
export const deleteUser = defineOperation<DeleteUserRequest, Record<string, never>>(
  "DeleteUser",
  async (input, ctx) => {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken!);
    await deleteUserRecord(ctx, pool, user);
    return {};
  },
);
