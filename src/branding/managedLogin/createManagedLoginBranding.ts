import { randomUUID } from "node:crypto";
import type {
  CreateManagedLoginBrandingRequest,
  CreateManagedLoginBrandingResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../../protocol/errors.js";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import { ResourceKind } from "../../storage/kinds.js";
import { listAll, requireClient } from "../lookup.js";
import {
  checkAssets,
  checkStyleInput,
  requireManagedLoginTier,
  toManagedLoginBrandingType,
  type BrandingRecord,
  type ManagedLoginBrandingData,
  type StoredAsset,
} from "./wire.js";

export const createManagedLoginBranding = defineOperation<
  CreateManagedLoginBrandingRequest,
  CreateManagedLoginBrandingResponse
>("CreateManagedLoginBranding", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const client = await requireClient(ctx, pool, input.ClientId!);
  requireManagedLoginTier(pool);
  checkStyleInput(input);
  const assets = (input.Assets ?? []) as unknown as StoredAsset[];
  checkAssets(assets);
  const styles = await listAll<ManagedLoginBrandingData>(ctx, ResourceKind.managedLoginBranding, pool.id);
  if (styles.some((s) => s.data.ClientId === client.clientId)) {
    throw errors.managedLoginBrandingExists(
      `App client ${client.clientId} already has a managed login branding style.`,
    );
  }
  const id = randomUUID();
  const record: BrandingRecord = {
    kind: ResourceKind.managedLoginBranding,
    scope: pool.id,
    key: id,
    data: {
      ManagedLoginBrandingId: id,
      UserPoolId: pool.id,
      ClientId: client.clientId,
      // Without settings of its own the style uses Cognito's.
      UseCognitoProvidedValues: input.UseCognitoProvidedValues ?? input.Settings === undefined,
      ...(input.Settings !== undefined ? { Settings: input.Settings } : {}),
      Assets: assets,
    },
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await ctx.store.resources.put(record);
  return { ManagedLoginBranding: toManagedLoginBrandingType(record) } as unknown as CreateManagedLoginBrandingResponse;
});
