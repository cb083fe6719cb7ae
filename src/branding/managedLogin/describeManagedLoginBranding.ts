import type {
  DescribeManagedLoginBrandingRequest,
  DescribeManagedLoginBrandingResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { requireBranding, toManagedLoginBrandingType } from "./wire.js";

export const describeManagedLoginBranding = defineOperation<
  DescribeManagedLoginBrandingRequest,
  DescribeManagedLoginBrandingResponse
>(
  "DescribeManagedLoginBranding",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const record = await requireBranding(ctx, pool.id, input.ManagedLoginBrandingId!);
    return {
      ManagedLoginBranding: toManagedLoginBrandingType(record, input.ReturnMergedResources === true),
    } as unknown as DescribeManagedLoginBrandingResponse;
  },
  { readOnly: true },
);
