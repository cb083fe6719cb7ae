import type {
  ListWebAuthnCredentialsRequest,
  ListWebAuthnCredentialsResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../protocol/errors.js";
import { defineOperation } from "../protocol/operation.js";
import { passkeyUser } from "./access.js";
import { toDescription, userPasskeys } from "./credentials.js";

const MAX_RESULTS = 20;

/**
 * The signed-in user's passkeys, oldest first. NextToken is the credential id the next page
 * starts after (base64url-wrapped); a token naming a passkey deleted since is refused.
 */
export const listWebAuthnCredentials = defineOperation<ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse>(
  "ListWebAuthnCredentials",
  async (input, ctx) => {
    const { pool, user } = await passkeyUser(ctx, input.AccessToken!);
    const limit = input.MaxResults ? Math.min(input.MaxResults, MAX_RESULTS) : MAX_RESULTS;
    const passkeys = await userPasskeys(ctx, pool, user);
    let start = 0;
    if (input.NextToken !== undefined) {
      const after = Buffer.from(input.NextToken, "base64url").toString("utf8");
      const at = passkeys.findIndex((p) => p.credentialId === after);
      if (at < 0) throw errors.invalidParameter("Invalid NextToken.");
      start = at + 1;
    }
    const page = passkeys.slice(start, start + limit);
    const more = start + limit < passkeys.length;
    return {
      Credentials: page.map(toDescription),
      ...(more ? { NextToken: Buffer.from(page[page.length - 1]!.credentialId).toString("base64url") } : {}),
    } as unknown as ListWebAuthnCredentialsResponse;
  },
  { readOnly: true },
);
