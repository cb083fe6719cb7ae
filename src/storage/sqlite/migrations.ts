/**
 * Versioned schema. Each entry moves the schema one version up; the database records the
 * version it is at in PRAGMA user_version. Never edit a released migration: add one.
 */
export const migrations: readonly string[] = [
  // 1: the control plane
  `
  CREATE TABLE pools (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX pools_by_account ON pools (account_id, created_at, id);

  CREATE TABLE clients (
    pool_id TEXT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL,
    PRIMARY KEY (pool_id, client_id)
  ) WITHOUT ROWID;

  CREATE TABLE users (
    pool_id TEXT NOT NULL,
    username_key TEXT NOT NULL,
    username TEXT NOT NULL,
    sub TEXT NOT NULL,
    status TEXT NOT NULL,
    enabled TEXT NOT NULL,
    email TEXT,
    phone_number TEXT,
    name TEXT,
    given_name TEXT,
    family_name TEXT,
    preferred_username TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (pool_id, username_key)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX users_by_sub ON users (pool_id, sub);
  CREATE INDEX users_by_username ON users (pool_id, username, username_key);
  CREATE INDEX users_by_status ON users (pool_id, status, username_key);
  CREATE INDEX users_by_enabled ON users (pool_id, enabled, username_key);
  CREATE INDEX users_by_email ON users (pool_id, email, username_key) WHERE email IS NOT NULL;
  CREATE INDEX users_by_phone_number ON users (pool_id, phone_number, username_key) WHERE phone_number IS NOT NULL;
  CREATE INDEX users_by_name ON users (pool_id, name, username_key) WHERE name IS NOT NULL;
  CREATE INDEX users_by_given_name ON users (pool_id, given_name, username_key) WHERE given_name IS NOT NULL;
  CREATE INDEX users_by_family_name ON users (pool_id, family_name, username_key) WHERE family_name IS NOT NULL;
  CREATE INDEX users_by_preferred_username ON users (pool_id, preferred_username, username_key) WHERE preferred_username IS NOT NULL;

  CREATE TABLE groups (
    pool_id TEXT NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (pool_id, name)
  ) WITHOUT ROWID;

  CREATE TABLE group_members (
    pool_id TEXT NOT NULL,
    group_name TEXT NOT NULL,
    username_key TEXT NOT NULL,
    PRIMARY KEY (pool_id, group_name, username_key)
  ) WITHOUT ROWID;
  CREATE INDEX group_members_by_user ON group_members (pool_id, username_key, group_name);

  CREATE TABLE resources (
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, scope, key)
  ) WITHOUT ROWID;
  CREATE INDEX resources_by_scope ON resources (scope);

  CREATE TABLE tags (
    arn TEXT PRIMARY KEY,
    data TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX outbox_by_user ON outbox (pool_id, username, id);
  `,
  // 2: case-insensitive alias lookups (pools with UsernameConfiguration.CaseSensitive false)
  `
  CREATE INDEX users_by_email_nocase ON users (pool_id, lower(email)) WHERE email IS NOT NULL;
  CREATE INDEX users_by_preferred_username_nocase ON users (pool_id, lower(preferred_username))
    WHERE preferred_username IS NOT NULL;
  `,
  // 3: expiring resources (sessions, codes, refresh tokens, sign-ins) can be swept. Rows
  // written before had their expiry inside their data only; copy it out for the kinds that had one.
  `
  ALTER TABLE resources ADD COLUMN expires_at INTEGER;
  UPDATE resources SET expires_at = json_extract(data, '$.data.expiresAt')
    WHERE kind IN ('authSession', 'code');
  -- Refresh tokens stay 30 days past their end, so that they still answer "has expired".
  UPDATE resources SET expires_at = json_extract(data, '$.data.expiresAt') + 2592000000
    WHERE kind = 'refreshToken';
  -- The record's JSON carries the expiry too, so that rewriting a record keeps it.
  UPDATE resources SET data = json_set(data, '$.expiresAt', expires_at) WHERE expires_at IS NOT NULL;
  CREATE INDEX resources_by_expiry ON resources (expires_at) WHERE expires_at IS NOT NULL;
  `,
  // 4: users move to a rowid table, and keep ListUsers' answer for each user beside the record.
  // A WITHOUT ROWID table stores whole rows in its index pages, where a row over ~1 KB (any user
  // with an SRP verifier) spills into an overflow page of its own: every user read cost an extra
  // page, and ListUsers' scattered rows cost several. A rowid table keeps rows of up to ~4 KB in
  // one page. \`listing\` is the user as ListUsers lists it (see users/wire.ts userListing),
  // valid while \`listing_format\` is the format the code writes; NULL means "derive it from data".
  `
  CREATE TABLE users_v4 (
    id INTEGER PRIMARY KEY,
    pool_id TEXT NOT NULL,
    username_key TEXT NOT NULL,
    username TEXT NOT NULL,
    sub TEXT NOT NULL,
    status TEXT NOT NULL,
    enabled TEXT NOT NULL,
    email TEXT,
    phone_number TEXT,
    name TEXT,
    given_name TEXT,
    family_name TEXT,
    preferred_username TEXT,
    listing_format INTEGER,
    listing TEXT,
    data TEXT NOT NULL
  );
  INSERT INTO users_v4 (pool_id, username_key, username, sub, status, enabled, email, phone_number, name, given_name, family_name, preferred_username, data)
    SELECT pool_id, username_key, username, sub, status, enabled, email, phone_number, name, given_name, family_name, preferred_username, data FROM users ORDER BY pool_id, username_key;
  DROP TABLE users;
  ALTER TABLE users_v4 RENAME TO users;
  CREATE UNIQUE INDEX users_by_key ON users (pool_id, username_key);
  CREATE UNIQUE INDEX users_by_sub ON users (pool_id, sub);
  CREATE INDEX users_by_username ON users (pool_id, username, username_key);
  CREATE INDEX users_by_status ON users (pool_id, status, username_key);
  CREATE INDEX users_by_enabled ON users (pool_id, enabled, username_key);
  CREATE INDEX users_by_email ON users (pool_id, email, username_key) WHERE email IS NOT NULL;
  CREATE INDEX users_by_phone_number ON users (pool_id, phone_number, username_key) WHERE phone_number IS NOT NULL;
  CREATE INDEX users_by_name ON users (pool_id, name, username_key) WHERE name IS NOT NULL;
  CREATE INDEX users_by_given_name ON users (pool_id, given_name, username_key) WHERE given_name IS NOT NULL;
  CREATE INDEX users_by_family_name ON users (pool_id, family_name, username_key) WHERE family_name IS NOT NULL;
  CREATE INDEX users_by_preferred_username ON users (pool_id, preferred_username, username_key) WHERE preferred_username IS NOT NULL;
  CREATE INDEX users_by_email_nocase ON users (pool_id, lower(email)) WHERE email IS NOT NULL;
  CREATE INDEX users_by_preferred_username_nocase ON users (pool_id, lower(preferred_username))
    WHERE preferred_username IS NOT NULL;
  `,
];
