import type {
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { issueCode } from "../messaging/codes.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import type { UserRecord } from "../storage/types.js";
import { checkAliasConflicts, checkUpdatedAttributes, checkVerifiedFlags } from "./attributes.js";
import { requireUser, usernameKey } from "./lookup.js";
import { saveUser } from "./save.js";

const VERIFIABLE = ["email", "phone_number"] as const;

export const adminUpdateUserAttributes = defineOperation<
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse
>("AdminUpdateUserAttributes", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const { changes, deletions } = checkUpdatedAttributes(pool, input.UserAttributes);
  const user = await requireUser(ctx, pool, input.Username!);
  const autoVerified = (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
  const verifyFirst =
    (pool.config.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: string[] } | undefined)
      ?.AttributesRequireVerificationBeforeUpdate ?? [];

  const attributes = { ...user.attributes, ...changes };
  // Values held back until verified. VerifyUserAttribute (selfService) moves a value from here
  // into attributes and sets its _verified flag; AdminGetUser keeps showing the old value.
  const pending = { ...(user.pendingAttributes ?? {}) };
  for (const name of deletions) {
    delete attributes[name];
    delete pending[name];
    // Without the address its verification flag means nothing (one sent alongside is refused below).
    const flag = `${name}_verified`;
    if ((name === "email" || name === "phone_number") && changes[flag] === undefined) delete attributes[flag];
  }

  const toVerify: { attribute: (typeof VERIFIABLE)[number]; destination: string }[] = [];
  for (const attribute of VERIFIABLE) {
    const flag = `${attribute}_verified`;
    const value = changes[attribute];
    const vouched = changes[flag] === "true";
    if (value === undefined) {
      // Marking the attribute verified confirms a held-back value, as VerifyUserAttribute would.
      if (vouched && pending[attribute] !== undefined) attributes[attribute] = pending[attribute];
      if (vouched) delete pending[attribute];
      continue;
    }
    if (value === user.attributes[attribute]) {
      delete pending[attribute];
      continue;
    }
    if (verifyFirst.includes(attribute) && user.attributes[attribute] && !vouched) {
      // The old value keeps working for sign-in and messages until the new one is verified.
      attributes[attribute] = user.attributes[attribute];
      if (changes[flag] === undefined) {
        if (user.attributes[flag] !== undefined) attributes[flag] = user.attributes[flag];
        else delete attributes[flag];
      }
      pending[attribute] = value;
      toVerify.push({ attribute, destination: value });
      continue;
    }
    delete pending[attribute];
    // A new address is unproven until verified, unless the caller vouches for it here.
    if (changes[flag] === undefined) {
      attributes[flag] = "false";
      if (autoVerified.includes(attribute)) toVerify.push({ attribute, destination: value });
    }
  }
  checkVerifiedFlags(attributes, new Set(Object.keys(changes)));

  const demoted = await checkAliasConflicts(ctx, pool, attributes, {
    sub: user.sub,
    changed: new Set([...Object.keys(changes), ...deletions]),
  });
  for (const other of demoted) await ctx.store.users.update(other, usernameKey(pool, other.username));
  const updated: UserRecord = { ...user, attributes };
  if (Object.keys(pending).length) updated.pendingAttributes = pending;
  else delete updated.pendingAttributes;
  const saved = await saveUser(ctx, pool, updated);
  for (const { attribute, destination } of toVerify) {
    await issueCode(
      ctx,
      pool,
      saved,
      `verify:${attribute}`,
      { medium: attribute === "email" ? "EMAIL" : "SMS", destination },
      { source: "UpdateUserAttribute", ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}) },
    );
  }
  return {} as AdminUpdateUserAttributesResponse;
});
