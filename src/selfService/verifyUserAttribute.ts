import type {
  VerifyUserAttributeRequest,
  VerifyUserAttributeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { checkCode } from "../messaging/codes.js";
import { defineOperation } from "../protocol/operation.js";
import type { UserRecord } from "../storage/types.js";
import { checkAliasConflicts } from "../users/attributes.js";
import { usernameKey } from "../users/lookup.js";
import { saveUser } from "../users/save.js";
import { requireVerifiable, signedIn } from "./access.js";

/** Confirms an email or phone number with its code; a value held back for verification takes effect now. */
export const verifyUserAttribute = defineOperation<VerifyUserAttributeRequest, VerifyUserAttributeResponse>(
  "VerifyUserAttribute",
  async (input, ctx) => {
    const { pool, user: signedInUser } = await signedIn(ctx, input.AccessToken!);
    const attribute = requireVerifiable(input.AttributeName!);
    // The failed attempt must be committed before answering with its error.
    const failure = await ctx.store.transaction(async () => {
      const user = (await ctx.store.users.get(pool.id, usernameKey(pool, signedInUser.username))) ?? signedInUser;
      const wrong = await checkCode(ctx, pool, user, `verify:${attribute}`, input.Code!);
      if (wrong) return wrong;
      const attributes = { ...user.attributes };
      const pending = { ...(user.pendingAttributes ?? {}) };
      if (pending[attribute] !== undefined) {
        attributes[attribute] = pending[attribute];
        delete pending[attribute];
      }
      attributes[`${attribute}_verified`] = "true";
      await checkAliasConflicts(ctx, pool, attributes, { sub: user.sub, changed: new Set([attribute]) });
      const updated: UserRecord = { ...user, attributes };
      if (Object.keys(pending).length) updated.pendingAttributes = pending;
      else delete updated.pendingAttributes;
      await saveUser(ctx, pool, updated);
      return undefined;
    });
    if (failure) throw failure;
    return {} as VerifyUserAttributeResponse;
  },
  { transaction: false },
);
