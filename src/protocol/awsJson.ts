import type { CognateConfig } from "../server/config.js";
import type { Logger } from "../common/log.js";
import { InvalidCursorError, type Store } from "../storage/types.js";
import { CognitoError, errors } from "./errors.js";
import { operations as model, type OperationName } from "./model.gen.js";
import type { OperationDefinition } from "./operation.js";
import { accountOf, parseAuthorization } from "./sigv4.js";
import { validateInput } from "./validate.js";

const TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

export interface AwsJsonRequest {
  target: string | undefined;
  authorization: string | undefined;
  body: string;
  requestId: string;
  /** The TCP peer's address. */
  sourceIp?: string;
}

export interface AwsJsonResponse {
  status: number;
  body: unknown;
  /** The operation name when the target was recognised (for the request log). */
  operation?: string;
  error?: { type: string; message: string };
}

export interface Dispatcher {
  handle(req: AwsJsonRequest): Promise<AwsJsonResponse>;
}

/**
 * AWS JSON 1.1 for cognito-idp: picks the operation from X-Amz-Target, parses and validates
 * the body against the model, runs the handler (in one transaction unless it opts out) and
 * turns every failure into `{__type, message}`. Unexpected errors are logged and answered
 * as InternalErrorException without details.
 */
export function createDispatcher(deps: {
  store: Store;
  config: CognateConfig;
  log: Logger;
  handlers: ReadonlyMap<string, OperationDefinition>;
}): Dispatcher {
  const { store, config, log, handlers } = deps;

  async function run(req: AwsJsonRequest): Promise<{ operation?: string; body: unknown }> {
    const target = req.target ?? "";
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    if (!name || !Object.hasOwn(model, name)) {
      throw new CognitoError("UnknownOperationException", `Unknown operation ${JSON.stringify(target)}`);
    }
    const operation = name as OperationName;
    let input: unknown;
    try {
      input = req.body.trim() === "" ? {} : JSON.parse(req.body);
    } catch {
      throw Object.assign(new CognitoError("SerializationException", "Request body is not valid JSON"), { operation });
    }
    try {
      validateInput(model[operation].input, input);
      const definition = handlers.get(operation);
      if (!definition) {
        throw new CognitoError("UnsupportedOperationException", `Cognate does not implement ${operation} yet`);
      }
      const credential = parseAuthorization(req.authorization);
      const ctx = {
        store,
        config,
        accountId: accountOf(credential, config.accountId),
        region: credential?.region ?? config.region,
        now: Date.now(),
        requestId: req.requestId,
        log,
        ...(req.sourceIp ? { sourceIp: req.sourceIp } : {}),
      };
      const call = () => definition.handler(input, ctx);
      const output = definition.transaction
        ? await store.transaction(call, { readOnly: definition.readOnly })
        : await call();
      return { operation, body: output ?? {} };
    } catch (err) {
      throw Object.assign(err instanceof Error ? err : new Error(String(err)), { operation });
    }
  }

  return {
    async handle(req) {
      try {
        const { operation, body } = await run(req);
        return { status: 200, body, ...(operation ? { operation } : {}) };
      } catch (thrown) {
        const operation = (thrown as { operation?: string }).operation;
        const err =
          thrown instanceof InvalidCursorError ? errors.invalidParameter("The pagination token is not valid.") : thrown;
        if (err instanceof CognitoError) {
          const error = { type: err.type, message: err.message };
          return {
            status: err.status,
            body: { __type: err.type, message: err.message },
            error,
            ...(operation ? { operation } : {}),
          };
        }
        log.error("unhandled error", {
          requestId: req.requestId,
          operation,
          error: err instanceof Error ? err.stack : String(err),
        });
        const error = { type: "InternalErrorException", message: "Internal error" };
        return {
          status: 500,
          body: { __type: error.type, message: error.message },
          error,
          ...(operation ? { operation } : {}),
        };
      }
    },
  };
}
