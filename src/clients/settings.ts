import type {
  ResourceServerType,
  SchemaAttributeType,
  TimeUnitsType,
  UpdateUserPoolClientRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import type { OperationContext } from "../protocol/operation.js";
import { ResourceKind } from "../storage/kinds.js";
import type { PoolRecord } from "../storage/types.js";

/** The members CreateUserPoolClient and UpdateUserPoolClient share (everything but ids, name and secret). */
export type ClientSettingsInput = Omit<UpdateUserPoolClientRequest, "UserPoolId" | "ClientId" | "ClientName">;

const DEFAULT_REFRESH_TOKEN_VALIDITY_DAYS = 30;
const DEFAULT_AUTH_SESSION_VALIDITY_MINUTES = 3;

const UNIT_SECONDS: Record<TimeUnitsType, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const ACCESS_OR_ID_RANGE = { min: 5 * 60, max: 24 * 3600 };
const REFRESH_RANGE = { min: 60 * 60, max: 3650 * 86400 };

const LEGACY_AUTH_FLOWS = new Set(["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"]);
export const STANDARD_SCOPES: ReadonlySet<string> = new Set([
  "phone",
  "email",
  "openid",
  "profile",
  "aws.cognito.signin.user.admin",
]);
/** Attributes only Cognito sets: no app client may be given write access to them. */
const UNWRITABLE_ATTRIBUTES = new Set(["sub", "email_verified", "phone_number_verified"]);

const nonEmpty = <T>(list: T[] | undefined): list is T[] => !!list && list.length > 0;

/**
 * Validates the settings of a create or update request and returns the stored client config in the
 * order Cognito lists UserPoolClientType members. Members not given take Cognito's defaults, so an
 * update resets whatever it leaves out.
 */
export async function buildClientConfig(
  ctx: OperationContext,
  pool: PoolRecord,
  input: ClientSettingsInput,
  options: { hasSecret: boolean; action: "creating" | "updating" },
): Promise<Record<string, unknown>> {
  // A validity of 0 means "not set": Cognito falls back to the default.
  const refresh = input.RefreshTokenValidity || DEFAULT_REFRESH_TOKEN_VALIDITY_DAYS;
  const access = input.AccessTokenValidity || undefined;
  const id = input.IdTokenValidity || undefined;
  checkTokenValidity(refresh, access, id, input.TokenValidityUnits ?? {});

  checkAttributes(pool, input.ReadAttributes, input.WriteAttributes, options.action);
  checkExplicitAuthFlows(pool, input.ExplicitAuthFlows);
  await checkIdentityProviders(ctx, pool, input.SupportedIdentityProviders);
  await checkOAuth(ctx, pool, input, options.hasSecret);

  if (input.EnablePropagateAdditionalUserContextData && !options.hasSecret) {
    throw errors.invalidParameter(
      "EnablePropagateAdditionalUserContextData can only be enabled for an app client with a client secret.",
    );
  }

  const config: Record<string, unknown> = { RefreshTokenValidity: refresh };
  if (access) config.AccessTokenValidity = access;
  if (id) config.IdTokenValidity = id;
  config.TokenValidityUnits = { ...(input.TokenValidityUnits ?? {}) };
  if (nonEmpty(input.ReadAttributes)) config.ReadAttributes = input.ReadAttributes;
  if (nonEmpty(input.WriteAttributes)) config.WriteAttributes = input.WriteAttributes;
  if (nonEmpty(input.ExplicitAuthFlows)) config.ExplicitAuthFlows = input.ExplicitAuthFlows;
  if (nonEmpty(input.SupportedIdentityProviders)) config.SupportedIdentityProviders = input.SupportedIdentityProviders;
  if (nonEmpty(input.CallbackURLs)) config.CallbackURLs = input.CallbackURLs;
  if (nonEmpty(input.LogoutURLs)) config.LogoutURLs = input.LogoutURLs;
  if (input.DefaultRedirectURI) config.DefaultRedirectURI = input.DefaultRedirectURI;
  if (nonEmpty(input.AllowedOAuthFlows)) config.AllowedOAuthFlows = input.AllowedOAuthFlows;
  if (nonEmpty(input.AllowedOAuthScopes)) config.AllowedOAuthScopes = input.AllowedOAuthScopes;
  config.AllowedOAuthFlowsUserPoolClient = input.AllowedOAuthFlowsUserPoolClient ?? false;
  if (input.AnalyticsConfiguration) config.AnalyticsConfiguration = input.AnalyticsConfiguration;
  if (input.PreventUserExistenceErrors) config.PreventUserExistenceErrors = input.PreventUserExistenceErrors;
  config.EnableTokenRevocation = input.EnableTokenRevocation ?? true;
  config.EnablePropagateAdditionalUserContextData = input.EnablePropagateAdditionalUserContextData ?? false;
  config.AuthSessionValidity = input.AuthSessionValidity ?? DEFAULT_AUTH_SESSION_VALIDITY_MINUTES;
  if (input.RefreshTokenRotation) config.RefreshTokenRotation = input.RefreshTokenRotation;
  return config;
}

function checkTokenValidity(
  refresh: number,
  access: number | undefined,
  id: number | undefined,
  units: NonNullable<ClientSettingsInput["TokenValidityUnits"]>,
): void {
  const refreshSeconds = refresh * UNIT_SECONDS[units.RefreshToken ?? "days"];
  // Unset access and ID tokens last one hour.
  const accessSeconds = (access ?? 1) * UNIT_SECONDS[access ? (units.AccessToken ?? "hours") : "hours"];
  const idSeconds = (id ?? 1) * UNIT_SECONDS[id ? (units.IdToken ?? "hours") : "hours"];
  const outside = (seconds: number, range: { min: number; max: number }) => seconds < range.min || seconds > range.max;
  if (
    outside(refreshSeconds, REFRESH_RANGE) ||
    outside(accessSeconds, ACCESS_OR_ID_RANGE) ||
    outside(idSeconds, ACCESS_OR_ID_RANGE)
  ) {
    throw errors.invalidParameter("Invalid range for token validity.");
  }
  if (accessSeconds > refreshSeconds || idSeconds > refreshSeconds) {
    throw errors.invalidParameter("Access token and ID token validity cannot be longer than refresh token validity.");
  }
}

function checkAttributes(
  pool: PoolRecord,
  read: string[] | undefined,
  write: string[] | undefined,
  action: "creating" | "updating",
): void {
  const schema = (pool.config.SchemaAttributes as SchemaAttributeType[] | undefined) ?? [];
  const known = new Set(schema.map((a) => a.Name!));
  if (read?.some((name) => !known.has(name))) {
    throw errors.invalidParameter(`Invalid read attributes specified while ${action} a client`);
  }
  if (!nonEmpty(write)) return;
  const writable = new Set(write);
  const missingRequired = schema.some(
    (a) => a.Required && !UNWRITABLE_ATTRIBUTES.has(a.Name!) && !writable.has(a.Name!),
  );
  if (missingRequired || write.some((name) => !known.has(name) || UNWRITABLE_ATTRIBUTES.has(name))) {
    throw errors.invalidParameter(`Invalid write attributes specified while ${action} a client`);
  }
}

function checkExplicitAuthFlows(pool: PoolRecord, flows: string[] | undefined): void {
  if (!nonEmpty(flows)) return;
  const legacy = flows.some((f) => LEGACY_AUTH_FLOWS.has(f));
  const current = flows.some((f) => f.startsWith("ALLOW_"));
  if (legacy && current) {
    throw errors.invalidParameter(
      "ExplicitAuthFlows cannot combine the legacy values ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY and USER_PASSWORD_AUTH with values that begin with ALLOW_.",
    );
  }
  if (flows.includes("ALLOW_USER_AUTH") && pool.config.UserPoolTier === "LITE") {
    throw errors.featureUnavailableInTier("ALLOW_USER_AUTH is not available in the LITE feature plan.");
  }
}

async function checkIdentityProviders(
  ctx: OperationContext,
  pool: PoolRecord,
  providers: string[] | undefined,
): Promise<void> {
  for (const name of providers ?? []) {
    if (name === "COGNITO") continue;
    const provider = await ctx.store.resources.get(ResourceKind.identityProvider, pool.id, name);
    if (!provider) throw errors.invalidParameter(`The provider ${name} does not exist for User Pool ${pool.id}`);
  }
}

async function checkOAuth(
  ctx: OperationContext,
  pool: PoolRecord,
  input: ClientSettingsInput,
  hasSecret: boolean,
): Promise<void> {
  const flows = input.AllowedOAuthFlows ?? [];
  const scopes = input.AllowedOAuthScopes ?? [];
  const callbacks = input.CallbackURLs ?? [];
  const logouts = input.LogoutURLs ?? [];
  const usesOAuth =
    flows.length > 0 || scopes.length > 0 || callbacks.length > 0 || logouts.length > 0 || !!input.DefaultRedirectURI;

  if (!input.AllowedOAuthFlowsUserPoolClient) {
    if (usesOAuth) {
      throw errors.invalidParameter(
        "AllowedOAuthFlowsUserPoolClient must be true to set AllowedOAuthFlows, AllowedOAuthScopes, CallbackURLs, LogoutURLs or DefaultRedirectURI.",
      );
    }
    return;
  }
  if (flows.length === 0 || scopes.length === 0) {
    throw errors.invalidParameter(
      "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
    );
  }

  for (const url of callbacks) checkRedirectUrl(url, "CallbackURLs");
  for (const url of logouts) checkRedirectUrl(url, "LogoutURLs");
  if (input.DefaultRedirectURI) {
    checkRedirectUrl(input.DefaultRedirectURI, "DefaultRedirectURI");
    if (!callbacks.includes(input.DefaultRedirectURI)) {
      throw errors.invalidParameter("DefaultRedirectURI must be one of the CallbackURLs.");
    }
  }

  const clientCredentials = flows.includes("client_credentials");
  if (clientCredentials && flows.length > 1) {
    throw errors.invalidOAuthFlow("client_credentials flow can not be selected along with code flow or implicit flow.");
  }
  if (clientCredentials && !hasSecret) {
    throw errors.invalidOAuthFlow(
      "client_credentials flow can not be selected if client does not have a client secret.",
    );
  }
  if (!clientCredentials && callbacks.length === 0) {
    throw errors.invalidOAuthFlow("CallbackUrls can not be empty when code flow or implicit flow is selected");
  }

  for (const scope of scopes) {
    if (STANDARD_SCOPES.has(scope)) {
      if (clientCredentials) throw errors.invalidOAuthFlow(`${scope} is not supported with client_credentials flow`);
      continue;
    }
    if (!(await resourceServerHasScope(ctx, pool, scope))) {
      throw errors.scopeDoesNotExist(`Invalid scope requested: ${scope}`);
    }
  }
}

/** Custom scopes are `<resource server identifier>/<scope name>`; identifiers may contain slashes, names may not. */
async function resourceServerHasScope(ctx: OperationContext, pool: PoolRecord, scope: string): Promise<boolean> {
  const slash = scope.lastIndexOf("/");
  if (slash <= 0) return false;
  const server = await ctx.store.resources.get<ResourceServerType>(
    ResourceKind.resourceServer,
    pool.id,
    scope.slice(0, slash),
  );
  const name = scope.slice(slash + 1);
  return !!server?.data.Scopes?.some((s) => s.ScopeName === name);
}

/** HTTPS, an app scheme such as myapp://, or plain HTTP to the local machine; never a fragment. */
function checkRedirectUrl(url: string, member: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw errors.invalidParameter(`${member} must contain absolute URLs: ${url}`);
  }
  const localHttp = parsed.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
  if (parsed.protocol === "http:" && !localHttp) {
    throw errors.invalidParameter(`${member} must use HTTPS except for http://localhost: ${url}`);
  }
  if (url.includes("#")) {
    throw errors.invalidParameter(`${member} cannot contain a fragment: ${url}`);
  }
}
