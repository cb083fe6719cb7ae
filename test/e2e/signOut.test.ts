import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

const PASSWORD = "Passw0rd!";

async function setup(t: TestCognate, client: Partial<CreateUserPoolClientCommandInput> = {}) {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "signout" }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      ...client,
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  const clientSecret = UserPoolClient!.ClientSecret;
  await t.client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "alice", MessageAction: "SUPPRESS" }));
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "alice", Password: PASSWORD, Permanent: true }),
  );
  const signIn = async () => {
    if (clientSecret) {
      const { computeSecretHash } = await import("../../src/clients/secretHash.js");
      return (
        await t.client.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: {
              USERNAME: "alice",
              PASSWORD,
              SECRET_HASH: computeSecretHash("alice", clientId, clientSecret),
            },
          }),
        )
      ).AuthenticationResult!;
    }
    return (
      await t.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "alice", PASSWORD },
        }),
      )
    ).AuthenticationResult!;
  };
  const refresh = (token: string) =>
    t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: token },
      }),
    );
  return { poolId, clientId, clientSecret, signIn, refresh };
}

describe("GlobalSignOut and AdminUserGlobalSignOut", () => {
  const t = useCognate();

  it("GlobalSignOut refuses every token issued before it, and a new sign-in works", async () => {
    const { signIn, refresh } = await setup(t);
    const first = await signIn();
    const second = await signIn();
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: first.AccessToken! }))).Username, "alice");
    const out = await t.client.send(new GlobalSignOutCommand({ AccessToken: first.AccessToken! }));
    assert.deepEqual(
      Object.keys(out).filter((k) => k !== "$metadata"),
      [],
    );
    for (const token of [first.AccessToken!, second.AccessToken!]) {
      const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: token })));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Access Token has been revoked");
    }
    for (const token of [first.RefreshToken!, second.RefreshToken!]) {
      const err = await errorOf(() => refresh(token));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Refresh Token has been revoked");
    }
    const again = await errorOf(() => t.client.send(new GlobalSignOutCommand({ AccessToken: first.AccessToken! })));
    assert.equal(again.message, "Access Token has been revoked");

    const fresh = await signIn();
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: fresh.AccessToken! }))).Username, "alice");
    assert.ok((await refresh(fresh.RefreshToken!)).AuthenticationResult);
  });

  it("AdminDisableUser revokes the user's tokens for good: enabling the user does not revive them", async () => {
    const { poolId, signIn, refresh } = await setup(t);
    const tokens = await signIn();
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "alice" }));
    const whileDisabled = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(whileDisabled.message, "User is disabled.");
    await t.client.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "alice" }));
    const access = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(access.name, "NotAuthorizedException");
    assert.equal(access.message, "Access Token has been revoked");
    assert.equal((await errorOf(() => refresh(tokens.RefreshToken!))).message, "Refresh Token has been revoked");
    const fresh = await signIn();
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: fresh.AccessToken! }))).Username, "alice");
  });

  it("a sign-in just after a sign-out, within the same second, is not revoked (clients without revocation too)", async (ctx) => {
    // Tokens of such clients carry no origin_jti; iat has whole seconds only, the sign-out has milliseconds.
    for (const EnableTokenRevocation of [true, false]) {
      const { poolId, signIn } = await setup(t, { EnableTokenRevocation });
      ctx.mock.timers.enable({ apis: ["Date"], now: 1_800_000_000_100 });
      const before = await signIn();
      ctx.mock.timers.tick(1);
      await t.client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "alice" }));
      await t.client.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "alice" }));
      ctx.mock.timers.tick(1);
      const after = await signIn();
      assert.equal((await t.client.send(new GetUserCommand({ AccessToken: after.AccessToken! }))).Username, "alice");
      const old = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: before.AccessToken! })));
      assert.equal(old.message, "Access Token has been revoked", `EnableTokenRevocation ${EnableTokenRevocation}`);
      ctx.mock.timers.reset();
    }
  });

  it("AdminUserGlobalSignOut does the same for an administrator", async () => {
    const { poolId, signIn, refresh } = await setup(t);
    const tokens = await signIn();
    const other = await signIn();
    const res = await t.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "alice" }));
    assert.deepEqual(
      Object.keys(res).filter((k) => k !== "$metadata"),
      [],
    );
    for (const session of [tokens, other]) {
      const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: session.AccessToken! })));
      assert.equal(err.message, "Access Token has been revoked");
      assert.equal((await errorOf(() => refresh(session.RefreshToken!))).message, "Refresh Token has been revoked");
    }
    const unknown = await errorOf(() =>
      t.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "nobody" })),
    );
    assert.equal(unknown.name, "UserNotFoundException");
    assert.equal(unknown.message, "User does not exist.");
    const noPool = await errorOf(() =>
      t.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: "us-east-1_nothere00", Username: "alice" })),
    );
    assert.equal(noPool.name, "ResourceNotFoundException");
  });

  it("GlobalSignOut refuses an invalid access token", async () => {
    const err = await errorOf(() => t.client.send(new GlobalSignOutCommand({ AccessToken: "not-a-token" })));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Invalid Access Token");
  });

  it("GlobalSignOut also revokes refresh tokens obtained by rotation", async () => {
    const { clientId, signIn } = await setup(t, {
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
      RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 0 },
    });
    const tokens = await signIn();
    const rotated = (
      await t.client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: tokens.RefreshToken }),
      )
    ).AuthenticationResult!;
    await t.client.send(new GlobalSignOutCommand({ AccessToken: rotated.AccessToken }));
    const err = await errorOf(() =>
      t.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: rotated.RefreshToken })),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "Refresh Token has been revoked");
  });

  it("revoked tokens stay revoked when the client's token revocation is turned off", async () => {
    // "When you disable token revocation in an app client where it was previously enabled, revoked tokens don't
    // become active again." (Developer Guide, Ending user sessions with token revocation)
    const { poolId, clientId, signIn, refresh } = await setup(t);
    const tokens = await signIn();
    await t.client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
    await t.client.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        EnableTokenRevocation: false,
      }),
    );
    const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal((await errorOf(() => refresh(tokens.RefreshToken!))).name, "NotAuthorizedException");
  });
});

describe("RevokeToken", () => {
  const t = useCognate();

  it("revokes the refresh token and the access tokens of its sign-in only", async () => {
    const { clientId, signIn, refresh } = await setup(t);
    const revoked = await signIn();
    const kept = await signIn();
    const refreshed = (await refresh(revoked.RefreshToken!)).AuthenticationResult!;
    const res = await t.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: revoked.RefreshToken! }));
    assert.deepEqual(
      Object.keys(res).filter((k) => k !== "$metadata"),
      [],
    );
    assert.equal((await errorOf(() => refresh(revoked.RefreshToken!))).message, "Refresh Token has been revoked");
    for (const token of [revoked.AccessToken!, refreshed.AccessToken!]) {
      const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: token })));
      assert.equal(err.name, "NotAuthorizedException");
      assert.equal(err.message, "Access Token has been revoked");
    }
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: kept.AccessToken! }))).Username, "alice");
    assert.ok((await refresh(kept.RefreshToken!)).AuthenticationResult);
    const viaGetTokens = await errorOf(() =>
      t.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: revoked.RefreshToken })),
    );
    assert.equal(viaGetTokens.name, "NotAuthorizedException");
    assert.equal(viaGetTokens.message, "Refresh Token has been revoked");
  });

  it("needs the client secret for clients with one, and the token's own client", async () => {
    const { clientId, clientSecret, signIn, poolId } = await setup(t, { GenerateSecret: true });
    const tokens = await signIn();
    const noSecret = await errorOf(() =>
      t.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: tokens.RefreshToken! })),
    );
    // RevokeToken declares UnauthorizedException (not NotAuthorizedException) for a client it can't authenticate.
    assert.equal(noSecret.name, "UnauthorizedException");
    assert.equal(noSecret.message, `Client ${clientId} is configured with secret but ClientSecret was not received`);
    const wrongSecret = await errorOf(() =>
      t.client.send(
        new RevokeTokenCommand({ ClientId: clientId, ClientSecret: "x".repeat(51), Token: tokens.RefreshToken! }),
      ),
    );
    assert.equal(wrongSecret.name, "UnauthorizedException");
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "other" }),
    );
    const otherClient = await errorOf(() =>
      t.client.send(new RevokeTokenCommand({ ClientId: UserPoolClient!.ClientId!, Token: tokens.RefreshToken! })),
    );
    assert.equal(otherClient.name, "UnauthorizedException");
    // Refused, the tokens stay valid.
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).Username, "alice");
    await t.client.send(
      new RevokeTokenCommand({ ClientId: clientId, ClientSecret: clientSecret, Token: tokens.RefreshToken! }),
    );
    const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(err.message, "Access Token has been revoked");
  });

  it("refuses access tokens, clients without revocation, and unknown clients", async () => {
    const { clientId, signIn, poolId } = await setup(t);
    const tokens = await signIn();
    const access = await errorOf(() =>
      t.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: tokens.AccessToken! })),
    );
    assert.equal(access.name, "UnsupportedTokenTypeException");
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "norevoke", EnableTokenRevocation: false }),
    );
    const disabled = await errorOf(() =>
      t.client.send(new RevokeTokenCommand({ ClientId: UserPoolClient!.ClientId!, Token: tokens.RefreshToken! })),
    );
    assert.equal(disabled.name, "UnsupportedOperationException");
    const unknown = await errorOf(() =>
      t.client.send(new RevokeTokenCommand({ ClientId: "c".repeat(26), Token: "x" })),
    );
    assert.equal(unknown.name, "ResourceNotFoundException");
    // An unknown refresh token is not an error.
    await t.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: "unknown-token" }));
  });

  it("AdminInitiateAuth refresh honours revocation too", async () => {
    const { poolId, clientId, signIn } = await setup(t);
    const tokens = await signIn();
    await t.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: tokens.RefreshToken! }));
    const err = await errorOf(() =>
      t.client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      ),
    );
    assert.equal(err.message, "Refresh Token has been revoked");
  });
});

describe("clients with token revocation disabled", () => {
  const t = useCognate();

  it("issue tokens without origin_jti, which GlobalSignOut still ends", async () => {
    const { signIn } = await setup(t, { EnableTokenRevocation: false });
    const tokens = await signIn();
    assert.equal(decodeJwt(tokens.AccessToken!).origin_jti, undefined);
    assert.equal(decodeJwt(tokens.IdToken!).origin_jti, undefined);
    assert.equal((await t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }))).Username, "alice");
    await t.client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken! }));
    const err = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(err.message, "Access Token has been revoked");
  });
});
