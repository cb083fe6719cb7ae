import type {
  AdminLinkProviderForUserRequest,
  AdminLinkProviderForUserResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { requireProvider } from "../identityProviders/lookup.js";
import { requirePool } from "../pools/lookup.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requireUser, usernameKey } from "../users/lookup.js";
import { saveUser } from "../users/save.js";
import { readIdentities, withIdentity } from "./attributes.js";
import { findLink, saveLink, SUBJECT_ATTRIBUTE } from "./links.js";
import { checkAttributeNameFor, COGNITO_PROVIDER, federatedUsername, requireMembers } from "./providerUser.js";

// Cognito's documented limit of external identities per user.
const MAX_LINKED_IDENTITIES = 5;

/**
 * Links an existing user (DestinationUser, by username) to an external identity that has not
 * signed in yet (SourceUser: provider, attribute and value), so that the identity signs in as
 * that user from then on. A link by subject shows at once in the user's `identities`; one by
 * another claim (email…) shows there at its first sign-in.
 */
export const adminLinkProviderForUser = defineOperation<
  AdminLinkProviderForUserRequest,
  AdminLinkProviderForUserResponse
>("AdminLinkProviderForUser", async (input, ctx) => {
  const pool = await requirePool(ctx, input.UserPoolId!);
  const destination = requireMembers("DestinationUser", input.DestinationUser, [
    "ProviderName",
    "ProviderAttributeValue",
  ]);
  const source = requireMembers("SourceUser", input.SourceUser, [
    "ProviderName",
    "ProviderAttributeName",
    "ProviderAttributeValue",
  ]);
  if (source.ProviderName === COGNITO_PROVIDER) {
    throw errors.invalidParameter("SourceUser must be a user of an external identity provider.");
  }
  const provider = (await requireProvider(ctx, pool, source.ProviderName)).data;
  checkAttributeNameFor(provider, source.ProviderAttributeName);
  // A Cognito destination is named by its username; a federated one by its id at its provider.
  let destinationName = destination.ProviderAttributeValue;
  if (destination.ProviderName !== COGNITO_PROVIDER) {
    await requireProvider(ctx, pool, destination.ProviderName);
    destinationName = federatedUsername(destination.ProviderName, destination.ProviderAttributeValue);
  }
  const user = await requireUser(ctx, pool, destinationName);

  if (source.ProviderAttributeName === SUBJECT_ATTRIBUTE) {
    const federated = federatedUsername(source.ProviderName, source.ProviderAttributeValue);
    if (await ctx.store.users.get(pool.id, usernameKey(pool, federated))) {
      throw errors.invalidParameter(
        "Merging is not currently supported, provide a SourceUser that has not been used to sign in to the user pool.",
      );
    }
  }
  const existing = await findLink(
    ctx,
    pool,
    source.ProviderName,
    source.ProviderAttributeName,
    source.ProviderAttributeValue,
  );
  if (existing) {
    if (existing.destinationSub === user.sub) return {};
    // A link to a user deleted since is no link (sign-in ignores it too); this one replaces it.
    if (await ctx.store.users.getBySub(pool.id, existing.destinationSub)) {
      throw errors.aliasExists("The source user is already linked to another user.");
    }
  }
  if (readIdentities(user.attributes).length >= MAX_LINKED_IDENTITIES) {
    throw errors.limitExceeded(`A user can be linked to at most ${MAX_LINKED_IDENTITIES} external identities.`);
  }
  await saveLink(ctx, pool, {
    providerName: source.ProviderName,
    attributeName: source.ProviderAttributeName,
    attributeValue: source.ProviderAttributeValue,
    destinationSub: user.sub,
  });
  if (source.ProviderAttributeName === SUBJECT_ATTRIBUTE) {
    const identities = withIdentity(user.attributes, {
      userId: source.ProviderAttributeValue,
      providerName: provider.ProviderName,
      providerType: provider.ProviderType,
      issuer: null,
      primary: "false",
      dateCreated: ctx.now,
    });
    await saveUser(ctx, pool, { ...user, attributes: { ...user.attributes, identities } });
  }
  return {};
});
