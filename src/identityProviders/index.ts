import type { OperationDefinition } from "../protocol/operation.js";
import { createIdentityProvider } from "./createIdentityProvider.js";
import { deleteIdentityProvider } from "./deleteIdentityProvider.js";
import { describeIdentityProvider } from "./describeIdentityProvider.js";
import { getIdentityProviderByIdentifier } from "./getIdentityProviderByIdentifier.js";
import { listIdentityProviders } from "./listIdentityProviders.js";
import { updateIdentityProvider } from "./updateIdentityProvider.js";

/** Operations of this family: one file each. */
export const identityProviderOperations: OperationDefinition<never, unknown>[] = [
  createIdentityProvider,
  describeIdentityProvider,
  updateIdentityProvider,
  deleteIdentityProvider,
  listIdentityProviders,
  getIdentityProviderByIdentifier,
];
