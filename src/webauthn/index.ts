import type { OperationDefinition } from "../protocol/operation.js";
import { completeWebAuthnRegistration } from "./completeWebAuthnRegistration.js";
import { deleteWebAuthnCredential } from "./deleteWebAuthnCredential.js";
import { listWebAuthnCredentials } from "./listWebAuthnCredentials.js";
import { startWebAuthnRegistration } from "./startWebAuthnRegistration.js";

/** Passkeys (WebAuthn): registration, listing and deletion of credentials. One file an operation. */
export const webAuthnOperations: OperationDefinition<never, unknown>[] = [
  startWebAuthnRegistration,
  completeWebAuthnRegistration,
  listWebAuthnCredentials,
  deleteWebAuthnCredential,
];
