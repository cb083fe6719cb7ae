import type { OperationDefinition } from "../protocol/operation.js";

/** Operations of this family: one file each. */
export const clientOperations: OperationDefinition<never, unknown>[] = [];
