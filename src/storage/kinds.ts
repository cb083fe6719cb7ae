/**
 * Kinds of records kept in the generic resource slice (Store.resources), with the key each
 * uses. Families that read another family's records (clients check resource-server scopes
 * and identity-provider names) rely on these, so change them only here.
 */
export const ResourceKind = {
  /** scope: pool id; key: Identifier; data: ResourceServerType */
  resourceServer: "resourceServer",
  /** scope: pool id; key: ProviderName; data: IdentityProviderType (dates as epoch millis) */
  identityProvider: "identityProvider",
  /** scope: "" (domains are global); key: Domain; data: DomainDescriptionType plus the owning pool id */
  domain: "domain",
  /** scope: pool id; key: client id or "ALL"; data: UICustomizationType */
  uiCustomization: "uiCustomization",
  /** scope: pool id; key: ManagedLoginBrandingId; data: ManagedLoginBrandingType */
  managedLoginBranding: "managedLoginBranding",
  /** scope: pool id; key: TermsId; data: TermsType */
  terms: "terms",
  /** scope: pool id; key: "pool"; data: LogDeliveryConfigurationType */
  logDelivery: "logDelivery",
  /** scope: pool id; key: client id or "ALL"; data: RiskConfigurationType */
  riskConfiguration: "riskConfiguration",
  /** scope: pool id; key: "pool"; data: SoftwareTokenMfaConfiguration, EmailMfaConfiguration, WebAuthnConfiguration */
  mfaConfig: "mfaConfig",
  /** scope: pool id; key: kid; data: the pool's RS256 signing key pair as JWKs (src/tokens) */
  signingKey: "signingKey",
  /** scope: pool id; key: session id; data: a sign-in in progress between challenges (src/auth) */
  authSession: "authSession",
  /** scope: pool id; key: sha256 of the refresh token; data: its user, client, origin_jti, expiry, revocation (src/tokens) */
  refreshToken: "refreshToken",
  /** scope: pool id; key: origin_jti; data: revocation of one sign-in's tokens (src/tokens) */
  tokenRevocation: "tokenRevocation",
  /** scope: pool id; key: username key; data: failed password attempts and lockout (src/auth) */
  lockout: "lockout",
  /** scope: pool id; key: `${purpose}:${usernameKey}`; data: a hashed one-time code, its expiry and failed attempts (src/messaging/codes.ts) */
  code: "code",
  /** scope: pool id; key: "pool"; data: the pool's signing certificate and its key (GetSigningCertificate, SAML) */
  signingCertificate: "signingCertificate",
  /** scope: pool id; key: device key; data: a user's device, its SRP verifier and remembered status (src/devices) */
  device: "device",
  /** scope: pool id; key: credential id (base64url); data: a user's passkey (src/webauthn) */
  webAuthnCredential: "webAuthnCredential",
  /** scope: pool id; key: chosen by src/authEvents so that a user's events list newest first; data: AuthEventType */
  authEvent: "authEvent",
  /** scope: pool id; key: sha256 of the code; data: what the authorization endpoint granted, until the token endpoint redeems it (src/oauth) */
  authorizationCode: "authorizationCode",
  /** scope: pool id; key: sha256 of the cookie; data: a managed login session, so that the next authorization needs no sign-in (src/oauth) */
  hostedSession: "hostedSession",
  /** scope: pool id; key: sha256 of the secret in the state sent to an OIDC provider; data: the authorization request it resumes, nonce, PKCE verifier (src/federation) */
  federationState: "federationState",
  /** scope: pool id; key: `${ProviderName}:${ProviderAttributeName}:${value}`; data: the user an external identity signs in as (AdminLinkProviderForUser, src/federation) */
  federationLink: "federationLink",
  /** scope: pool id; key: the ID of an AuthnRequest sent to a SAML provider; data: when (src/saml; answered once) */
  samlRequest: "samlRequest",
  /** scope: pool id; key: sha256 of the RelayState sent to a SAML provider; data: the authorization request it resumes (src/saml) */
  samlRelayState: "samlRelayState",
} as const;
