import type { GetUICustomizationRequest, GetUICustomizationResponse } from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../../protocol/operation.js";
import { ResourceKind } from "../../storage/kinds.js";
import { requirePool } from "../../pools/lookup.js";
import { ALL_CLIENTS, requireClient } from "../lookup.js";
import { requirePoolDomain } from "./domain.js";
import { toUICustomizationType, type UICustomizationData } from "./wire.js";

/** A client without its own customization shows the pool's ("ALL") one; with neither, an empty object. */
export const getUICustomization = defineOperation<GetUICustomizationRequest, GetUICustomizationResponse>(
  "GetUICustomization",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const clientId = input.ClientId ?? ALL_CLIENTS;
    const get = (key: string) =>
      ctx.store.resources.get<UICustomizationData>(ResourceKind.uiCustomization, pool.id, key);
    if (clientId !== ALL_CLIENTS) await requireClient(ctx, pool, clientId);
    requirePoolDomain(pool);
    const record = (clientId !== ALL_CLIENTS ? await get(clientId) : undefined) ?? (await get(ALL_CLIENTS));
    const UICustomization = record ? toUICustomizationType(record) : {};
    return { UICustomization } as unknown as GetUICustomizationResponse;
  },
  { readOnly: true },
);
