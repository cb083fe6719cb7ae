import type {
  GetUserPoolMfaConfigRequest,
  GetUserPoolMfaConfigResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "./lookup.js";
import { readMfaFactors, toMfaConfigResponse } from "./mfa.js";

export const getUserPoolMfaConfig = defineOperation<GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse>(
  "GetUserPoolMfaConfig",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    return toMfaConfigResponse(pool, await readMfaFactors(ctx, pool));
  },
  { readOnly: true },
);
