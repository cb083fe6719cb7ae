import type {
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { sendCode } from "../messaging/codes.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { checkAliasConflicts, checkAttributes } from "./attributes.js";
import { requireUser, usernameKey } from "./lookup.js";
import { saveUser } from "./save.js";

export const adminUpdateUserAttributes = defineOperation<
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse
>("AdminUpdateUserAttributes", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const changes = checkAttributes(pool, input.UserAttributes, "update");
  const user = await requireUser(ctx, pool, input.Username!);
  const attributes = { ...user.attributes, ...changes };
  const autoVerified = (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
  const toVerify: ("email" | "phone_number")[] = [];
  // A new address is unproven until verified, unless the caller vouches for it here.
  for (const [attribute, flag] of [
    ["email", "email_verified"],
    ["phone_number", "phone_number_verified"],
  ] as const) {
    const changed = changes[attribute] !== undefined && changes[attribute] !== user.attributes[attribute];
    if (changed && changes[flag] === undefined) {
      attributes[flag] = "false";
      if (autoVerified.includes(attribute) && attributes[attribute]) toVerify.push(attribute);
    }
  }
  const demoted = await checkAliasConflicts(ctx, pool, attributes, {
    sub: user.sub,
    changed: new Set(Object.keys(changes)),
  });
  for (const other of demoted) await ctx.store.users.update(other, usernameKey(pool, other.username));
  await saveUser(ctx, pool, { ...user, attributes });
  for (const attribute of toVerify) {
    await sendCode(ctx, pool, user.username, {
      medium: attribute === "email" ? "EMAIL" : "SMS",
      destination: attributes[attribute]!,
    });
  }
  return {} as AdminUpdateUserAttributesResponse;
});
