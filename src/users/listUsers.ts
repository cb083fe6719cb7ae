import type { ListUsersRequest, ListUsersResponse } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { RawJson } from "../protocol/rawJson.js";
import { requirePool } from "../pools/lookup.js";
import { USER_FILTER_ATTRIBUTES, type UserFilter, type UserFilterAttribute } from "../storage/types.js";
import { schemaOf } from "./attributes.js";
import { toUserType } from "./wire.js";

const MAX_LIMIT = 60;
const SEARCHABLE: ReadonlySet<string> = new Set(USER_FILTER_ATTRIBUTES);
/** `name = "value"` or `name ^= "value"`; quotes and backslashes inside the value are escaped. */
const FILTER = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/s;

export function parseFilter(filter: string): UserFilter | undefined {
  if (filter.trim() === "") return undefined;
  const match = FILTER.exec(filter);
  if (!match) throw errors.invalidParameter("Error while parsing filter.");
  const [, attribute, op, quoted] = match;
  if (!SEARCHABLE.has(attribute!)) {
    throw errors.invalidParameter(`Invalid search attribute: ${attribute}`);
  }
  let value = quoted!.replace(/\\(.)/gs, "$1");
  // Cognito matches user status regardless of case.
  if (attribute === "cognito:user_status") value = value.toUpperCase();
  return { attribute: attribute as UserFilterAttribute, op: op as UserFilter["op"], value };
}

const ENABLED_STATES = ["Enabled", "Disabled"];

/** `status` is case-sensitive in Cognito; storage matches it in any case, so a miscased value matches nobody here. */
function matchesNoStatus(filter: UserFilter): boolean {
  if (filter.attribute !== "status") return false;
  return !ENABLED_STATES.some((state) => (filter.op === "=" ? state === filter.value : state.startsWith(filter.value)));
}

export const listUsers = defineOperation<ListUsersRequest, ListUsersResponse>(
  "ListUsers",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const filter = input.Filter === undefined ? undefined : parseFilter(input.Filter);
    const only = input.AttributesToGet;
    if (only) {
      const schema = schemaOf(pool);
      const unknown = only.find((name) => !schema.has(name));
      if (unknown !== undefined) {
        throw errors.invalidParameter(`One or more requested attributes do not exist: ${unknown}`);
      }
    }
    if (filter && matchesNoStatus(filter)) return { Users: [] } as unknown as ListUsersResponse;
    const query = {
      limit: input.Limit ? Math.min(input.Limit, MAX_LIMIT) : MAX_LIMIT,
      after: input.PaginationToken,
      ...(filter ? { filter } : {}),
    };
    if (!only) {
      // Every attribute: the page is assembled from the users' stored listings, unparsed.
      const listed = await ctx.store.users.listSerialized(pool.id, query);
      const token = listed.next ? `,"PaginationToken":${JSON.stringify(listed.next)}` : "";
      return new RawJson(`{"Users":[${listed.items.join(",")}]${token}}`) as unknown as ListUsersResponse;
    }
    const page = await ctx.store.users.list(pool.id, query);
    // Cognito answers an error, in the words it uses for an unknown name, rather than list a
    // user without a value for a requested attribute.
    const unset = only.find((name) => page.items.some((user) => user.attributes[name] === undefined));
    if (unset !== undefined) throw errors.invalidParameter(`One or more requested attributes do not exist: ${unset}`);
    return {
      Users: page.items.map((user) => toUserType(user, only)),
      ...(page.next ? { PaginationToken: page.next } : {}),
    } as unknown as ListUsersResponse;
  },
  { readOnly: true },
);
