import type { OperationDefinition } from "../protocol/operation.js";
import { adminDisableProviderForUser } from "./adminDisableProviderForUser.js";
import { adminLinkProviderForUser } from "./adminLinkProviderForUser.js";

/** Operations of this family: one file each. Federated sign-in itself is start.ts and callback.ts. */
export const federationOperations: OperationDefinition<never, unknown>[] = [
  adminLinkProviderForUser,
  adminDisableProviderForUser,
];
