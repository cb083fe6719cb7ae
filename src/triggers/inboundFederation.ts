import type { OperationContext } from "../protocol/operation.js";
import type { PoolRecord } from "../storage/types.js";
import { invalidLambdaResponse, invokeTrigger } from "./invoke.js";

/** What an external provider said about a user, as the InboundFederation trigger receives it. */
export interface FederatedProfile {
  providerName: string;
  providerType: "OIDC" | "SAML" | "Facebook" | "Google" | "SignInWithApple" | "LoginWithAmazon";
  /** OIDC and social providers: the token response, the ID token's claims, the userInfo answer. */
  tokenResponse?: Record<string, string>;
  idToken?: Record<string, string>;
  userInfo?: Record<string, string>;
  /** SAML providers: the assertion's attributes. */
  samlResponse?: Record<string, string>;
}

/**
 * The InboundFederation trigger (LambdaVersion V1_0), for federated sign-in (issue 12): it sees
 * what the provider sent and answers the user attributes to keep. An empty answer keeps the
 * mapped attributes unchanged; otherwise only the attributes it lists are applied. Undefined
 * when the pool has no such trigger.
 */
export async function inboundFederation(
  ctx: OperationContext,
  pool: PoolRecord,
  call: { userName: string; clientId?: string; profile: FederatedProfile },
): Promise<Record<string, string> | undefined> {
  const { providerName, providerType, ...attributes } = call.profile;
  const response = await invokeTrigger(ctx, pool, "InboundFederation", {
    triggerSource: "InboundFederation_ExternalProvider",
    userName: call.userName,
    ...(call.clientId ? { clientId: call.clientId } : {}),
    request: { providerName, providerType, attributes },
    response: { userAttributesToMap: {} },
  });
  if (!response) return undefined;
  const mapped = response.userAttributesToMap ?? {};
  if (typeof mapped !== "object" || Array.isArray(mapped)) {
    throw invalidLambdaResponse("Invalid lambda response: userAttributesToMap must be an object of strings.");
  }
  const entries = Object.entries(mapped as Record<string, unknown>);
  if (entries.some(([, v]) => typeof v !== "string")) {
    throw invalidLambdaResponse("Invalid lambda response: userAttributesToMap must be an object of strings.");
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
