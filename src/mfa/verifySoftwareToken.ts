import type {
  VerifySoftwareTokenRequest,
  VerifySoftwareTokenResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { saveUser } from "../users/save.js";
import { withVerifiedTokenEnabled } from "./challenges.js";
import { reopenSetupSession, tokenCaller } from "./softwareToken.js";
import { matchingStep } from "./totp.js";

/**
 * Checks a code from the associated authenticator app and marks the token verified; the
 * code's time step is spent (it cannot sign in again). Through MFA_SETUP the token is also
 * turned on as the user's MFA, and the answer carries the Session that finishes MFA_SETUP.
 */
export const verifySoftwareToken = defineOperation<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse>(
  "VerifySoftwareToken",
  async (input, ctx) => {
    const caller = await tokenCaller(ctx, input.AccessToken, input.Session);
    const token = caller.user.softwareToken;
    if (!token) {
      throw new CognitoError("SoftwareTokenMFANotFoundException", "Software token is not associated with the user.");
    }
    const step = matchingStep(token.secret, input.UserCode!, ctx.now);
    if (step === undefined || (token.lastUsedStep !== undefined && step <= token.lastUsedStep)) {
      throw new CognitoError("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
    }
    const verified = {
      ...caller.user,
      softwareToken: {
        ...token,
        verified: true,
        lastUsedStep: step,
        ...(input.FriendlyDeviceName ? { friendlyName: input.FriendlyDeviceName } : {}),
      },
    };
    if (caller.kind === "accessToken") {
      await saveUser(ctx, caller.pool, verified);
      return { Status: "SUCCESS" };
    }
    await saveUser(ctx, caller.pool, withVerifiedTokenEnabled(verified));
    const session = await reopenSetupSession(ctx, caller, { ...caller.open.state, tokenVerified: "true" });
    return { Status: "SUCCESS", Session: session };
  },
);
