import type { AttributeType } from "@aws-sdk/client-cognito-identity-provider";
import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import { invalidLambdaResponse, invokeTrigger } from "./invoke.js";

export type PreSignUpSource = "PreSignUp_SignUp" | "PreSignUp_AdminCreateUser" | "PreSignUp_ExternalProvider";

export interface PreSignUpDecision {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

/** Attribute lists as triggers see them: a name → value map (null when the request had none, as Cognito sends). */
export function attributeMap(list: readonly AttributeType[] | undefined): Record<string, string> | null {
  if (!list) return null;
  return Object.fromEntries(list.map((a) => [a.Name!, a.Value ?? ""]));
}

/**
 * The PreSignUp trigger: it sees the new user's attributes, validation data and client
 * metadata, may refuse the sign-up by throwing, and may confirm the user and mark the email
 * or phone number verified. Without the trigger nothing is decided.
 */
export async function preSignUp(
  ctx: OperationContext,
  pool: PoolRecord,
  triggerSource: PreSignUpSource,
  call: {
    userName: string;
    clientId?: string;
    attributes: Record<string, string>;
    validationData?: readonly AttributeType[];
    clientMetadata?: Record<string, string>;
  },
): Promise<PreSignUpDecision> {
  const none = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };
  const userAttributes = Object.fromEntries(Object.entries(call.attributes).filter(([name]) => name !== "sub"));
  const response = await invokeTrigger(ctx, pool, "PreSignUp", {
    triggerSource,
    userName: call.userName,
    ...(call.clientId ? { clientId: call.clientId } : {}),
    request: {
      userAttributes,
      validationData: attributeMap(call.validationData),
      ...(call.clientMetadata ? { clientMetadata: call.clientMetadata } : {}),
    },
    response: { ...none },
  });
  if (!response) return none;
  const flag = (name: keyof PreSignUpDecision): boolean => {
    const value = response[name];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") throw invalidLambdaResponse(`Invalid lambda response: ${name} must be a boolean.`);
    return value;
  };
  const decision = {
    autoConfirmUser: flag("autoConfirmUser"),
    autoVerifyEmail: flag("autoVerifyEmail"),
    autoVerifyPhone: flag("autoVerifyPhone"),
  };
  // Cognito can only verify an address the user has.
  if (decision.autoVerifyEmail && !call.attributes.email) {
    throw invalidLambdaResponse("Invalid lambda response: autoVerifyEmail is true but the user has no email.");
  }
  if (decision.autoVerifyPhone && !call.attributes.phone_number) {
    throw invalidLambdaResponse("Invalid lambda response: autoVerifyPhone is true but the user has no phone_number.");
  }
  return decision;
}
