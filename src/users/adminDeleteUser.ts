import type { AdminDeleteUserRequest } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { deleteUserRecord } from "./deleteUserRecord.js";
import { requireUser } from "./lookup.js";

export const adminDeleteUser = defineOperation<AdminDeleteUserRequest, Record<string, never>>(
  "AdminDeleteUser",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    await deleteUserRecord(ctx, pool, user);
    return {};
  },
);
