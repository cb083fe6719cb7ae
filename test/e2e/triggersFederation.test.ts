import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { createLogger } from "../../src/common/log.js";
import { inboundFederation } from "../../src/triggers/inboundFederation.js";
import { errorOf, useCognate } from "../helpers/cognate.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

const handlers = handlerDir();
const t = useCognate({ triggers: { functions: { federation: { module: join(handlers.dir, "federation.ts") } } } });

/** Federated sign-in (issue 12) is not served yet: the trigger is called as its code will call it. */
async function poolContext(withTrigger: boolean) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "federation",
      ...(withTrigger
        ? { LambdaConfig: { InboundFederation: { LambdaArn: functionArn("federation"), LambdaVersion: "V1_0" } } }
        : {}),
    }),
  );
  const pool = (await t.cognate.store.pools.get(UserPool!.Id!))!;
  const ctx = {
    store: t.cognate.store,
    config: t.cognate.config,
    accountId: pool.accountId,
    region: "us-east-1",
    now: Date.now(),
    requestId: "test",
    log: createLogger("silent"),
  };
  return { ctx, pool };
}

const profile = {
  providerName: "Corp",
  providerType: "OIDC" as const,
  tokenResponse: { token_type: "Bearer", expires_in: "3600" },
  idToken: { sub: "abc-123", email: "ann@corp.example" },
  userInfo: { email: "ann@corp.example", name: "Ann" },
};

describe("InboundFederation trigger (the event federated sign-in will send)", () => {
  it("sends the provider's profile and applies the attributes the function maps", async () => {
    handlers.write(
      "federation",
      "  event.response.userAttributesToMap = { email: event.request.attributes.userInfo.email, nickname: 'ann' };\n  return event;",
    );
    const { ctx, pool } = await poolContext(true);
    const mapped = await inboundFederation(ctx, pool, { userName: "Corp_abc-123", clientId: "client-1", profile });
    assert.deepEqual(mapped, { email: "ann@corp.example", nickname: "ann" });
    assert.deepEqual(handlers.events("federation").at(-1), {
      version: "1",
      triggerSource: "InboundFederation_ExternalProvider",
      region: "us-east-1",
      userPoolId: pool.id,
      userName: "Corp_abc-123",
      callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client-1" },
      request: {
        providerName: "Corp",
        providerType: "OIDC",
        attributes: {
          tokenResponse: profile.tokenResponse,
          idToken: profile.idToken,
          userInfo: profile.userInfo,
        },
      },
      response: { userAttributesToMap: {} },
    });
  });

  it("an empty answer keeps the mapped attributes; no trigger, nothing to decide; bad maps are refused", async () => {
    handlers.write("federation", "  return event;");
    const withTrigger = await poolContext(true);
    assert.deepEqual(await inboundFederation(withTrigger.ctx, withTrigger.pool, { userName: "Corp_1", profile }), {});
    const without = await poolContext(false);
    assert.equal(await inboundFederation(without.ctx, without.pool, { userName: "Corp_1", profile }), undefined);
    handlers.write("federation", "  event.response.userAttributesToMap = { age: 42 };\n  return event;");
    const err = await errorOf(() =>
      inboundFederation(withTrigger.ctx, withTrigger.pool, { userName: "Corp_1", profile }),
    );
    assert.equal(err.name, "InvalidLambdaResponseException");
  });
});
