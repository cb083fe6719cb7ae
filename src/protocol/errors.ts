import type { ExceptionName } from "./model.gen.js";

/**
 * A Cognito exception as the wire shows it: `{"__type": type, "message": message}`.
 * Client errors answer 400 (real Cognito answers NotAuthorizedException, ResourceNotFound…
 * with 400 too); only InternalErrorException is a 500.
 */
export class CognitoError extends Error {
  readonly status: number;
  constructor(
    readonly type:
      | ExceptionName
      | "UnknownOperationException"
      | "SerializationException"
      | "UnrecognizedClientException",
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = type;
    this.status = status ?? (type === "InternalErrorException" ? 500 : 400);
  }
}

const make =
  (type: ConstructorParameters<typeof CognitoError>[0]) =>
  (message: string): CognitoError =>
    new CognitoError(type, message);

/** Factories for the exceptions handlers throw; the message is always the handler's to give. */
export const errors = {
  invalidParameter: make("InvalidParameterException"),
  resourceNotFound: make("ResourceNotFoundException"),
  userNotFound: make("UserNotFoundException"),
  usernameExists: make("UsernameExistsException"),
  aliasExists: make("AliasExistsException"),
  groupExists: make("GroupExistsException"),
  duplicateProvider: make("DuplicateProviderException"),
  notAuthorized: make("NotAuthorizedException"),
  invalidPassword: make("InvalidPasswordException"),
  invalidOAuthFlow: make("InvalidOAuthFlowException"),
  scopeDoesNotExist: make("ScopeDoesNotExistException"),
  unsupportedIdentityProvider: make("UnsupportedIdentityProviderException"),
  limitExceeded: make("LimitExceededException"),
  concurrentModification: make("ConcurrentModificationException"),
  userPoolTagging: make("UserPoolTaggingException"),
  unsupportedUserState: make("UnsupportedUserStateException"),
  operationNotEnabled: make("OperationNotEnabledException"),
  featureUnavailableInTier: make("FeatureUnavailableInTierException"),
  tierChangeNotAllowed: make("TierChangeNotAllowedException"),
  managedLoginBrandingExists: make("ManagedLoginBrandingExistsException"),
  termsExists: make("TermsExistsException"),
  unsupportedOperation: make("UnsupportedOperationException"),
  invalidUserPoolConfiguration: make("InvalidUserPoolConfigurationException"),
  precondition: make("PreconditionNotMetException"),
  userImportInProgress: make("UserImportInProgressException"),
  serialization: make("SerializationException"),
  unknownOperation: make("UnknownOperationException"),
  internal: make("InternalErrorException"),
};
