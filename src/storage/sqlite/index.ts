import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type {
  ClientRecord,
  GroupRecord,
  OutboxMessage,
  Page,
  PageQuery,
  PoolRecord,
  ResourceRecord,
  Store,
  UserFilter,
  UserRecord,
} from "../types.js";
import { InvalidCursorError } from "../types.js";
import { migrations } from "./migrations.js";
import { ParsedCache } from "./parsedCache.js";
// Storage derives ListUsers' answer for each user when it writes the user (migration 4): the
// one place it knows a wire format, in exchange for pages that cost no JSON parsing.
import { USER_LISTING_FORMAT, userListing } from "../../users/wire.js";

export interface SqliteOptions {
  /** Folder for cognate.db; ignored when inMemory. */
  dataDir?: string;
  inMemory?: boolean;
}

/** Opaque page cursors: the sort key of the last row returned. */
const encodeCursor = (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString("base64url");
function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === arity) return key;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

/** Attribute → indexed column for ListUsers filters. */
const FILTER_COLUMNS: Record<UserFilter["attribute"], string> = {
  username: "username",
  email: "email",
  phone_number: "phone_number",
  name: "name",
  given_name: "given_name",
  family_name: "family_name",
  preferred_username: "preferred_username",
  "cognito:user_status": "status",
  status: "enabled",
  sub: "sub",
};
const INDEXED_ATTRIBUTES = [
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
] as const;
/** Upper bound for a prefix range: the largest code point sorts after any continuation. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

export function openSqliteStore(options: SqliteOptions): Store {
  let file = ":memory:";
  if (!options.inMemory) {
    const dir = options.dataDir ?? ".cognate";
    mkdirSync(dir, { recursive: true });
    file = join(dir, "cognate.db");
  }
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // Reads go through memory-mapped pages and a 64 MiB page cache rather than a read() call per
  // page: a ListUsers page touches ~60 rows spread over the table.
  db.pragma("mmap_size = 1073741824");
  db.pragma("cache_size = -65536");
  migrate(db);

  const stmtCache = new Map<string, Database.Statement>();
  const q = (sql: string): Database.Statement => {
    let s = stmtCache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      stmtCache.set(sql, s);
    }
    return s;
  };
  const parse = <T>(row: unknown): T => JSON.parse((row as { data: string }).data) as T;
  const pools = new ParsedCache<PoolRecord>();
  const clients = new ParsedCache<ClientRecord>();

  /** Runs a keyset-paginated query; `keyOf` gives the sort key of a row. */
  function page<T>(
    sql: (afterClause: string) => string,
    params: unknown[],
    query: PageQuery,
    keyColumns: number,
    map: (row: Record<string, unknown>) => T,
    keyOf: (row: Record<string, unknown>) => unknown[],
  ): Page<T> {
    const after = decodeCursor(query.after, keyColumns);
    const rows = q(sql(after ? "AND" : "")).all(...params, ...(after ?? []), query.limit + 1) as Record<
      string,
      unknown
    >[];
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items: items.map(map), ...(more && last ? { next: encodeCursor(keyOf(last)) } : {}) };
  }

  /** A page of a pool's users in username order, or in the order of the filtered column. */
  function listUsers<T>(
    poolId: string,
    query: PageQuery & { filter?: UserFilter },
    columns: string,
    map: (row: Record<string, unknown>) => T,
  ): Page<T> {
    const f = query.filter;
    if (!f) {
      return page(
        (after) =>
          `SELECT username_key, ${columns} FROM users INDEXED BY users_by_key WHERE pool_id = ? ${after} ${after ? "username_key > ?" : ""} ORDER BY username_key LIMIT ?`,
        [poolId],
        query,
        1,
        map,
        (r) => [r.username_key],
      );
    }
    const column = FILTER_COLUMNS[f.attribute];
    const value = f.attribute === "status" ? f.value.toLowerCase() : f.value;
    const match = f.op === "=" ? `${column} = ?` : `${column} >= ? AND ${column} < ?`;
    const params = f.op === "=" ? [poolId, value] : [poolId, value, value + MAX_CHAR];
    return page(
      (after) =>
        // INDEXED BY: without statistics SQLite may prefer walking the primary key in
        // username order, which scans the whole pool for a rare status.
        `SELECT ${column} AS k, username_key, ${columns} FROM users INDEXED BY users_by_${column} WHERE pool_id = ? AND ${match} ${after} ${
          after ? `(${column}, username_key) > (?, ?)` : ""
        } ORDER BY ${column}, username_key LIMIT ?`,
      params,
      query,
      2,
      map,
      (r) => [r.k, r.username_key],
    );
  }

  const userColumns = (u: UserRecord, usernameKey: string) => [
    u.poolId,
    usernameKey,
    u.username,
    u.sub,
    u.status,
    u.enabled ? "enabled" : "disabled",
    ...INDEXED_ATTRIBUTES.map((a) => u.attributes[a] ?? null),
    USER_LISTING_FORMAT,
    userListing(u),
    JSON.stringify(u),
  ];

  // Transactions: one at a time (SQLite has one writer); nested calls join the outer one.
  const inTransaction = new AsyncLocalStorage<true>();
  let queue: Promise<unknown> = Promise.resolve();
  /** Open transactions waiting on a trigger (Store.suspendFor): readers may go ahead meanwhile. */
  let suspended = 0;

  const store: Store = {
    pools: {
      async get(id) {
        const row = q("SELECT data FROM pools WHERE id = ?").get(id) as { data: string } | undefined;
        return row ? pools.get(id, row.data) : undefined;
      },
      async insert(pool) {
        q("INSERT INTO pools (id, account_id, created_at, data) VALUES (?, ?, ?, ?)").run(
          pool.id,
          pool.accountId,
          pool.createdAt,
          JSON.stringify(pool),
        );
      },
      async update(pool) {
        q("UPDATE pools SET data = ? WHERE id = ?").run(JSON.stringify(pool), pool.id);
      },
      async delete(id) {
        q("DELETE FROM pools WHERE id = ?").run(id);
      },
      async list(accountId, region, query) {
        // A pool id starts with its region and "_".
        const prefix = `${region}_`;
        return page(
          (after) =>
            `SELECT id, created_at, data FROM pools WHERE account_id = ? AND substr(id, 1, ?) = ? ${after} ${after ? "(created_at, id) > (?, ?)" : ""} ORDER BY created_at, id LIMIT ?`,
          [accountId, prefix.length, prefix],
          query,
          2,
          (r) => parse<PoolRecord>(r),
          (r) => [r.created_at, r.id],
        );
      },
    },

    clients: {
      async get(poolId, clientId) {
        const row = q("SELECT data FROM clients WHERE pool_id = ? AND client_id = ?").get(poolId, clientId) as
          | { data: string }
          | undefined;
        return row ? clients.get(clientId, row.data) : undefined;
      },
      async find(clientId) {
        const row = q("SELECT data FROM clients WHERE client_id = ?").get(clientId) as { data: string } | undefined;
        return row ? clients.get(clientId, row.data) : undefined;
      },
      async insert(client) {
        q("INSERT INTO clients (pool_id, client_id, data) VALUES (?, ?, ?)").run(
          client.poolId,
          client.clientId,
          JSON.stringify(client),
        );
      },
      async update(client) {
        q("UPDATE clients SET data = ? WHERE pool_id = ? AND client_id = ?").run(
          JSON.stringify(client),
          client.poolId,
          client.clientId,
        );
      },
      async delete(poolId, clientId) {
        q("DELETE FROM clients WHERE pool_id = ? AND client_id = ?").run(poolId, clientId);
      },
      async list(poolId, query) {
        return page(
          (after) =>
            `SELECT client_id, data FROM clients WHERE pool_id = ? ${after} ${after ? "client_id > ?" : ""} ORDER BY client_id LIMIT ?`,
          [poolId],
          query,
          1,
          (r) => parse<ClientRecord>(r),
          (r) => [r.client_id],
        );
      },
    },

    users: {
      async get(poolId, usernameKey) {
        const row = q("SELECT data FROM users WHERE pool_id = ? AND username_key = ?").get(poolId, usernameKey);
        return row ? parse<UserRecord>(row) : undefined;
      },
      async getBySub(poolId, sub) {
        const row = q("SELECT data FROM users WHERE pool_id = ? AND sub = ?").get(poolId, sub);
        return row ? parse<UserRecord>(row) : undefined;
      },
      async findByAttribute(poolId, attribute, value, options) {
        const column = FILTER_COLUMNS[attribute];
        // Phone numbers have no case; the other two have lower() indexes (migration 2).
        const sql =
          options?.ignoreCase && attribute !== "phone_number"
            ? `SELECT data FROM users INDEXED BY users_by_${column}_nocase
               WHERE pool_id = ? AND ${column} IS NOT NULL AND lower(${column}) = lower(?)`
            : `SELECT data FROM users INDEXED BY users_by_${column} WHERE pool_id = ? AND ${column} = ?`;
        return q(sql)
          .all(poolId, value)
          .map((r) => parse<UserRecord>(r));
      },
      async insert(user, usernameKey) {
        q(
          `INSERT INTO users (pool_id, username_key, username, sub, status, enabled, ${INDEXED_ATTRIBUTES.join(", ")}, listing_format, listing, data)
           VALUES (${Array(9 + INDEXED_ATTRIBUTES.length)
             .fill("?")
             .join(", ")})`,
        ).run(...userColumns(user, usernameKey));
      },
      async update(user, usernameKey) {
        const [, , ...rest] = userColumns(user, usernameKey);
        q(
          `UPDATE users SET username = ?, sub = ?, status = ?, enabled = ?, ${INDEXED_ATTRIBUTES.map((a) => `${a} = ?`).join(", ")}, listing_format = ?, listing = ?, data = ?
           WHERE pool_id = ? AND username_key = ?`,
        ).run(...rest, user.poolId, usernameKey);
      },
      async delete(poolId, usernameKey) {
        q("DELETE FROM users WHERE pool_id = ? AND username_key = ?").run(poolId, usernameKey);
      },
      async list(poolId, query) {
        return listUsers(poolId, query, "data", (r) => parse<UserRecord>(r));
      },
      async listSerialized(poolId, query) {
        // A row written in another listing format (or before migration 4) is derived from its record.
        return listUsers(
          poolId,
          query,
          `CASE WHEN listing_format = ${USER_LISTING_FORMAT} THEN listing END AS listing,
           CASE WHEN listing_format = ${USER_LISTING_FORMAT} THEN NULL ELSE data END AS data`,
          (r) => (r.listing as string | null) ?? userListing(parse<UserRecord>(r)),
        );
      },
      async count(poolId) {
        return (q("SELECT count(*) AS n FROM users WHERE pool_id = ?").get(poolId) as { n: number }).n;
      },
    },

    groups: {
      async get(poolId, name) {
        const row = q("SELECT data FROM groups WHERE pool_id = ? AND name = ?").get(poolId, name);
        return row ? parse<GroupRecord>(row) : undefined;
      },
      async insert(group) {
        q("INSERT INTO groups (pool_id, name, data) VALUES (?, ?, ?)").run(
          group.poolId,
          group.name,
          JSON.stringify(group),
        );
      },
      async update(group) {
        q("UPDATE groups SET data = ? WHERE pool_id = ? AND name = ?").run(
          JSON.stringify(group),
          group.poolId,
          group.name,
        );
      },
      async delete(poolId, name) {
        q("DELETE FROM group_members WHERE pool_id = ? AND group_name = ?").run(poolId, name);
        q("DELETE FROM groups WHERE pool_id = ? AND name = ?").run(poolId, name);
      },
      async list(poolId, query) {
        return page(
          (after) =>
            `SELECT name, data FROM groups WHERE pool_id = ? ${after} ${after ? "name > ?" : ""} ORDER BY name LIMIT ?`,
          [poolId],
          query,
          1,
          (r) => parse<GroupRecord>(r),
          (r) => [r.name],
        );
      },
      async addMember(poolId, group, usernameKey) {
        q("INSERT OR IGNORE INTO group_members (pool_id, group_name, username_key) VALUES (?, ?, ?)").run(
          poolId,
          group,
          usernameKey,
        );
      },
      async removeMember(poolId, group, usernameKey) {
        q("DELETE FROM group_members WHERE pool_id = ? AND group_name = ? AND username_key = ?").run(
          poolId,
          group,
          usernameKey,
        );
      },
      async listForUser(poolId, usernameKey, query) {
        return page(
          (after) =>
            `SELECT g.name, g.data FROM group_members m JOIN groups g ON g.pool_id = m.pool_id AND g.name = m.group_name
             WHERE m.pool_id = ? AND m.username_key = ? ${after} ${after ? "m.group_name > ?" : ""} ORDER BY m.group_name LIMIT ?`,
          [poolId, usernameKey],
          query,
          1,
          (r) => parse<GroupRecord>(r),
          (r) => [r.name],
        );
      },
      async listMembers(poolId, group, query) {
        return page(
          (after) =>
            `SELECT username_key FROM group_members WHERE pool_id = ? AND group_name = ? ${after} ${
              after ? "username_key > ?" : ""
            } ORDER BY username_key LIMIT ?`,
          [poolId, group],
          query,
          1,
          (r) => r.username_key as string,
          (r) => [r.username_key],
        );
      },
      async removeUser(poolId, usernameKey) {
        q("DELETE FROM group_members WHERE pool_id = ? AND username_key = ?").run(poolId, usernameKey);
      },
    },

    resources: {
      async get<T>(kind: string, scope: string, key: string) {
        const row = q("SELECT data FROM resources WHERE kind = ? AND scope = ? AND key = ?").get(kind, scope, key);
        return row ? parse<ResourceRecord<T>>(row) : undefined;
      },
      async put(record) {
        q(
          "INSERT OR REPLACE INTO resources (kind, scope, key, created_at, expires_at, data) VALUES (?, ?, ?, ?, ?, ?)",
        ).run(
          record.kind,
          record.scope,
          record.key,
          record.createdAt,
          record.expiresAt ?? null,
          JSON.stringify(record),
        );
      },
      async delete(kind, scope, key) {
        q("DELETE FROM resources WHERE kind = ? AND scope = ? AND key = ?").run(kind, scope, key);
      },
      async list<T>(kind: string, scope: string, query: PageQuery) {
        return page(
          (after) =>
            `SELECT key, data FROM resources WHERE kind = ? AND scope = ? ${after} ${after ? "key > ?" : ""} ORDER BY key LIMIT ?`,
          [kind, scope],
          query,
          1,
          (r) => parse<ResourceRecord<T>>(r),
          (r) => [r.key],
        );
      },
      async deleteExpired(now, limit) {
        return q(
          `DELETE FROM resources WHERE (kind, scope, key) IN (
             SELECT kind, scope, key FROM resources INDEXED BY resources_by_expiry
             WHERE expires_at IS NOT NULL AND expires_at <= ? LIMIT ?)`,
        ).run(now, limit).changes;
      },
    },

    tags: {
      async get(arn) {
        const row = q("SELECT data FROM tags WHERE arn = ?").get(arn);
        return row ? parse<Record<string, string>>(row) : {};
      },
      async set(arn, tags) {
        if (Object.keys(tags).length === 0) q("DELETE FROM tags WHERE arn = ?").run(arn);
        else q("INSERT OR REPLACE INTO tags (arn, data) VALUES (?, ?)").run(arn, JSON.stringify(tags));
      },
    },

    outbox: {
      async add(message) {
        q("INSERT INTO outbox (pool_id, username, data) VALUES (?, ?, ?)").run(
          message.userPoolId,
          message.username,
          JSON.stringify(message),
        );
      },
      async list(filter) {
        const where: string[] = [];
        const params: string[] = [];
        if (filter.userPoolId !== undefined) {
          where.push("pool_id = ?");
          params.push(filter.userPoolId);
        }
        if (filter.username !== undefined) {
          where.push("username = ?");
          params.push(filter.username);
        }
        const sql = `SELECT id, data FROM outbox ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`;
        return q(sql)
          .all(...params)
          .map((r) => ({ ...parse<OutboxMessage>(r), id: (r as { id: number }).id }));
      },
    },

    async transaction<T>(fn: () => Promise<T>, options?: { readOnly?: boolean }): Promise<T> {
      if (inTransaction.getStore()) return fn();
      // A transaction is waiting on a trigger: a reader runs inside it, as its statements would.
      if (options?.readOnly && suspended > 0 && db.inTransaction) return inTransaction.run(true, fn);
      // IMMEDIATE takes the write lock up front, so a writer never fails to upgrade later.
      // Prepared once: exec() would parse the statement again on every request.
      const begin = options?.readOnly ? q("BEGIN DEFERRED") : q("BEGIN IMMEDIATE");
      const run = async (): Promise<T> => {
        begin.run();
        try {
          const result = await inTransaction.run(true, fn);
          q("COMMIT").run();
          return result;
        } catch (err) {
          if (db.inTransaction) q("ROLLBACK").run();
          throw err;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },

    inTransaction() {
      return inTransaction.getStore() === true;
    },

    async suspendFor(wait) {
      suspended++;
      try {
        return await wait();
      } finally {
        suspended--;
      }
    },

    async reset() {
      await store.transaction(async () => {
        for (const table of ["pools", "clients", "users", "groups", "group_members", "resources", "tags", "outbox"]) {
          db.exec(`DELETE FROM ${table}`);
        }
      });
    },

    async deletePoolData(poolId) {
      for (const table of ["clients", "users", "groups", "group_members", "outbox"]) {
        q(`DELETE FROM ${table} WHERE pool_id = ?`).run(poolId);
      }
      q("DELETE FROM resources WHERE scope = ?").run(poolId);
      q("DELETE FROM pools WHERE id = ?").run(poolId);
    },

    async close() {
      await queue;
      if (db.open) db.close();
    },
  };
  return store;
}

function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`database schema version ${current} is newer than this Cognate (${migrations.length})`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
