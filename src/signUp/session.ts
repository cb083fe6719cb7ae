import type { OperationContext } from "../protocol/operation.js";
import { randomToken } from "../common/ids.js";
import { ResourceKind } from "../storage/kinds.js";
import type { ClientRecord, PoolRecord } from "../storage/types.js";

/**
 * The authSession document SignUp and ConfirmSignUp leave for signing in straight after
 * confirmation (USER_AUTH with the Session). Key: the Session string itself.
 * `stage` tells a session from SignUp (user not yet confirmed) from one ConfirmSignUp issued.
 */
export interface SignUpSession {
  type: "signUp";
  stage: "signedUp" | "confirmed";
  /** The stored username (the uuid in email/phone-as-username pools). */
  username: string;
  clientId: string;
  expiresAt: number;
  /** Signed in with already (closeSession): kept until it expires. */
  used?: boolean;
}

const DAY_MS = 86_400_000;

/** Stores a sign-up session and returns its Session string. */
export async function createSignUpSession(
  ctx: OperationContext,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  stage: SignUpSession["stage"],
): Promise<string> {
  const session = randomToken(64);
  // SignUp's session waits for the code (valid a day); ConfirmSignUp's lasts the client's AuthSessionValidity.
  const minutes = (client.config.AuthSessionValidity as number | undefined) ?? 3;
  const expiresAt = stage === "signedUp" ? ctx.now + DAY_MS : ctx.now + minutes * 60_000;
  await ctx.store.resources.put<SignUpSession>({
    kind: ResourceKind.authSession,
    scope: pool.id,
    key: session,
    data: { type: "signUp", stage, username, clientId: client.clientId, expiresAt },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    expiresAt,
  });
  return session;
}
