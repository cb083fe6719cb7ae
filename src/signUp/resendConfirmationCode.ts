import type {
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { logUserEvent } from "../authEvents/userEvents.js";
import { checkSecretHash } from "../clients/secretHash.js";
import { issueCode } from "../messaging/codes.js";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { findUser } from "../users/lookup.js";
import { hidesUserExistence, requireAppClient } from "./appClient.js";
import { confirmationTarget } from "./confirmationTarget.js";
import { simulatedDelivery } from "./simulatedDelivery.js";

export const resendConfirmationCode = defineOperation<ResendConfirmationCodeRequest, ResendConfirmationCodeResponse>(
  "ResendConfirmationCode",
  async (input, ctx) => {
    const { client, pool } = await requireAppClient(ctx, input.ClientId!);
    checkSecretHash(client, input.Username!, input.SecretHash);
    const user = await findUser(ctx, pool, input.Username!);
    if (!user) {
      if (hidesUserExistence(client)) return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username!) };
      throw errors.userNotFound("Username/client id combination not found.");
    }
    if (!user.enabled && hidesUserExistence(client)) {
      return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username!) };
    }
    if (user.status === "CONFIRMED") throw errors.invalidParameter("User is already confirmed.");
    const target = confirmationTarget(pool, user.attributes);
    if (!target) throw errors.invalidParameter("Cannot resend codes. Auto verification not turned on.");
    // The new code replaces the old one and its failed attempts.
    const delivery = await issueCode(ctx, pool, user, "signUp", target, {
      source: "ResendCode",
      clientId: client.clientId,
      ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
    });
    await logUserEvent(ctx, pool, user, "ResendCode", { context: input.UserContextData });
    return { CodeDeliveryDetails: delivery };
  },
);
