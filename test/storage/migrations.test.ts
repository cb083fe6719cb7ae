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
});
