import type {
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { defineOperation } from "../protocol/operation.js";
import { resolveClient } from "./client.js";
import { checkClientSecret } from "./clientSecret.js";
import { refreshTokens, rotationEnabled } from "./refresh.js";

export const getTokensFromRefreshToken = defineOperation<
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse
>("GetTokensFromRefreshToken", async (input, ctx) => {
  const { pool, client } = await resolveClient(ctx, input.ClientId!);
  checkClientSecret(client, input.ClientSecret);
  const result = await refreshTokens(ctx, pool, client, input.RefreshToken!, {
    rotate: rotationEnabled(client),
    checkSecret: () => undefined,
    ...(input.DeviceKey ? { deviceKey: input.DeviceKey } : {}),
  });
  return { AuthenticationResult: result } as GetTokensFromRefreshTokenResponse;
});
