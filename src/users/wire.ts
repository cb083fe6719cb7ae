import type { AttributeType, UserType } from "@aws-sdk/client-cognito-identity-provider";
import { toEpochSeconds } from "../common/time.js";
import type { Wire } from "../common/wire.js";
import type { UserRecord } from "../storage/types.js";

/** A user's attributes as Cognito lists them, optionally only those named. */
export function toAttributeList(user: UserRecord, only?: readonly string[]): AttributeType[] {
  const names = only ?? Object.keys(user.attributes);
  return names
    .filter((name) => user.attributes[name] !== undefined)
    .map((name) => ({ Name: name, Value: user.attributes[name] }));
}

/** UserType as ListUsers, AdminCreateUser and ListUsersInGroup answer it. */
export function toUserType(user: UserRecord, attributesToGet?: readonly string[]): Wire<UserType> {
  return {
    Username: user.username,
    Attributes: toAttributeList(user, attributesToGet),
    UserCreateDate: toEpochSeconds(user.createdAt),
    UserLastModifiedDate: toEpochSeconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...(user.mfaOptions?.length ? { MFAOptions: user.mfaOptions } : {}),
  } as Wire<UserType>;
}

/**
 * Bump when toUserType's answer changes: stored listings of another format are then ignored
 * and derived from the record again until the user is next written.
 */
export const USER_LISTING_FORMAT = 1;

/**
 * The user as ListUsers lists it (all attributes), serialised. Storage keeps it beside the
 * record so that a page of 60 users is answered without parsing and re-serialising 60 records.
 */
export const userListing = (user: UserRecord): string => JSON.stringify(toUserType(user));
