import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";

/**
 * UsernameConfiguration.CaseSensitive false: usernames, and the email and preferred_username
 * aliases, match without regard to case.
 */
export function isCaseInsensitive(pool: PoolRecord): boolean {
  return (pool.config.UsernameConfiguration as { CaseSensitive?: boolean } | undefined)?.CaseSensitive === false;
}

/** The key a username is stored under: the username itself, lower-cased in case-insensitive pools. */
export function usernameKey(pool: PoolRecord, username: string): string {
  return isCaseInsensitive(pool) ? username.toLowerCase() : username;
}

/**
 * Finds a user the way Cognito resolves the Username parameter: by username, then — where
 * the pool allows it — by email or phone number used as username, or by an alias
 * (verified email/phone, preferred_username).
 */
export async function findUser(
  ctx: OperationContext,
  pool: PoolRecord,
  username: string,
): Promise<UserRecord | undefined> {
  const direct = await ctx.store.users.get(pool.id, usernameKey(pool, username));
  if (direct) return direct;
  const usernameAttributes = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  const aliasAttributes = (pool.config.AliasAttributes as string[] | undefined) ?? [];
  const ignoreCase = isCaseInsensitive(pool);
  for (const attribute of ["email", "phone_number", "preferred_username"] as const) {
    const asUsername = usernameAttributes.includes(attribute);
    const asAlias = aliasAttributes.includes(attribute);
    if (!asUsername && !asAlias) continue;
    const candidates = await ctx.store.users.findByAttribute(pool.id, attribute, username, { ignoreCase });
    const match = candidates.find(
      (u) =>
        asUsername ||
        attribute === "preferred_username" ||
        u.attributes[attribute === "email" ? "email_verified" : "phone_number_verified"] === "true",
    );
    if (match) return match;
  }
  return undefined;
}

/** findUser, or UserNotFoundException. */
export async function requireUser(ctx: OperationContext, pool: PoolRecord, username: string): Promise<UserRecord> {
  const user = await findUser(ctx, pool, username);
  if (!user) throw errors.userNotFound("User does not exist.");
  return user;
}
