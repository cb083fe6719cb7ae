import type { AttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { newSub } from "../common/ids.js";
import type { IdentityProviderData } from "../identityProviders/record.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { inboundFederation } from "../triggers/inboundFederation.js";
import { preSignUp } from "../triggers/preSignUp.js";
import { checkAttributes, checkRequiredAttributes, schemaOf } from "../users/attributes.js";
import { usernameKey } from "../users/lookup.js";
import { saveUser } from "../users/save.js";
import {
  knownAttributes,
  mapAttributes,
  providerUserId,
  readIdentities,
  withIdentity,
  type IdentityEntry,
} from "./attributes.js";
import { FederationError } from "./errors.js";
import { deleteLink, matchingLink, saveLink, SUBJECT_ATTRIBUTE } from "./links.js";
import type { ProviderProfile } from "./profile.js";
import { federatedUsername } from "./providerUser.js";

const asList = (attributes: Record<string, string>): AttributeType[] =>
  Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));

/**
 * The user an external identity signs in as, created or updated: a user an AdminLinkProviderForUser
 * link names, else `<Provider>_<id>` (created at the first sign-in, after PreSignUp_ExternalProvider).
 * Mapped attributes are written at every sign-in; InboundFederation may replace them first.
 * Runs triggers outside transactions; CognitoErrors (trigger refusals, attributes the schema
 * refuses) pass through for the caller to send to the app.
 */
export async function signInFederatedUser(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  provider: IdentityProviderData,
  profile: ProviderProfile,
): Promise<UserRecord> {
  const userId = providerUserId(provider, profile.claims);
  if (!userId) throw new FederationError("invalid_request", "The identity provider sent no user id.");
  const username = federatedUsername(provider.ProviderName, userId);
  let attributes = mapAttributes(pool, provider, profile.claims);
  const replaced = await inboundFederation(ctx, pool, {
    userName: username,
    clientId: client.clientId,
    profile: profile.trigger,
  });
  if (replaced && Object.keys(replaced).length) attributes = knownAttributes(pool, replaced);
  // Provider values must fit the schema like any other (formats, lengths, types).
  attributes = checkAttributes(pool, asList(attributes), "create");
  const identity: IdentityEntry = {
    userId,
    providerName: provider.ProviderName,
    providerType: provider.ProviderType,
    issuer: null,
    primary: "true",
    dateCreated: ctx.now,
  };

  const linked = await linkedUser(ctx, pool, provider, userId, profile);
  if (linked) return updateSignedIn(ctx, pool, linked, attributes, { ...identity, primary: "false" });
  const existing = await ctx.store.users.get(pool.id, usernameKey(pool, username));
  if (existing) return updateSignedIn(ctx, pool, ownIdentity(existing, provider, userId), attributes, identity);

  const decision = await preSignUp(ctx, pool, "PreSignUp_ExternalProvider", {
    userName: username,
    clientId: client.clientId,
    attributes,
  });
  if (decision.autoVerifyEmail) attributes.email_verified = "true";
  if (decision.autoVerifyPhone) attributes.phone_number_verified = "true";
  // A PreSignUp function commonly links the identity to an existing user (AdminLinkProviderForUser).
  const linkedByTrigger = await linkedUser(ctx, pool, provider, userId, profile);
  if (linkedByTrigger) return updateSignedIn(ctx, pool, linkedByTrigger, attributes, { ...identity, primary: "false" });
  checkRequiredAttributes(pool, attributes);

  return ctx.store.transaction(async () => {
    // Another sign-in of the same identity may have created the user meanwhile.
    const raced = await ctx.store.users.get(pool.id, usernameKey(pool, username));
    if (raced) return updateSignedIn(ctx, pool, ownIdentity(raced, provider, userId), attributes, identity);
    const sub = newSub();
    const user: UserRecord = {
      poolId: pool.id,
      username,
      sub,
      status: "EXTERNAL_PROVIDER",
      enabled: true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      attributes: { sub, ...attributes, identities: JSON.stringify([identity]) },
    };
    await ctx.store.users.insert(user, usernameKey(pool, username));
    await joinProviderGroup(ctx, pool, provider, user);
    return user;
  });
}

/**
 * Cognito keeps a group `<user pool id>_<ProviderName>` of the users a provider created (not of
 * linked users), made when the first of them signs in; their tokens list it in cognito:groups.
 */
async function joinProviderGroup(
  ctx: OperationContext,
  pool: PoolRecord,
  provider: IdentityProviderData,
  user: UserRecord,
): Promise<void> {
  const name = `${pool.id}_${provider.ProviderName}`;
  if (!(await ctx.store.groups.get(pool.id, name))) {
    await ctx.store.groups.insert({
      poolId: pool.id,
      name,
      description: `Autogenerated group for users who sign in using ${provider.ProviderName}`,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  }
  await ctx.store.groups.addMember(pool.id, name, usernameKey(pool, user.username));
}

/** The user a link names, if it still exists (a link to a deleted user is removed). */
/**
 * The user named `<Provider>_<id>` is this identity's only if the provider made it for exactly
 * this id: a native user who signed up under that name (or, in a case-insensitive pool, the
 * user of an id differing only in case) must not receive the identity's sign-ins.
 */
function ownIdentity(user: UserRecord, provider: IdentityProviderData, userId: string): UserRecord {
  const made =
    user.status === "EXTERNAL_PROVIDER" &&
    readIdentities(user.attributes).some((i) => i.providerName === provider.ProviderName && i.userId === userId);
  if (!made) throw new FederationError("invalid_request", "A user with the same name already exists.");
  return user;
}

async function linkedUser(
  ctx: OperationContext,
  pool: PoolRecord,
  provider: IdentityProviderData,
  userId: string,
  profile: ProviderProfile,
): Promise<UserRecord | undefined> {
  const link = await matchingLink(ctx, pool, provider.ProviderName, userId, profile.claims);
  if (!link) return undefined;
  const user = await ctx.store.users.getBySub(pool.id, link.destinationSub);
  if (!user) {
    await ctx.store.transaction(() => deleteLink(ctx, pool, link));
    return undefined;
  }
  if (link.attributeName !== SUBJECT_ATTRIBUTE) {
    // Once signed in, the identity is known by its subject (AdminDisableProviderForUser names it so).
    await ctx.store.transaction(async () => {
      await deleteLink(ctx, pool, link);
      await saveLink(ctx, pool, { ...link, attributeName: SUBJECT_ATTRIBUTE, attributeValue: userId });
    });
  }
  return user;
}

/**
 * A later sign-in: mapped attributes overwrite the user's (immutable ones only ever set at
 * creation), and the identity is recorded in `identities`. Disabled users are refused.
 */
async function updateSignedIn(
  ctx: OperationContext,
  pool: PoolRecord,
  user: UserRecord,
  attributes: Record<string, string>,
  identity: IdentityEntry,
): Promise<UserRecord> {
  if (!user.enabled) throw new FederationError("invalid_request", "User is disabled.");
  const schema = schemaOf(pool);
  const next = { ...user.attributes };
  for (const [name, value] of Object.entries(attributes)) {
    if (schema.get(name)?.Mutable !== false || next[name] === undefined) next[name] = value;
  }
  next.identities = withIdentity(user.attributes, identity);
  const changed = Object.keys(next).some((k) => next[k] !== user.attributes[k]);
  if (!changed) return user;
  return ctx.store.transaction(async () => {
    // Read again inside the transaction: another request may have changed the user since.
    const current = (await ctx.store.users.getBySub(pool.id, user.sub)) ?? user;
    const merged = { ...current.attributes };
    for (const [name, value] of Object.entries(next)) {
      if (value !== user.attributes[name]) merged[name] = value;
    }
    merged.identities = withIdentity(current.attributes, identity);
    return saveUser(ctx, pool, { ...current, attributes: merged });
  });
}
