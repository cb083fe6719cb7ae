import type { OperationDefinition } from "../protocol/operation.js";
import { createUserPoolDomain } from "./createUserPoolDomain.js";
import { deleteUserPoolDomain } from "./deleteUserPoolDomain.js";
import { describeUserPoolDomain } from "./describeUserPoolDomain.js";
import { updateUserPoolDomain } from "./updateUserPoolDomain.js";

/** Operations of this family: one file each. */
export const domainOperations: OperationDefinition<never, unknown>[] = [
  createUserPoolDomain,
  describeUserPoolDomain,
  updateUserPoolDomain,
  deleteUserPoolDomain,
];
