import { authOperations } from "../auth/index.js";
import { brandingOperations } from "../branding/index.js";
import { clientOperations } from "../clients/index.js";
import { domainOperations } from "../domains/index.js";
import { groupOperations } from "../groups/index.js";
import { identityProviderOperations } from "../identityProviders/index.js";
import { poolOperations } from "../pools/index.js";
import { passwordRecoveryOperations } from "../passwordRecovery/index.js";
import { resourceServerOperations } from "../resourceServers/index.js";
import { selfServiceOperations } from "../selfService/index.js";
import { signUpOperations } from "../signUp/index.js";
import { userOperations } from "../users/index.js";
import type { OperationDefinition } from "./operation.js";

/** Every implemented operation, by wire name. Each resource family exports its list. */
const all: OperationDefinition<never, unknown>[] = [
  ...poolOperations,
  ...clientOperations,
  ...userOperations,
  ...groupOperations,
  ...resourceServerOperations,
  ...identityProviderOperations,
  ...domainOperations,
  ...brandingOperations,
  ...authOperations,
  ...selfServiceOperations,
  ...signUpOperations,
  ...passwordRecoveryOperations,
];

export const handlers: ReadonlyMap<string, OperationDefinition> = new Map(
  all.map((op) => [op.name, op as unknown as OperationDefinition]),
);
