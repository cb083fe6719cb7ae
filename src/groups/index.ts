import type { OperationDefinition } from "../protocol/operation.js";

/** Operations of this family: one file each. */
export const groupOperations: OperationDefinition<never, unknown>[] = [];
