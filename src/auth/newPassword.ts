import type { AttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { checkSecretHash } from "../clients/secretHash.js";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord } from "../storage/types.js";
import { checkAttributes } from "../users/attributes.js";
import { findUser, usernameKey } from "../users/lookup.js";
import { passwordSecrets } from "../users/password.js";
import { checkPasswordPolicy } from "../users/passwordPolicy.js";
import { saveUser } from "../users/save.js";
import { requireParameter } from "./client.js";
import { completeSignIn, firstFactorOf } from "./completeSignIn.js";
import { missingRequiredAttributes, requiredAttributes, type AuthOutcome } from "./passwordSignIn.js";
import { checkClientCanWrite } from "../selfService/access.js";
import { closeSession, invalidSession, readSession } from "./session.js";

const ATTRIBUTE_PREFIX = "userAttributes.";

/**
 * Answers NEW_PASSWORD_REQUIRED: sets the user's permanent password and any attributes given as
 * `userAttributes.<name>` (required ones the user lacks must be), confirms the user and goes on
 * with the sign-in (MFA may follow).
 */
export async function respondNewPassword(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  sessionId: string | undefined,
  responses: Record<string, string>,
): Promise<AuthOutcome> {
  const session = await readSession(ctx, pool, client, sessionId, "NEW_PASSWORD_REQUIRED");
  const username = requireParameter(responses, "USERNAME");
  const newPassword = requireParameter(responses, "NEW_PASSWORD");
  checkSecretHash(client, username, responses.SECRET_HASH);
  const named = await findUser(ctx, pool, username);
  if (!named || named.username !== session.username) throw invalidSession();

  const given: AttributeType[] = Object.entries(responses)
    .filter(([name]) => name.startsWith(ATTRIBUTE_PREFIX))
    .map(([name, value]) => ({ Name: name.slice(ATTRIBUTE_PREFIX.length), Value: value }));
  const attributes = checkAttributes(pool, given, "update");
  checkClientCanWrite(client, Object.keys(attributes), pool);
  for (const name of requiredAttributes(pool)) {
    const current = named.attributes[name];
    if (current && attributes[name] !== undefined && attributes[name] !== current) {
      // NotAuthorizedException, as an AWS CLI answer quoted in public write-ups shows.
      throw errors.notAuthorized(`Cannot modify an already provided ${name}`);
    }
  }
  const missing = missingRequiredAttributes(pool, { ...named, attributes: { ...named.attributes, ...attributes } });
  if (missing.length) {
    throw errors.invalidParameter(`Invalid attributes given, ${missing.join(", ")} is missing`);
  }
  checkPasswordPolicy(pool, newPassword);
  const secrets = await passwordSecrets(ctx, pool, named.username, newPassword);

  return ctx.store.transaction(async () => {
    // Read again inside the transaction: the session answers once.
    await readSession(ctx, pool, client, sessionId, "NEW_PASSWORD_REQUIRED");
    const current = await ctx.store.users.get(pool.id, usernameKey(pool, session.username));
    if (!current || current.sub !== named.sub) throw invalidSession();
    const updated: UserRecord = {
      ...current,
      ...secrets,
      status: "CONFIRMED",
      attributes: { ...current.attributes, ...attributes },
    };
    delete updated.temporaryPasswordSetAt;
    const saved = await saveUser(ctx, pool, updated);
    await closeSession(ctx, pool, sessionId!);
    // The sign-in goes on as it would have after the password: device challenge, MFA, tokens.
    return completeSignIn(ctx, pool, client, saved, { ...firstFactorOf(session.state, "PASSWORD"), newPassword: true });
  });
}
