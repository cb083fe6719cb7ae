import type {
  DescribeManagedLoginBrandingByClientRequest,
  DescribeManagedLoginBrandingByClientResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../../protocol/errors.js";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { listAll, requireClient } from "../lookup.js";
import { toManagedLoginBrandingType, type ManagedLoginBrandingData } from "./wire.js";

export const describeManagedLoginBrandingByClient = defineOperation<
  DescribeManagedLoginBrandingByClientRequest,
  DescribeManagedLoginBrandingByClientResponse
>(
  "DescribeManagedLoginBrandingByClient",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const client = await requireClient(ctx, pool, input.ClientId!);
    const styles = await listAll<ManagedLoginBrandingData>(ctx, ResourceKind.managedLoginBranding, pool.id);
    const record = styles.find((s) => s.data.ClientId === client.clientId);
    if (!record) throw errors.resourceNotFound(`App client ${client.clientId} has no managed login branding style.`);
    return {
      ManagedLoginBranding: toManagedLoginBrandingType(record, input.ReturnMergedResources === true),
    } as unknown as DescribeManagedLoginBrandingByClientResponse;
  },
  { readOnly: true },
);
