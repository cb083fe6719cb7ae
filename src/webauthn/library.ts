/**
 * @simplewebauthn/server takes ~350 ms to load (its ASN.1 and X.509 stack), more than the whole
 * server's start-up: it is loaded by the first passkey operation instead of at start.
 */
type Server = typeof import("@simplewebauthn/server");
type Helpers = typeof import("@simplewebauthn/server/helpers");

let server: Promise<Server> | undefined;
let helpers: Promise<Helpers> | undefined;

export const webAuthnServer = (): Promise<Server> => (server ??= import("@simplewebauthn/server"));
export const webAuthnHelpers = (): Promise<Helpers> => (helpers ??= import("@simplewebauthn/server/helpers"));
