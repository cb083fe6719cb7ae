import type {
  UpdateManagedLoginBrandingRequest,
  UpdateManagedLoginBrandingResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../../protocol/errors.js";
import { defineOperation } from "../../protocol/operation.js";
import { requirePool } from "../../pools/lookup.js";
import {
  checkAssets,
  checkStyleInput,
  requireBranding,
  requireManagedLoginTier,
  toManagedLoginBrandingType,
  type StoredAsset,
} from "./wire.js";

/**
 * A partial update: UseCognitoProvidedValues resets the style to Cognito's (keeping only the
 * assets given with it); otherwise Settings replace the settings and each asset replaces the one
 * of its category and colour mode.
 */
export const updateManagedLoginBranding = defineOperation<
  UpdateManagedLoginBrandingRequest,
  UpdateManagedLoginBrandingResponse
>("UpdateManagedLoginBranding", async (input, ctx) => {
  // Optional in the model, but nothing can be updated without them.
  if (!input.UserPoolId) throw errors.invalidParameter("UserPoolId is required.");
  if (!input.ManagedLoginBrandingId) throw errors.invalidParameter("ManagedLoginBrandingId is required.");
  const pool = await requirePool(ctx, input.UserPoolId);
  const record = await requireBranding(ctx, pool.id, input.ManagedLoginBrandingId);
  requireManagedLoginTier(pool);
  checkStyleInput(input);
  const assets = input.Assets as unknown as StoredAsset[] | undefined;
  if (assets) checkAssets(assets);

  const data = { ...record.data };
  if (input.UseCognitoProvidedValues) {
    data.UseCognitoProvidedValues = true;
    delete data.Settings;
    data.Assets = assets ?? [];
  } else {
    if (input.Settings !== undefined) data.Settings = input.Settings;
    if (assets) {
      const key = (a: StoredAsset) => `${a.Category}/${a.ColorMode}`;
      const replaced = new Set(assets.map(key));
      data.Assets = [...data.Assets.filter((a) => !replaced.has(key(a))), ...assets];
    }
    // Own settings end the use of Cognito's; new assets alone do not.
    if (input.UseCognitoProvidedValues === false || input.Settings !== undefined) {
      data.UseCognitoProvidedValues = false;
    }
  }
  const updated = { ...record, data, updatedAt: ctx.now };
  await ctx.store.resources.put(updated);
  return { ManagedLoginBranding: toManagedLoginBrandingType(updated) } as unknown as UpdateManagedLoginBrandingResponse;
});
