import type { OperationDefinition } from "../protocol/operation.js";

/** Passkeys (WebAuthn): registration, listing and deletion of credentials. One file an operation. */
export const webAuthnOperations: OperationDefinition<never, unknown>[] = [];
