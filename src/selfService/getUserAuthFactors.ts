import type { GetUserAuthFactorsRequest, GetUserAuthFactorsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { userAuthFactors } from "../mfa/authFactors.js";
import { defineOperation } from "../protocol/operation.js";
import { signedIn } from "./access.js";

/** The sign-in factors and MFA settings of the signed-in user. */
export const getUserAuthFactors = defineOperation<GetUserAuthFactorsRequest, GetUserAuthFactorsResponse>(
  "GetUserAuthFactors",
  async (input, ctx) => {
    const { pool, user } = await signedIn(ctx, input.AccessToken!);
    return userAuthFactors(ctx, pool, user);
  },
  { readOnly: true },
);
