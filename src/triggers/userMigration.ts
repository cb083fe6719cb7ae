import type { AttributeType, DeliveryMediumType } from "@aws-sdk/client-cognito-identity-provider";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord, UserRecord, UserStatus } from "../storage/types.js";
import { withMfaSettings } from "../mfa/methods.js";
import { checkAliasConflicts, checkAttributes, checkRequiredAttributes } from "../users/attributes.js";
import { invitationTargets, sendInvitation } from "../users/invitation.js";
import { usernameKey } from "../users/lookup.js";
import { checkNameFree, nameNewUser } from "../users/newUser.js";
import { passwordSecrets } from "../users/password.js";
import { hasTrigger, invalidLambdaResponse, invokeTrigger } from "./invoke.js";

export type UserMigrationSource = "UserMigration_Authentication" | "UserMigration_ForgotPassword";

/**
 * The UserMigration trigger, for a name no user of the pool has: at a sign-in that carries the
 * password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH with PASSWORD; SRP and
 * passwordless sign-ins never send it, so Cognito does not migrate there) and at ForgotPassword.
 * The function looks the user up in the legacy store and answers their attributes; Cognate then
 * creates the user (the sign-in password hashed as any other, the pool's password policy not
 * applied, as Cognito documents) and the operation goes on with them. A function that throws
 * fails the operation (UserLambdaValidationException); one that answers no userAttributes
 * migrates nobody, and the operation goes on as for an unknown user. Returns the new user, or
 * undefined when the pool has no such trigger or nobody was migrated.
 */
export async function migrateUser(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  triggerSource: UserMigrationSource,
  username: string,
  call: { password?: string; validationData?: Record<string, string>; clientMetadata?: Record<string, string> },
): Promise<UserRecord | undefined> {
  if (!hasTrigger(pool, "UserMigration")) return undefined;
  const response = await invokeTrigger(ctx, pool, "UserMigration", {
    triggerSource,
    userName: username,
    clientId: client.clientId,
    request: {
      // Only a sign-in has the password: ForgotPassword does not send one.
      ...(call.password !== undefined ? { password: call.password } : {}),
      validationData: call.validationData ?? null,
      ...(call.clientMetadata ? { clientMetadata: call.clientMetadata } : {}),
    },
    response: {
      userAttributes: null,
      finalUserStatus: null,
      messageAction: null,
      desiredDeliveryMediums: null,
      forceAliasCreation: null,
      enableSMSMFA: null,
    },
  });
  if (!response) return undefined;
  const answer = readAnswer(response, triggerSource);
  if (!answer) return undefined;

  const given = checkAttributes(pool, answer.attributes, "create");
  const name = nameNewUser(pool, username, given);
  const { attributes } = name;
  checkRequiredAttributes(pool, attributes);
  if (answer.enableSMSMFA && !attributes.phone_number) {
    throw invalidLambdaResponse("Invalid lambda response: enableSMSMFA is true but the user has no phone_number.");
  }
  const welcome =
    answer.messageAction === "SUPPRESS" || call.password === undefined
      ? []
      : invitationTargets(attributes, answer.desiredDeliveryMediums);
  // Slow on purpose: before the transaction.
  const secrets = call.password === undefined ? {} : await passwordSecrets(ctx, pool, name.username, call.password);

  return ctx.store.transaction(async () => {
    await checkNameFree(ctx, pool, name, "User account already exists");
    const demoted = await checkAliasConflicts(ctx, pool, attributes, { sub: name.sub }, answer.forceAliasCreation);
    for (const other of demoted) await ctx.store.users.update(other, usernameKey(pool, other.username));
    let user: UserRecord = {
      poolId: pool.id,
      username: name.username,
      sub: name.sub,
      status: answer.status,
      enabled: true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      attributes,
      ...secrets,
    };
    if (answer.enableSMSMFA) user = withMfaSettings(user, [{ method: "SMS_MFA", enabled: true }]);
    await ctx.store.users.insert(user, usernameKey(pool, user.username));
    // The welcome message is the pool's invitation. Its {####} is no temporary password here, and
    // the password the user just typed is never put into an email or SMS: it reads as asterisks.
    if (welcome.length) await sendInvitation(ctx, pool, user, username, "********", welcome);
    return user;
  });
}

interface MigrationAnswer {
  attributes: AttributeType[];
  status: UserStatus;
  messageAction?: "SUPPRESS" | "RESEND";
  desiredDeliveryMediums?: DeliveryMediumType[];
  forceAliasCreation: boolean;
  enableSMSMFA: boolean;
}

/** The function's answer, checked; undefined when it named no attributes (nobody to migrate). */
function readAnswer(response: Record<string, unknown>, source: UserMigrationSource): MigrationAnswer | undefined {
  const bad = (why: string) => invalidLambdaResponse(`Invalid lambda response: ${why}`);
  const { userAttributes, finalUserStatus, messageAction, desiredDeliveryMediums, forceAliasCreation, enableSMSMFA } =
    response;
  if (userAttributes === undefined || userAttributes === null) return undefined;
  if (typeof userAttributes !== "object" || Array.isArray(userAttributes)) throw bad("userAttributes must be a map.");
  const entries = Object.entries(userAttributes as Record<string, unknown>);
  if (!entries.length) return undefined;
  for (const [name, value] of entries) {
    if (typeof value !== "string") throw bad(`the value of user attribute ${name} must be a string.`);
  }
  // Unset, CONFIRMED keeps the sign-in password; RESET_REQUIRED makes the user reset it first.
  // A user migrated at ForgotPassword has no password yet: they set one with the code.
  let status: UserStatus = source === "UserMigration_ForgotPassword" ? "RESET_REQUIRED" : "CONFIRMED";
  if (finalUserStatus !== undefined && finalUserStatus !== null) {
    if (finalUserStatus !== "CONFIRMED" && finalUserStatus !== "RESET_REQUIRED") {
      throw bad("finalUserStatus must be CONFIRMED or RESET_REQUIRED.");
    }
    if (source === "UserMigration_Authentication") status = finalUserStatus;
  }
  if (
    messageAction !== undefined &&
    messageAction !== null &&
    messageAction !== "SUPPRESS" &&
    messageAction !== "RESEND"
  ) {
    throw bad("messageAction must be SUPPRESS or RESEND.");
  }
  let mediums: DeliveryMediumType[] | undefined;
  if (desiredDeliveryMediums !== undefined && desiredDeliveryMediums !== null) {
    if (!Array.isArray(desiredDeliveryMediums) || desiredDeliveryMediums.some((m) => m !== "EMAIL" && m !== "SMS")) {
      throw bad("desiredDeliveryMediums must list EMAIL or SMS.");
    }
    mediums = desiredDeliveryMediums as DeliveryMediumType[];
  }
  const flag = (value: unknown, name: string): boolean => {
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") throw bad(`${name} must be a boolean.`);
    return value;
  };
  return {
    attributes: entries.map(([Name, Value]) => ({ Name, Value: Value as string })),
    status,
    ...(messageAction ? { messageAction: messageAction as "SUPPRESS" | "RESEND" } : {}),
    ...(mediums ? { desiredDeliveryMediums: mediums } : {}),
    forceAliasCreation: flag(forceAliasCreation, "forceAliasCreation"),
    enableSMSMFA: flag(enableSMSMFA, "enableSMSMFA"),
  };
}
