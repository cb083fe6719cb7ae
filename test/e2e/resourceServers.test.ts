import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, rawCall, useCognate } from "../helpers/cognate.js";

const READ = { ScopeName: "read", ScopeDescription: "Read access" };
const WRITE = { ScopeName: "write", ScopeDescription: "Write access" };

describe("resource servers", () => {
  const t = useCognate();
  let poolId: string;

  const newPool = async () => (await t.client.send(new CreateUserPoolCommand({ PoolName: "rs-pool" }))).UserPool!.Id!;

  before(async () => {
    poolId = await newPool();
  });

  describe("CreateResourceServer", () => {
    it("creates a server and answers it as DescribeResourceServer does", async () => {
      const { ResourceServer } = await t.client.send(
        new CreateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: "https://api.example.com",
          Name: "Example API",
          Scopes: [READ, WRITE],
        }),
      );
      assert.deepEqual(ResourceServer, {
        UserPoolId: poolId,
        Identifier: "https://api.example.com",
        Name: "Example API",
        Scopes: [READ, WRITE],
      });
      const described = await t.client.send(
        new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: "https://api.example.com" }),
      );
      assert.deepEqual(described.ResourceServer, ResourceServer);
    });

    it("answers an empty scope list when Scopes is left out", async () => {
      const { ResourceServer } = await t.client.send(
        new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: "no-scopes", Name: "No scopes" }),
      );
      assert.deepEqual(ResourceServer!.Scopes, []);
    });

    it("rejects an identifier the pool already has with InvalidParameterException", async () => {
      const pool = await newPool();
      await t.client.send(new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "dup", Name: "First" }));
      const err = await errorOf(() =>
        t.client.send(new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "dup", Name: "Second" })),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.equal(err.message, `dup already exists in user pool ${pool}.`);
      const { ResourceServer } = await t.client.send(
        new DescribeResourceServerCommand({ UserPoolId: pool, Identifier: "dup" }),
      );
      assert.equal(ResourceServer!.Name, "First");
    });

    it("allows the same identifier in another pool", async () => {
      const other = await newPool();
      await t.client.send(
        new CreateResourceServerCommand({ UserPoolId: other, Identifier: "no-scopes", Name: "Other" }),
      );
      const { ResourceServer } = await t.client.send(
        new DescribeResourceServerCommand({ UserPoolId: other, Identifier: "no-scopes" }),
      );
      assert.equal(ResourceServer!.Name, "Other");
    });

    it("rejects repeated scope names with InvalidParameterException and creates nothing", async () => {
      const err = await errorOf(() =>
        t.client.send(
          new CreateResourceServerCommand({
            UserPoolId: poolId,
            Identifier: "repeated",
            Name: "Repeated",
            Scopes: [READ, { ScopeName: "read", ScopeDescription: "again" }],
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
      assert.match(err.message, /read/);
      const missing = await errorOf(() =>
        t.client.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: "repeated" })),
      );
      assert.equal(missing.name, "ResourceNotFoundException");
    });

    it("rejects more than 100 scopes before the handler runs", async () => {
      const scopes = Array.from({ length: 101 }, (_, i) => ({ ScopeName: `s${i}`, ScopeDescription: "d" }));
      const err = await errorOf(() =>
        t.client.send(
          new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: "many", Name: "Many", Scopes: scopes }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
    });

    it("accepts exactly 100 scopes", async () => {
      const pool = await newPool();
      const scopes = Array.from({ length: 100 }, (_, i) => ({ ScopeName: `s${i}`, ScopeDescription: "d" }));
      const { ResourceServer } = await t.client.send(
        new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "hundred", Name: "Hundred", Scopes: scopes }),
      );
      assert.equal(ResourceServer!.Scopes!.length, 100);
    });

    it("rejects a scope name containing a slash (scopes are identifier/name in tokens)", async () => {
      const err = await errorOf(() =>
        t.client.send(
          new CreateResourceServerCommand({
            UserPoolId: poolId,
            Identifier: "slashy",
            Name: "Slashy",
            Scopes: [{ ScopeName: "a/b", ScopeDescription: "d" }],
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
    });

    it("stops at 25 resource servers per pool with LimitExceededException", async () => {
      const pool = await newPool();
      for (let i = 0; i < 25; i++) {
        await t.client.send(new CreateResourceServerCommand({ UserPoolId: pool, Identifier: `rs-${i}`, Name: "n" }));
      }
      const err = await errorOf(() =>
        t.client.send(new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "rs-25", Name: "n" })),
      );
      assert.equal(err.name, "LimitExceededException");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new CreateResourceServerCommand({ UserPoolId: "us-east-1_missing", Identifier: "x", Name: "x" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "User pool us-east-1_missing does not exist.");
    });

    it("makes its scopes usable as AllowedOAuthScopes of an app client", async () => {
      const pool = await newPool();
      await t.client.send(
        new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "orders", Name: "Orders", Scopes: [READ] }),
      );
      const { UserPoolClient } = await t.client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool,
          ClientName: "m2m",
          GenerateSecret: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthScopes: ["orders/read"],
        }),
      );
      assert.deepEqual(UserPoolClient!.AllowedOAuthScopes, ["orders/read"]);
      // Deleting the server under the client is allowed, and the client stays.
      await t.client.send(new DeleteResourceServerCommand({ UserPoolId: pool, Identifier: "orders" }));
      const { UserPoolClient: still } = await t.client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: UserPoolClient!.ClientId }),
      );
      assert.equal(still!.ClientId, UserPoolClient!.ClientId);
    });
  });

  describe("DescribeResourceServer", () => {
    it("answers ResourceNotFoundException for an unknown identifier", async () => {
      const err = await errorOf(() =>
        t.client.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: "nope" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "Resource server nope does not exist.");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new DescribeResourceServerCommand({ UserPoolId: "us-east-1_missing", Identifier: "x" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
    });
  });

  describe("UpdateResourceServer", () => {
    it("replaces the name and the whole scope list", async () => {
      const pool = await newPool();
      await t.client.send(
        new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "svc", Name: "Old", Scopes: [READ, WRITE] }),
      );
      const admin = { ScopeName: "admin", ScopeDescription: "Admin access" };
      const { ResourceServer } = await t.client.send(
        new UpdateResourceServerCommand({ UserPoolId: pool, Identifier: "svc", Name: "New", Scopes: [admin] }),
      );
      assert.deepEqual(ResourceServer, { UserPoolId: pool, Identifier: "svc", Name: "New", Scopes: [admin] });
      const described = await t.client.send(new DescribeResourceServerCommand({ UserPoolId: pool, Identifier: "svc" }));
      assert.deepEqual(described.ResourceServer, ResourceServer);
    });

    it("removes every scope when Scopes is left out", async () => {
      const pool = await newPool();
      await t.client.send(
        new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "svc", Name: "S", Scopes: [READ] }),
      );
      const { ResourceServer } = await t.client.send(
        new UpdateResourceServerCommand({ UserPoolId: pool, Identifier: "svc", Name: "S" }),
      );
      assert.deepEqual(ResourceServer!.Scopes, []);
    });

    it("rejects repeated scope names and keeps the server unchanged", async () => {
      const pool = await newPool();
      await t.client.send(
        new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "svc", Name: "S", Scopes: [READ] }),
      );
      const err = await errorOf(() =>
        t.client.send(
          new UpdateResourceServerCommand({ UserPoolId: pool, Identifier: "svc", Name: "T", Scopes: [WRITE, WRITE] }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException");
      const { ResourceServer } = await t.client.send(
        new DescribeResourceServerCommand({ UserPoolId: pool, Identifier: "svc" }),
      );
      assert.deepEqual(ResourceServer, { UserPoolId: pool, Identifier: "svc", Name: "S", Scopes: [READ] });
    });

    it("answers ResourceNotFoundException for an unknown identifier", async () => {
      const err = await errorOf(() =>
        t.client.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: "nope", Name: "x" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
    });

    it("requires Name", async () => {
      const res = await rawCall(
        t.url,
        "UpdateResourceServer",
        JSON.stringify({ UserPoolId: poolId, Identifier: "no-scopes" }),
      );
      assert.equal(res.status, 400);
      assert.equal(res.body.__type, "InvalidParameterException");
    });
  });

  describe("DeleteResourceServer", () => {
    it("deletes the server, after which it is not found", async () => {
      const pool = await newPool();
      await t.client.send(new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "gone", Name: "Gone" }));
      const out = await t.client.send(new DeleteResourceServerCommand({ UserPoolId: pool, Identifier: "gone" }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const err = await errorOf(() =>
        t.client.send(new DescribeResourceServerCommand({ UserPoolId: pool, Identifier: "gone" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
      const again = await errorOf(() =>
        t.client.send(new DeleteResourceServerCommand({ UserPoolId: pool, Identifier: "gone" })),
      );
      assert.equal(again.name, "ResourceNotFoundException");
    });

    it("frees the identifier for a new server", async () => {
      const pool = await newPool();
      await t.client.send(new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "again", Name: "One" }));
      await t.client.send(new DeleteResourceServerCommand({ UserPoolId: pool, Identifier: "again" }));
      const { ResourceServer } = await t.client.send(
        new CreateResourceServerCommand({ UserPoolId: pool, Identifier: "again", Name: "Two" }),
      );
      assert.equal(ResourceServer!.Name, "Two");
    });
  });

  describe("ListResourceServers", () => {
    it("lists a pool's servers by identifier and pages with MaxResults and NextToken", async () => {
      const pool = await newPool();
      for (const id of ["c", "a", "b"]) {
        await t.client.send(
          new CreateResourceServerCommand({ UserPoolId: pool, Identifier: id, Name: `Server ${id}`, Scopes: [READ] }),
        );
      }
      const first = await t.client.send(new ListResourceServersCommand({ UserPoolId: pool, MaxResults: 2 }));
      assert.deepEqual(
        first.ResourceServers!.map((s) => s.Identifier),
        ["a", "b"],
      );
      assert.deepEqual(first.ResourceServers![0], {
        UserPoolId: pool,
        Identifier: "a",
        Name: "Server a",
        Scopes: [READ],
      });
      assert.ok(first.NextToken);
      const second = await t.client.send(
        new ListResourceServersCommand({ UserPoolId: pool, MaxResults: 2, NextToken: first.NextToken }),
      );
      assert.deepEqual(
        second.ResourceServers!.map((s) => s.Identifier),
        ["c"],
      );
      assert.equal(second.NextToken, undefined);
    });

    it("returns every server without MaxResults and an empty list for a pool without any", async () => {
      const pool = await newPool();
      const empty = await t.client.send(new ListResourceServersCommand({ UserPoolId: pool }));
      assert.deepEqual(empty.ResourceServers, []);
      assert.equal(empty.NextToken, undefined);
      const all = await t.client.send(new ListResourceServersCommand({ UserPoolId: poolId }));
      assert.ok(all.ResourceServers!.some((s) => s.Identifier === "https://api.example.com"));
    });

    it("rejects MaxResults above 50 and an unknown NextToken with InvalidParameterException", async () => {
      const tooMany = await errorOf(() =>
        t.client.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 51 })),
      );
      assert.equal(tooMany.name, "InvalidParameterException");
      const badToken = await errorOf(() =>
        t.client.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 5, NextToken: "not-a-token" })),
      );
      assert.equal(badToken.name, "InvalidParameterException");
    });

    it("answers ResourceNotFoundException for a missing pool", async () => {
      const err = await errorOf(() =>
        t.client.send(new ListResourceServersCommand({ UserPoolId: "us-east-1_missing" })),
      );
      assert.equal(err.name, "ResourceNotFoundException");
    });
  });
});
