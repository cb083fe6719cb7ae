import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  AddUserPoolClientSecretCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientSecretsCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { ResourceKind } from "../../src/storage/kinds.js";
import { errorOf, rawCall, useCognate } from "../helpers/cognate.js";

describe("app clients", () => {
  const t = useCognate();
  let poolId: string;
  let otherPoolId: string;

  const create = (
    input: Omit<CreateUserPoolClientCommandInput, "UserPoolId" | "ClientName"> & { ClientName?: string } = {},
  ) => t.client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web", ...input }));
  const createError = async (input: Parameters<typeof create>[0]) => errorOf(() => create(input));
  /** An OAuth-enabled client, with the given members on top. */
  const oauth = (input: Parameters<typeof create>[0] = {}) => ({
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ["code" as const],
    AllowedOAuthScopes: ["openid"],
    CallbackURLs: ["https://app.example.com/callback"],
    ...input,
  });

  before(async () => {
    const { UserPool } = await t.client.send(
      new CreateUserPoolCommand({
        PoolName: "clients",
        Schema: [
          { Name: "email", AttributeDataType: "String", Required: true, Mutable: true },
          { Name: "tenant", AttributeDataType: "String", Mutable: true },
        ],
      }),
    );
    poolId = UserPool!.Id!;
    otherPoolId = (await t.client.send(new CreateUserPoolCommand({ PoolName: "other" }))).UserPool!.Id!;
    // Seeded straight into storage so these tests do not depend on the resource-server and IdP families.
    const now = Date.now();
    await t.cognate.store.resources.put({
      kind: ResourceKind.resourceServer,
      scope: poolId,
      key: "https://api.example.com/v1",
      data: {
        UserPoolId: poolId,
        Identifier: "https://api.example.com/v1",
        Name: "api",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read things" }],
      },
      createdAt: now,
      updatedAt: now,
    });
    await t.cognate.store.resources.put({
      kind: ResourceKind.identityProvider,
      scope: poolId,
      key: "MyOIDC",
      data: { UserPoolId: poolId, ProviderName: "MyOIDC", ProviderType: "OIDC" },
      createdAt: now,
      updatedAt: now,
    });
  });

  describe("CreateUserPoolClient", () => {
    it("creates a client with only a name and Cognito's defaults", async () => {
      const { UserPoolClient: c } = await create({ ClientName: "bare" });
      assert.ok(c);
      assert.match(c.ClientId!, /^[0-9a-z]{26}$/);
      assert.ok(c.CreationDate instanceof Date);
      assert.deepEqual(c.LastModifiedDate, c.CreationDate);
      const { ClientId, CreationDate, LastModifiedDate, ...rest } = c;
      assert.ok(ClientId && CreationDate && LastModifiedDate);
      // Exactly what Cognito answers: no secret, no access/ID validity, no ExplicitAuthFlows,
      // no PreventUserExistenceErrors (the API default is LEGACY, shown by its absence), empty units.
      assert.deepEqual(rest, {
        UserPoolId: poolId,
        ClientName: "bare",
        RefreshTokenValidity: 30,
        TokenValidityUnits: {},
        AllowedOAuthFlowsUserPoolClient: false,
        EnableTokenRevocation: true,
        EnablePropagateAdditionalUserContextData: false,
        AuthSessionValidity: 3,
      });
    });

    it("lists members in Cognito's order on the wire", async () => {
      const res = await rawCall(
        t.url,
        "CreateUserPoolClient",
        JSON.stringify({ UserPoolId: poolId, ClientName: "wire", GenerateSecret: true }),
      );
      assert.equal(res.status, 200);
      const client = res.body.UserPoolClient as Record<string, unknown>;
      assert.deepEqual(Object.keys(client), [
        "UserPoolId",
        "ClientName",
        "ClientId",
        "ClientSecret",
        "LastModifiedDate",
        "CreationDate",
        "RefreshTokenValidity",
        "TokenValidityUnits",
        "AllowedOAuthFlowsUserPoolClient",
        "EnableTokenRevocation",
        "EnablePropagateAdditionalUserContextData",
        "AuthSessionValidity",
      ]);
      assert.equal(typeof client.CreationDate, "number");
    });

    it("generates a 51-character secret when asked", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      assert.match(c!.ClientSecret!, /^[0-9a-z]{51}$/);
    });

    it("uses a caller-chosen secret", async () => {
      const secret = "my_own_secret_value_1234567890";
      const { UserPoolClient: c } = await create({ ClientSecret: secret });
      assert.equal(c!.ClientSecret, secret);
    });

    it("rejects GenerateSecret together with a ClientSecret value", async () => {
      const err = await createError({ GenerateSecret: true, ClientSecret: "my_own_secret_value_1234567890" });
      assert.equal(err.name, "InvalidParameterException");
    });

    it("keeps every setting it is given", async () => {
      const input = {
        ClientName: "full",
        GenerateSecret: true,
        RefreshTokenValidity: 10,
        AccessTokenValidity: 60,
        IdTokenValidity: 60,
        TokenValidityUnits: {
          AccessToken: "minutes" as const,
          IdToken: "minutes" as const,
          RefreshToken: "days" as const,
        },
        ReadAttributes: ["email", "email_verified", "custom:tenant"],
        WriteAttributes: ["email", "custom:tenant"],
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH" as const, "ALLOW_REFRESH_TOKEN_AUTH" as const],
        SupportedIdentityProviders: ["COGNITO", "MyOIDC"],
        CallbackURLs: ["https://app.example.com/cb", "http://localhost:8001", "myapp://example"],
        LogoutURLs: ["https://app.example.com/bye"],
        DefaultRedirectURI: "https://app.example.com/cb",
        AllowedOAuthFlows: ["code" as const, "implicit" as const],
        AllowedOAuthScopes: ["openid", "profile", "aws.cognito.signin.user.admin", "https://api.example.com/v1/read"],
        AllowedOAuthFlowsUserPoolClient: true,
        PreventUserExistenceErrors: "ENABLED" as const,
        EnableTokenRevocation: false,
        EnablePropagateAdditionalUserContextData: true,
        AuthSessionValidity: 15,
        RefreshTokenRotation: { Feature: "ENABLED" as const, RetryGracePeriodSeconds: 30 },
      };
      const { UserPoolClient: c } = await create(input);
      const { GenerateSecret, ...expected } = input;
      assert.equal(GenerateSecret, true);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(c![key as keyof typeof c], value, key);
      }
      const { UserPoolClient: described } = await t.client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId }),
      );
      assert.deepEqual(described, c);
    });

    it("treats a zero validity as unset", async () => {
      const { UserPoolClient: c } = await create({ RefreshTokenValidity: 0 });
      assert.equal(c!.RefreshTokenValidity, 30);
    });

    it("answers ResourceNotFoundException for an unknown pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new CreateUserPoolClientCommand({ UserPoolId: "us-east-1_nothere00", ClientName: "x" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "User pool us-east-1_nothere00 does not exist.");
    });

    describe("token validity", () => {
      const invalidRange = [
        {
          name: "access token under 5 minutes",
          input: { AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: "minutes" as const } },
        },
        { name: "access token over 1 day (hours by default)", input: { AccessTokenValidity: 25 } },
        {
          name: "ID token over 1 day",
          input: { IdTokenValidity: 2, TokenValidityUnits: { IdToken: "days" as const } },
        },
        {
          name: "ID token under 5 minutes",
          input: { IdTokenValidity: 299, TokenValidityUnits: { IdToken: "seconds" as const } },
        },
        {
          name: "refresh token under 60 minutes",
          input: { RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: "minutes" as const } },
        },
        { name: "refresh token over 10 years (days by default)", input: { RefreshTokenValidity: 3651 } },
      ];
      for (const { name, input } of invalidRange) {
        it(`rejects ${name}`, async () => {
          const err = await createError(input);
          assert.equal(err.name, "InvalidParameterException");
          assert.equal(err.message, "Invalid range for token validity.");
        });
      }

      it("accepts the bounds of each range", async () => {
        const { UserPoolClient: c } = await create({
          AccessTokenValidity: 5,
          IdTokenValidity: 1,
          RefreshTokenValidity: 3650,
          TokenValidityUnits: { AccessToken: "minutes", IdToken: "days" },
        });
        assert.equal(c!.AccessTokenValidity, 5);
        assert.equal(c!.IdTokenValidity, 1);
        assert.equal(c!.RefreshTokenValidity, 3650);
        assert.deepEqual(c!.TokenValidityUnits, { AccessToken: "minutes", IdToken: "days" });
        // The same bounds in seconds: 300 s up to 86400 s for access and ID tokens.
        const { UserPoolClient: s } = await create({
          AccessTokenValidity: 300,
          IdTokenValidity: 86400,
          RefreshTokenValidity: 86400,
          TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds", RefreshToken: "seconds" },
        });
        assert.equal(s!.AccessTokenValidity, 300);
        assert.equal(s!.IdTokenValidity, 86400);
        assert.equal(s!.RefreshTokenValidity, 86400);
      });

      it("rejects access or ID tokens that outlive the refresh token", async () => {
        for (const input of [
          { AccessTokenValidity: 2, RefreshTokenValidity: 1, TokenValidityUnits: { RefreshToken: "hours" as const } },
          {
            IdTokenValidity: 1,
            RefreshTokenValidity: 60,
            TokenValidityUnits: { IdToken: "days" as const, RefreshToken: "minutes" as const },
          },
        ]) {
          const err = await createError(input);
          assert.equal(err.name, "InvalidParameterException");
          assert.equal(err.message, "Access token and ID token validity cannot be longer than refresh token validity.");
        }
      });
    });

    describe("ExplicitAuthFlows", () => {
      it("keeps legacy values on their own", async () => {
        const { UserPoolClient: c } = await create({ ExplicitAuthFlows: ["USER_PASSWORD_AUTH"] });
        assert.deepEqual(c!.ExplicitAuthFlows, ["USER_PASSWORD_AUTH"]);
      });

      it("omits an empty list like Cognito", async () => {
        const { UserPoolClient: c } = await create({ ExplicitAuthFlows: [] });
        assert.equal(c!.ExplicitAuthFlows, undefined);
      });

      it("allows ALLOW_USER_AUTH only from the Essentials plan up", async () => {
        const { UserPoolClient: c } = await create({
          ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        });
        assert.deepEqual(c!.ExplicitAuthFlows, ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
        const lite = (await t.client.send(new CreateUserPoolCommand({ PoolName: "lite", UserPoolTier: "LITE" })))
          .UserPool!.Id!;
        const err = await errorOf(() =>
          t.client.send(
            new CreateUserPoolClientCommand({
              UserPoolId: lite,
              ClientName: "x",
              ExplicitAuthFlows: ["ALLOW_USER_AUTH"],
            }),
          ),
        );
        assert.equal(err.name, "FeatureUnavailableInTierException");
        assert.equal(err.message, "ALLOW_USER_AUTH is not available in the LITE feature plan.");
      });

      it("rejects legacy values mixed with ALLOW_ values", async () => {
        const err = await createError({ ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
        assert.equal(err.name, "InvalidParameterException");
        assert.match(err.message, /cannot combine the legacy values/);
      });
    });

    describe("read and write attributes", () => {
      it("rejects a read attribute outside the schema", async () => {
        const err = await createError({ ReadAttributes: ["email", "custom:nope"] });
        assert.equal(err.name, "InvalidParameterException");
        assert.equal(err.message, "Invalid read attributes specified while creating a client");
      });

      it("rejects a write attribute outside the schema", async () => {
        const err = await createError({ WriteAttributes: ["email", "shoe_size"] });
        assert.equal(err.name, "InvalidParameterException");
        assert.equal(err.message, "Invalid write attributes specified while creating a client");
      });

      it("requires write access to every required attribute", async () => {
        const err = await createError({ WriteAttributes: ["name"] });
        assert.equal(err.name, "InvalidParameterException");
        assert.equal(err.message, "Invalid write attributes specified while creating a client");
      });

      it("refuses write access to attributes only Cognito sets", async () => {
        for (const attribute of ["sub", "email_verified", "phone_number_verified"]) {
          const err = await createError({ WriteAttributes: ["email", attribute] });
          assert.equal(err.name, "InvalidParameterException", attribute);
        }
      });
    });

    describe("OAuth", () => {
      it("requires AllowedOAuthFlowsUserPoolClient for OAuth settings", async () => {
        for (const input of [
          { AllowedOAuthFlows: ["code" as const] },
          { AllowedOAuthScopes: ["openid"] },
          { CallbackURLs: ["https://app.example.com/cb"] },
          { LogoutURLs: ["https://app.example.com/bye"] },
        ]) {
          const err = await createError(input);
          assert.equal(err.name, "InvalidParameterException", JSON.stringify(input));
          assert.match(err.message, /^AllowedOAuthFlowsUserPoolClient must be true/);
        }
      });

      it("requires flows and scopes once OAuth is allowed", async () => {
        for (const input of [
          { AllowedOAuthFlowsUserPoolClient: true },
          oauth({ AllowedOAuthScopes: [] }),
          oauth({ AllowedOAuthFlows: [] }),
        ]) {
          const err = await createError(input);
          assert.equal(err.name, "InvalidParameterException");
          assert.equal(
            err.message,
            "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
          );
        }
      });

      it("requires callback URLs for the code and implicit flows", async () => {
        const err = await createError(oauth({ CallbackURLs: undefined, AllowedOAuthFlows: ["implicit"] }));
        assert.equal(err.name, "InvalidOAuthFlowException");
        assert.equal(err.message, "CallbackUrls can not be empty when code flow or implicit flow is selected");
      });

      it("requires HTTPS except for the local machine", async () => {
        const ok = await create(
          oauth({ CallbackURLs: ["http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb"] }),
        );
        assert.equal(ok.UserPoolClient!.CallbackURLs!.length, 3);
        for (const input of [
          oauth({ CallbackURLs: ["http://app.example.com/cb"] }),
          oauth({ LogoutURLs: ["http://app.example.com/bye"] }),
          oauth({ CallbackURLs: ["https://app.example.com/cb#frag"] }),
          oauth({ CallbackURLs: ["not a url"] }),
        ]) {
          const err = await createError(input);
          assert.equal(err.name, "InvalidParameterException", JSON.stringify(input));
        }
      });

      it("requires DefaultRedirectURI to be a callback URL", async () => {
        const err = await createError(oauth({ DefaultRedirectURI: "https://elsewhere.example.com/" }));
        assert.equal(err.name, "InvalidParameterException");
        assert.equal(err.message, "DefaultRedirectURI must be one of the CallbackURLs.");
      });

      it("answers ScopeDoesNotExistException for unknown scopes", async () => {
        for (const scope of ["Cognito", "https://api.example.com/v1/write", "https://unknown.example.com/read"]) {
          const err = await createError(oauth({ AllowedOAuthScopes: ["openid", scope] }));
          assert.equal(err.name, "ScopeDoesNotExistException");
          assert.equal(err.message, `Invalid scope requested: ${scope}`);
        }
      });

      it("allows client_credentials with a secret and resource-server scopes only", async () => {
        const { UserPoolClient: c } = await create({
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["https://api.example.com/v1/read"],
        });
        assert.deepEqual(c!.AllowedOAuthFlows, ["client_credentials"]);
        assert.equal(c!.CallbackURLs, undefined);
      });

      it("rejects client_credentials without a secret", async () => {
        const err = await createError({
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["https://api.example.com/v1/read"],
        });
        assert.equal(err.name, "InvalidOAuthFlowException");
        assert.equal(
          err.message,
          "client_credentials flow can not be selected if client does not have a client secret.",
        );
      });

      it("rejects client_credentials combined with code or implicit", async () => {
        const err = await createError(
          oauth({
            GenerateSecret: true,
            AllowedOAuthFlows: ["client_credentials", "code"],
            AllowedOAuthScopes: ["https://api.example.com/v1/read"],
          }),
        );
        assert.equal(err.name, "InvalidOAuthFlowException");
        assert.equal(err.message, "client_credentials flow can not be selected along with code flow or implicit flow.");
      });

      it("rejects standard scopes with client_credentials", async () => {
        for (const scope of ["openid", "profile"]) {
          const err = await createError({
            GenerateSecret: true,
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthFlows: ["client_credentials"],
            AllowedOAuthScopes: [scope],
          });
          assert.equal(err.name, "InvalidOAuthFlowException", scope);
          assert.equal(err.message, `${scope} is not supported with client_credentials flow`);
        }
      });
    });

    describe("identity providers", () => {
      it("accepts COGNITO and the pool's providers", async () => {
        const { UserPoolClient: c } = await create({ SupportedIdentityProviders: ["COGNITO", "MyOIDC"] });
        assert.deepEqual(c!.SupportedIdentityProviders, ["COGNITO", "MyOIDC"]);
      });

      it("rejects a provider the pool does not have", async () => {
        const err = await createError({ SupportedIdentityProviders: ["COGNITO", "Google"] });
        assert.equal(err.name, "InvalidParameterException");
        assert.equal(err.message, `The provider Google does not exist for User Pool ${poolId}`);
      });
    });

    it("allows user context data only for clients with a secret", async () => {
      const err = await createError({ EnablePropagateAdditionalUserContextData: true });
      assert.equal(err.name, "InvalidParameterException");
      const { UserPoolClient: c } = await create({
        GenerateSecret: true,
        EnablePropagateAdditionalUserContextData: true,
      });
      assert.equal(c!.EnablePropagateAdditionalUserContextData, true);
    });
  });

  describe("DescribeUserPoolClient", () => {
    it("describes a client", async () => {
      const { UserPoolClient: created } = await create({ ClientName: "described", GenerateSecret: true });
      const { UserPoolClient: c } = await t.client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created!.ClientId }),
      );
      assert.deepEqual(c, created);
    });

    it("answers ResourceNotFoundException for an unknown client", async () => {
      const err = await errorOf(() =>
        t.client.send(
          new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: "nothere0000000000000000000" }),
        ),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "User pool client nothere0000000000000000000 does not exist.");
    });

    it("hides a client from other pools", async () => {
      const { UserPoolClient: c } = await create();
      const err = await errorOf(() =>
        t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: otherPoolId, ClientId: c!.ClientId })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, `User pool client ${c!.ClientId} does not exist.`);
    });

    it("answers ResourceNotFoundException for an unknown pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: "us-east-1_nothere00", ClientId: "abc" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "User pool us-east-1_nothere00 does not exist.");
    });
  });

  describe("UpdateUserPoolClient", () => {
    it("replaces the settings and resets the ones left out to defaults", async () => {
      const { UserPoolClient: before } = await create({
        ClientName: "to-update",
        GenerateSecret: true,
        AccessTokenValidity: 2,
        ReadAttributes: ["email"],
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"],
        PreventUserExistenceErrors: "ENABLED",
        EnableTokenRevocation: false,
        AuthSessionValidity: 10,
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const { UserPoolClient: after } = await t.client.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: before!.ClientId, RefreshTokenValidity: 7 }),
      );
      const { LastModifiedDate, ...rest } = after!;
      assert.ok(LastModifiedDate! > before!.LastModifiedDate!);
      assert.deepEqual(rest, {
        UserPoolId: poolId,
        ClientName: "to-update",
        ClientId: before!.ClientId,
        ClientSecret: before!.ClientSecret,
        CreationDate: before!.CreationDate,
        RefreshTokenValidity: 7,
        TokenValidityUnits: {},
        AllowedOAuthFlowsUserPoolClient: false,
        EnableTokenRevocation: true,
        EnablePropagateAdditionalUserContextData: false,
        AuthSessionValidity: 3,
      });
      const { UserPoolClient: described } = await t.client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: before!.ClientId }),
      );
      assert.deepEqual(described, after);
    });

    it("renames a client", async () => {
      const { UserPoolClient: c } = await create({ ClientName: "old-name" });
      const { UserPoolClient: updated } = await t.client.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId, ClientName: "new-name" }),
      );
      assert.equal(updated!.ClientName, "new-name");
    });

    it("validates like CreateUserPoolClient", async () => {
      const { UserPoolClient: c } = await create();
      const send = (
        input: Omit<ConstructorParameters<typeof UpdateUserPoolClientCommand>[0], "UserPoolId" | "ClientId">,
      ) =>
        errorOf(() =>
          t.client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId, ...input })),
        );
      const range = await send({ AccessTokenValidity: 48 });
      assert.equal(range.name, "InvalidParameterException");
      assert.equal(range.message, "Invalid range for token validity.");
      const write = await send({ WriteAttributes: ["name"] });
      assert.equal(write.message, "Invalid write attributes specified while updating a client");
      const scope = await send(oauth({ AllowedOAuthScopes: ["nope"] }));
      assert.equal(scope.name, "ScopeDoesNotExistException");
      const noSecret = await send({
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["https://api.example.com/v1/read"],
      });
      assert.equal(noSecret.name, "InvalidOAuthFlowException");
    });

    it("allows client_credentials on a client that has a secret", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      const { UserPoolClient: updated } = await t.client.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientId: c!.ClientId,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["https://api.example.com/v1/read"],
        }),
      );
      assert.deepEqual(updated!.AllowedOAuthScopes, ["https://api.example.com/v1/read"]);
      assert.equal(updated!.ClientSecret, c!.ClientSecret);
    });

    it("answers ResourceNotFoundException for an unknown or foreign client", async () => {
      const { UserPoolClient: c } = await create();
      for (const [pool, clientId] of [
        [poolId, "nothere0000000000000000000"],
        [otherPoolId, c!.ClientId!],
      ] as const) {
        const err = await errorOf(() =>
          t.client.send(new UpdateUserPoolClientCommand({ UserPoolId: pool, ClientId: clientId })),
        );
        assert.equal(err.name, "ResourceNotFoundException");
        assert.equal(err.message, `User pool client ${clientId} does not exist.`);
      }
    });
  });

  describe("DeleteUserPoolClient", () => {
    it("deletes a client", async () => {
      const { UserPoolClient: c } = await create();
      await t.client.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId }));
      const err = await errorOf(() =>
        t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      const again = await errorOf(() =>
        t.client.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId })),
      );
      assert.equal(again.name, "ResourceNotFoundException");
      assert.equal(again.message, `User pool client ${c!.ClientId} does not exist.`);
    });

    it("answers ResourceNotFoundException under another pool and leaves the client alone", async () => {
      const { UserPoolClient: c } = await create();
      const err = await errorOf(() =>
        t.client.send(new DeleteUserPoolClientCommand({ UserPoolId: otherPoolId, ClientId: c!.ClientId })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      const { UserPoolClient: still } = await t.client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId }),
      );
      assert.equal(still!.ClientId, c!.ClientId);
    });
  });

  describe("ListUserPoolClients", () => {
    let listPoolId: string;
    const created: { ClientId: string; ClientName: string }[] = [];

    before(async () => {
      listPoolId = (await t.client.send(new CreateUserPoolCommand({ PoolName: "listing" }))).UserPool!.Id!;
      for (let i = 0; i < 5; i++) {
        const { UserPoolClient: c } = await t.client.send(
          new CreateUserPoolClientCommand({ UserPoolId: listPoolId, ClientName: `client-${i}`, GenerateSecret: true }),
        );
        created.push({ ClientId: c!.ClientId!, ClientName: c!.ClientName! });
      }
    });

    it("lists a pool's clients as descriptions, without secrets", async () => {
      const { UserPoolClients, NextToken } = await t.client.send(
        new ListUserPoolClientsCommand({ UserPoolId: listPoolId }),
      );
      assert.equal(NextToken, undefined);
      assert.equal(UserPoolClients!.length, 5);
      for (const item of UserPoolClients!)
        assert.deepEqual(Object.keys(item).sort(), ["ClientId", "ClientName", "UserPoolId"]);
      assert.deepEqual(UserPoolClients!.map((c) => c.ClientId).sort(), created.map((c) => c.ClientId).sort());
      assert.ok(UserPoolClients!.every((c) => c.UserPoolId === listPoolId));
    });

    it("pages with MaxResults and NextToken", async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await t.client.send(
          new ListUserPoolClientsCommand({ UserPoolId: listPoolId, MaxResults: 2, NextToken: token }),
        );
        assert.ok(page.UserPoolClients!.length <= 2);
        seen.push(...page.UserPoolClients!.map((c) => c.ClientId!));
        token = page.NextToken;
        pages++;
      } while (token);
      assert.equal(pages, 3);
      assert.deepEqual(seen.sort(), created.map((c) => c.ClientId).sort());
    });

    it("answers an empty list for a pool without clients", async () => {
      const empty = (await t.client.send(new CreateUserPoolCommand({ PoolName: "empty" }))).UserPool!.Id!;
      const { UserPoolClients } = await t.client.send(new ListUserPoolClientsCommand({ UserPoolId: empty }));
      assert.deepEqual(UserPoolClients, []);
    });

    it("rejects an invalid NextToken and MaxResults out of range", async () => {
      const bad = await errorOf(() =>
        t.client.send(new ListUserPoolClientsCommand({ UserPoolId: listPoolId, NextToken: "bogus-token" })),
      );
      assert.equal(bad.name, "InvalidParameterException");
      const range = await errorOf(() =>
        t.client.send(new ListUserPoolClientsCommand({ UserPoolId: listPoolId, MaxResults: 61 })),
      );
      assert.equal(range.name, "InvalidParameterException");
    });

    it("answers ResourceNotFoundException for an unknown pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new ListUserPoolClientsCommand({ UserPoolId: "us-east-1_nothere00" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
    });
  });

  describe("client secrets", () => {
    const secretsOf = async (clientId: string) =>
      (await t.client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId })))
        .ClientSecrets!;

    it("lists the secret a client was created with, without its value", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      const secrets = await secretsOf(c!.ClientId!);
      assert.equal(secrets.length, 1);
      assert.match(secrets[0]!.ClientSecretId!, new RegExp(`^${c!.ClientId}--\\d+$`));
      assert.equal(secrets[0]!.ClientSecretValue, undefined);
      assert.deepEqual(secrets[0]!.ClientSecretCreateDate, c!.CreationDate);
    });

    it("lists no secrets for a public client", async () => {
      const { UserPoolClient: c } = await create();
      assert.deepEqual(await secretsOf(c!.ClientId!), []);
    });

    it("adds a generated secret and shows its value once", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      const { ClientSecretDescriptor: d } = await t.client.send(
        new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: c!.ClientId }),
      );
      assert.match(d!.ClientSecretValue!, /^[0-9a-z]{51}$/);
      assert.notEqual(d!.ClientSecretValue, c!.ClientSecret);
      assert.ok(d!.ClientSecretCreateDate instanceof Date);
      const secrets = await secretsOf(c!.ClientId!);
      assert.equal(secrets.length, 2);
      assert.equal(secrets[1]!.ClientSecretId, d!.ClientSecretId);
      assert.ok(secrets.every((s) => s.ClientSecretValue === undefined));
      // Describe keeps showing the original secret.
      const { UserPoolClient: described } = await t.client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId }),
      );
      assert.equal(described!.ClientSecret, c!.ClientSecret);
    });

    it("adds a caller-chosen secret without echoing it", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      const { ClientSecretDescriptor: d } = await t.client.send(
        new AddUserPoolClientSecretCommand({
          UserPoolId: poolId,
          ClientId: c!.ClientId,
          ClientSecret: "rotated_secret_value_0123456789",
        }),
      );
      assert.match(d!.ClientSecretId!, new RegExp(`^${c!.ClientId}--\\d+$`));
      assert.ok(d!.ClientSecretCreateDate instanceof Date);
      assert.equal(d!.ClientSecretValue, undefined);
    });

    it("allows at most two secrets", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      await t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: c!.ClientId }));
      const err = await errorOf(() =>
        t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: c!.ClientId })),
      );
      assert.equal(err.name, "LimitExceededException");
    });

    it("refuses to add a secret to a public client", async () => {
      const { UserPoolClient: c } = await create();
      const err = await errorOf(() =>
        t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: c!.ClientId })),
      );
      assert.equal(err.name, "InvalidParameterException");
    });

    it("rotates: delete the old secret, Describe shows the new one", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      const [original] = await secretsOf(c!.ClientId!);
      const { ClientSecretDescriptor: added } = await t.client.send(
        new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: c!.ClientId }),
      );
      await t.client.send(
        new DeleteUserPoolClientSecretCommand({
          UserPoolId: poolId,
          ClientId: c!.ClientId,
          ClientSecretId: original!.ClientSecretId,
        }),
      );
      const secrets = await secretsOf(c!.ClientId!);
      assert.deepEqual(
        secrets.map((s) => s.ClientSecretId),
        [added!.ClientSecretId],
      );
      const { UserPoolClient: described } = await t.client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c!.ClientId }),
      );
      assert.equal(described!.ClientSecret, added!.ClientSecretValue);
    });

    it("refuses to delete the last secret", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      const [only] = await secretsOf(c!.ClientId!);
      const err = await errorOf(() =>
        t.client.send(
          new DeleteUserPoolClientSecretCommand({
            UserPoolId: poolId,
            ClientId: c!.ClientId,
            ClientSecretId: only!.ClientSecretId,
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.equal((await secretsOf(c!.ClientId!)).length, 1);
    });

    it("answers ResourceNotFoundException for an unknown secret id", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      const err = await errorOf(() =>
        t.client.send(
          new DeleteUserPoolClientSecretCommand({
            UserPoolId: poolId,
            ClientId: c!.ClientId,
            ClientSecretId: "nope--1",
          }),
        ),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      // Nor is a well-formed id of a secret the client never had.
      await t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: c!.ClientId }));
      const unknown = await errorOf(() =>
        t.client.send(
          new DeleteUserPoolClientSecretCommand({
            UserPoolId: poolId,
            ClientId: c!.ClientId,
            ClientSecretId: `${c!.ClientId}--1234567890`,
          }),
        ),
      );
      assert.equal(unknown.name, "ResourceNotFoundException");
      const noClient = await errorOf(() =>
        t.client.send(
          new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: "1example23456789abcdefghij" }),
        ),
      );
      assert.equal(noClient.name, "ResourceNotFoundException");
    });

    it("answers ResourceNotFoundException for a client of another pool", async () => {
      const { UserPoolClient: c } = await create({ GenerateSecret: true });
      const message = `User pool client ${c!.ClientId} does not exist.`;
      for (const send of [
        () => t.client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: otherPoolId, ClientId: c!.ClientId })),
        () => t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: otherPoolId, ClientId: c!.ClientId })),
        () =>
          t.client.send(
            new DeleteUserPoolClientSecretCommand({
              UserPoolId: otherPoolId,
              ClientId: c!.ClientId,
              ClientSecretId: "x",
            }),
          ),
      ]) {
        const err = await errorOf(send);
        assert.equal(err.name, "ResourceNotFoundException");
        assert.equal(err.message, message);
      }
    });
  });
});
