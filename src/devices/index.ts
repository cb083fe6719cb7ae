import type { OperationDefinition } from "../protocol/operation.js";

/** Remembered devices: confirmation, listing, status and forgetting. One file an operation. */
export const deviceOperations: OperationDefinition<never, unknown>[] = [];
