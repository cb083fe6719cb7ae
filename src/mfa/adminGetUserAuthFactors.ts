import type {
  AdminGetUserAuthFactorsRequest,
  AdminGetUserAuthFactorsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requirePool } from "../pools/lookup.js";
import { defineOperation } from "../protocol/operation.js";
import { requireUser } from "../users/lookup.js";
import { userAuthFactors } from "./authFactors.js";

export const adminGetUserAuthFactors = defineOperation<AdminGetUserAuthFactorsRequest, AdminGetUserAuthFactorsResponse>(
  "AdminGetUserAuthFactors",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    return userAuthFactors(ctx, pool, user);
  },
  { readOnly: true },
);
