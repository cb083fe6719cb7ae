import type { OperationDefinition } from "../protocol/operation.js";
import { createUserPool } from "./createUserPool.js";
import { describeUserPool } from "./describeUserPool.js";

/** User pool operations: one file each. */
export const poolOperations: OperationDefinition<never, unknown>[] = [createUserPool, describeUserPool];
