import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";

/**
 * The app client a client-side request names, and its pool. These requests are unsigned, so
 * the client id alone identifies them.
 */
export async function resolveClient(
  ctx: OperationContext,
  clientId: string,
): Promise<{ pool: PoolRecord; client: ClientRecord }> {
  const client = await ctx.store.clients.find(clientId);
  const pool = client ? await ctx.store.pools.get(client.poolId) : undefined;
  if (!client || !pool) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return { pool, client };
}

export type PasswordFlow =
  | "USER_PASSWORD_AUTH"
  | "ADMIN_USER_PASSWORD_AUTH"
  | "USER_SRP_AUTH"
  | "REFRESH_TOKEN_AUTH"
  | "USER_AUTH";

// Each flow with the ExplicitAuthFlows values (current and legacy) that enable it.
const ENABLING: Record<PasswordFlow, string[]> = {
  USER_PASSWORD_AUTH: ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"],
  ADMIN_USER_PASSWORD_AUTH: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"],
  USER_SRP_AUTH: ["ALLOW_USER_SRP_AUTH"],
  REFRESH_TOKEN_AUTH: ["ALLOW_REFRESH_TOKEN_AUTH"],
  USER_AUTH: ["ALLOW_USER_AUTH"],
};
/** A client created without ExplicitAuthFlows allows SRP, refresh and custom auth. */
const DEFAULT_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"];

export function flowEnabled(client: ClientRecord, flow: PasswordFlow): boolean {
  const configured = client.config.ExplicitAuthFlows as string[] | undefined;
  const flows = configured?.length ? configured : DEFAULT_FLOWS;
  // Legacy settings (no ALLOW_ values) always permitted SRP and refresh.
  const legacy = !flows.some((f) => f.startsWith("ALLOW_"));
  if (legacy && (flow === "USER_SRP_AUTH" || flow === "REFRESH_TOKEN_AUTH")) return true;
  return ENABLING[flow].some((f) => flows.includes(f));
}

/** The flow must be enabled for the client; managed login (ctx.hostedUi) signs in whatever the app's own flows are. */
export function requireFlow(client: ClientRecord, flow: PasswordFlow, ctx?: OperationContext): void {
  if (ctx?.hostedUi || flowEnabled(client, flow)) return;
  throw errors.invalidParameter(
    flow === "USER_PASSWORD_AUTH"
      ? "USER_PASSWORD_AUTH flow not enabled for this client"
      : "Auth flow not enabled for this client",
  );
}

/** A required AuthParameters / ChallengeResponses member, with Cognito's message when missing. */
export function requireParameter(parameters: Record<string, string> | undefined, name: string): string {
  const value = parameters?.[name];
  if (value === undefined || value === "") throw errors.invalidParameter(`Missing required parameter ${name}`);
  return value;
}

export const preventsUserExistenceErrors = (client: ClientRecord) =>
  client.config.PreventUserExistenceErrors === "ENABLED";
