import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, sdkClient, useCognate } from "../helpers/cognate.js";

const CERTIFICATE = "arn:aws:acm:us-east-1:000000000000:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
const OTHER_CERTIFICATE = "arn:aws:acm:us-east-1:000000000000:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222";

describe("user pool domains", () => {
  const t = useCognate();
  let counter = 0;
  const unique = (base: string) => `${base}-${Date.now().toString(36)}-${counter++}`;
  const newPool = async (tier?: "LITE" | "ESSENTIALS" | "PLUS") =>
    (await t.client.send(new CreateUserPoolCommand({ PoolName: "domain-pool", UserPoolTier: tier }))).UserPool!.Id!;

  describe("CreateUserPoolDomain", () => {
    it("takes a dotted host name as a custom domain but refuses it as a prefix", async () => {
      const pool = await newPool();
      const host = `auth.${unique("example")}.com`;
      const created = await t.client.send(
        new CreateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: host,
          CustomDomainConfig: { CertificateArn: CERTIFICATE },
        }),
      );
      assert.match(created.CloudFrontDomain!, /\.cloudfront\.net$/);
      const { DomainDescription } = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: host }));
      assert.equal(DomainDescription?.UserPoolId, pool);
      assert.deepEqual(DomainDescription?.CustomDomainConfig, { CertificateArn: CERTIFICATE });
      assert.equal(DomainDescription?.CloudFrontDistribution, created.CloudFrontDomain);
      // A pool with only a custom domain shows it as CustomDomain, not Domain.
      const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
      assert.equal(UserPool!.CustomDomain, host);
      assert.equal(UserPool!.Domain, undefined);

      const other = await newPool();
      const err = await errorOf(() =>
        t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: `x.${host}` })),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.match(
        err.message,
        /at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
    });

    it("creates a prefix domain with ManagedLoginVersion 1 and no CloudFrontDomain", async () => {
      const pool = await newPool();
      const domain = unique("myapp");
      const created = await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: domain }));
      assert.equal(created.ManagedLoginVersion, 1);
      assert.equal(created.CloudFrontDomain, undefined);

      const { DomainDescription } = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
      assert.ok(DomainDescription);
      assert.equal(DomainDescription.UserPoolId, pool);
      assert.equal(DomainDescription.AWSAccountId, "000000000000");
      assert.equal(DomainDescription.Domain, domain);
      assert.equal(DomainDescription.Status, "ACTIVE");
      assert.equal(DomainDescription.S3Bucket, "aws-cognito-prod-iad-assets");
      assert.match(DomainDescription.CloudFrontDistribution!, /^d[a-z0-9]{13}\.cloudfront\.net$/);
      assert.match(DomainDescription.Version!, /^\d{14}$/);
      assert.equal(DomainDescription.ManagedLoginVersion, 1);
      assert.equal(DomainDescription.CustomDomainConfig, undefined);

      const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
      assert.equal(UserPool!.Domain, domain);
      assert.equal(UserPool!.CustomDomain, undefined);
    });

    it("creates a custom domain, answering its CloudFront domain, next to a prefix domain", async () => {
      const pool = await newPool();
      const prefix = unique("prefix");
      const custom = unique("login-example-com");
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: prefix }));
      const created = await t.client.send(
        new CreateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: custom,
          CustomDomainConfig: { CertificateArn: CERTIFICATE },
          ManagedLoginVersion: 2,
        }),
      );
      assert.equal(created.ManagedLoginVersion, 2);
      assert.match(created.CloudFrontDomain!, /^d[a-z0-9]{13}\.cloudfront\.net$/);

      const { DomainDescription } = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: custom }));
      assert.deepEqual(DomainDescription!.CustomDomainConfig, { CertificateArn: CERTIFICATE });
      assert.equal(DomainDescription!.CloudFrontDistribution, created.CloudFrontDomain);
      assert.equal(DomainDescription!.ManagedLoginVersion, 2);

      const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
      assert.equal(UserPool!.Domain, prefix);
      assert.equal(UserPool!.CustomDomain, custom);
    });

    it("rejects a domain another pool holds, even in another account", async () => {
      const domain = unique("taken");
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: await newPool(), Domain: domain }));
      const second = await newPool();
      const err = await errorOf(() =>
        t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: second, Domain: domain })),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "Domain already associated with another user pool.");

      const other = sdkClient(t.url, "123456789012");
      try {
        const otherPool = (await other.send(new CreateUserPoolCommand({ PoolName: "other" }))).UserPool!.Id!;
        const cross = await errorOf(() =>
          other.send(new CreateUserPoolDomainCommand({ UserPoolId: otherPool, Domain: domain })),
        );
        assert.equal(cross.name, "InvalidParameterException");
        assert.equal(cross.message, "Domain already associated with another user pool.");
        // Another account sees nothing of the domain.
        const described = await other.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
        assert.deepEqual(described.DomainDescription, {});
      } finally {
        other.destroy();
      }
    });

    it("rejects a second prefix domain for the same pool", async () => {
      const pool = await newPool();
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: unique("first") }));
      const err = await errorOf(() =>
        t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: unique("second") })),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, "User pool already has a domain configured.");
    });

    it("rejects reserved words in a prefix", async () => {
      const pool = await newPool();
      for (const word of ["aws", "amazon", "cognito"]) {
        const err = await errorOf(() =>
          t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: `my-${word}-app` })),
        );
        assert.equal(err.name, "InvalidParameterException");
        assert.equal(err.message, `Domain cannot contain reserved word: ${word}`);
      }
    });

    it("checks ManagedLoginVersion against the values and the pool's feature plan", async () => {
      const bad = await errorOf(async () =>
        t.client.send(
          new CreateUserPoolDomainCommand({
            UserPoolId: await newPool(),
            Domain: unique("v3"),
            ManagedLoginVersion: 3,
          }),
        ),
      );
      assert.equal(bad.name, "InvalidParameterException");
      const lite = await errorOf(async () =>
        t.client.send(
          new CreateUserPoolDomainCommand({
            UserPoolId: await newPool("LITE"),
            Domain: unique("lite"),
            ManagedLoginVersion: 2,
          }),
        ),
      );
      assert.equal(lite.name, "FeatureUnavailableInTierException");
    });

    it("answers ResourceNotFoundException for an unknown pool and validates the domain's form", async () => {
      const err = await errorOf(() =>
        t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: "us-east-1_nothere00", Domain: unique("x") })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "User pool us-east-1_nothere00 does not exist.");
      const form = await errorOf(async () =>
        t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: await newPool(), Domain: "Bad_Domain" })),
      );
      assert.equal(form.name, "InvalidParameterException");
    });
  });

  describe("DescribeUserPoolDomain", () => {
    it("answers an empty description for an unknown domain", async () => {
      const result = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: "no-such-domain-here" }));
      assert.deepEqual(result.DomainDescription, {});
    });
  });

  describe("UpdateUserPoolDomain", () => {
    it("changes ManagedLoginVersion of a prefix domain", async () => {
      const pool = await newPool();
      const domain = unique("upd");
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: domain }));
      const updated = await t.client.send(
        new UpdateUserPoolDomainCommand({ UserPoolId: pool, Domain: domain, ManagedLoginVersion: 2 }),
      );
      assert.equal(updated.ManagedLoginVersion, 2);
      assert.equal(updated.CloudFrontDomain, undefined);
      const { DomainDescription } = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
      assert.equal(DomainDescription!.ManagedLoginVersion, 2);

      const certErr = await errorOf(() =>
        t.client.send(
          new UpdateUserPoolDomainCommand({
            UserPoolId: pool,
            Domain: domain,
            CustomDomainConfig: { CertificateArn: CERTIFICATE },
          }),
        ),
      );
      assert.equal(certErr.name, "InvalidParameterException");
    });

    it("replaces a custom domain's certificate and answers its CloudFront domain", async () => {
      const pool = await newPool();
      const domain = unique("custom-example-com");
      const created = await t.client.send(
        new CreateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: domain,
          CustomDomainConfig: { CertificateArn: CERTIFICATE },
        }),
      );
      const updated = await t.client.send(
        new UpdateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: domain,
          CustomDomainConfig: { CertificateArn: OTHER_CERTIFICATE },
        }),
      );
      assert.equal(updated.CloudFrontDomain, created.CloudFrontDomain);
      assert.equal(updated.ManagedLoginVersion, 1);
      const { DomainDescription } = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
      assert.deepEqual(DomainDescription!.CustomDomainConfig, { CertificateArn: OTHER_CERTIFICATE });
    });

    it("refuses a domain of another pool, an unknown domain or pool", async () => {
      const owner = await newPool();
      const domain = unique("owned");
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: owner, Domain: domain }));
      for (const [pool, name] of [
        [await newPool(), domain],
        [owner, unique("unknown")],
      ] as const) {
        const err = await errorOf(() =>
          t.client.send(new UpdateUserPoolDomainCommand({ UserPoolId: pool, Domain: name, ManagedLoginVersion: 2 })),
        );
        assert.equal(err.name, "InvalidParameterException");
        assert.equal(err.message, "No such domain or user pool exists.");
      }
      const missing = await errorOf(() =>
        t.client.send(new UpdateUserPoolDomainCommand({ UserPoolId: "us-east-1_nothere00", Domain: domain })),
      );
      assert.equal(missing.name, "ResourceNotFoundException");
    });
  });

  describe("DeleteUserPoolDomain", () => {
    it("deletes the domain, clears it from the pool and frees the name", async () => {
      const pool = await newPool();
      const domain = unique("gone");
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: domain }));
      const deleted = await t.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: domain }));
      assert.equal(deleted.$metadata.httpStatusCode, 200);
      const described = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
      assert.deepEqual(described.DomainDescription, {});
      const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
      assert.equal(UserPool!.Domain, undefined);

      // The name and the pool's prefix slot are free again.
      const other = await newPool();
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: domain }));
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: unique("again") }));
    });

    it("clears only the custom domain when the custom domain is deleted", async () => {
      const pool = await newPool();
      const prefix = unique("keep");
      const custom = unique("drop-example-com");
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: prefix }));
      await t.client.send(
        new CreateUserPoolDomainCommand({
          UserPoolId: pool,
          Domain: custom,
          CustomDomainConfig: { CertificateArn: CERTIFICATE },
        }),
      );
      await t.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: custom }));
      const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
      assert.equal(UserPool!.Domain, prefix);
      assert.equal(UserPool!.CustomDomain, undefined);
    });

    it("refuses a domain of another pool, an unknown domain or pool", async () => {
      const owner = await newPool();
      const domain = unique("mine");
      await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: owner, Domain: domain }));
      const wrongPool = await errorOf(async () =>
        t.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: await newPool(), Domain: domain })),
      );
      assert.equal(wrongPool.name, "InvalidParameterException");
      assert.equal(wrongPool.message, "No such domain or user pool exists.");
      const unknown = await errorOf(() =>
        t.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: owner, Domain: unique("nope") })),
      );
      assert.equal(unknown.name, "InvalidParameterException");
      const missing = await errorOf(() =>
        t.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: "us-east-1_nothere00", Domain: domain })),
      );
      assert.equal(missing.name, "ResourceNotFoundException");
      // The owner still has it.
      const { DomainDescription } = await t.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
      assert.equal(DomainDescription!.UserPoolId, owner);
    });
  });
});
