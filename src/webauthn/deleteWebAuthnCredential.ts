import type {
  DeleteWebAuthnCredentialRequest,
  DeleteWebAuthnCredentialResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { passkeyUser } from "./access.js";
import { deletePasskey, readPasskey } from "./credentials.js";

/** Deletes one of the signed-in user's passkeys; another user's, or an unknown id, is not found. */
export const deleteWebAuthnCredential = defineOperation<
  DeleteWebAuthnCredentialRequest,
  DeleteWebAuthnCredentialResponse
>("DeleteWebAuthnCredential", async (input, ctx) => {
  const { pool, user } = await passkeyUser(ctx, input.AccessToken!);
  const passkey = await readPasskey(ctx, pool, input.CredentialId!);
  if (!passkey || passkey.sub !== user.sub) throw errors.resourceNotFound("Credential not found.");
  await deletePasskey(ctx, pool, passkey);
  return {};
});
