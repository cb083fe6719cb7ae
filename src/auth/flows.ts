import type { AuthFlowType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { requireFlow, requireParameter } from "./client.js";
import { passwordSignIn, type AuthOutcome } from "./passwordSignIn.js";
import { refreshTokens, rotationEnabled, secretHashChecker } from "./refresh.js";
import { startCustomAuth } from "./customAuth.js";
import { startSrpSignIn } from "./srpSignIn.js";
import { chooseFirstFactor, signInAfterSignUp } from "./userAuth.js";

/**
 * The flows InitiateAuth and AdminInitiateAuth share. `admin` selects which password flow
 * names are accepted: the admin ones with AdminInitiateAuth, USER_PASSWORD_AUTH otherwise.
 */
export async function initiate(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  flow: AuthFlowType,
  parameters: Record<string, string>,
  admin: boolean,
  session?: string,
  /** The request's ClientMetadata, handed to the flow's Lambda triggers. */
  clientMetadata?: Record<string, string>,
): Promise<AuthOutcome> {
  switch (flow) {
    case "USER_PASSWORD_AUTH":
    case "ADMIN_USER_PASSWORD_AUTH":
    case "ADMIN_NO_SRP_AUTH": {
      if (admin === (flow === "USER_PASSWORD_AUTH"))
        throw errors.invalidParameter("Initiate Auth method not supported.");
      requireFlow(client, flow === "USER_PASSWORD_AUTH" ? "USER_PASSWORD_AUTH" : "ADMIN_USER_PASSWORD_AUTH", ctx);
      const username = requireParameter(parameters, "USERNAME");
      const password = requireParameter(parameters, "PASSWORD");
      return passwordSignIn(
        ctx,
        pool,
        client,
        username,
        password,
        parameters.SECRET_HASH,
        parameters.DEVICE_KEY,
        clientMetadata,
      );
    }
    case "REFRESH_TOKEN_AUTH":
    case "REFRESH_TOKEN": {
      requireFlow(client, "REFRESH_TOKEN_AUTH");
      const token = requireParameter(parameters, "REFRESH_TOKEN");
      if (rotationEnabled(client)) {
        throw errors.invalidParameter(
          "Refresh token rotation is enabled for this client: refresh tokens with GetTokensFromRefreshToken.",
        );
      }
      const result = await ctx.store.transaction(() =>
        refreshTokens(ctx, pool, client, token, {
          rotate: false,
          checkSecret: secretHashChecker(client, parameters.SECRET_HASH, parameters.USERNAME),
          ...(parameters.DEVICE_KEY ? { deviceKey: parameters.DEVICE_KEY } : {}),
        }),
      );
      return { ChallengeParameters: {}, AuthenticationResult: result };
    }
    case "USER_SRP_AUTH": {
      requireFlow(client, "USER_SRP_AUTH", ctx);
      return startSrpSignIn(ctx, pool, client, parameters, clientMetadata);
    }
    case "USER_AUTH": {
      requireFlow(client, "USER_AUTH", ctx);
      const username = requireParameter(parameters, "USERNAME");
      if (session) return signInAfterSignUp(ctx, pool, client, session, username, parameters.SECRET_HASH);
      return chooseFirstFactor(ctx, pool, client, username, parameters, parameters.PREFERRED_CHALLENGE, clientMetadata);
    }
    case "CUSTOM_AUTH":
      return startCustomAuth(ctx, pool, client, parameters, clientMetadata);
    default:
      throw errors.invalidParameter(`${flow} is not supported by Cognate yet.`);
  }
}
