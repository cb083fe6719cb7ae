import { authEventOperations } from "../authEvents/index.js";
import { authOperations } from "../auth/index.js";
import { brandingOperations } from "../branding/index.js";
import { clientOperations } from "../clients/index.js";
import { deviceOperations } from "../devices/index.js";
import { domainOperations } from "../domains/index.js";
import { federationOperations } from "../federation/index.js";
import { groupOperations } from "../groups/index.js";
import { identityProviderOperations } from "../identityProviders/index.js";
import { mfaOperations } from "../mfa/index.js";
import { poolOperations } from "../pools/index.js";
import { passwordRecoveryOperations } from "../passwordRecovery/index.js";
import { resourceServerOperations } from "../resourceServers/index.js";
import { selfServiceOperations } from "../selfService/index.js";
import { signUpOperations } from "../signUp/index.js";
import { userOperations } from "../users/index.js";
import { webAuthnOperations } from "../webauthn/index.js";
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
  ...mfaOperations,
  ...deviceOperations,
  ...webAuthnOperations,
  ...authEventOperations,
  ...federationOperations,
];

export const handlers: ReadonlyMap<string, OperationDefinition> = new Map(
  all.map((op) => [op.name, op as unknown as OperationDefinition]),
);
