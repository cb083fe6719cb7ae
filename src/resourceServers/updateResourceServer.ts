import type {
  ResourceServerType,
  UpdateResourceServerRequest,
  UpdateResourceServerResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { checkScopes, requireResourceServer, saveResourceServer } from "./lookup.js";

/** Replaces Name and Scopes: scopes left out of the request are removed. */
export const updateResourceServer = defineOperation<UpdateResourceServerRequest, UpdateResourceServerResponse>(
  "UpdateResourceServer",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const identifier = input.Identifier!;
    const existing = await requireResourceServer(ctx, pool, identifier);
    const scopes = checkScopes(input.Scopes ?? []);
    const server: ResourceServerType = {
      UserPoolId: pool.id,
      Identifier: identifier,
      Name: input.Name!,
      Scopes: scopes,
    };
    await saveResourceServer(ctx, server, existing.createdAt);
    return { ResourceServer: server };
  },
);
