import type {
  AdminDisableProviderForUserRequest,
  AdminDisableProviderForUserResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireProvider } from "../identityProviders/lookup.js";
import { requirePool } from "../pools/lookup.js";
import { errors } from "../protocol/errors.js";
import { defineOperation, type OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { requireUser, usernameKey } from "../users/lookup.js";
import { saveUser } from "../users/save.js";
import { withoutIdentity } from "./attributes.js";
import { deleteLink, findLink, SUBJECT_ATTRIBUTE } from "./links.js";
import { checkAttributeNameFor, COGNITO_PROVIDER, federatedUsername, requireMembers } from "./providerUser.js";

/**
 * Stops an identity from signing in the way it did: a native user (ProviderName Cognito,
 * Cognito_Subject, the username) loses their password; a linked external identity is unlinked
 * (its next sign-in makes a user of its own); an unlinked federated user is disabled.
 */
export const adminDisableProviderForUser = defineOperation<
  AdminDisableProviderForUserRequest,
  AdminDisableProviderForUserResponse
>("AdminDisableProviderForUser", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const identity = requireMembers("User", input.User, [
    "ProviderName",
    "ProviderAttributeName",
    "ProviderAttributeValue",
  ]);
  const { ProviderName: providerName, ProviderAttributeName: name, ProviderAttributeValue: value } = identity;

  if (providerName === COGNITO_PROVIDER) {
    if (name !== SUBJECT_ATTRIBUTE) {
      throw errors.invalidParameter(`ProviderAttributeName must be ${SUBJECT_ATTRIBUTE} for ${COGNITO_PROVIDER}.`);
    }
    const user = await requireUser(ctx, pool, value);
    const withoutPassword = { ...user };
    delete withoutPassword.passwordHash;
    delete withoutPassword.srp;
    delete withoutPassword.temporaryPasswordSetAt;
    await saveUser(ctx, pool, withoutPassword);
    return {};
  }

  const provider = (await requireProvider(ctx, pool, providerName)).data;
  checkAttributeNameFor(provider, name);
  const link = await findLink(ctx, pool, providerName, name, value);
  if (link) {
    await deleteLink(ctx, pool, link);
    const destination = await ctx.store.users.getBySub(pool.id, link.destinationSub);
    if (destination) await forgetIdentity(ctx, pool, destination, providerName, value);
    return {};
  }
  const federated =
    name === SUBJECT_ATTRIBUTE
      ? await ctx.store.users.get(pool.id, usernameKey(pool, federatedUsername(providerName, value)))
      : undefined;
  if (!federated) throw errors.userNotFound("User does not exist.");
  // Its provider is the only way it signs in: disabling it (and its tokens) is what is left to do.
  await saveUser(ctx, pool, { ...federated, enabled: false, signedOutAt: ctx.now });
  return {};
});

async function forgetIdentity(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  providerName: string,
  userId: string,
): Promise<void> {
  const identities = withoutIdentity(user.attributes, providerName, userId);
  const attributes = { ...user.attributes };
  if (identities === undefined) delete attributes.identities;
  else attributes.identities = identities;
  await saveUser(ctx, pool, { ...user, attributes });
}
