import type { RevokeTokenRequest, RevokeTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError, errors } from "../protocol/errors.js";
import { defineOperation, type OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";
import { ResourceKind } from "../storage/kinds.js";
import { hashRefreshToken, type RefreshTokenRecord, type SignInRecord } from "../tokens/issue.js";
import { resolveClient } from "./client.js";
import { checkClientSecret } from "./clientSecret.js";

/**
 * Revokes a refresh token and, through their shared origin_jti, every access and id token
 * issued from the same sign-in. An unknown token is not an error (as in OAuth revocation).
 * The client is authenticated by the caller; a JWT is UnsupportedTokenTypeException.
 */
export async function revokeRefreshToken(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  token: string,
): Promise<"revoked" | "unknown" | "otherClient"> {
  if (token.split(".").length === 3) {
    throw new CognitoError("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.");
  }
  const record = await ctx.store.resources.get<RefreshTokenRecord>(
    ResourceKind.refreshToken,
    pool.id,
    hashRefreshToken(token),
  );
  if (!record) return "unknown";
  if (record.data.clientId !== client.clientId) return "otherClient";
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
  return "revoked";
}

/** RevokeToken: revokeRefreshToken after the client's secret is checked. */
export const revokeToken = defineOperation<RevokeTokenRequest, RevokeTokenResponse>(
  "RevokeToken",
  async (input, ctx) => {
    const { pool, client } = await resolveClient(ctx, input.ClientId!);
    if (client.config.EnableTokenRevocation === false) {
      throw errors.unsupportedOperation("Token revocation is not enabled for this app client.");
    }
    checkClientSecret(client, input.ClientSecret, "UnauthorizedException");
    if ((await revokeRefreshToken(ctx, pool, client, input.Token!)) === "otherClient") {
      throw new CognitoError("UnauthorizedException", "The refresh token was not issued to this client.");
    }
    return {} as RevokeTokenResponse;
  },
);
