import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AddCustomAttributesCommand,
  AddUserPoolClientSecretCommand,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  CreateUserPoolDomainCommand,
  DeleteIdentityProviderCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetCSVHeaderCommand,
  GetIdentityProviderByIdentifierCommand,
  GetUserPoolMfaConfigCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
  ListTagsForResourceCommand,
  ListUserPoolClientSecretsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityProviderCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate } from "../helpers/cognate.js";

const t = useCognate();

let seq = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${seq++}`;
const pool = async (extra: Partial<CreateUserPoolCommandInput> = {}) =>
  (await t.client.send(new CreateUserPoolCommand({ PoolName: uniq("pool"), ...extra }))).UserPool!;
const appClient = async (UserPoolId: string, extra: Partial<CreateUserPoolClientCommandInput> = {}) =>
  (await t.client.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "app", ...extra }))).UserPoolClient!;

describe("user pool lifecycle", () => {
  it("a new pool carries Cognito's documented defaults", async () => {
    const p = await pool();
    assert.equal(p.MfaConfiguration, "OFF");
    assert.equal(p.DeletionProtection, "INACTIVE");
    assert.equal(p.EstimatedNumberOfUsers, 0);
    assert.deepEqual(p.LambdaConfig, {});
    assert.deepEqual(p.VerificationMessageTemplate?.DefaultEmailOption, "CONFIRM_WITH_CODE");
    assert.deepEqual(p.EmailConfiguration, { EmailSendingAccount: "COGNITO_DEFAULT" });
    assert.deepEqual(p.AdminCreateUserConfig, { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
    assert.equal(p.Policies?.PasswordPolicy?.MinimumLength, 8);
    assert.equal(p.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays, 7);
    assert.ok(p.CreationDate instanceof Date);
    assert.ok(p.LastModifiedDate instanceof Date);
    assert.equal(p.Domain, undefined);
    assert.equal(p.UsernameAttributes, undefined);
    assert.equal(p.AliasAttributes, undefined);
  });

  it("the standard schema attributes are the documented set", async () => {
    const p = await pool();
    const names = p.SchemaAttributes!.map((a) => a.Name).sort();
    assert.deepEqual(
      names,
      [
        "address",
        "birthdate",
        "email",
        "email_verified",
        "family_name",
        "gender",
        "given_name",
        "locale",
        "middle_name",
        "name",
        "nickname",
        "phone_number",
        "phone_number_verified",
        "picture",
        "preferred_username",
        "profile",
        "sub",
        "updated_at",
        "website",
        "zoneinfo",
      ].sort(),
    );
    const updatedAt = p.SchemaAttributes!.find((a) => a.Name === "updated_at")!;
    assert.equal(updatedAt.AttributeDataType, "Number");
    assert.deepEqual(updatedAt.NumberAttributeConstraints, { MinValue: "0" });
    const emailVerified = p.SchemaAttributes!.find((a) => a.Name === "email_verified")!;
    assert.equal(emailVerified.AttributeDataType, "Boolean");
  });

  it("prefixes custom schema attributes with custom: and developer-only ones with dev:custom:", async () => {
    const p = await pool({
      Schema: [
        { Name: "tier", AttributeDataType: "String", Mutable: true },
        {
          Name: "mydev",
          AttributeDataType: "Number",
          DeveloperOnlyAttribute: true,
          Mutable: true,
          NumberAttributeConstraints: { MinValue: "1", MaxValue: "99" },
        },
      ],
    });
    const names = p.SchemaAttributes!.map((a) => a.Name);
    assert.ok(names.includes("custom:tier"));
    const dev = p.SchemaAttributes!.find((a) => a.Name === "dev:custom:mydev");
    assert.ok(dev, `expected dev:custom:mydev among ${names.join(",")}`);
    assert.deepEqual(dev.NumberAttributeConstraints, { MinValue: "1", MaxValue: "99" });
  });

  it("pool names need not be unique", async () => {
    const a = await t.client.send(new CreateUserPoolCommand({ PoolName: "same-name" }));
    const b = await t.client.send(new CreateUserPoolCommand({ PoolName: "same-name" }));
    assert.notEqual(a.UserPool!.Id, b.UserPool!.Id);
  });

  it("UsernameAttributes and AliasAttributes are mutually exclusive", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({ PoolName: "both", UsernameAttributes: ["email"], AliasAttributes: ["email"] }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("UpdateUserPool resets every setting it is not given to its default", async () => {
    const p = await pool({
      AutoVerifiedAttributes: ["email"],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
      EmailVerificationSubject: "Verify!",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      DeletionProtection: "ACTIVE",
    });
    await t.client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id, MfaConfiguration: "OFF" }));
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(UserPool!.AutoVerifiedAttributes, undefined);
    assert.equal(UserPool!.Policies?.PasswordPolicy?.MinimumLength, 8);
    assert.equal(UserPool!.Policies?.PasswordPolicy?.RequireSymbols, true);
    assert.equal(UserPool!.DeviceConfiguration, undefined);
    assert.equal(UserPool!.DeletionProtection, "INACTIVE");
  });

  it("UpdateUserPool changes LastModifiedDate but not CreationDate, and keeps the name", async () => {
    const p = await pool();
    await new Promise((r) => setTimeout(r, 1100));
    await t.client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id }));
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(UserPool!.Name, p.Name);
    assert.equal(UserPool!.CreationDate!.getTime(), p.CreationDate!.getTime());
    assert.ok(UserPool!.LastModifiedDate!.getTime() > p.LastModifiedDate!.getTime());
  });

  it("UpdateUserPool on an unknown pool is ResourceNotFoundException", async () => {
    const err = await errorOf(() => t.client.send(new UpdateUserPoolCommand({ UserPoolId: "us-east-1_missing00" })));
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("deletion protection blocks DeleteUserPool with InvalidParameterException", async () => {
    const p = await pool({ DeletionProtection: "ACTIVE" });
    const err = await errorOf(() => t.client.send(new DeleteUserPoolCommand({ UserPoolId: p.Id })));
    assert.equal(err.name, "InvalidParameterException");
    const still = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(still.UserPool!.DeletionProtection, "ACTIVE");
  });

  it("ListUserPools enforces MaxResults between 1 and 60", async () => {
    const err = await errorOf(() => t.client.send(new ListUserPoolsCommand({ MaxResults: 61 })));
    assert.equal(err.name, "InvalidParameterException");
    const zero = await errorOf(() => t.client.send(new ListUserPoolsCommand({ MaxResults: 0 })));
    assert.equal(zero.name, "InvalidParameterException");
  });

  it("ListUserPools returns the description shape only", async () => {
    const p = await pool();
    let token: string | undefined;
    let found;
    do {
      const page = await t.client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
      found ??= page.UserPools!.find((u) => u.Id === p.Id);
      token = page.NextToken;
    } while (token);
    assert.ok(found);
    assert.equal(found.Name, p.Name);
    assert.ok(found.CreationDate instanceof Date);
    assert.ok(found.LastModifiedDate instanceof Date);
    assert.deepEqual(found.LambdaConfig, {});
    assert.equal((found as Record<string, unknown>).SchemaAttributes, undefined);
    assert.equal((found as Record<string, unknown>).Arn, undefined);
  });
});

describe("custom attributes", () => {
  it("AddCustomAttributes adds custom:-prefixed attributes", async () => {
    const p = await pool();
    await t.client.send(
      new AddCustomAttributesCommand({
        UserPoolId: p.Id,
        CustomAttributes: [
          { Name: "plan", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: { MaxLength: "32" } },
        ],
      }),
    );
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    const plan = UserPool!.SchemaAttributes!.find((a) => a.Name === "custom:plan");
    assert.ok(plan);
    assert.equal(plan.AttributeDataType, "String");
    assert.equal(plan.Mutable, true);
    assert.equal(plan.Required, false);
    assert.equal(plan.StringAttributeConstraints?.MaxLength, "32");
  });

  it("refuses a custom attribute that already exists", async () => {
    const p = await pool({ Schema: [{ Name: "plan", AttributeDataType: "String" }] });
    const err = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: p.Id,
          CustomAttributes: [{ Name: "plan", AttributeDataType: "String" }],
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("refuses required custom attributes", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: p.Id,
          CustomAttributes: [{ Name: "must", AttributeDataType: "String", Required: true }],
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("GetCSVHeader lists the import columns, custom attributes included", async () => {
    const p = await pool({ Schema: [{ Name: "plan", AttributeDataType: "String", Mutable: true }] });
    const out = await t.client.send(new GetCSVHeaderCommand({ UserPoolId: p.Id }));
    assert.equal(out.UserPoolId, p.Id);
    const h = out.CSVHeader!;
    for (const col of [
      "name",
      "email",
      "email_verified",
      "phone_number",
      "cognito:mfa_enabled",
      "cognito:username",
      "custom:plan",
    ]) {
      assert.ok(h.includes(col), `missing ${col} in ${h.join(",")}`);
    }
    assert.ok(!h.includes("sub"));
  });
});

describe("MFA configuration", () => {
  it("a new pool reports MFA OFF", async () => {
    const p = await pool();
    const out = await t.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: p.Id }));
    assert.equal(out.MfaConfiguration, "OFF");
  });

  it("turns on optional TOTP MFA and reflects it in DescribeUserPool", async () => {
    const p = await pool();
    const set = await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: p.Id,
        SoftwareTokenMfaConfiguration: { Enabled: true },
        MfaConfiguration: "OPTIONAL",
      }),
    );
    assert.equal(set.MfaConfiguration, "OPTIONAL");
    assert.deepEqual(set.SoftwareTokenMfaConfiguration, { Enabled: true });
    const got = await t.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: p.Id }));
    assert.equal(got.MfaConfiguration, "OPTIONAL");
    assert.deepEqual(got.SoftwareTokenMfaConfiguration, { Enabled: true });
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(UserPool!.MfaConfiguration, "OPTIONAL");
  });

  it("refuses MFA ON without any MFA factor configured", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: p.Id, MfaConfiguration: "ON" })),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("GetUserPoolMfaConfig on an unknown pool is ResourceNotFoundException", async () => {
    const err = await errorOf(() =>
      t.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: "us-east-1_missing00" })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });
});

describe("tags", () => {
  it("tags, lists and untags a pool by ARN", async () => {
    const p = await pool({ UserPoolTags: { team: "a" } });
    await t.client.send(new TagResourceCommand({ ResourceArn: p.Arn, Tags: { env: "dev", team: "b" } }));
    let tags = (await t.client.send(new ListTagsForResourceCommand({ ResourceArn: p.Arn }))).Tags;
    assert.deepEqual(tags, { env: "dev", team: "b" });
    await t.client.send(new UntagResourceCommand({ ResourceArn: p.Arn, TagKeys: ["team", "absent"] }));
    tags = (await t.client.send(new ListTagsForResourceCommand({ ResourceArn: p.Arn }))).Tags;
    assert.deepEqual(tags, { env: "dev" });
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.deepEqual(UserPool!.UserPoolTags, { env: "dev" });
  });

  it("an unknown pool ARN is ResourceNotFoundException", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new TagResourceCommand({
          ResourceArn: "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_missing00",
          Tags: { a: "b" },
        }),
      ),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });
});

describe("app clients", () => {
  it("a new client carries the documented defaults", async () => {
    const p = await pool();
    const c = await appClient(p.Id!);
    assert.match(c.ClientId!, /^[a-z0-9]{26}$/);
    assert.equal(c.UserPoolId, p.Id);
    assert.equal(c.ClientName, "app");
    assert.equal(c.ClientSecret, undefined);
    assert.equal(c.RefreshTokenValidity, 30);
    assert.equal(c.AllowedOAuthFlowsUserPoolClient, false);
    assert.equal(c.EnableTokenRevocation, true);
    assert.equal(c.EnablePropagateAdditionalUserContextData, false);
    assert.equal(c.AuthSessionValidity, 3);
    assert.equal(c.AllowedOAuthFlows, undefined);
    assert.equal(c.AllowedOAuthScopes, undefined);
    assert.equal(c.CallbackURLs, undefined);
    assert.ok(c.CreationDate instanceof Date);
    assert.ok(c.LastModifiedDate instanceof Date);
  });

  it("GenerateSecret returns a 51-52 character secret, and Describe returns it too", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, { GenerateSecret: true });
    assert.match(c.ClientSecret!, /^[a-z0-9]{51,52}$/);
    const d = await t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    assert.equal(d.UserPoolClient!.ClientSecret, c.ClientSecret);
  });

  it("echoes the documented full example", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, {
      ClientName: "my-test-app-client",
      AccessTokenValidity: 6,
      IdTokenValidity: 6,
      RefreshTokenValidity: 6,
      TokenValidityUnits: { AccessToken: "hours", IdToken: "minutes", RefreshToken: "days" },
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["aws.cognito.signin.user.admin", "openid"],
      CallbackURLs: ["https://example.com", "http://localhost", "myapp://example"],
      DefaultRedirectURI: "https://example.com",
      LogoutURLs: ["https://example.com/logout"],
      ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      GenerateSecret: true,
      PreventUserExistenceErrors: "ENABLED",
      ReadAttributes: ["email", "address", "preferred_username"],
      WriteAttributes: ["family_name", "email"],
      SupportedIdentityProviders: ["COGNITO"],
    });
    assert.equal(c.AccessTokenValidity, 6);
    assert.equal(c.IdTokenValidity, 6);
    assert.equal(c.RefreshTokenValidity, 6);
    assert.deepEqual(c.TokenValidityUnits, { AccessToken: "hours", IdToken: "minutes", RefreshToken: "days" });
    assert.deepEqual(c.AllowedOAuthFlows, ["code"]);
    assert.deepEqual([...c.AllowedOAuthScopes!].sort(), ["aws.cognito.signin.user.admin", "openid"]);
    assert.deepEqual([...c.CallbackURLs!].sort(), ["http://localhost", "https://example.com", "myapp://example"]);
    assert.equal(c.DefaultRedirectURI, "https://example.com");
    assert.deepEqual([...c.ExplicitAuthFlows!].sort(), [
      "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
      "ALLOW_USER_PASSWORD_AUTH",
    ]);
    assert.equal(c.PreventUserExistenceErrors, "ENABLED");
    assert.deepEqual([...c.ReadAttributes!].sort(), ["address", "email", "preferred_username"]);
    assert.deepEqual([...c.WriteAttributes!].sort(), ["email", "family_name"]);
    assert.deepEqual(c.SupportedIdentityProviders, ["COGNITO"]);
  });

  it("rejects an access token validity beyond one day", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, { AccessTokenValidity: 25, TokenValidityUnits: { AccessToken: "hours" } }),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("rejects an ID token validity below five minutes", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, { IdTokenValidity: 4, TokenValidityUnits: { IdToken: "minutes" } }),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("rejects a refresh token validity beyond ten years", async () => {
    const p = await pool();
    const err = await errorOf(() => appClient(p.Id!, { RefreshTokenValidity: 3651 }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("rejects a refresh token validity shorter than the access token validity", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, {
        RefreshTokenValidity: 60,
        AccessTokenValidity: 2,
        TokenValidityUnits: { RefreshToken: "minutes", AccessToken: "hours" },
      }),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("accepts the boundary validities in seconds: 300 s to 86400 s for access/ID tokens", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, {
      AccessTokenValidity: 300,
      IdTokenValidity: 86400,
      RefreshTokenValidity: 86400,
      TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds", RefreshToken: "seconds" },
    });
    assert.equal(c.AccessTokenValidity, 300);
    assert.equal(c.IdTokenValidity, 86400);
    assert.equal(c.RefreshTokenValidity, 86400);
  });

  it("RefreshTokenValidity 0 is replaced by the 30-day default", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, { RefreshTokenValidity: 0 });
    assert.equal(c.RefreshTokenValidity, 30);
  });

  it("rejects mixing legacy and ALLOW_ explicit auth flows", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, { ExplicitAuthFlows: ["USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"] }),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("client_credentials cannot be combined with code or implicit", async () => {
    const p = await pool();
    await t.client.send(
      new CreateResourceServerCommand({
        UserPoolId: p.Id,
        Identifier: "https://api.example.com",
        Name: "api",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
      }),
    );
    const err = await errorOf(() =>
      appClient(p.Id!, {
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials", "code"],
        AllowedOAuthScopes: ["https://api.example.com/read"],
        CallbackURLs: ["https://example.com/cb"],
        SupportedIdentityProviders: ["COGNITO"],
      }),
    );
    assert.equal(err.name, "InvalidOAuthFlowException");
    assert.equal(err.message, "client_credentials flow can not be selected along with code flow or implicit flow.");
  });

  it("client_credentials requires a client secret", async () => {
    const p = await pool();
    await t.client.send(
      new CreateResourceServerCommand({
        UserPoolId: p.Id,
        Identifier: "api",
        Name: "api",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
      }),
    );
    const err = await errorOf(() =>
      appClient(p.Id!, {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["api/read"],
      }),
    );
    assert.equal(err.name, "InvalidOAuthFlowException");
    assert.equal(err.message, "client_credentials flow can not be selected if client does not have a client secret.");
  });

  it("client_credentials with a secret and a custom scope is accepted", async () => {
    const p = await pool();
    await t.client.send(
      new CreateResourceServerCommand({
        UserPoolId: p.Id,
        Identifier: "api",
        Name: "api",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
      }),
    );
    const c = await appClient(p.Id!, {
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthScopes: ["api/read"],
    });
    assert.deepEqual(c.AllowedOAuthFlows, ["client_credentials"]);
    assert.deepEqual(c.AllowedOAuthScopes, ["api/read"]);
  });

  it("a scope that no resource server defines is ScopeDoesNotExistException", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "api/nothing"],
        CallbackURLs: ["https://example.com/cb"],
        SupportedIdentityProviders: ["COGNITO"],
      }),
    );
    assert.equal(err.name, "ScopeDoesNotExistException");
  });

  it("callback URLs must be HTTPS except for localhost", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
        CallbackURLs: ["http://example.com/cb"],
        SupportedIdentityProviders: ["COGNITO"],
      }),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("the default redirect URI must be one of the callback URLs", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
        CallbackURLs: ["https://example.com/cb"],
        DefaultRedirectURI: "https://example.com/other",
        SupportedIdentityProviders: ["COGNITO"],
      }),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("an unknown identity provider in SupportedIdentityProviders is InvalidParameterException", async () => {
    const p = await pool();
    const err = await errorOf(() => appClient(p.Id!, { SupportedIdentityProviders: ["NoSuchIdP"] }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("UpdateUserPoolClient resets unspecified settings to defaults", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, {
      AccessTokenValidity: 2,
      RefreshTokenValidity: 10,
      ReadAttributes: ["email"],
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      PreventUserExistenceErrors: "ENABLED",
    });
    const u = await t.client.send(
      new UpdateUserPoolClientCommand({ UserPoolId: p.Id, ClientId: c.ClientId, ClientName: "renamed" }),
    );
    assert.equal(u.UserPoolClient!.ClientName, "renamed");
    assert.equal(u.UserPoolClient!.RefreshTokenValidity, 30);
    assert.equal(u.UserPoolClient!.AccessTokenValidity, undefined);
    assert.equal(u.UserPoolClient!.ReadAttributes, undefined);
    const d = await t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    assert.equal(d.UserPoolClient!.ClientName, "renamed");
    assert.equal(d.UserPoolClient!.RefreshTokenValidity, 30);
  });

  it("UpdateUserPoolClient keeps the secret and the creation date", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, { GenerateSecret: true });
    const u = await t.client.send(new UpdateUserPoolClientCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    assert.equal(u.UserPoolClient!.ClientSecret, c.ClientSecret);
    assert.equal(u.UserPoolClient!.CreationDate!.getTime(), c.CreationDate!.getTime());
  });

  it("lists clients as descriptions and deletes them", async () => {
    const p = await pool();
    const a = await appClient(p.Id!, { ClientName: "a" });
    const b = await appClient(p.Id!, { ClientName: "b" });
    const first = await t.client.send(new ListUserPoolClientsCommand({ UserPoolId: p.Id, MaxResults: 1 }));
    assert.equal(first.UserPoolClients!.length, 1);
    assert.ok(first.NextToken);
    const second = await t.client.send(
      new ListUserPoolClientsCommand({ UserPoolId: p.Id, MaxResults: 1, NextToken: first.NextToken }),
    );
    const all = [...first.UserPoolClients!, ...second.UserPoolClients!];
    assert.deepEqual(all.map((x) => x.ClientId).sort(), [a.ClientId, b.ClientId].sort());
    assert.deepEqual(Object.keys(all[0]!).sort(), ["ClientId", "ClientName", "UserPoolId"]);
    await t.client.send(new DeleteUserPoolClientCommand({ UserPoolId: p.Id, ClientId: a.ClientId }));
    const err = await errorOf(() =>
      t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: p.Id, ClientId: a.ClientId })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("an unknown client is ResourceNotFoundException", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: p.Id, ClientId: "1example23456789abcdefghij" })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });
});

describe("client secrets", () => {
  it("lists the generated secret, adds a second, refuses a third, and deletes one", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, { GenerateSecret: true });
    const listed = await t.client.send(
      new ListUserPoolClientSecretsCommand({ UserPoolId: p.Id, ClientId: c.ClientId }),
    );
    assert.equal(listed.ClientSecrets!.length, 1);
    const first = listed.ClientSecrets![0]!;
    assert.ok(first.ClientSecretId);
    assert.ok(first.ClientSecretCreateDate instanceof Date);
    assert.equal(first.ClientSecretValue, undefined);
    const added = await t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    assert.ok(added.ClientSecretDescriptor?.ClientSecretId);
    assert.ok(added.ClientSecretDescriptor?.ClientSecretValue);
    assert.notEqual(added.ClientSecretDescriptor?.ClientSecretId, first.ClientSecretId);
    const again = await t.client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    assert.equal(again.ClientSecrets!.length, 2);
    const third = await errorOf(() =>
      t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: p.Id, ClientId: c.ClientId })),
    );
    assert.equal(third.name, "LimitExceededException");
    await t.client.send(
      new DeleteUserPoolClientSecretCommand({
        UserPoolId: p.Id,
        ClientId: c.ClientId,
        ClientSecretId: first.ClientSecretId,
      }),
    );
    const after = await t.client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    assert.deepEqual(
      after.ClientSecrets!.map((s) => s.ClientSecretId),
      [added.ClientSecretDescriptor!.ClientSecretId],
    );
  });

  it("refuses to delete the last remaining secret", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, { GenerateSecret: true });
    const listed = await t.client.send(
      new ListUserPoolClientSecretsCommand({ UserPoolId: p.Id, ClientId: c.ClientId }),
    );
    const err = await errorOf(() =>
      t.client.send(
        new DeleteUserPoolClientSecretCommand({
          UserPoolId: p.Id,
          ClientId: c.ClientId,
          ClientSecretId: listed.ClientSecrets![0]!.ClientSecretId,
        }),
      ),
    );
    assert.ok(["InvalidParameterException", "LimitExceededException"].includes(err.name), err.name);
  });

  it("a caller-supplied secret is not echoed back (ClientSecretValue only for generated secrets)", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, { GenerateSecret: true });
    const secret = "a".repeat(24) + "B1b2C3d4E5f6G7h8";
    const added = await t.client.send(
      new AddUserPoolClientSecretCommand({ UserPoolId: p.Id, ClientId: c.ClientId, ClientSecret: secret }),
    );
    assert.equal(added.ClientSecretDescriptor?.ClientSecretValue, undefined);
    assert.match(added.ClientSecretDescriptor!.ClientSecretId!, new RegExp(`^${c.ClientId}--\\d+$`));
    assert.ok(added.ClientSecretDescriptor?.ClientSecretCreateDate instanceof Date);
  });
});

describe("resource servers", () => {
  it("creates, describes, lists, updates and deletes a resource server", async () => {
    const p = await pool();
    const created = await t.client.send(
      new CreateResourceServerCommand({
        UserPoolId: p.Id,
        Identifier: "https://api.example.com",
        Name: "API",
        Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }],
      }),
    );
    assert.deepEqual(created.ResourceServer, {
      UserPoolId: p.Id,
      Identifier: "https://api.example.com",
      Name: "API",
      Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }],
    });
    const d = await t.client.send(
      new DescribeResourceServerCommand({ UserPoolId: p.Id, Identifier: "https://api.example.com" }),
    );
    assert.deepEqual(d.ResourceServer, created.ResourceServer);
    const l = await t.client.send(new ListResourceServersCommand({ UserPoolId: p.Id, MaxResults: 10 }));
    assert.deepEqual(l.ResourceServers, [created.ResourceServer]);
    const u = await t.client.send(
      new UpdateResourceServerCommand({ UserPoolId: p.Id, Identifier: "https://api.example.com", Name: "API v2" }),
    );
    assert.equal(u.ResourceServer!.Name, "API v2");
    assert.ok(u.ResourceServer!.Scopes === undefined || u.ResourceServer!.Scopes.length === 0);
    await t.client.send(new DeleteResourceServerCommand({ UserPoolId: p.Id, Identifier: "https://api.example.com" }));
    const err = await errorOf(() =>
      t.client.send(new DescribeResourceServerCommand({ UserPoolId: p.Id, Identifier: "https://api.example.com" })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("a resource server without scopes has no Scopes member... or an empty list", async () => {
    const p = await pool();
    const created = await t.client.send(
      new CreateResourceServerCommand({ UserPoolId: p.Id, Identifier: "bare", Name: "bare" }),
    );
    assert.ok(created.ResourceServer!.Scopes === undefined || created.ResourceServer!.Scopes.length === 0);
  });

  it("a duplicate identifier is InvalidParameterException", async () => {
    const p = await pool();
    await t.client.send(new CreateResourceServerCommand({ UserPoolId: p.Id, Identifier: "dup", Name: "dup" }));
    const err = await errorOf(() =>
      t.client.send(new CreateResourceServerCommand({ UserPoolId: p.Id, Identifier: "dup", Name: "dup" })),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("removing a scope used by a client is allowed and the client keeps working", async () => {
    const p = await pool();
    await t.client.send(
      new CreateResourceServerCommand({
        UserPoolId: p.Id,
        Identifier: "api",
        Name: "api",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
      }),
    );
    const c = await appClient(p.Id!, {
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthScopes: ["api/read"],
    });
    await t.client.send(new DeleteResourceServerCommand({ UserPoolId: p.Id, Identifier: "api" }));
    const d = await t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    assert.ok(d.UserPoolClient);
  });
});

describe("identity providers", () => {
  const google = (UserPoolId: string) =>
    new CreateIdentityProviderCommand({
      UserPoolId,
      ProviderName: "Google",
      ProviderType: "Google",
      ProviderDetails: { client_id: "gid", client_secret: "gsecret", authorize_scopes: "profile email openid" },
      AttributeMapping: { email: "email" },
      IdpIdentifiers: ["goog"],
    });

  it("creates a Google IdP and fills in Google's endpoints", async () => {
    const p = await pool();
    const { IdentityProvider: idp } = await t.client.send(google(p.Id!));
    assert.equal(idp!.UserPoolId, p.Id);
    assert.equal(idp!.ProviderName, "Google");
    assert.equal(idp!.ProviderType, "Google");
    assert.equal(idp!.ProviderDetails!.client_id, "gid");
    assert.equal(idp!.ProviderDetails!.authorize_url, "https://accounts.google.com/o/oauth2/v2/auth");
    assert.equal(idp!.ProviderDetails!.token_url, "https://www.googleapis.com/oauth2/v4/token");
    assert.equal(idp!.ProviderDetails!.oidc_issuer, "https://accounts.google.com");
    assert.equal(idp!.AttributeMapping!.email, "email");
    assert.equal(idp!.AttributeMapping!.username, "sub");
    assert.deepEqual(idp!.IdpIdentifiers, ["goog"]);
    assert.ok(idp!.CreationDate instanceof Date);
    assert.ok(idp!.LastModifiedDate instanceof Date);
  });

  it("a second provider of the same name is DuplicateProviderException", async () => {
    const p = await pool();
    await t.client.send(google(p.Id!));
    const err = await errorOf(() => t.client.send(google(p.Id!)));
    assert.equal(err.name, "DuplicateProviderException");
  });

  it("finds a provider by identifier and misses unknown identifiers", async () => {
    const p = await pool();
    await t.client.send(google(p.Id!));
    const got = await t.client.send(
      new GetIdentityProviderByIdentifierCommand({ UserPoolId: p.Id, IdpIdentifier: "goog" }),
    );
    assert.equal(got.IdentityProvider!.ProviderName, "Google");
    const err = await errorOf(() =>
      t.client.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: p.Id, IdpIdentifier: "nope" })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("an identifier already used by another provider is refused", async () => {
    const p = await pool();
    await t.client.send(google(p.Id!));
    const err = await errorOf(() =>
      t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: p.Id,
          ProviderName: "MyOIDC",
          ProviderType: "OIDC",
          ProviderDetails: {
            client_id: "c",
            client_secret: "s",
            authorize_scopes: "openid",
            attributes_request_method: "GET",
            oidc_issuer: "https://issuer.example.com",
            authorize_url: "https://issuer.example.com/authorize",
            token_url: "https://issuer.example.com/token",
            attributes_url: "https://issuer.example.com/userinfo",
            jwks_uri: "https://issuer.example.com/jwks",
          },
          IdpIdentifiers: ["goog"],
        }),
      ),
    );
    assert.ok(["InvalidParameterException", "DuplicateProviderException"].includes(err.name), err.name);
  });

  it("a Google provider missing client_id is InvalidParameterException", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: p.Id,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: { client_secret: "s", authorize_scopes: "openid" },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("lists providers as descriptions, updates and deletes", async () => {
    const p = await pool();
    await t.client.send(google(p.Id!));
    const l = await t.client.send(new ListIdentityProvidersCommand({ UserPoolId: p.Id, MaxResults: 10 }));
    assert.equal(l.Providers!.length, 1);
    assert.deepEqual(Object.keys(l.Providers![0]!).sort(), [
      "CreationDate",
      "LastModifiedDate",
      "ProviderName",
      "ProviderType",
    ]);
    const u = await t.client.send(
      new UpdateIdentityProviderCommand({
        UserPoolId: p.Id,
        ProviderName: "Google",
        AttributeMapping: { email: "email", name: "name" },
      }),
    );
    assert.equal(u.IdentityProvider!.AttributeMapping!.name, "name");
    assert.equal(u.IdentityProvider!.ProviderDetails!.client_id, "gid");
    await t.client.send(new DeleteIdentityProviderCommand({ UserPoolId: p.Id, ProviderName: "Google" }));
    const err = await errorOf(() =>
      t.client.send(new DescribeIdentityProviderCommand({ UserPoolId: p.Id, ProviderName: "Google" })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("a client may name the provider in SupportedIdentityProviders once it exists", async () => {
    const p = await pool();
    await t.client.send(google(p.Id!));
    const c = await appClient(p.Id!, { SupportedIdentityProviders: ["Google", "COGNITO"] });
    assert.deepEqual([...c.SupportedIdentityProviders!].sort(), ["COGNITO", "Google"]);
  });
});

describe("user pool domains", () => {
  it("creates a prefix domain, shows it in DescribeUserPool and DescribeUserPoolDomain", async () => {
    const p = await pool();
    const domain = uniq("cp-dom");
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: domain }));
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(UserPool!.Domain, domain);
    const { DomainDescription: dd } = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
    assert.equal(dd!.UserPoolId, p.Id);
    assert.equal(dd!.Domain, domain);
    assert.equal(dd!.Status, "ACTIVE");
    assert.ok(dd!.AWSAccountId);
    assert.ok(dd!.CloudFrontDistribution);
    assert.equal(dd!.CustomDomainConfig, undefined);
  });

  it("DescribeUserPoolDomain of an unknown domain returns an empty DomainDescription", async () => {
    const out = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: uniq("no-such-domain") }));
    assert.deepEqual(out.DomainDescription, {});
  });

  it("a domain already in use is refused", async () => {
    const a = await pool();
    const b = await pool();
    const domain = uniq("taken");
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: a.Id, Domain: domain }));
    const err = await errorOf(() =>
      t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: b.Id, Domain: domain })),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("a pool gets only one prefix domain", async () => {
    const p = await pool();
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: uniq("one") }));
    const err = await errorOf(() =>
      t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: uniq("two") })),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("prefix domains may not contain aws, amazon or cognito", async () => {
    const p = await pool();
    for (const word of ["my-aws-app", "amazon-login", "cognito-test"]) {
      const err = await errorOf(() =>
        t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: word })),
      );
      assert.equal(err.name, "InvalidParameterException", word);
    }
  });

  it("prefix domains must be lowercase letters, digits and hyphens", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: "Upper_Case" })),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("ManagedLoginVersion defaults to 1 (classic hosted UI) and can be changed with UpdateUserPoolDomain", async () => {
    const p = await pool();
    const domain = uniq("mlv");
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: domain }));
    let dd = (await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription!;
    assert.equal(dd.ManagedLoginVersion, 1);
    const up = await t.client.send(
      new UpdateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: domain, ManagedLoginVersion: 2 }),
    );
    assert.equal(up.ManagedLoginVersion, 2);
    dd = (await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription!;
    assert.equal(dd.ManagedLoginVersion, 2);
  });

  it("deleting the domain frees it and clears Domain from the pool", async () => {
    const p = await pool();
    const domain = uniq("freed");
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: domain }));
    await t.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: p.Id, Domain: domain }));
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(UserPool!.Domain, undefined);
    const out = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
    assert.deepEqual(out.DomainDescription, {});
  });
});

describe("input validation and edge cases", () => {
  it("pool names must match [\\w\\s+=,.@-]+", async () => {
    const err = await errorOf(() => t.client.send(new CreateUserPoolCommand({ PoolName: "bad/name" })));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("password policy MinimumLength must be 6..99 and TemporaryPasswordValidityDays 0..365", async () => {
    for (const PasswordPolicy of [
      { MinimumLength: 5 },
      { MinimumLength: 100 },
      { TemporaryPasswordValidityDays: 366 },
    ]) {
      const err = await errorOf(() =>
        t.client.send(new CreateUserPoolCommand({ PoolName: "pw", Policies: { PasswordPolicy } })),
      );
      assert.equal(err.name, "InvalidParameterException", JSON.stringify(PasswordPolicy));
    }
  });

  it("custom attribute names are at most 20 characters", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: p.Id,
          CustomAttributes: [{ Name: "a".repeat(21), AttributeDataType: "String" }],
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("AddCustomAttributes on an unknown pool is ResourceNotFoundException", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: "us-east-1_missing00",
          CustomAttributes: [{ Name: "x", AttributeDataType: "String" }],
        }),
      ),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("GetCSVHeader lists the standard columns in Cognito's order", async () => {
    const p = await pool();
    const out = await t.client.send(new GetCSVHeaderCommand({ UserPoolId: p.Id }));
    assert.deepEqual(out.CSVHeader, [
      "name",
      "given_name",
      "family_name",
      "middle_name",
      "nickname",
      "preferred_username",
      "profile",
      "picture",
      "website",
      "email",
      "email_verified",
      "gender",
      "birthdate",
      "zoneinfo",
      "locale",
      "phone_number",
      "phone_number_verified",
      "address",
      "updated_at",
      "cognito:mfa_enabled",
      "cognito:username",
    ]);
  });

  it("list operations enforce their MaxResults ranges", async () => {
    const p = await pool();
    const clients = await errorOf(() =>
      t.client.send(new ListUserPoolClientsCommand({ UserPoolId: p.Id, MaxResults: 61 })),
    );
    assert.equal(clients.name, "InvalidParameterException");
    const rs = await errorOf(() => t.client.send(new ListResourceServersCommand({ UserPoolId: p.Id, MaxResults: 51 })));
    assert.equal(rs.name, "InvalidParameterException");
    const idps = await errorOf(() =>
      t.client.send(new ListIdentityProvidersCommand({ UserPoolId: p.Id, MaxResults: 61 })),
    );
    assert.equal(idps.name, "InvalidParameterException");
  });

  it("CreateUserPoolClient on an unknown pool is ResourceNotFoundException", async () => {
    const err = await errorOf(() => appClient("us-east-1_missing00"));
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("UpdateUserPoolClient and DeleteUserPoolClient of an unknown client are ResourceNotFoundException", async () => {
    const p = await pool();
    const ClientId = "1example23456789abcdefghij";
    const u = await errorOf(() => t.client.send(new UpdateUserPoolClientCommand({ UserPoolId: p.Id, ClientId })));
    assert.equal(u.name, "ResourceNotFoundException");
    const d = await errorOf(() => t.client.send(new DeleteUserPoolClientCommand({ UserPoolId: p.Id, ClientId })));
    assert.equal(d.name, "ResourceNotFoundException");
  });

  it("a client of one pool is not found through another pool", async () => {
    const a = await pool();
    const b = await pool();
    const c = await appClient(a.Id!);
    const err = await errorOf(() =>
      t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: b.Id, ClientId: c.ClientId })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("unknown attributes in ReadAttributes are InvalidParameterException", async () => {
    const p = await pool();
    const err = await errorOf(() => appClient(p.Id!, { ReadAttributes: ["email", "custom:nope"] }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("AllowedOAuthFlowsUserPoolClient true without flows is InvalidParameterException", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ["openid"] }),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("UpdateUserPoolClient to client_credentials on a public client is InvalidOAuthFlowException", async () => {
    const p = await pool();
    await t.client.send(
      new CreateResourceServerCommand({
        UserPoolId: p.Id,
        Identifier: "api",
        Name: "api",
        Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
      }),
    );
    const c = await appClient(p.Id!);
    const err = await errorOf(() =>
      t.client.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: p.Id,
          ClientId: c.ClientId,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["api/read"],
        }),
      ),
    );
    assert.equal(err.name, "InvalidOAuthFlowException");
  });

  it("AddUserPoolClientSecret on an unknown client is ResourceNotFoundException", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: p.Id, ClientId: "1example23456789abcdefghij" })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("deleting an unknown client secret is ResourceNotFoundException", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, { GenerateSecret: true });
    await t.client.send(new AddUserPoolClientSecretCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    const err = await errorOf(() =>
      t.client.send(
        new DeleteUserPoolClientSecretCommand({
          UserPoolId: p.Id,
          ClientId: c.ClientId,
          ClientSecretId: `${c.ClientId}--1234567890`,
        }),
      ),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("scope names may not contain a slash", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(
        new CreateResourceServerCommand({
          UserPoolId: p.Id,
          Identifier: "api",
          Name: "api",
          Scopes: [{ ScopeName: "a/b", ScopeDescription: "bad" }],
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("UpdateResourceServer and DeleteResourceServer of an unknown identifier are ResourceNotFoundException", async () => {
    const p = await pool();
    const u = await errorOf(() =>
      t.client.send(new UpdateResourceServerCommand({ UserPoolId: p.Id, Identifier: "nope", Name: "n" })),
    );
    assert.equal(u.name, "ResourceNotFoundException");
    const d = await errorOf(() =>
      t.client.send(new DeleteResourceServerCommand({ UserPoolId: p.Id, Identifier: "nope" })),
    );
    assert.equal(d.name, "ResourceNotFoundException");
  });

  it("a SAML provider needs MetadataURL or MetadataFile", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: p.Id,
          ProviderName: "MySAML",
          ProviderType: "SAML",
          ProviderDetails: {},
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("DescribeIdentityProvider / UpdateIdentityProvider of an unknown provider are ResourceNotFoundException", async () => {
    const p = await pool();
    const d = await errorOf(() =>
      t.client.send(new DescribeIdentityProviderCommand({ UserPoolId: p.Id, ProviderName: "Nope" })),
    );
    assert.equal(d.name, "ResourceNotFoundException");
    const u = await errorOf(() =>
      t.client.send(new UpdateIdentityProviderCommand({ UserPoolId: p.Id, ProviderName: "Nope", IdpIdentifiers: [] })),
    );
    assert.equal(u.name, "ResourceNotFoundException");
  });

  it("DeleteUserPoolDomain of a domain the pool does not own is refused", async () => {
    const a = await pool();
    const b = await pool();
    const domain = uniq("owned");
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: a.Id, Domain: domain }));
    const err = await errorOf(() =>
      t.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: b.Id, Domain: domain })),
    );
    assert.ok(["InvalidParameterException", "ResourceNotFoundException"].includes(err.name), err.name);
    const still = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
    assert.equal(still.DomainDescription!.UserPoolId, a.Id);
  });

  it("CreateUserPoolDomain with ManagedLoginVersion 2 returns it", async () => {
    const p = await pool();
    const out = await t.client.send(
      new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: uniq("v2"), ManagedLoginVersion: 2 }),
    );
    assert.equal(out.ManagedLoginVersion, 2);
  });

  it("deleting a pool deletes its clients", async () => {
    const p = await pool();
    const c = await appClient(p.Id!);
    await t.client.send(new DeleteUserPoolCommand({ UserPoolId: p.Id }));
    const err = await errorOf(() =>
      t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: p.Id, ClientId: c.ClientId })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("MFA ON with TOTP is accepted and DescribeUserPool reports ON", async () => {
    const p = await pool();
    await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: p.Id,
        MfaConfiguration: "ON",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(UserPool!.MfaConfiguration, "ON");
  });

  it("email MFA needs the pool to send email with Amazon SES (DEVELOPER)", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: p.Id,
          MfaConfiguration: "OPTIONAL",
          EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Code" },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });
});

describe("documented examples and Cognito's wording", () => {
  it("SmsConfiguration gets SnsRegion defaulted to the pool's Region", async () => {
    const p = await pool({
      SmsConfiguration: {
        ExternalId: "my-role-external-id",
        SnsCallerArn: "arn:aws:iam::123456789012:role/service-role/test-cognito-SMS-Role",
      },
    });
    assert.deepEqual(p.SmsConfiguration, {
      ExternalId: "my-role-external-id",
      SnsCallerArn: "arn:aws:iam::123456789012:role/service-role/test-cognito-SMS-Role",
      SnsRegion: "us-east-1",
    });
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(UserPool!.SmsConfiguration?.SnsRegion, "us-east-1");
  });

  it("the documented CreateUserPool example comes back as documented", async () => {
    const p = await pool({
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: false,
        InviteMessageTemplate: {
          EmailMessage: "Your username is {username} and temporary password is {####}.",
          EmailSubject: "Your sign-in information",
          SMSMessage: "Your username is {username} and temporary password is {####}.",
        },
      },
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      EmailVerificationMessage: "Your verification code is {####}.",
      EmailVerificationSubject: "Verify your email address",
      MfaConfiguration: "OPTIONAL",
      SmsConfiguration: {
        ExternalId: "my-role-external-id",
        SnsCallerArn: "arn:aws:iam::123456789012:role/service-role/test-cognito-SMS-Role",
        SnsRegion: "us-east-1",
      },
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      UsernameConfiguration: { CaseSensitive: true },
      UserPoolAddOns: { AdvancedSecurityMode: "OFF" },
      VerificationMessageTemplate: {
        DefaultEmailOption: "CONFIRM_WITH_CODE",
        EmailMessage: "Your confirmation code is {####}",
        EmailMessageByLink: "Choose this link to {##verify your email##}",
        EmailSubject: "Here is your confirmation code",
        EmailSubjectByLink: "Here is your confirmation link",
        SmsMessage: "Your confirmation code is {####}",
      },
    });
    assert.deepEqual(p.AdminCreateUserConfig, {
      AllowAdminCreateUserOnly: false,
      InviteMessageTemplate: {
        EmailMessage: "Your username is {username} and temporary password is {####}.",
        EmailSubject: "Your sign-in information",
        SMSMessage: "Your username is {username} and temporary password is {####}.",
      },
      UnusedAccountValidityDays: 7,
    });
    assert.deepEqual(p.AccountRecoverySetting, { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] });
    assert.deepEqual(p.AliasAttributes, ["email"]);
    assert.deepEqual(p.DeviceConfiguration, {
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
    assert.equal(p.MfaConfiguration, "OPTIONAL");
    assert.deepEqual(p.UserAttributeUpdateSettings, { AttributesRequireVerificationBeforeUpdate: ["email"] });
    assert.deepEqual(p.UsernameConfiguration, { CaseSensitive: true });
    assert.deepEqual(p.UserPoolAddOns, { AdvancedSecurityMode: "OFF" });
    assert.equal(p.VerificationMessageTemplate?.EmailMessageByLink, "Choose this link to {##verify your email##}");
    assert.equal(p.SmsConfiguration?.SnsRegion, "us-east-1");
  });

  it("a Number custom attribute carries only NumberAttributeConstraints", async () => {
    const p = await pool({
      Schema: [
        {
          AttributeDataType: "Number",
          DeveloperOnlyAttribute: true,
          Mutable: true,
          Name: "mydev",
          NumberAttributeConstraints: { MaxValue: "99", MinValue: "1" },
          Required: false,
          StringAttributeConstraints: { MaxLength: "99", MinLength: "1" },
        },
      ],
    });
    assert.deepEqual(
      p.SchemaAttributes!.find((a) => a.Name === "dev:custom:mydev"),
      {
        AttributeDataType: "Number",
        DeveloperOnlyAttribute: true,
        Mutable: true,
        Name: "dev:custom:mydev",
        NumberAttributeConstraints: { MaxValue: "99", MinValue: "1" },
        Required: false,
      },
    );
  });

  it("OAuth enabled without flows or scopes uses Cognito's wording", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ["openid"] }),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
    );
  });

  it("user scopes are refused for client_credentials with Cognito's wording", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      appClient(p.Id!, {
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["profile"],
      }),
    );
    assert.equal(err.name, "InvalidOAuthFlowException");
    assert.equal(err.message, "profile is not supported with client_credentials flow");
  });

  it("schema and domain refusals use Cognito's wording", async () => {
    const p = await pool({ Schema: [{ Name: "q", AttributeDataType: "String" }] });
    const dup = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: p.Id,
          CustomAttributes: [{ Name: "q", AttributeDataType: "String" }],
        }),
      ),
    );
    assert.equal(dup.message, "Existing attribute already has name custom:q.");
    const req = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: p.Id,
          CustomAttributes: [{ Name: "r", AttributeDataType: "String", Required: true }],
        }),
      ),
    );
    assert.equal(req.message, "Required custom attributes are not supported currently.");
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: uniq("first") }));
    const second = await errorOf(() =>
      t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: uniq("second") })),
    );
    assert.equal(second.message, "User pool already has a domain configured.");
    const both = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({ PoolName: "b", UsernameAttributes: ["email"], AliasAttributes: ["email"] }),
      ),
    );
    assert.equal(both.message, "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
  });
});

describe("more update and domain behaviour", () => {
  it("UpdateUserPool without LambdaConfig removes the triggers and resets message and admin-create settings", async () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:MyFunction";
    const p = await pool({
      LambdaConfig: { PreSignUp: arn, PostConfirmation: arn },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 3 },
      VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" },
      EmailConfiguration: {
        EmailSendingAccount: "DEVELOPER",
        SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/support@example.com",
      },
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      UserPoolTags: { team: "a" },
    });
    await t.client.send(new UpdateUserPoolCommand({ UserPoolId: p.Id }));
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.deepEqual(UserPool!.LambdaConfig, {});
    assert.deepEqual(UserPool!.AdminCreateUserConfig, {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
    });
    assert.equal(UserPool!.VerificationMessageTemplate?.DefaultEmailOption, "CONFIRM_WITH_CODE");
    assert.deepEqual(UserPool!.EmailConfiguration, { EmailSendingAccount: "COGNITO_DEFAULT" });
    // settings that UpdateUserPool cannot change survive
    assert.deepEqual(UserPool!.UsernameAttributes, ["email"]);
    assert.deepEqual(UserPool!.UsernameConfiguration, { CaseSensitive: false });
  });

  it("UpdateUserPoolClient without ClientName keeps the name", async () => {
    const p = await pool();
    const c = await appClient(p.Id!, { ClientName: "keep-me" });
    const u = await t.client.send(new UpdateUserPoolClientCommand({ UserPoolId: p.Id, ClientId: c.ClientId }));
    assert.equal(u.UserPoolClient!.ClientName, "keep-me");
  });

  it("a custom domain returns its CloudFront domain and shows as CustomDomain on the pool", async () => {
    const p = await pool();
    const CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    const domain = `${uniq("auth")}.example.com`;
    const out = await t.client.send(
      new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: domain, CustomDomainConfig: { CertificateArn } }),
    );
    assert.match(out.CloudFrontDomain!, /^[a-z0-9]+\.cloudfront\.net$/);
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(UserPool!.CustomDomain, domain);
    assert.equal(UserPool!.Domain, undefined);
    const dd = (await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription!;
    assert.equal(dd.CustomDomainConfig?.CertificateArn, CertificateArn);
    assert.equal(dd.CloudFrontDistribution, out.CloudFrontDomain);
    assert.equal(dd.UserPoolId, p.Id);
  });

  it("ListUserPools without MaxResults is a validation error", async () => {
    const err = await errorOf(() =>
      t.client.send(new ListUserPoolsCommand({} as unknown as ConstructorParameters<typeof ListUserPoolsCommand>[0])),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("a Google provider gets Google's attribute endpoint and request methods", async () => {
    const p = await pool();
    const { IdentityProvider } = await t.client.send(
      new CreateIdentityProviderCommand({
        UserPoolId: p.Id,
        ProviderName: "Google",
        ProviderType: "Google",
        ProviderDetails: { client_id: "a", client_secret: "b", authorize_scopes: "openid" },
      }),
    );
    const d = IdentityProvider!.ProviderDetails!;
    assert.equal(d.attributes_url, "https://people.googleapis.com/v1/people/me?personFields=");
    assert.equal(d.attributes_url_add_attributes, "true");
    assert.equal(d.token_request_method, "POST");
  });

  it("Facebook, Google, LoginWithAmazon and SignInWithApple providers must be named after their type", async () => {
    const p = await pool();
    const err = await errorOf(() =>
      t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: p.Id,
          ProviderName: "MyFacebook",
          ProviderType: "Facebook",
          ProviderDetails: { client_id: "c", client_secret: "s", authorize_scopes: "email" },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });
});

describe("pre token generation trigger configuration", () => {
  const arn = "arn:aws:lambda:us-east-1:123456789012:function:MyFunction";

  it("V2_0 pre token generation (access token customization) is refused in the Lite plan", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({
          PoolName: "lite-v2",
          UserPoolTier: "LITE",
          LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: arn } },
        }),
      ),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
  });

  it("V2_0 pre token generation is accepted in the Essentials plan", async () => {
    const p = await pool({ LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: arn } } });
    assert.deepEqual(p.LambdaConfig?.PreTokenGenerationConfig, { LambdaVersion: "V2_0", LambdaArn: arn });
  });

  it("PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be identical when both are set", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({
          PoolName: "mismatch",
          LambdaConfig: {
            PreTokenGeneration: arn,
            PreTokenGenerationConfig: { LambdaVersion: "V1_0", LambdaArn: `${arn}Other` },
          },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });
});

describe("feature plan gates in the control plane", () => {
  it("ALLOW_USER_AUTH clients need the Essentials plan", async () => {
    const p = await pool({ UserPoolTier: "LITE" });
    const err = await errorOf(() =>
      appClient(p.Id!, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
  });

  it("managed login (ManagedLoginVersion 2) needs a plan other than Lite", async () => {
    const p = await pool({ UserPoolTier: "LITE" });
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolDomainCommand({ UserPoolId: p.Id, Domain: uniq("lite"), ManagedLoginVersion: 2 }),
      ),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
  });

  it("threat protection needs the Plus plan", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({ PoolName: "tp", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } }),
      ),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
  });

  it("a SignInPolicy with passwordless first factors needs the Essentials plan", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({
          PoolName: "lite-passwordless",
          UserPoolTier: "LITE",
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
        }),
      ),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
  });
});
