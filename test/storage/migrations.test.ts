import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { openSqliteStore } from "../../src/storage/sqlite/index.js";
import { migrations } from "../../src/storage/sqlite/migrations.js";
import type { UserRecord } from "../../src/storage/types.js";

/** A database written by an older Cognate must open, migrate and keep its data. */
describe("SQLite schema migrations", () => {
  const dir = mkdtempSync(join(tmpdir(), "cognate-migrate-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("upgrades a version-1 database in place and keeps its users", async () => {
    const old = new Database(join(dir, "cognate.db"));
    old.exec(migrations[0]!);
    old.pragma("user_version = 1");
    const user: UserRecord = {
      poolId: "us-east-1_abcdefghi",
      username: "erin",
      sub: "7f1c8a52-0000-4000-8000-000000000001",
      status: "CONFIRMED",
      enabled: true,
      createdAt: 1,
      updatedAt: 1,
      attributes: { sub: "7f1c8a52-0000-4000-8000-000000000001", email: "Erin@Example.com" },
    };
    old
      .prepare(
        "INSERT INTO users (pool_id, username_key, username, sub, status, enabled, email, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(user.poolId, "erin", "erin", user.sub, "CONFIRMED", "enabled", "Erin@Example.com", JSON.stringify(user));
    old.close();

    const store = openSqliteStore({ dataDir: dir, inMemory: false });
    try {
      const found = await store.users.findByAttribute(user.poolId, "email", "erin@example.com", { ignoreCase: true });
      assert.deepEqual(
        found.map((u) => u.username),
        ["erin"],
      );
      assert.deepEqual(await store.users.findByAttribute(user.poolId, "email", "erin@example.com"), []);
    } finally {
      await store.close();
    }
    const reopened = new Database(join(dir, "cognate.db"), { readonly: true });
    assert.equal(reopened.pragma("user_version", { simple: true }), migrations.length);
    reopened.close();
  });

  it("refuses a database from a newer Cognate", () => {
    const newer = mkdtempSync(join(tmpdir(), "cognate-newer-"));
    try {
      const db = new Database(join(newer, "cognate.db"));
      db.pragma(`user_version = ${migrations.length + 1}`);
      db.close();
      assert.throws(() => openSqliteStore({ dataDir: newer, inMemory: false }), /newer than this Cognate/);
    } finally {
      rmSync(newer, { recursive: true, force: true });
    }
  });

  it("gives sessions and refresh tokens written before version 3 an expiry the sweeper honours", async () => {
    const dir3 = mkdtempSync(join(tmpdir(), "cognate-migrate3-"));
    try {
      const old = new Database(join(dir3, "cognate.db"));
      old.exec(migrations[0]!);
      old.exec(migrations[1]!);
      old.pragma("user_version = 2");
      const insert = old.prepare("INSERT INTO resources (kind, scope, key, created_at, data) VALUES (?, ?, ?, ?, ?)");
      const row = (kind: string, key: string, data: Record<string, unknown>) =>
        insert.run(
          kind,
          "us-east-1_abcdefghi",
          key,
          1,
          JSON.stringify({ kind, scope: "us-east-1_abcdefghi", key, data, createdAt: 1, updatedAt: 1 }),
        );
      row("authSession", "old-session", { expiresAt: 1_000 });
      row("code", "old-code", { expiresAt: 1_500 });
      row("refreshToken", "old-refresh", { expiresAt: 2_000 });
      row("signingKey", "kid", { kid: "kid" });
      old.close();

      const store = openSqliteStore({ dataDir: dir3, inMemory: false });
      try {
        assert.equal(await store.resources.deleteExpired(5_000, 100), 2);
        assert.equal(await store.resources.get("authSession", "us-east-1_abcdefghi", "old-session"), undefined);
        assert.equal(await store.resources.get("code", "us-east-1_abcdefghi", "old-code"), undefined);
        // Refresh tokens are kept 30 days past their end (to answer "has expired"), and the
        // record itself now names its expiry, so rewriting it keeps it sweepable.
        const refresh = await store.resources.get<Record<string, unknown>>(
          "refreshToken",
          "us-east-1_abcdefghi",
          "old-refresh",
        );
        assert.equal(refresh?.expiresAt, 2_000 + 30 * 86_400_000);
        await store.resources.put({ ...refresh!, data: { ...refresh!.data, revoked: true } });
        assert.equal(await store.resources.deleteExpired(2_000 + 30 * 86_400_000, 100), 1);
        assert.ok(await store.resources.get("signingKey", "us-east-1_abcdefghi", "kid"));
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir3, { recursive: true, force: true });
    }
  });

  it("moves version-3 users to the rowid table of version 4, and lists them as ListUsers answers", async () => {
    const dir4 = mkdtempSync(join(tmpdir(), "cognate-migrate4-"));
    try {
      const old = new Database(join(dir4, "cognate.db"));
      for (const migration of migrations.slice(0, 3)) old.exec(migration);
      old.pragma("user_version = 3");
      const insert = old.prepare(
        "INSERT INTO users (pool_id, username_key, username, sub, status, enabled, email, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      );
      const pool = "us-east-1_abcdefghi";
      const users = ["carol", "alice", "bob"].map((name, i): UserRecord => {
        const sub = `7f1c8a52-0000-4000-8000-00000000000${i}`;
        return {
          poolId: pool,
          username: name,
          sub,
          status: "CONFIRMED",
          enabled: true,
          createdAt: 1_700_000_000_000 + i,
          updatedAt: 1_700_000_000_500 + i,
          attributes: { sub, email: `${name}@example.com` },
          // As large as a user with an SRP verifier: more than a WITHOUT ROWID page keeps inline.
          srp: { salt: "ab".repeat(16), verifier: "cd".repeat(384) },
        };
      });
      for (const u of users)
        insert.run(pool, u.username, u.username, u.sub, "CONFIRMED", "enabled", u.attributes.email, JSON.stringify(u));
      old.close();

      const store = openSqliteStore({ dataDir: dir4, inMemory: false });
      try {
        assert.equal((await store.users.get(pool, "bob"))?.srp?.verifier.length, 768);
        const page = await store.users.listSerialized(pool, { limit: 2 });
        assert.deepEqual(
          page.items.map((text) => JSON.parse(text) as unknown),
          users
            .filter((u) => u.username !== "carol")
            .sort((a, b) => a.username.localeCompare(b.username))
            .map((u) => ({
              Username: u.username,
              Attributes: [
                { Name: "sub", Value: u.sub },
                { Name: "email", Value: u.attributes.email },
              ],
              UserCreateDate: u.createdAt / 1000,
              UserLastModifiedDate: u.updatedAt / 1000,
              Enabled: true,
              UserStatus: "CONFIRMED",
            })),
        );
        const rest = await store.users.listSerialized(pool, { limit: 2, after: page.next! });
        assert.deepEqual(
          rest.items.map((text) => (JSON.parse(text) as { Username: string }).Username),
          ["carol"],
        );
        // A write stores the listing with the record; the listing follows every change.
        await store.users.update({ ...users[0]!, enabled: false, updatedAt: 1_800_000_000_000 }, "carol");
        const [carol] = (
          await store.users.listSerialized(pool, {
            limit: 1,
            filter: { attribute: "status", op: "=", value: "disabled" },
          })
        ).items;
        assert.equal((JSON.parse(carol!) as { Enabled: boolean }).Enabled, false);
      } finally {
        await store.close();
      }
      const reopened = new Database(join(dir4, "cognate.db"), { readonly: true });
      const table = reopened.prepare("SELECT sql FROM sqlite_schema WHERE name = 'users'").get() as { sql: string };
      assert.doesNotMatch(table.sql, /WITHOUT ROWID/);
      assert.equal(
        (reopened.prepare("SELECT count(*) AS n FROM users WHERE listing IS NOT NULL").get() as { n: number }).n,
        1,
      );
      reopened.close();
    } finally {
      rmSync(dir4, { recursive: true, force: true });
    }
  });
});
