import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { decodeJwt } from "jose";
import { createLogger } from "../../src/common/log.js";
import { issueTokens } from "../../src/tokens/issue.js";
import { customizeClientCredentialsToken } from "../../src/triggers/preTokenGeneration.js";
import { errorOf, useCognate } from "../helpers/cognate.js";
import { functionArn, handlerDir } from "../helpers/triggers.js";

// What these tests pin down, from the developer guide's "Pre token generation Lambda trigger":
// - V1_0 (a plain PreTokenGeneration ARN, or PreTokenGenerationConfig with LambdaVersion V1_0)
//   sends version "1" with response.claimsOverrideDetails: claims of the ID token only, and
//   groupOverrideDetails, which replaces cognito:groups in both tokens.
// - V2_0 / V3_0 send version "2" / "3", with request.scopes, and answer
//   claimsAndScopeOverrideDetails {idTokenGeneration, accessTokenGeneration (+ scopesToAdd,
//   scopesToSuppress), groupOverrideDetails}; claim values may be any JSON (not for
//   email_verified, phone_number_verified, updated_at, address in ID tokens).
// - groupOverrideDetails replaces the groups as a whole: an empty or null object removes them.
// - A claim both added and suppressed is suppressed.
// - Claims Cognito sets (sub, iss, aud of ID tokens, token_use, exp, iat, auth_time, jti,
//   origin_jti, event_id, client_id, username, cognito:username, ...) cannot be changed: the
//   tokens keep Cognito's values. An access token may be given aud, but only its client id.
// - Trigger sources: TokenGeneration_Authentication after a sign-in, TokenGeneration_RefreshTokens
//   on refresh.
const PASSWORD = "Passw0rd!";
const ROLE_A = "arn:aws:iam::000000000000:role/admins";
const ROLE_B = "arn:aws:iam::000000000000:role/readers";
const OTHER_ROLE = "arn:aws:iam::000000000000:role/other";

const handlers = handlerDir();
const NAMES = ["v1", "v1Groups", "v2", "v3", "refuse", "invalid", "reader", "m2m", "source"] as const;
const t = useCognate({
  triggers: { functions: Object.fromEntries(NAMES.map((n) => [n, { module: join(handlers.dir, `${n}.ts`) }])) },
});

/** A pool with the trigger, a client, and alice (email, two groups with roles) ready to sign in. */
async function setup(LambdaConfig: LambdaConfigType) {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({ PoolName: "tokens", LambdaConfig, UserPoolTier: "ESSENTIALS" }),
  );
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "alice",
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: "alice@example.com" },
        { Name: "email_verified", Value: "true" },
        { Name: "family_name", Value: "Liddell" },
      ],
    }),
  );
  await t.client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "alice", Password: PASSWORD, Permanent: true }),
  );
  for (const [GroupName, RoleArn, Precedence] of [
    ["admins", ROLE_A, 1],
    ["readers", ROLE_B, 2],
  ] as const) {
    await t.client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName, RoleArn, Precedence }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "alice", GroupName }));
  }
  const user = await t.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
  const sub = user.UserAttributes!.find((a) => a.Name === "sub")!.Value!;
  return { poolId, clientId, sub };
}

/** USER_PASSWORD_AUTH as alice. */
const signIn = async (clientId: string) =>
  (
    await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "alice", PASSWORD },
      }),
    )
  ).AuthenticationResult;

const refresh = async (clientId: string, RefreshToken: string) =>
  (
    await t.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: RefreshToken },
      }),
    )
  ).AuthenticationResult!;

const claims = (token: string | undefined) => decodeJwt(token!) as Record<string, unknown>;

/** The event Cognito sends for alice, per the developer guide (V2/V3 add request.scopes). */
function expectedEvent(
  version: "1" | "2" | "3",
  triggerSource: string,
  ids: { poolId: string; clientId: string; sub: string },
) {
  return {
    version,
    triggerSource,
    region: "us-east-1",
    userPoolId: ids.poolId,
    userName: "alice",
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: ids.clientId },
    request: {
      userAttributes: {
        sub: ids.sub,
        email: "alice@example.com",
        email_verified: "true",
        family_name: "Liddell",
        "cognito:user_status": "CONFIRMED",
      },
      groupConfiguration: {
        groupsToOverride: ["admins", "readers"],
        iamRolesToOverride: [ROLE_A, ROLE_B],
        preferredRole: ROLE_A,
      },
      ...(version === "1" ? {} : { scopes: ["aws.cognito.signin.user.admin"] }),
    },
    response: version === "1" ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  };
}

/** aws-jwt-verify against Cognate's JWKS (fetched over HTTP) and issuer. */
async function verifyWithAwsJwtVerify(
  poolId: string,
  clientId: string,
  tokens: { IdToken?: string; AccessToken?: string },
) {
  const { SimpleJwksCache } = await import("aws-jwt-verify/jwk");
  const jwksCache = new SimpleJwksCache({
    fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
  });
  const verifier = (tokenUse: "id" | "access") =>
    JwtVerifier.create(
      {
        issuer: `${t.url}/${poolId}`,
        jwksUri: `${t.url}/${poolId}/.well-known/jwks.json`,
        audience: null,
        customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
      },
      { jwksCache },
    );
  await verifier("id").verify(tokens.IdToken!);
  await verifier("access").verify(tokens.AccessToken!);
}

describe("PreTokenGeneration V1_0", () => {
  it("changes the ID token's claims and both tokens' groups, on sign-in and on refresh", async () => {
    handlers.write(
      "v1",
      `  event.response.claimsOverrideDetails = {
    claimsToAddOrOverride: { tenant: "acme", email: "public@example.com", level: 3, family_name: "x",
      sub: "forged", exp: 1, iss: "https://evil", aud: "other", token_use: "access", "cognito:username": "mallory" },
    claimsToSuppress: ["family_name", "email_verified", "sub", "auth_time"],
    groupOverrideDetails: { groupsToOverride: ["editors"], iamRolesToOverride: [${JSON.stringify(OTHER_ROLE)}], preferredRole: ${JSON.stringify(OTHER_ROLE)} },
  };
  return event;`,
    );
    const ids = await setup({ PreTokenGeneration: functionArn("v1") });
    const tokens = (await signIn(ids.clientId))!;
    const [event] = handlers.events("v1").slice(-1);
    assert.deepEqual(event, expectedEvent("1", "TokenGeneration_Authentication", ids));

    for (const result of [tokens, await refresh(ids.clientId, tokens.RefreshToken!)]) {
      const id = claims(result.IdToken);
      assert.equal(id.tenant, "acme");
      assert.equal(id.level, "3", "V1_0 claims are strings");
      assert.equal(id.email, "public@example.com");
      assert.equal(id.family_name, undefined, "suppressed wins over override");
      assert.equal(id.email_verified, undefined);
      // Reserved claims keep Cognito's values.
      assert.equal(id.sub, ids.sub);
      assert.equal(id.iss, `${t.url}/${ids.poolId}`);
      assert.equal(id.aud, ids.clientId);
      assert.equal(id.token_use, "id");
      assert.equal(id["cognito:username"], "alice");
      assert.equal(id.exp, (id.iat as number) + 3600);
      assert.equal(typeof id.auth_time, "number");
      assert.deepEqual(id["cognito:groups"], ["editors"]);
      assert.deepEqual(id["cognito:roles"], [OTHER_ROLE]);
      assert.equal(id["cognito:preferred_role"], OTHER_ROLE);
      // V1_0 leaves the access token alone, but for its groups.
      const access = claims(result.AccessToken);
      assert.deepEqual(access["cognito:groups"], ["editors"]);
      assert.equal(access.tenant, undefined);
      assert.equal(access.scope, "aws.cognito.signin.user.admin");
      await verifyWithAwsJwtVerify(ids.poolId, ids.clientId, result);
    }
    const refreshEvent = handlers.events("v1").at(-1)!;
    assert.deepEqual(refreshEvent, expectedEvent("1", "TokenGeneration_RefreshTokens", ids));
  });

  it("an empty or null groupOverrideDetails removes the groups; leaving it out keeps them", async () => {
    handlers.write(
      "v1Groups",
      `  const mode = globalThis.__mode = ((globalThis.__mode ?? -1) + 1) % 3;
  event.response.claimsOverrideDetails = mode === 0 ? { groupOverrideDetails: null }
    : mode === 1 ? { groupOverrideDetails: {} } : { claimsToAddOrOverride: { a: "b" } };
  return event;`,
    );
    // PreTokenGenerationConfig with V1_0 is the same event as the plain ARN.
    const ids = await setup({
      PreTokenGenerationConfig: { LambdaArn: functionArn("v1Groups"), LambdaVersion: "V1_0" },
    });
    for (const expected of ["none", "none", "kept"]) {
      const result = (await signIn(ids.clientId))!;
      const id = claims(result.IdToken);
      const access = claims(result.AccessToken);
      if (expected === "none") {
        for (const claim of ["cognito:groups", "cognito:roles", "cognito:preferred_role"]) {
          assert.equal(id[claim], undefined, claim);
        }
        assert.equal(access["cognito:groups"], undefined);
      } else {
        assert.deepEqual(id["cognito:groups"], ["admins", "readers"]);
        assert.deepEqual(id["cognito:roles"], [ROLE_A, ROLE_B]);
        assert.deepEqual(access["cognito:groups"], ["admins", "readers"]);
        assert.equal(id.a, "b");
      }
    }
    assert.equal(handlers.events("v1Groups").at(-1)!.version, "1");
  });
});

/** A V2_0 / V3_0 function's answer: complex claims, both tokens, scopes, groups. */
const V2_BODY = `  event.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: {
      claimsToAddOrOverride: { plan: { tier: "pro", seats: [1, 2] }, beta: true, email: "public@example.com", jti: "forged" },
      claimsToSuppress: ["family_name", "origin_jti"],
    },
    accessTokenGeneration: {
      claimsToAddOrOverride: { tenant: "acme", perms: ["read", "write"], aud: event.callerContext.clientId,
        client_id: "forged", username: "mallory", scope: "admin", "cognito:username": "mallory" },
      claimsToSuppress: ["event_id", "unknown"],
      scopesToAdd: ["photos/read", "photos/write"],
      scopesToSuppress: ["aws.cognito.signin.user.admin", "photos/write"],
    },
    groupOverrideDetails: { ...event.request.groupConfiguration, groupsToOverride: ["admins"] },
  };
  return event;`;

for (const [version, name] of [
  ["2", "v2"],
  ["3", "v3"],
] as const) {
  describe(`PreTokenGeneration V${version}_0`, () => {
    it("customises both tokens' claims and the access token's scopes, on sign-in and on refresh", async () => {
      handlers.write(name, V2_BODY);
      const ids = await setup({
        PreTokenGenerationConfig: { LambdaArn: functionArn(name), LambdaVersion: `V${version}_0` },
      });
      const tokens = (await signIn(ids.clientId))!;
      assert.deepEqual(handlers.events(name).at(-1), expectedEvent(version, "TokenGeneration_Authentication", ids));

      for (const result of [tokens, await refresh(ids.clientId, tokens.RefreshToken!)]) {
        const id = claims(result.IdToken);
        assert.deepEqual(id.plan, { tier: "pro", seats: [1, 2] }, "any JSON value");
        assert.equal(id.beta, true);
        assert.equal(id.email, "public@example.com");
        assert.equal(id.family_name, undefined);
        assert.equal(typeof id.jti, "string");
        assert.notEqual(id.jti, "forged");
        assert.equal(typeof id.origin_jti, "string", "origin_jti cannot be suppressed");
        assert.deepEqual(id["cognito:groups"], ["admins"]);
        assert.deepEqual(id["cognito:roles"], [ROLE_A, ROLE_B], "the copied groupConfiguration keeps the roles");
        assert.equal(id.tenant, undefined, "access-token claims stay out of the ID token");

        const access = claims(result.AccessToken);
        assert.equal(access.tenant, "acme");
        assert.deepEqual(access.perms, ["read", "write"]);
        assert.equal(access.aud, ids.clientId, "an access token may name its client as aud");
        assert.equal(access.client_id, ids.clientId);
        assert.equal(access.username, "alice");
        assert.equal(typeof access.event_id, "string");
        assert.equal(access["cognito:username"], undefined);
        assert.equal(access.scope, "photos/read", "suppression wins over addition");
        // Without aws.cognito.signin.user.admin the token cannot act for the user.
        const noScope = await errorOf(() => t.client.send(new GetUserCommand({ AccessToken: result.AccessToken })));
        assert.equal(noScope.name, "NotAuthorizedException");
        assert.equal(noScope.message, "Access Token does not have required scopes");
        assert.deepEqual(access["cognito:groups"], ["admins"]);
        assert.equal(access.plan, undefined);
        await verifyWithAwsJwtVerify(ids.poolId, ids.clientId, result);
      }
      assert.deepEqual(handlers.events(name).at(-1), expectedEvent(version, "TokenGeneration_RefreshTokens", ids));
    });
  });
}

describe("PreTokenGeneration errors", () => {
  it("a function that throws refuses the sign-in and the refresh (UserLambdaValidationException)", async () => {
    handlers.write("refuse", "  return event;");
    const ids = await setup({ PreTokenGeneration: functionArn("refuse") });
    const tokens = (await signIn(ids.clientId))!;
    handlers.write("refuse", '  throw new Error("Account suspended");');
    for (const attempt of [() => signIn(ids.clientId), () => refresh(ids.clientId, tokens.RefreshToken!)]) {
      const err = await errorOf(attempt);
      assert.equal(err.name, "UserLambdaValidationException");
      assert.equal(err.message, "PreTokenGeneration failed with error Account suspended.");
    }
    // The refresh token refused meanwhile still works once the function lets it through.
    handlers.write("refuse", "  return event;");
    assert.ok((await refresh(ids.clientId, tokens.RefreshToken!)).AccessToken);
  });

  it("answers Cognito cannot apply are InvalidLambdaResponseException", async () => {
    const cases = [
      // V1_0 claims are strings.
      ['event.response.claimsOverrideDetails = { claimsToAddOrOverride: { roles: ["a"] } };', "V1_0"],
      ['event.response.claimsOverrideDetails = { claimsToSuppress: "email" };', "V1_0"],
      // A scope cannot hold the scope claim's delimiter.
      ['event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { scopesToAdd: ["a b"] } };', "V2_0"],
      // email_verified keeps its OIDC type in ID tokens.
      [
        "event.response.claimsAndScopeOverrideDetails = { idTokenGeneration: { claimsToAddOrOverride: { email_verified: { v: 1 } } } };",
        "V2_0",
      ],
    ] as const;
    for (const [body, LambdaVersion] of cases) {
      handlers.write("invalid", `  ${body}\n  return event;`);
      const ids = await setup({ PreTokenGenerationConfig: { LambdaArn: functionArn("invalid"), LambdaVersion } });
      const err = await errorOf(() => signIn(ids.clientId));
      assert.equal(err.name, "InvalidLambdaResponseException", body);
    }
  });
});

describe("PreTokenGeneration functions that call Cognate", () => {
  it("a function may read from Cognate while the sign-in waits for it", async () => {
    const ids = await setup({ PreTokenGeneration: functionArn("reader") });
    handlers.write(
      "reader",
      `  const res = await fetch(${JSON.stringify(t.url)}, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.AdminListGroupsForUser" },
    body: JSON.stringify({ UserPoolId: event.userPoolId, Username: event.userName }),
  });
  const { Groups } = await res.json();
  event.response.claimsOverrideDetails = { claimsToAddOrOverride: { group_count: String(Groups.length) } };
  return event;`,
    );
    const result = (await signIn(ids.clientId))!;
    assert.equal(claims(result.IdToken).group_count, "2");
  });
});

/** What an operation hands to issueTokens and the trigger functions, built from the running server. */
async function operationContext(poolId: string) {
  const store = t.cognate.store;
  const pool = (await store.pools.get(poolId))!;
  const client = (await store.clients.list(poolId, { limit: 1 })).items[0]!;
  const user = (await store.users.get(poolId, "alice"))!;
  const ctx = {
    store,
    config: t.cognate.config,
    accountId: pool.accountId,
    region: pool.region,
    now: Date.now(),
    requestId: "test",
    log: createLogger("silent"),
  };
  return { ctx, pool, client, user };
}

describe("PreTokenGeneration: sources and metadata the callers pass", () => {
  it("issueTokens sends the caller's trigger source and ClientMetadata", async () => {
    handlers.write("source", "  return event;");
    const ids = await setup({ PreTokenGenerationConfig: { LambdaArn: functionArn("source"), LambdaVersion: "V2_0" } });
    const { ctx, pool, client, user } = await operationContext(ids.poolId);
    for (const triggerSource of [
      "TokenGeneration_NewPasswordChallenge",
      "TokenGeneration_AuthenticateDevice",
    ] as const) {
      await ctx.store.transaction(() =>
        issueTokens(ctx, { pool, client, user, withRefresh: true, triggerSource, clientMetadata: { app: "web" } }),
      );
      assert.deepEqual(handlers.events("source").at(-1), {
        ...expectedEvent("2", triggerSource, ids),
        request: { ...expectedEvent("2", triggerSource, ids).request, clientMetadata: { app: "web" } },
      });
    }
  });

  it("a sign-in that ends by answering NEW_PASSWORD_REQUIRED is TokenGeneration_NewPasswordChallenge", async () => {
    handlers.write("source", "  return event;");
    const ids = await setup({ PreTokenGenerationConfig: { LambdaArn: functionArn("source"), LambdaVersion: "V2_0" } });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: ids.poolId,
        Username: "newbie",
        MessageAction: "SUPPRESS",
        TemporaryPassword: "Temp0rary!",
      }),
    );
    const challenge = await t.client.send(
      new InitiateAuthCommand({
        ClientId: ids.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "newbie", PASSWORD: "Temp0rary!" },
      }),
    );
    assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const done = await t.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: ids.clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: "newbie", NEW_PASSWORD: PASSWORD },
      }),
    );
    assert.ok(done.AuthenticationResult?.IdToken);
    const event = handlers.events("source").at(-1)!;
    assert.equal(event.triggerSource, "TokenGeneration_NewPasswordChallenge");
    assert.equal(event.userName, "newbie");
  });

  it("client-credentials tokens are customised by V3_0 functions only", async () => {
    handlers.write(
      "m2m",
      `  event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: {
    claimsToAddOrOverride: { partner: "acme", client_id: "forged" }, scopesToAdd: ["orders/write"], scopesToSuppress: ["orders/read"] } };
  return event;`,
    );
    for (const LambdaVersion of ["V3_0", "V2_0", "V1_0"] as const) {
      const before = handlers.events("m2m").length;
      const ids = await setup({ PreTokenGenerationConfig: { LambdaArn: functionArn("m2m"), LambdaVersion } });
      const { ctx, pool } = await operationContext(ids.poolId);
      const access: Record<string, unknown> = { client_id: ids.clientId, scope: "orders/read orders/list" };
      await customizeClientCredentialsToken(ctx, pool, ids.clientId, access, {
        scopes: ["orders/read", "orders/list"],
      });
      if (LambdaVersion !== "V3_0") {
        assert.equal(handlers.events("m2m").length, before, `${LambdaVersion} is not called`);
        assert.equal(access.scope, "orders/read orders/list");
        continue;
      }
      const event = handlers.events("m2m").at(-1)!;
      assert.equal(event.version, "3");
      assert.equal(event.triggerSource, "TokenGeneration_ClientCredentials");
      assert.deepEqual((event.request as Record<string, unknown>).scopes, ["orders/read", "orders/list"]);
      assert.deepEqual(access, { client_id: ids.clientId, scope: "orders/list orders/write", partner: "acme" });
    }
  });
});
