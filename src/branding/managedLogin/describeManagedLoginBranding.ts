import type {
  DescribeManagedLoginBrandingRequest,
  DescribeManagedLoginBrandingResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { requireBranding, toManagedLoginBrandingType } from "./wire.js";

/** ReturnMergedResources is accepted, but Cognate has no copy of Cognito's default style to merge in. */
export const describeManagedLoginBranding = defineOperation<
  DescribeManagedLoginBrandingRequest,
  DescribeManagedLoginBrandingResponse
>("DescribeManagedLoginBranding", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const record = await requireBranding(ctx, pool.id, input.ManagedLoginBrandingId!);
  return {
    ManagedLoginBranding: toManagedLoginBrandingType(record),
  } as unknown as DescribeManagedLoginBrandingResponse;
});
