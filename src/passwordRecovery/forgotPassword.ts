import type { ForgotPasswordRequest, ForgotPasswordResponse } from "@aws-sdk/client-cognito-identity-provider";
import { logUserEvent } from "../authEvents/userEvents.js";
import { checkSecretHash } from "../clients/secretHash.js";
import { issueCode } from "../messaging/codes.js";
import { errors } from "../protocol/errors.js";
import { defineOperation, type OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { hidesUserExistence, requireAppClient } from "../signUp/appClient.js";
import { simulatedDelivery } from "../signUp/simulatedDelivery.js";
import { findUser } from "../users/lookup.js";
import { hasTrigger } from "../triggers/invoke.js";
import { migrateUser } from "../triggers/userMigration.js";
import { NO_RECOVERY_ADDRESS, recoveryMechanisms, recoveryTarget } from "./recoveryTarget.js";
import { countForgotPasswordRequest } from "./requestLimit.js";

export const forgotPassword = defineOperation<ForgotPasswordRequest, ForgotPasswordResponse>(
  "ForgotPassword",
  async (input, ctx) => {
    const { client, pool } = await requireAppClient(ctx, input.ClientId!);
    checkSecretHash(client, input.Username!, input.SecretHash);
    if (recoveryMechanisms(pool).includes("admin_only")) {
      throw errors.notAuthorized("Contact administrator to reset password.");
    }
    // A name nobody has may be migrated from a legacy store first (UserMigration_ForgotPassword),
    // outside the transaction: functions are slow. The migrated user then gets the code.
    if (hasTrigger(pool, "UserMigration") && !(await findUser(ctx, pool, input.Username!))) {
      await migrateUser(ctx, pool, client, "UserMigration_ForgotPassword", input.Username!, {
        ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
      });
    }
    return ctx.store.transaction(() => sendResetCode(ctx, pool, client, input));
  },
  { transaction: false },
);

/** Sends the reset code to the user the name resolves to, in one transaction. */
async function sendResetCode(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  input: ForgotPasswordRequest,
): Promise<ForgotPasswordResponse> {
  const hide = hidesUserExistence(client);
  const user = await findUser(ctx, pool, input.Username!);
  // With existence errors prevented, every case that would tell a user apart gets a pretend delivery.
  const pretend = () => ({ CodeDeliveryDetails: simulatedDelivery(pool, input.Username!) });
  if (!user) {
    if (hide) return pretend();
    throw errors.userNotFound("Username/client id combination not found.");
  }
  if (!user.enabled) {
    if (hide) return pretend();
    throw errors.notAuthorized("User is disabled.");
  }
  if (user.status === "FORCE_CHANGE_PASSWORD") {
    throw errors.notAuthorized("User password cannot be reset in the current state.");
  }
  const target = recoveryTarget(pool, user);
  if (!target) {
    if (hide) return pretend();
    throw errors.invalidParameter(NO_RECOVERY_ADDRESS);
  }
  await countForgotPasswordRequest(ctx, pool, user);
  // The user keeps signing in with the old password until the reset is confirmed.
  const delivery = await issueCode(ctx, pool, user, "forgotPassword", target);
  await logUserEvent(ctx, pool, user, "ForgotPassword", { context: input.UserContextData });
  return { CodeDeliveryDetails: delivery };
}
