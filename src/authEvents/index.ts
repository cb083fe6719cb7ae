import type { OperationDefinition } from "../protocol/operation.js";

/** Auth events: the record of sign-in attempts and the feedback on them. One file an operation. */
export const authEventOperations: OperationDefinition<never, unknown>[] = [];
