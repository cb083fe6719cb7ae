import type {
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { issueCode } from "../messaging/codes.js";
import { NO_RECOVERY_ADDRESS, recoveryTarget } from "../passwordRecovery/recoveryTarget.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requirePool } from "../pools/lookup.js";
import { requireUser } from "./lookup.js";
import { saveUser } from "./save.js";

export const adminResetUserPassword = defineOperation<AdminResetUserPasswordRequest, AdminResetUserPasswordResponse>(
  "AdminResetUserPassword",
  async (input, ctx) => {
    const pool = await requirePool(ctx, input.UserPoolId!);
    const user = await requireUser(ctx, pool, input.Username!);
    const target = recoveryTarget(pool, user);
    if (!target) throw errors.invalidParameter(NO_RECOVERY_ADDRESS);
    // A user who never chose a password has nothing to reset: the invitation is resent instead.
    if (user.status === "FORCE_CHANGE_PASSWORD") {
      throw errors.notAuthorized("User password cannot be reset in the current state.");
    }
    const updated = await saveUser(ctx, pool, { ...user, status: "RESET_REQUIRED" });
    // Stored like ForgotPassword's code, so ConfirmForgotPassword completes the reset.
    await issueCode(ctx, pool, updated, "forgotPassword", target, {
      source: "ForgotPassword",
      ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
    });
    return {} as AdminResetUserPasswordResponse;
  },
);
