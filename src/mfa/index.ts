import type { OperationDefinition } from "../protocol/operation.js";

/** Multi-factor authentication: authenticator apps (TOTP) and the users' MFA preferences. One file an operation. */
export const mfaOperations: OperationDefinition<never, unknown>[] = [];
