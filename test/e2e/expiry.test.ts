import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startCognate } from "../../src/index.js";
import { ResourceKind } from "../../src/storage/kinds.js";
import { hashRefreshToken } from "../../src/tokens/issue.js";
import { errorOf, useCognate } from "../helpers/cognate.js";

const PASSWORD = "Passw0rd!";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Sessions, codes, lockout counters, refresh tokens and sign-in records are deleted once past
 * use. The sweep is driven here with a future "now" against the server's own store; each
 * step shows, through the SDK, that what expired is gone and what has not is still usable.
 */
describe("expired records are swept from storage", () => {
  const t = useCognate();

  it("removes each kind of record only after its expiry", async () => {
    const start = Date.now();
    const { UserPool } = await t.client.send(
      new CreateUserPoolCommand({ PoolName: "expiry", AutoVerifiedAttributes: ["email"] }),
    );
    const poolId = UserPool!.Id!;
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "app",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const ClientId = UserPoolClient!.ClientId!;

    // alice: signed in (refresh token + sign-in record), then one wrong password (lockout counter).
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: "alice", MessageAction: "SUPPRESS" }),
    );
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "alice", Password: PASSWORD, Permanent: true }),
    );
    const password = (USERNAME: string, PASSWORD: string) =>
      new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD } });
    const tokens = (await t.client.send(password("alice", PASSWORD))).AuthenticationResult!;
    assert.equal(
      (await errorOf(() => t.client.send(password("alice", "Wrong-passw0rd")))).name,
      "NotAuthorizedException",
    );

    // bob: temporary password, so sign-in stops at NEW_PASSWORD_REQUIRED (a challenge session).
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: "bob",
        TemporaryPassword: PASSWORD,
        MessageAction: "SUPPRESS",
      }),
    );
    const challenge = await t.client.send(password("bob", PASSWORD));
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");

    // carol: signed up, not confirmed (a confirmation code and a sign-up session).
    await t.client.send(
      new SignUpCommand({
        ClientId,
        Username: "carol",
        Password: PASSWORD,
        UserAttributes: [{ Name: "email", Value: "carol@example.com" }],
      }),
    );
    const res = await fetch(`${t.url}/_cognate/messages?userPoolId=${encodeURIComponent(poolId)}`);
    const code = ((await res.json()) as { messages: { code?: string }[] }).messages.at(-1)!.code!;

    const sweep = (at: number) => t.cognate.store.resources.deleteExpired(at, 1000);

    // 10 minutes on: the challenge session (3 minutes by default) is gone, nothing else.
    assert.equal(await sweep(start + 10 * MINUTE), 1);
    const expired = await errorOf(() =>
      t.client.send(
        new RespondToAuthChallengeCommand({
          ClientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: challenge.Session!,
          ChallengeResponses: { USERNAME: "bob", NEW_PASSWORD: "N3w-Passw0rd!" },
        }),
      ),
    );
    assert.equal(expired.name, "NotAuthorizedException");
    assert.equal(expired.message, "Invalid session for the user, session is expired.");
    const refreshed = await t.client.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
      }),
    );
    assert.ok(refreshed.AuthenticationResult?.AccessToken);

    // 20 minutes on: alice's failure count (forgotten 15 minutes after the last failure).
    assert.ok(await t.cognate.store.resources.get(ResourceKind.lockout, poolId, "alice"));
    assert.equal(await sweep(start + 20 * MINUTE), 1);
    assert.equal(
      await t.cognate.store.resources.get(ResourceKind.lockout, poolId, "alice"),
      undefined,
      "the lockout counter is deleted",
    );

    // 25 hours on: carol's code and sign-up session (a day each). Her right code no longer works.
    assert.equal(await sweep(start + 25 * HOUR), 2);
    const stale = await errorOf(() =>
      t.client.send(new ConfirmSignUpCommand({ ClientId, Username: "carol", ConfirmationCode: code })),
    );
    assert.equal(stale.name, "ExpiredCodeException");

    // Access tokens still work until the sign-in is swept: it outlives the refresh token (30
    // days) by the longest token validity (an hour here).
    await t.client.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken! }));
    assert.equal(await sweep(start + 30 * DAY - HOUR), 0);
    assert.equal(await sweep(start + 30 * DAY + 2 * HOUR), 1);
    const gone = await errorOf(() =>
      t.client.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      ),
    );
    assert.equal(gone.name, "NotAuthorizedException");
    const revoked = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })));
    assert.equal(revoked.name, "NotAuthorizedException");
    // The refresh token's own record stays 30 days past its end, so that it answers
    // "Refresh Token has expired" rather than "Invalid Refresh Token." meanwhile.
    assert.ok(
      await t.cognate.store.resources.get(ResourceKind.refreshToken, poolId, hashRefreshToken(tokens.RefreshToken!)),
    );
    assert.equal(await sweep(start + 60 * DAY + 2 * HOUR), 1);
    assert.equal(
      await t.cognate.store.resources.get(ResourceKind.refreshToken, poolId, hashRefreshToken(tokens.RefreshToken!)),
      undefined,
    );
  });
});

describe("the server sweeps on its own", () => {
  it("deletes an expired record within the sweep interval", async () => {
    const cognate = await startCognate({ port: 0, inMemory: true, logLevel: "silent", sweepIntervalMs: 20 });
    try {
      const record = {
        kind: ResourceKind.authSession,
        scope: "us-east-1_expiry",
        data: {},
        createdAt: 0,
        updatedAt: 0,
      };
      await cognate.store.resources.put({ ...record, key: "past", expiresAt: Date.now() - 1 });
      await cognate.store.resources.put({ ...record, key: "future", expiresAt: Date.now() + HOUR });
      await cognate.store.resources.put({ ...record, key: "forever" });
      const deadline = Date.now() + 5_000;
      while ((await cognate.store.resources.get(record.kind, record.scope, "past")) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(await cognate.store.resources.get(record.kind, record.scope, "past"), undefined);
      assert.ok(await cognate.store.resources.get(record.kind, record.scope, "future"));
      assert.ok(await cognate.store.resources.get(record.kind, record.scope, "forever"));
    } finally {
      await cognate.close();
    }
  });
});
