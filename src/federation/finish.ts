import type { ServerResponse } from "node:http";
import type { IdentityProviderData } from "../identityProviders/record.js";
import { completeAuthorization } from "../oauth/authorization.js";
import type { AuthorizeTarget } from "../oauth/authorizeRequest.js";
import type { DomainScope } from "../oauth/domainRouting.js";
import { CognitoError } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { postAuthentication } from "../triggers/authentication.js";
import { hasTrigger } from "../triggers/invoke.js";
import { FederationError, redirectErrorToApp } from "./errors.js";
import { signInFederatedUser } from "./federatedUser.js";
import type { ProviderProfile } from "./profile.js";

/**
 * The end of every federated sign-in, OIDC or SAML, once the provider's answer is verified: the
 * user it signs in as (created, updated or linked), PostAuthentication, then the redirect to
 * the app with Cognate's code and the managed login session cookie.
 */
export async function finishFederatedSignIn(
  ctx: OperationContext,
  res: ServerResponse,
  target: AuthorizeTarget,
  scope: DomainScope,
  provider: IdentityProviderData,
  profile: ProviderProfile,
): Promise<void> {
  const { pool, client } = target;
  const user = await signInFederatedUser(ctx, pool, client, provider, profile);
  if (hasTrigger(pool, "PostAuthentication")) {
    await postAuthentication(ctx, pool, client, user, { newDeviceUsed: false });
  }
  await completeAuthorization(ctx, res, target, scope, {
    user,
    authTime: ctx.now,
    openSession: true,
    identityProvider: provider.ProviderName,
  });
}

/**
 * A federated sign-in that failed once the app's request was known again: back to the app with
 * the error. A trigger's refusal, or attributes the pool refuses, are invalid_request with
 * Cognito's message; anything else is not the provider's doing and is thrown on.
 */
export function answerFederationFailure(res: ServerResponse, target: AuthorizeTarget, thrown: unknown): void {
  if (thrown instanceof FederationError) return redirectErrorToApp(res, target.request, thrown);
  if (thrown instanceof CognitoError && thrown.status < 500) {
    return redirectErrorToApp(res, target.request, new FederationError("invalid_request", thrown.message));
  }
  throw thrown;
}
