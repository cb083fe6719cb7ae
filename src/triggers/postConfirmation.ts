import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord, UserRecord } from "../storage/types.js";
import { invokeTrigger } from "./invoke.js";

/**
 * A user's attributes as Cognito hands them to triggers: every attribute with sub, plus the
 * user's status as `cognito:user_status`.
 */
export function triggerUserAttributes(user: UserRecord): Record<string, string> {
  return { sub: user.sub, ...user.attributes, "cognito:user_status": user.status };
}

export type PostConfirmationSource = "PostConfirmation_ConfirmSignUp" | "PostConfirmation_ConfirmForgotPassword";

/**
 * PostConfirmation: after ConfirmSignUp, AdminConfirmSignUp and a SignUp that PreSignUp
 * auto-confirmed (PostConfirmation_ConfirmSignUp; Cognito documents SignUp's ClientMetadata as
 * reaching this trigger), and after ConfirmForgotPassword (PostConfirmation_ConfirmForgotPassword);
 * never for administrator-created users. Called once the confirmation is committed: a function
 * that fails makes the call fail, but the user stays confirmed (and the new password set), as on
 * Cognito. Its answer is not used.
 */
export async function postConfirmation(
  ctx: OperationContext,
  pool: PoolRecord,
  triggerSource: PostConfirmationSource,
  user: UserRecord,
  call: { clientId?: string; clientMetadata?: Record<string, string> },
): Promise<void> {
  await invokeTrigger(ctx, pool, "PostConfirmation", {
    triggerSource,
    userName: user.username,
    ...(call.clientId ? { clientId: call.clientId } : {}),
    request: {
      userAttributes: triggerUserAttributes(user),
      ...(call.clientMetadata ? { clientMetadata: call.clientMetadata } : {}),
    },
  });
}
