import {
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
} from "@aws-sdk/client-cognito-identity-provider";

/** The app's callback in OAuth tests: nothing listens there; tests read the redirect to it. */
export const APP_CALLBACK = "https://app.example/callback";

/**
 * An app client of the pool set up for the OAuth endpoints, as a web app's usually is: the code
 * flow, the OpenID scopes, APP_CALLBACK, sign-in with the pool's own users. `settings` override.
 */
export async function webClient(
  sdk: CognitoIdentityProviderClient,
  poolId: string,
  settings: Partial<CreateUserPoolClientRequest> = {},
): Promise<{ clientId: string; clientSecret?: string }> {
  const { UserPoolClient } = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email", "profile"],
      CallbackURLs: [APP_CALLBACK],
      SupportedIdentityProviders: ["COGNITO"],
      ...settings,
    }),
  );
  return {
    clientId: UserPoolClient!.ClientId!,
    ...(UserPoolClient!.ClientSecret ? { clientSecret: UserPoolClient!.ClientSecret } : {}),
  };
}

/** Gives the pool a prefix domain `<label>-<the pool id's suffix>` (unique per pool); answers the prefix. */
export async function poolDomain(sdk: CognitoIdentityProviderClient, poolId: string, label: string): Promise<string> {
  const prefix = `${label}-${poolId.split("_")[1]!.toLowerCase()}`;
  await sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: prefix }));
  return prefix;
}
