import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A real OpenID provider (the oidc-provider package) on 127.0.0.1, as the external IdP of federation tests. */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Starts oidc-provider with its development interactions (login and consent pages) and one
 * confidential client (client_secret_post) registered for `redirectUris`, Cognate's idpresponse
 * URLs. `account(id)` answers the claims of the user who signs in as `id` (undefined: no such user).
 */
export async function startOidcProvider(
  redirectUris: string[],
  account: (id: string) => Record<string, unknown> | undefined,
): Promise<TestOidcProvider> {
  let handle: NodeHandler = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // oidc-provider ships no types; the member used here is typed by hand.
  const specifier = "oidc-provider";
  const { Provider } = (await import(specifier)) as {
    Provider: new (issuer: string, config: Record<string, unknown>) => { callback(): NodeHandler };
  };
  const clientId = "cognate";
  const clientSecret = "idp-client-secret-for-tests-only";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        token_endpoint_auth_method: "client_secret_post",
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name"] },
    cookies: { keys: ["oidc-provider-test-cookie-key"] },
    findAccount: async (_ctx: unknown, id: string) => {
      const claims = account(id);
      return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
    },
  });
  handle = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
