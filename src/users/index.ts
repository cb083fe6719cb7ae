import type { OperationDefinition } from "../protocol/operation.js";

/** Operations of this family: one file each. */
export const userOperations: OperationDefinition<never, unknown>[] = [];
