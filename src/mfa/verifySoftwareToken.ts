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
    // The newest association is the one being verified; a verified token it replaces keeps
    // its own last used step, which a new secret's codes have nothing to do with.
    const replacing = token.pendingSecret !== undefined;
    const secret = token.pendingSecret ?? token.secret;
    const step = matchingStep(secret, input.UserCode!, ctx.now);
    const lastUsedStep = replacing ? undefined : token.lastUsedStep;
    if (step === undefined || (lastUsedStep !== undefined && step <= lastUsedStep)) {
      throw new CognitoError("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
    }
    const verified = {
      ...caller.user,
      softwareToken: {
        secret,
        verified: true,
        lastUsedStep: step,
        associatedAt: replacing ? ctx.now : token.associatedAt,
        ...(input.FriendlyDeviceName
          ? { friendlyName: input.FriendlyDeviceName }
          : !replacing && token.friendlyName
            ? { friendlyName: token.friendlyName }
            : {}),
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
