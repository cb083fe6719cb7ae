/** The error codes of RFC 6749 §5.2 and RFC 7009 §2.2.1 that Cognito's endpoints answer. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "unsupported_token_type"
  | "invalid_token"
  | "server_error";

/** An OAuth error answer: `{"error": code}` with its HTTP status (400 unless the endpoint says otherwise). */
export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly status = 400,
    /** error_description, for the few answers Cognito explains. */
    readonly description?: string,
  ) {
    super(description ?? code);
  }
}

export const oauthError = (code: OAuthErrorCode, description?: string) => new OAuthError(code, 400, description);
