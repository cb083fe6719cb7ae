import type { RevokeTokenRequest, RevokeTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError, errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import { hashRefreshToken, type RefreshTokenRecord, type SignInRecord } from "../tokens/issue.js";
import { resolveClient } from "./client.js";
import { checkClientSecret } from "./clientSecret.js";

/**
 * Revokes a refresh token and, through their shared origin_jti, every access and id token
 * issued from the same sign-in. An unknown token is not an error (as in OAuth revocation).
 */
export const revokeToken = defineOperation<RevokeTokenRequest, RevokeTokenResponse>(
  "RevokeToken",
  async (input, ctx) => {
    const { pool, client } = await resolveClient(ctx, input.ClientId!);
    if (client.config.EnableTokenRevocation === false) {
      throw errors.unsupportedOperation("Token revocation is not enabled for this app client.");
    }
    checkClientSecret(client, input.ClientSecret, "UnauthorizedException");
    const token = input.Token!;
    if (token.split(".").length === 3) {
      throw new CognitoError("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.");
    }
    const record = await ctx.store.resources.get<RefreshTokenRecord>(
      ResourceKind.refreshToken,
      pool.id,
      hashRefreshToken(token),
    );
    if (!record) return {} as RevokeTokenResponse;
    if (record.data.clientId !== client.clientId) {
      throw new CognitoError("UnauthorizedException", "The refresh token was not issued to this client.");
    }
    await ctx.store.resources.put<RefreshTokenRecord>({
      ...record,
      data: { ...record.data, revoked: true },
      updatedAt: ctx.now,
    });
    const signIn = await ctx.store.resources.get<SignInRecord>(
      ResourceKind.tokenRevocation,
      pool.id,
      record.data.originJti,
    );
    if (signIn) {
      await ctx.store.resources.put<SignInRecord>({
        ...signIn,
        data: { ...signIn.data, revoked: true },
        updatedAt: ctx.now,
      });
    }
    return {} as RevokeTokenResponse;
  },
);
