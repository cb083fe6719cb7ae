import type {
  AssociateSoftwareTokenRequest,
  AssociateSoftwareTokenResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { saveUser } from "../users/save.js";
import { reopenSetupSession, tokenCaller } from "./softwareToken.js";
import { newTotpSecret } from "./totp.js";

/**
 * A new authenticator-app secret for the user, unverified until VerifySoftwareToken accepts a
 * code from it. A verified token goes on signing in meanwhile: Cognito replaces it only when
 * the new one is verified. During MFA_SETUP the spent Session is answered with the next one.
 */
export const associateSoftwareToken = defineOperation<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse>(
  "AssociateSoftwareToken",
  async (input, ctx) => {
    const caller = await tokenCaller(ctx, input.AccessToken, input.Session);
    const secret = newTotpSecret();
    const current = caller.user.softwareToken;
    await saveUser(ctx, caller.pool, {
      ...caller.user,
      softwareToken: current?.verified
        ? { ...current, pendingSecret: secret }
        : { secret, verified: false, associatedAt: ctx.now },
    });
    if (caller.kind === "accessToken") return { SecretCode: secret };
    // A new secret needs its own verification before MFA_SETUP can finish.
    const state = { ...caller.open.state };
    delete state.tokenVerified;
    return { SecretCode: secret, Session: await reopenSetupSession(ctx, caller, state) };
  },
);
