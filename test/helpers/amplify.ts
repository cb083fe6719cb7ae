import assert from "node:assert/strict";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import type { TestCognate } from "./cognate.js";

/** Shared set-up for the client-library tests (Amplify v6, amazon-cognito-identity-js). */

export interface OutboxMessage {
  username: string;
  deliveryMedium: string;
  destination: string;
  message: string;
  code: string | null;
}

export async function messagesOf(url: string, userPoolId: string, username: string): Promise<OutboxMessage[]> {
  const query = new URLSearchParams({ userPoolId, username });
  const res = await fetch(`${url}/_cognate/messages?${query}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** The code of the user's newest outbox message. */
export async function latestCode(url: string, userPoolId: string, username: string): Promise<string> {
  const messages = await messagesOf(url, userPoolId, username);
  const code = messages.at(-1)?.code;
  assert.match(code ?? "", /^\d{6}$/, `a 6-digit code was sent to ${username}`);
  return code!;
}

/** A pool and one app client without a secret, as a browser or mobile app uses. */
export async function appPool(
  t: TestCognate,
  pool: Partial<CreateUserPoolRequest> = {},
  client: Partial<CreateUserPoolClientRequest> = {},
): Promise<{ poolId: string; clientId: string }> {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "app", AutoVerifiedAttributes: ["email"], ...pool }),
  );
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: "web",
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      ...client,
    }),
  );
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

/**
 * Verifies a token's RS256 signature against the pool's published JWKS and its issuer,
 * and returns the claims.
 */
export async function verifiedClaims(url: string, poolId: string, token: string): Promise<JWTPayload> {
  const res = await fetch(`${url}/${poolId}/.well-known/jwks.json`);
  assert.equal(res.status, 200);
  const jwks = createLocalJWKSet((await res.json()) as JSONWebKeySet);
  const { payload } = await jwtVerify(token, jwks, { issuer: `${url}/${poolId}`, algorithms: ["RS256"] });
  assert.ok(decodeProtectedHeader(token).kid, "the token names its key");
  return payload;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks the claims Cognito puts in every id and access token of a user-pool sign-in. */
export function assertCognitoClaims(
  id: JWTPayload,
  access: JWTPayload,
  expected: { url: string; poolId: string; clientId: string; sub: string; username: string },
): void {
  const iss = `${expected.url}/${expected.poolId}`;
  assert.equal(id.iss, iss);
  assert.equal(access.iss, iss);
  assert.equal(id.sub, expected.sub);
  assert.equal(access.sub, expected.sub);
  assert.match(expected.sub, UUID);
  assert.equal(id.token_use, "id");
  assert.equal(access.token_use, "access");
  assert.equal(id["cognito:username"], expected.username);
  assert.equal(access.username, expected.username);
  assert.equal(id.aud, expected.clientId);
  assert.equal(access.client_id, expected.clientId);
  assert.equal(access.aud, undefined, "access tokens carry client_id, not aud");
  assert.equal(access.scope, "aws.cognito.signin.user.admin");
  for (const token of [id, access]) {
    assert.match(String(token.jti), UUID);
    assert.match(String(token.origin_jti), UUID);
    assert.match(String(token.event_id), UUID);
    assert.equal(typeof token.auth_time, "number");
    assert.ok(Math.abs(token.iat! - Date.now() / 1000) < 60, "iat is now");
    assert.equal(token.exp! - token.iat!, 3600, "one hour by default");
  }
  assert.equal(id.origin_jti, access.origin_jti, "both tokens come from one authentication");
  assert.equal(id.event_id, access.event_id);
}

/** Amplify's KeyValueStorageInterface over a Map, so a test can see what Amplify keeps. */
export class MapKeyValueStorage {
  readonly items = new Map<string, string>();
  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
  }
  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null;
  }
  async removeItem(key: string): Promise<void> {
    this.items.delete(key);
  }
  async clear(): Promise<void> {
    this.items.clear();
  }
}

/** amazon-cognito-identity-js's synchronous ICognitoStorage over a Map. */
export class MapSyncStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}
