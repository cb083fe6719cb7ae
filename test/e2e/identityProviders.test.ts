import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  GetIdentityProviderByIdentifierCommand,
  ListIdentityProvidersCommand,
  UpdateIdentityProviderCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate } from "../helpers/cognate.js";

const GOOGLE_DETAILS = {
  client_id: "1example23456789.apps.googleusercontent.com",
  client_secret: "provider-app-client-secret",
  authorize_scopes: "email profile openid",
};

describe("identity providers", () => {
  const t = useCognate();
  let poolId: string;

  const newPool = async () => (await t.client.send(new CreateUserPoolCommand({ PoolName: "idp-pool" }))).UserPool!.Id!;

  before(async () => {
    poolId = await newPool();
  });

  describe("CreateIdentityProvider", () => {
    it("creates a Google provider with the endpoints and username mapping Cognito adds", async () => {
      const pool = await newPool();
      const { IdentityProvider } = await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: GOOGLE_DETAILS,
          AttributeMapping: { email: "email" },
        }),
      );
      assert.ok(IdentityProvider);
      assert.equal(IdentityProvider.UserPoolId, pool);
      assert.equal(IdentityProvider.ProviderName, "Google");
      assert.equal(IdentityProvider.ProviderType, "Google");
      assert.deepEqual(IdentityProvider.ProviderDetails, {
        ...GOOGLE_DETAILS,
        attributes_url: "https://people.googleapis.com/v1/people/me?personFields=",
        attributes_url_add_attributes: "true",
        authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
        oidc_issuer: "https://accounts.google.com",
        token_request_method: "POST",
        token_url: "https://www.googleapis.com/oauth2/v4/token",
      });
      assert.deepEqual(IdentityProvider.AttributeMapping, { email: "email", username: "sub" });
      assert.deepEqual(IdentityProvider.IdpIdentifiers, []);
      assert.ok(IdentityProvider.CreationDate instanceof Date);
      assert.equal(IdentityProvider.CreationDate.getTime(), IdentityProvider.LastModifiedDate!.getTime());
    });

    it("fills Facebook's endpoints from api_version (v17.0 when absent) and maps username to id", async () => {
      const pool = await newPool();
      const { IdentityProvider } = await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Facebook",
          ProviderType: "Facebook",
          ProviderDetails: {
            client_id: "1example",
            client_secret: "secret",
            authorize_scopes: "public_profile, email",
          },
        }),
      );
      assert.deepEqual(IdentityProvider!.ProviderDetails, {
        client_id: "1example",
        client_secret: "secret",
        authorize_scopes: "public_profile, email",
        api_version: "v17.0",
        attributes_url: "https://graph.facebook.com/v17.0/me?fields=",
        attributes_url_add_attributes: "true",
        authorize_url: "https://www.facebook.com/v17.0/dialog/oauth",
        token_request_method: "GET",
        token_url: "https://graph.facebook.com/v17.0/oauth/access_token",
      });
      assert.deepEqual(IdentityProvider!.AttributeMapping, { username: "id" });

      const other = await newPool();
      const v18 = await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: other,
          ProviderName: "Facebook",
          ProviderType: "Facebook",
          ProviderDetails: { client_id: "1", client_secret: "s", authorize_scopes: "email", api_version: "v18.0" },
        }),
      );
      assert.equal(v18.IdentityProvider!.ProviderDetails!.authorize_url, "https://www.facebook.com/v18.0/dialog/oauth");
    });

    it("fills Login with Amazon's endpoints and maps username to user_id", async () => {
      const pool = await newPool();
      const { IdentityProvider } = await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "LoginWithAmazon",
          ProviderType: "LoginWithAmazon",
          ProviderDetails: {
            client_id: "amzn1.example",
            client_secret: "secret",
            authorize_scopes: "profile postal_code",
          },
        }),
      );
      assert.deepEqual(IdentityProvider!.ProviderDetails, {
        client_id: "amzn1.example",
        client_secret: "secret",
        authorize_scopes: "profile postal_code",
        attributes_url: "https://api.amazon.com/user/profile",
        attributes_url_add_attributes: "false",
        authorize_url: "https://www.amazon.com/ap/oa",
        token_request_method: "POST",
        token_url: "https://api.amazon.com/auth/o2/token",
      });
      assert.deepEqual(IdentityProvider!.AttributeMapping, { username: "user_id" });
    });

    it("never answers Sign in with Apple's private_key", async () => {
      const pool = await newPool();
      const created = await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "SignInWithApple",
          ProviderType: "SignInWithApple",
          ProviderDetails: {
            client_id: "com.example.cognito",
            team_id: "3EXAMPLE",
            key_id: "2EXAMPLE",
            private_key: "-----BEGIN PRIVATE KEY-----x",
            authorize_scopes: "email name",
          },
        }),
      );
      const expected = {
        client_id: "com.example.cognito",
        team_id: "3EXAMPLE",
        key_id: "2EXAMPLE",
        authorize_scopes: "email name",
        attributes_url_add_attributes: "false",
        authorize_url: "https://appleid.apple.com/auth/authorize",
        oidc_issuer: "https://appleid.apple.com",
        token_request_method: "POST",
        token_url: "https://appleid.apple.com/auth/token",
      };
      assert.deepEqual(created.IdentityProvider!.ProviderDetails, expected);
      assert.deepEqual(created.IdentityProvider!.AttributeMapping, { username: "sub" });
      const described = await t.client.send(
        new DescribeIdentityProviderCommand({ UserPoolId: pool, ProviderName: "SignInWithApple" }),
      );
      assert.deepEqual(described.IdentityProvider!.ProviderDetails, expected);

      // An update without the key keeps the stored one: the key stays required yet cannot be read back.
      const updated = await t.client.send(
        new UpdateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "SignInWithApple",
          ProviderDetails: {
            client_id: "com.example.other",
            team_id: "3EXAMPLE",
            key_id: "2EXAMPLE",
            authorize_scopes: "email",
          },
        }),
      );
      assert.equal(updated.IdentityProvider!.ProviderDetails!.client_id, "com.example.other");
      assert.equal(updated.IdentityProvider!.ProviderDetails!.private_key, undefined);
    });

    it("echoes OIDC details (no discovery) and SAML metadata", async () => {
      const oidcDetails = {
        client_id: "1example23456789",
        client_secret: "provider-app-client-secret",
        attributes_request_method: "GET",
        oidc_issuer: "https://auth.example.com",
        authorize_scopes: "openid profile email",
        authorize_url: "https://auth.example.com/authorize",
        token_url: "https://auth.example.com/token",
        attributes_url: "https://auth.example.com/userInfo",
        jwks_uri: "https://auth.example.com/.well-known/jwks.json",
      };
      const oidc = await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "MyOIDC",
          ProviderType: "OIDC",
          ProviderDetails: oidcDetails,
          IdpIdentifiers: ["example.com"],
          AcrMapping: { Level1: "urn:example:loa1" },
        }),
      );
      assert.deepEqual(oidc.IdentityProvider!.ProviderDetails, {
        ...oidcDetails,
        attributes_url_add_attributes: "false",
      });
      assert.deepEqual(oidc.IdentityProvider!.AttributeMapping, { username: "sub" });
      assert.deepEqual(oidc.IdentityProvider!.IdpIdentifiers, ["example.com"]);
      assert.deepEqual(oidc.IdentityProvider!.AcrMapping, { Level1: "urn:example:loa1" });

      const samlDetails = { MetadataURL: "https://idp.example.com/saml/metadata", IDPSignout: "true" };
      const saml = await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "MySAML",
          ProviderType: "SAML",
          ProviderDetails: samlDetails,
          AttributeMapping: { email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" },
        }),
      );
      assert.deepEqual(saml.IdentityProvider!.ProviderDetails, samlDetails);
      assert.deepEqual(saml.IdentityProvider!.AttributeMapping, {
        email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
      });
    });

    it("answers DuplicateProviderException for a name already in the pool", async () => {
      const pool = await newPool();
      const input = {
        UserPoolId: pool,
        ProviderName: "Google",
        ProviderType: "Google" as const,
        ProviderDetails: GOOGLE_DETAILS,
      };
      await t.client.send(new CreateIdentityProviderCommand(input));
      const err = await errorOf(() => t.client.send(new CreateIdentityProviderCommand(input)));
      assert.equal(err.name, "DuplicateProviderException");
      assert.equal(err.message, `Google already exists in user pool ${pool}`);
    });

    it("answers DuplicateProviderException for an IdpIdentifier another provider uses", async () => {
      const pool = await newPool();
      const saml = (name: string, ids: string[]) =>
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: name,
          ProviderType: "SAML",
          ProviderDetails: { MetadataFile: "<md/>" },
          IdpIdentifiers: ids,
        });
      await t.client.send(saml("First", ["corp", "corp.example.com"]));
      const err = await errorOf(() => t.client.send(saml("Second", ["corp.example.com"])));
      assert.equal(err.name, "DuplicateProviderException");
      assert.equal(err.message, "Identifier corp.example.com is already used by identity provider First.");
      const dup = await errorOf(() => t.client.send(saml("Third", ["x", "x"])));
      assert.equal(dup.name, "InvalidParameterException");
    });

    it("rejects missing required details per provider type", async () => {
      const cases = [
        [
          "Google",
          { client_id: "a", client_secret: "b" },
          "client_id, client_secret and authorize_scopes are all required idp details.",
        ],
        [
          "Google",
          { client_secret: "b", authorize_scopes: "openid" },
          "client_id, client_secret and authorize_scopes are all required idp details.",
        ],
        [
          "Facebook",
          { client_id: "a", authorize_scopes: "c" },
          "client_id, client_secret and authorize_scopes are all required idp details.",
        ],
        [
          "LoginWithAmazon",
          { client_secret: "b", authorize_scopes: "c" },
          "client_id, client_secret and authorize_scopes are all required idp details.",
        ],
        [
          "SignInWithApple",
          { client_id: "a", team_id: "t", key_id: "k", authorize_scopes: "email" },
          "client_id, team_id, key_id, private_key and authorize_scopes are all required idp details.",
        ],
      ] as const;
      for (const [type, details, message] of cases) {
        const err = await errorOf(() =>
          t.client.send(
            new CreateIdentityProviderCommand({
              UserPoolId: poolId,
              ProviderName: type,
              ProviderType: type,
              ProviderDetails: details,
            }),
          ),
        );
        assert.equal(err.name, "InvalidParameterException", type);
        assert.equal(err.message, message, type);
      }
      const oidc = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "NoIssuer",
            ProviderType: "OIDC",
            ProviderDetails: { client_id: "a", attributes_request_method: "GET", authorize_scopes: "openid" },
          }),
        ),
      );
      assert.equal(oidc.name, "InvalidParameterException");
      assert.equal(
        oidc.message,
        "client_id, attributes_request_method, oidc_issuer and authorize_scopes are all required idp details.",
      );
      const method = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "BadMethod",
            ProviderType: "OIDC",
            ProviderDetails: {
              client_id: "a",
              attributes_request_method: "PUT",
              oidc_issuer: "https://x",
              authorize_scopes: "openid",
            },
          }),
        ),
      );
      assert.equal(method.name, "InvalidParameterException");
      const saml = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "NoMeta",
            ProviderType: "SAML",
            ProviderDetails: {},
          }),
        ),
      );
      assert.equal(saml.name, "InvalidParameterException");
      assert.equal(saml.message, "Either MetadataURL or MetadataFile is required.");
    });

    it("requires social providers to be named after their type and reserves COGNITO", async () => {
      const wrongName = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "MyGoogle",
            ProviderType: "Google",
            ProviderDetails: GOOGLE_DETAILS,
          }),
        ),
      );
      assert.equal(wrongName.name, "InvalidParameterException");
      assert.equal(wrongName.message, "Provider MyGoogle cannot be of type Google.");
      const borrowed = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "Google",
            ProviderType: "SAML",
            ProviderDetails: { MetadataFile: "<md/>" },
          }),
        ),
      );
      assert.equal(borrowed.name, "InvalidParameterException");
      assert.equal(borrowed.message, "Provider Google cannot be of type SAML.");
      const reserved = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "COGNITO",
            ProviderType: "SAML",
            ProviderDetails: { MetadataFile: "<md/>" },
          }),
        ),
      );
      assert.equal(reserved.name, "InvalidParameterException");
    });

    it("maps username of a social provider only to its fixed claim", async () => {
      const err = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "Google",
            ProviderType: "Google",
            ProviderDetails: GOOGLE_DETAILS,
            AttributeMapping: { username: "email" },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "The username attribute of a Google provider can be mapped only to sub.");
    });

    it("accepts AcrMapping only for OIDC", async () => {
      const err = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: poolId,
            ProviderName: "AcrSaml",
            ProviderType: "SAML",
            ProviderDetails: { MetadataFile: "<md/>" },
            AcrMapping: { Level1: "x" },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
    });

    it("answers ResourceNotFoundException for an unknown pool", async () => {
      const err = await errorOf(() =>
        t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: "us-east-1_nothere00",
            ProviderName: "Google",
            ProviderType: "Google",
            ProviderDetails: GOOGLE_DETAILS,
          }),
        ),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "User pool us-east-1_nothere00 does not exist.");
    });
  });

  describe("DescribeIdentityProvider / DeleteIdentityProvider", () => {
    it("describes, deletes, then answers ResourceNotFoundException", async () => {
      const pool = await newPool();
      await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: GOOGLE_DETAILS,
        }),
      );
      const { IdentityProvider } = await t.client.send(
        new DescribeIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Google" }),
      );
      assert.equal(IdentityProvider!.ProviderType, "Google");
      assert.equal(IdentityProvider!.ProviderDetails!.token_url, "https://www.googleapis.com/oauth2/v4/token");

      const deleted = await t.client.send(
        new DeleteIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Google" }),
      );
      assert.equal(deleted.$metadata.httpStatusCode, 200);

      const describeErr = await errorOf(() =>
        t.client.send(new DescribeIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Google" })),
      );
      assert.equal(describeErr.name, "ResourceNotFoundException");
      assert.equal(describeErr.message, "Identity provider Google does not exist.");
      const deleteErr = await errorOf(() =>
        t.client.send(new DeleteIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Google" })),
      );
      assert.equal(deleteErr.name, "ResourceNotFoundException");
    });

    it("answers ResourceNotFoundException for an unknown pool", async () => {
      for (const command of [
        new DescribeIdentityProviderCommand({ UserPoolId: "us-east-1_nothere00", ProviderName: "Google" }),
        new DeleteIdentityProviderCommand({ UserPoolId: "us-east-1_nothere00", ProviderName: "Google" }),
      ]) {
        const err = await errorOf(() => t.client.send(command as DescribeIdentityProviderCommand));
        assert.equal(err.name, "ResourceNotFoundException");
        assert.equal(err.message, "User pool us-east-1_nothere00 does not exist.");
      }
    });
  });

  describe("UpdateIdentityProvider", () => {
    it("replaces the given members, keeps the others and moves LastModifiedDate", async () => {
      const pool = await newPool();
      const created = await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: GOOGLE_DETAILS,
          AttributeMapping: { email: "email" },
          IdpIdentifiers: ["gmail"],
        }),
      );
      await new Promise((r) => setTimeout(r, 5));
      const { IdentityProvider } = await t.client.send(
        new UpdateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Google",
          ProviderDetails: { ...GOOGLE_DETAILS, client_secret: "rotated" },
        }),
      );
      assert.equal(IdentityProvider!.ProviderDetails!.client_secret, "rotated");
      assert.equal(IdentityProvider!.ProviderDetails!.authorize_url, "https://accounts.google.com/o/oauth2/v2/auth");
      assert.deepEqual(IdentityProvider!.AttributeMapping, { email: "email", username: "sub" });
      assert.deepEqual(IdentityProvider!.IdpIdentifiers, ["gmail"]);
      assert.equal(IdentityProvider!.CreationDate!.getTime(), created.IdentityProvider!.CreationDate!.getTime());
      assert.ok(IdentityProvider!.LastModifiedDate!.getTime() > created.IdentityProvider!.LastModifiedDate!.getTime());

      const remapped = await t.client.send(
        new UpdateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Google",
          AttributeMapping: { name: "name" },
          IdpIdentifiers: [],
        }),
      );
      assert.deepEqual(remapped.IdentityProvider!.AttributeMapping, { name: "name", username: "sub" });
      assert.deepEqual(remapped.IdentityProvider!.IdpIdentifiers, []);
      assert.equal(remapped.IdentityProvider!.ProviderDetails!.client_secret, "rotated");
    });

    it("checks the new details and identifiers like create does", async () => {
      const pool = await newPool();
      await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: GOOGLE_DETAILS,
        }),
      );
      await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Corp",
          ProviderType: "SAML",
          ProviderDetails: { MetadataFile: "<md/>" },
          IdpIdentifiers: ["corp"],
        }),
      );
      const details = await errorOf(() =>
        t.client.send(
          new UpdateIdentityProviderCommand({
            UserPoolId: pool,
            ProviderName: "Google",
            ProviderDetails: { client_id: "x" },
          }),
        ),
      );
      assert.equal(details.name, "InvalidParameterException");
      assert.equal(details.message, "client_id, client_secret and authorize_scopes are all required idp details.");
      const ids = await errorOf(() =>
        t.client.send(
          new UpdateIdentityProviderCommand({ UserPoolId: pool, ProviderName: "Google", IdpIdentifiers: ["corp"] }),
        ),
      );
      assert.equal(ids.name, "DuplicateProviderException");
      // A provider may keep its own identifiers.
      const same = await t.client.send(
        new UpdateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Corp",
          IdpIdentifiers: ["corp", "corp2"],
        }),
      );
      assert.deepEqual(same.IdentityProvider!.IdpIdentifiers, ["corp", "corp2"]);
    });

    it("answers ResourceNotFoundException for an unknown provider or pool", async () => {
      const provider = await errorOf(() =>
        t.client.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: "Nobody" })),
      );
      assert.equal(provider.name, "ResourceNotFoundException");
      assert.equal(provider.message, "Identity provider Nobody does not exist.");
      const pool = await errorOf(() =>
        t.client.send(new UpdateIdentityProviderCommand({ UserPoolId: "us-east-1_nothere00", ProviderName: "Nobody" })),
      );
      assert.equal(pool.name, "ResourceNotFoundException");
    });
  });

  describe("ListIdentityProviders", () => {
    it("lists ProviderDescriptions by name, paginating with NextToken", async () => {
      const pool = await newPool();
      for (const name of ["Charlie", "Alpha", "Bravo"]) {
        await t.client.send(
          new CreateIdentityProviderCommand({
            UserPoolId: pool,
            ProviderName: name,
            ProviderType: "SAML",
            ProviderDetails: { MetadataFile: "<md/>" },
          }),
        );
      }
      const first = await t.client.send(new ListIdentityProvidersCommand({ UserPoolId: pool, MaxResults: 2 }));
      assert.deepEqual(
        first.Providers!.map((p) => p.ProviderName),
        ["Alpha", "Bravo"],
      );
      assert.deepEqual(Object.keys(first.Providers![0]!).sort(), [
        "CreationDate",
        "LastModifiedDate",
        "ProviderName",
        "ProviderType",
      ]);
      assert.equal(first.Providers![0]!.ProviderType, "SAML");
      assert.ok(first.NextToken);
      const second = await t.client.send(
        new ListIdentityProvidersCommand({ UserPoolId: pool, MaxResults: 2, NextToken: first.NextToken }),
      );
      assert.deepEqual(
        second.Providers!.map((p) => p.ProviderName),
        ["Charlie"],
      );
      assert.equal(second.NextToken, undefined);

      const all = await t.client.send(new ListIdentityProvidersCommand({ UserPoolId: pool }));
      assert.equal(all.Providers!.length, 3);
      const empty = await t.client.send(new ListIdentityProvidersCommand({ UserPoolId: await newPool() }));
      assert.deepEqual(empty.Providers, []);
    });

    it("rejects a bad NextToken, MaxResults 0 or over 60, and an unknown pool", async () => {
      const token = await errorOf(() =>
        t.client.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, NextToken: "not-a-token" })),
      );
      assert.equal(token.name, "InvalidParameterException");
      const zero = await errorOf(() =>
        t.client.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 0 })),
      );
      assert.equal(zero.name, "InvalidParameterException");
      const big = await errorOf(() =>
        t.client.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 61 })),
      );
      assert.equal(big.name, "InvalidParameterException");
      const pool = await errorOf(() =>
        t.client.send(new ListIdentityProvidersCommand({ UserPoolId: "us-east-1_nothere00" })),
      );
      assert.equal(pool.name, "ResourceNotFoundException");
    });
  });

  describe("GetIdentityProviderByIdentifier", () => {
    it("finds the provider that owns an identifier", async () => {
      const pool = await newPool();
      await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Corp",
          ProviderType: "SAML",
          ProviderDetails: { MetadataURL: "https://idp.example.com/md" },
          IdpIdentifiers: ["corp", "example.com"],
        }),
      );
      const { IdentityProvider } = await t.client.send(
        new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool, IdpIdentifier: "example.com" }),
      );
      assert.equal(IdentityProvider!.ProviderName, "Corp");
      assert.equal(IdentityProvider!.ProviderType, "SAML");
      assert.deepEqual(IdentityProvider!.IdpIdentifiers, ["corp", "example.com"]);
    });

    it("answers ResourceNotFoundException for an unknown identifier or pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: poolId, IdpIdentifier: "nobody" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "Identity provider with identifier nobody does not exist.");
      const pool = await errorOf(() =>
        t.client.send(
          new GetIdentityProviderByIdentifierCommand({ UserPoolId: "us-east-1_nothere00", IdpIdentifier: "x" }),
        ),
      );
      assert.equal(pool.name, "ResourceNotFoundException");
    });
  });

  describe("app clients naming a provider", () => {
    it("accepts the provider in SupportedIdentityProviders once it exists", async () => {
      const pool = await newPool();
      const client = (SupportedIdentityProviders: string[]) =>
        t.client.send(
          new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: "app", SupportedIdentityProviders }),
        );
      const before = await errorOf(() => client(["Google", "COGNITO"]));
      assert.equal(before.name, "InvalidParameterException");
      await t.client.send(
        new CreateIdentityProviderCommand({
          UserPoolId: pool,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: GOOGLE_DETAILS,
        }),
      );
      const { UserPoolClient } = await client(["Google", "COGNITO"]);
      assert.deepEqual([...UserPoolClient!.SupportedIdentityProviders!].sort(), ["COGNITO", "Google"]);
    });
  });
});
