import type { OperationDefinition } from "../protocol/operation.js";

/** Operations of this family: one file each. */
export const domainOperations: OperationDefinition<never, unknown>[] = [];
