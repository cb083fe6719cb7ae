import type { ServerResponse } from "node:http";
import { redirect } from "../oauth/authorization.js";
import type { AuthorizeRequest } from "../oauth/authorizeRequest.js";

/**
 * A federated sign-in that failed after the app's redirect_uri was verified: the browser goes
 * back to the app with ?error=…&error_description=…&state=… (RFC 6749 §4.1.2.1). The code may be
 * one the external provider answered (access_denied), which AuthorizeRedirectError does not list.
 */
export class FederationError extends Error {
  constructor(
    readonly code: string,
    readonly description?: string,
  ) {
    super(description ?? code);
  }
}

/** Sends the browser back to the app with the error, in the query (code) or fragment (implicit grant). */
export function redirectErrorToApp(res: ServerResponse, request: AuthorizeRequest, error: FederationError): void {
  const target = new URL(request.redirectUri);
  const params = new URLSearchParams();
  params.set("error", error.code);
  if (error.description) params.set("error_description", error.description);
  if (request.state !== undefined) params.set("state", request.state);
  if (request.responseType === "token") target.hash = params.toString();
  else for (const [k, v] of params) target.searchParams.set(k, v);
  redirect(res, target.href);
}
