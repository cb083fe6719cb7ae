import type { CognateConfig } from "../server/config.js";
import type { Logger } from "../common/log.js";
import type { Store } from "../storage/types.js";
import type { OperationName } from "./model.gen.js";

/** What a handler may use. Storage is reached only through `store`'s slices. */
export interface OperationContext {
  store: Store;
  config: CognateConfig;
  /** The caller's account (from the SigV4 access key, or the configured default). */
  accountId: string;
  /** Region for new resources (the request's signing region, or the configured default). */
  region: string;
  /** Milliseconds since the epoch at the start of the request; one clock for the whole request. */
  now: number;
  requestId: string;
  log: Logger;
  /** The caller's IP address (the TCP peer), where Cognito records one (auth events, devices). */
  sourceIp?: string;
  /**
   * Set when Cognate's managed login pages drive a sign-in (src/managedLogin) rather than an app
   * calling the API: the flows then need no ExplicitAuthFlows, and a sign-in that succeeds ends
   * here (signedIn) instead of in tokens; the authorization endpoint issues those later.
   */
  hostedUi?: HostedSignIn;
}

/** What a managed-login sign-in leaves behind once the user is authenticated. */
export interface HostedSignIn {
  signedIn?: { username: string; deviceKey?: string };
}

export type Handler<I, O> = (input: I, ctx: OperationContext) => Promise<O>;

export interface OperationDefinition<I = unknown, O = unknown> {
  name: OperationName;
  handler: Handler<I, O>;
  /**
   * Run the handler inside one storage transaction (the default). An operation that does
   * slow work between reads and writes may opt out and open its own transactions.
   */
  transaction: boolean;
  /** The handler only reads: its transaction may take a read lock. */
  readOnly: boolean;
}

/** Declares an operation; I and O are the AWS SDK's request and response types. */
export function defineOperation<I, O>(
  name: OperationName,
  handler: Handler<I, O>,
  options: { transaction?: boolean; readOnly?: boolean } = {},
): OperationDefinition<I, O> {
  return { name, handler, transaction: options.transaction ?? true, readOnly: options.readOnly ?? false };
}
