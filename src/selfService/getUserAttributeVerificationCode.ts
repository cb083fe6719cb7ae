import type {
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { issueCode } from "../messaging/codes.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { requireVerifiable, signedIn } from "./access.js";

/** Sends a code for the user's email or phone number (the pending new value when one waits). */
export const getUserAttributeVerificationCode = defineOperation<
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse
>("GetUserAttributeVerificationCode", async (input, ctx) => {
  const { pool, user, client } = await signedIn(ctx, input.AccessToken!);
  const attribute = requireVerifiable(input.AttributeName!);
  const destination = user.pendingAttributes?.[attribute] ?? user.attributes[attribute];
  if (!destination) throw errors.invalidParameter(`The user has no ${attribute} to verify.`);
  const details = await issueCode(
    ctx,
    pool,
    user,
    `verify:${attribute}`,
    { medium: attribute === "email" ? "EMAIL" : "SMS", destination },
    {
      source: "VerifyUserAttribute",
      ...(client ? { clientId: client.clientId } : {}),
      ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
    },
  );
  return { CodeDeliveryDetails: details } as GetUserAttributeVerificationCodeResponse;
});
