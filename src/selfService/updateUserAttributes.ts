import type {
  CodeDeliveryDetailsType,
  UpdateUserAttributesRequest,
  UpdateUserAttributesResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { issueCode } from "../messaging/codes.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import type { UserRecord } from "../storage/types.js";
import {
  checkAliasConflicts,
  checkUpdatedAttributes,
  checkVerifiedFlags,
  schemaOf,
  withoutAttributes,
} from "../users/attributes.js";
import { usernameKey } from "../users/lookup.js";
import { saveUser } from "../users/save.js";
import { checkClientCanWrite, signedIn, VERIFIABLE } from "./access.js";

/**
 * The user changes their own attributes (a blank value deletes one). A new email or phone
 * number is unverified and gets a code when the pool auto-verifies it; if the pool requires
 * verification before update, the old value stays in force until the code is confirmed
 * (VerifyUserAttribute).
 */
export const updateUserAttributes = defineOperation<UpdateUserAttributesRequest, UpdateUserAttributesResponse>(
  "UpdateUserAttributes",
  async (input, ctx) => {
    const { pool, user: signedInUser, client } = await signedIn(ctx, input.AccessToken!);
    // Unknown names first, in this operation's own wording: one "user.<name>: …" line each.
    const schema = schemaOf(pool);
    const unknown = (input.UserAttributes ?? []).map((a) => a.Name!).filter((name) => !schema.has(name));
    if (unknown.length) {
      throw errors.invalidParameter(
        unknown.map((name) => `user.${name}: Attribute does not exist in the schema.\n`).join(""),
      );
    }
    // A blank value deletes the attribute, under DeleteUserAttributes' rules (required ones stay).
    const { changes, deletions } = checkUpdatedAttributes(pool, input.UserAttributes);
    checkClientCanWrite(client, [...Object.keys(changes), ...deletions], pool);
    const user = withoutAttributes(signedInUser, deletions);
    const autoVerified = (pool.config.AutoVerifiedAttributes as string[] | undefined) ?? [];
    const verifyFirst =
      (pool.config.UserAttributeUpdateSettings as { AttributesRequireVerificationBeforeUpdate?: string[] } | undefined)
        ?.AttributesRequireVerificationBeforeUpdate ?? [];

    const attributes = { ...user.attributes, ...changes };
    const pending = { ...(user.pendingAttributes ?? {}) };
    const toVerify: { attribute: (typeof VERIFIABLE)[number]; destination: string }[] = [];
    for (const attribute of VERIFIABLE) {
      const value = changes[attribute];
      const flag = `${attribute}_verified`;
      if (value === undefined || value === user.attributes[attribute]) {
        if (value !== undefined) delete pending[attribute];
        continue;
      }
      if (verifyFirst.includes(attribute) && user.attributes[attribute]) {
        // Held back: the verified old value keeps working for sign-in and messages.
        attributes[attribute] = user.attributes[attribute];
        if (user.attributes[flag] !== undefined) attributes[flag] = user.attributes[flag];
        else delete attributes[flag];
        pending[attribute] = value;
        toVerify.push({ attribute, destination: value });
        continue;
      }
      if (changes[flag] === undefined) attributes[flag] = "false";
      delete pending[attribute];
      if (autoVerified.includes(attribute) && value) toVerify.push({ attribute, destination: value });
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

    const deliveries: CodeDeliveryDetailsType[] = [];
    for (const { attribute, destination } of toVerify) {
      deliveries.push(
        await issueCode(
          ctx,
          pool,
          saved,
          `verify:${attribute}`,
          { medium: attribute === "email" ? "EMAIL" : "SMS", destination },
          {
            source: "UpdateUserAttribute",
            ...(client ? { clientId: client.clientId } : {}),
            ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
          },
        ),
      );
    }
    return (deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {}) as UpdateUserAttributesResponse;
  },
);
