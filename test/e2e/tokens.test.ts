import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { useCognate } from "../helpers/cognate.js";

describe("token keys and discovery", () => {
  const t = useCognate();

  it("serves one RS256 key per pool, the same on every fetch", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "keys" }));
    const res = await fetch(`${t.url}/${UserPool!.Id}/.well-known/jwks.json`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { keys: Record<string, string>[] };
    assert.equal(body.keys.length, 1);
    const key = body.keys[0]!;
    assert.deepEqual(Object.keys(key), ["alg", "e", "kid", "kty", "n", "use"]);
    assert.equal(key.alg, "RS256");
    assert.equal(key.kty, "RSA");
    assert.equal(key.use, "sig");
    assert.equal(key.e, "AQAB");
    assert.equal(Buffer.from(key.n!, "base64url").length, 256);
    const again = (await (await fetch(`${t.url}/${UserPool!.Id}/.well-known/jwks.json`)).json()) as typeof body;
    assert.deepEqual(again, body);

    const { UserPool: other } = await t.client.send(new CreateUserPoolCommand({ PoolName: "other" }));
    const otherKeys = (await (await fetch(`${t.url}/${other!.Id}/.well-known/jwks.json`)).json()) as typeof body;
    assert.notEqual(otherKeys.keys[0]!.kid, key.kid);
  });

  it("serves the OpenID discovery document", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "discovery" }));
    const id = UserPool!.Id!;
    const res = await fetch(`${t.url}/${id}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as Record<string, unknown>;
    assert.equal(doc.issuer, `${t.url}/${id}`);
    assert.equal(doc.jwks_uri, `${t.url}/${id}/.well-known/jwks.json`);
    assert.equal(doc.authorization_endpoint, `${t.url}/oauth2/authorize`);
    assert.equal(doc.token_endpoint, `${t.url}/oauth2/token`);
    assert.equal(doc.userinfo_endpoint, `${t.url}/oauth2/userInfo`);
    assert.deepEqual(doc.subject_types_supported, ["public"]);
    assert.deepEqual(doc.id_token_signing_alg_values_supported, ["RS256"]);
    assert.deepEqual(doc.response_types_supported, ["code", "token"]);
    assert.deepEqual(doc.token_endpoint_auth_methods_supported, ["client_secret_basic", "client_secret_post"]);
    assert.deepEqual(doc.scopes_supported, ["openid", "email", "phone", "profile"]);
  });

  it("answers 404 for an unknown pool", async () => {
    const res = await fetch(`${t.url}/us-east-1_nothere00/.well-known/jwks.json`);
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { message: "User pool us-east-1_nothere00 does not exist." });
    const doc = await fetch(`${t.url}/us-east-1_nothere00/.well-known/openid-configuration`);
    assert.equal(doc.status, 404);
  });
});
