import type { SetUICustomizationRequest, SetUICustomizationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { ResourceKind } from "../../storage/kinds.js";
import { requirePool } from "../../pools/lookup.js";
import { ALL_CLIENTS, requireClient } from "../lookup.js";
import { checkCss, checkImage } from "./css.js";
import { requirePoolDomain } from "./domain.js";
import { toUICustomizationType, type UICustomizationData } from "./wire.js";

/** A version that changes with each upload: the upload time as yyyyMMddHHmmss (UTC), like Cognito's. */
const cssVersion = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);

export const setUICustomization = defineOperation<SetUICustomizationRequest, SetUICustomizationResponse>(
  "SetUICustomization",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const clientId = input.ClientId ?? ALL_CLIENTS;
    if (clientId !== ALL_CLIENTS) await requireClient(ctx, pool, clientId);
    requirePoolDomain(pool);
    if (input.CSS !== undefined) checkCss(input.CSS);
    // Blobs arrive as base64 text on the wire.
    const image = input.ImageFile as unknown as string | undefined;
    if (image !== undefined) checkImage(Buffer.from(image, "base64"));

    // Neither CSS nor image removes the customization; a client then falls back to the pool's.
    if (input.CSS === undefined && image === undefined) {
      await ctx.store.resources.delete(ResourceKind.uiCustomization, pool.id, clientId);
      return { UICustomization: { UserPoolId: pool.id, ClientId: clientId } };
    }
    const existing = await ctx.store.resources.get<UICustomizationData>(
      ResourceKind.uiCustomization,
      pool.id,
      clientId,
    );
    const data: UICustomizationData = {
      UserPoolId: pool.id,
      ClientId: clientId,
      ...(input.CSS !== undefined ? { CSS: input.CSS } : {}),
      // Versions the whole upload: Cognito's logo URLs carry it too.
      CSSVersion: cssVersion(ctx.now),
      ...(image !== undefined ? { ImageFile: image } : {}),
    };
    const record = {
      kind: ResourceKind.uiCustomization,
      scope: pool.id,
      key: clientId,
      data,
      createdAt: existing?.createdAt ?? ctx.now,
      updatedAt: ctx.now,
    };
    await ctx.store.resources.put(record);
    return { UICustomization: toUICustomizationType(record) } as unknown as SetUICustomizationResponse;
  },
);
