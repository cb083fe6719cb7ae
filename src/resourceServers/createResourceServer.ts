import type {
  CreateResourceServerRequest,
  CreateResourceServerResponse,
  ResourceServerType,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { ResourceKind } from "../storage/kinds.js";
import { checkScopes, MAX_RESOURCE_SERVERS, saveResourceServer } from "./lookup.js";

export const createResourceServer = defineOperation<CreateResourceServerRequest, CreateResourceServerResponse>(
  "CreateResourceServer",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const identifier = input.Identifier!;
    const scopes = checkScopes(input.Scopes ?? []);
    if (await ctx.store.resources.get(ResourceKind.resourceServer, pool.id, identifier)) {
      throw errors.invalidParameter(`${identifier} already exists in user pool ${pool.id}.`);
    }
    const existing = await ctx.store.resources.list(ResourceKind.resourceServer, pool.id, {
      limit: MAX_RESOURCE_SERVERS,
    });
    if (existing.items.length >= MAX_RESOURCE_SERVERS) {
      throw errors.limitExceeded(
        `User pool ${pool.id} already has the maximum of ${MAX_RESOURCE_SERVERS} resource servers.`,
      );
    }
    const server: ResourceServerType = {
      UserPoolId: pool.id,
      Identifier: identifier,
      Name: input.Name!,
      Scopes: scopes,
    };
    await saveResourceServer(ctx, server, ctx.now);
    return { ResourceServer: server };
  },
);
