/**
 * The storage contract. Handlers talk to these slices only; no SQL leaves src/storage.
 * Every method is asynchronous so that a networked backend (PostgreSQL) can implement
 * the same interface. Records are domain records, not wire shapes: secrets such as
 * password hashes live here and are mapped out by each family's wire.ts.
 */

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; absent on the last page. */
  next?: string;
}

/**
 * Thrown by any backend for a pagination token it did not issue; the dispatcher answers it
 * with InvalidParameterException, so handlers need not catch it.
 */
export class InvalidCursorError extends Error {
  constructor() {
    super("invalid pagination token");
  }
}

export interface PageQuery {
  limit: number;
  /** Cursor returned by a previous page. */
  after?: string;
}

export interface PoolRecord {
  id: string;
  name: string;
  accountId: string;
  region: string;
  createdAt: number;
  updatedAt: number;
  /** The pool's settings in Cognito's wire shape (UserPoolType without Id, Name, dates, counts). */
  config: Record<string, unknown>;
}

export interface ClientSecretRecord {
  id: string;
  value: string;
  createdAt: number;
}

export interface ClientRecord {
  poolId: string;
  clientId: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** UserPoolClientType members other than ids, name, secret and dates. */
  config: Record<string, unknown>;
  secrets: ClientSecretRecord[];
}

export type UserStatus =
  | "UNCONFIRMED"
  | "CONFIRMED"
  | "ARCHIVED"
  | "COMPROMISED"
  | "UNKNOWN"
  | "RESET_REQUIRED"
  | "FORCE_CHANGE_PASSWORD"
  | "EXTERNAL_PROVIDER";

export interface UserRecord {
  poolId: string;
  /** The username as created (its case is kept even in case-insensitive pools). */
  username: string;
  sub: string;
  status: UserStatus;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** Every attribute by name, `sub` included, as strings like on the wire. */
  attributes: Record<string, string>;
  /** Salted slow hash (see src/common/passwords.ts); absent for users without a password. */
  passwordHash?: string;
  /** When a temporary password was set, for TemporaryPasswordValidityDays. */
  temporaryPasswordSetAt?: number;
  /** Hashes of earlier passwords, newest first, for PasswordHistorySize. */
  passwordHistory?: string[];
  /**
   * What SRP sign-in needs (USER_SRP_AUTH): a random salt and the verifier g^x mod N, both hex.
   * Computed whenever the password is set; see docs on what it exposes.
   */
  srp?: { salt: string; verifier: string };
  /**
   * New values of attributes in the pool's AttributesRequireVerificationBeforeUpdate, held
   * back until the user verifies them (the attribute keeps its old value meanwhile).
   */
  pendingAttributes?: Record<string, string>;
  /** Tokens issued before this instant (epoch ms) are refused: GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser. */
  signedOutAt?: number;
  mfaOptions?: { DeliveryMedium: string; AttributeName: string }[];
  preferredMfaSetting?: string;
  userMfaSettingList?: string[];
  /**
   * The authenticator app (TOTP) of AssociateSoftwareToken / VerifySoftwareToken (src/mfa):
   * the base32 secret, whether a code verified it, and the last time step a code was accepted
   * for (a code is accepted once). Never in an API answer after association, never logged.
   */
  softwareToken?: {
    secret: string;
    verified: boolean;
    friendlyName?: string;
    lastUsedStep?: number;
    associatedAt: number;
    /**
     * A newer secret associated while this one is verified: the verified one keeps signing in
     * until a code of the new one verifies it (then the new one replaces it), as in Cognito.
     */
    pendingSecret?: string;
  };
}

export interface GroupRecord {
  poolId: string;
  name: string;
  description?: string;
  roleArn?: string;
  precedence?: number;
  createdAt: number;
  updatedAt: number;
}

/** Pool-scoped documents that need no query beyond their key: resource servers, identity providers, domains, branding, terms… */
export interface ResourceRecord<T = Record<string, unknown>> {
  kind: string;
  /** The pool id for pool-scoped kinds; "" for global kinds (domains). */
  scope: string;
  key: string;
  data: T;
  createdAt: number;
  updatedAt: number;
  /**
   * Epoch ms after which nobody needs the record (a session, code or refresh token past use):
   * `deleteExpired` removes it. Readers still check their own expiry: removal is not prompt.
   */
  expiresAt?: number;
}

export interface OutboxMessage {
  id?: number;
  userPoolId: string;
  username: string;
  deliveryMedium: "EMAIL" | "SMS";
  destination: string;
  subject?: string;
  message: string;
  code?: string;
  createdAt: number;
}

/** Attributes ListUsers can filter on; each is an indexed column. */
export const USER_FILTER_ATTRIBUTES = [
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "cognito:user_status",
  "status",
  "sub",
] as const;
export type UserFilterAttribute = (typeof USER_FILTER_ATTRIBUTES)[number];

export interface UserFilter {
  attribute: UserFilterAttribute;
  op: "=" | "^=";
  value: string;
}

export interface PoolStore {
  get(id: string): Promise<PoolRecord | undefined>;
  insert(pool: PoolRecord): Promise<void>;
  update(pool: PoolRecord): Promise<void>;
  delete(id: string): Promise<void>;
  /** Pools of one account in one region, oldest first. */
  list(accountId: string, region: string, page: PageQuery): Promise<Page<PoolRecord>>;
}

export interface ClientStore {
  get(poolId: string, clientId: string): Promise<ClientRecord | undefined>;
  /** Looks a client up by id alone (sign-in requests name only the client). */
  find(clientId: string): Promise<ClientRecord | undefined>;
  insert(client: ClientRecord): Promise<void>;
  update(client: ClientRecord): Promise<void>;
  delete(poolId: string, clientId: string): Promise<void>;
  list(poolId: string, page: PageQuery): Promise<Page<ClientRecord>>;
}

export interface UserStore {
  /** By username key: the username, lower-cased when the pool is case-insensitive. */
  get(poolId: string, usernameKey: string): Promise<UserRecord | undefined>;
  getBySub(poolId: string, sub: string): Promise<UserRecord | undefined>;
  /** Users whose attribute has exactly this value (email, phone_number, preferred_username). */
  findByAttribute(
    poolId: string,
    attribute: "email" | "phone_number" | "preferred_username",
    value: string,
    /** ignoreCase: compare email and preferred_username without regard to (ASCII) case. */
    options?: { ignoreCase?: boolean },
  ): Promise<UserRecord[]>;
  insert(user: UserRecord, usernameKey: string): Promise<void>;
  update(user: UserRecord, usernameKey: string): Promise<void>;
  delete(poolId: string, usernameKey: string): Promise<void>;
  list(poolId: string, query: PageQuery & { filter?: UserFilter }): Promise<Page<UserRecord>>;
  /**
   * The same page, each user already serialised as ListUsers answers it (users/wire.ts
   * userListing): the store keeps that text beside the record, so a page costs no parsing.
   */
  listSerialized(poolId: string, query: PageQuery & { filter?: UserFilter }): Promise<Page<string>>;
  count(poolId: string): Promise<number>;
}

export interface GroupStore {
  get(poolId: string, name: string): Promise<GroupRecord | undefined>;
  insert(group: GroupRecord): Promise<void>;
  update(group: GroupRecord): Promise<void>;
  /** Removes the group and its memberships. */
  delete(poolId: string, name: string): Promise<void>;
  list(poolId: string, page: PageQuery): Promise<Page<GroupRecord>>;
  addMember(poolId: string, group: string, usernameKey: string): Promise<void>;
  removeMember(poolId: string, group: string, usernameKey: string): Promise<void>;
  /** Groups of a user, by group name. */
  listForUser(poolId: string, usernameKey: string, page: PageQuery): Promise<Page<GroupRecord>>;
  /** Username keys of a group's members, in username order. */
  listMembers(poolId: string, group: string, page: PageQuery): Promise<Page<string>>;
  /** Removes every membership of a user (when the user is deleted). */
  removeUser(poolId: string, usernameKey: string): Promise<void>;
}

export interface ResourceStore {
  get<T>(kind: string, scope: string, key: string): Promise<ResourceRecord<T> | undefined>;
  put<T>(record: ResourceRecord<T>): Promise<void>;
  delete(kind: string, scope: string, key: string): Promise<void>;
  list<T>(kind: string, scope: string, page: PageQuery): Promise<Page<ResourceRecord<T>>>;
  /** Deletes up to `limit` records whose expiresAt is at or before `now`; returns how many. */
  deleteExpired(now: number, limit: number): Promise<number>;
}

export interface TagStore {
  get(arn: string): Promise<Record<string, string>>;
  set(arn: string, tags: Record<string, string>): Promise<void>;
}

export interface OutboxStore {
  add(message: OutboxMessage): Promise<void>;
  list(filter: { userPoolId?: string; username?: string }): Promise<OutboxMessage[]>;
}

export interface Store {
  pools: PoolStore;
  clients: ClientStore;
  users: UserStore;
  groups: GroupStore;
  resources: ResourceStore;
  tags: TagStore;
  outbox: OutboxStore;
  /**
   * Runs fn atomically: its writes commit together or not at all. Transactions are
   * serialised; a call made inside another joins it. `readOnly` promises fn writes nothing,
   * which lets the store take a cheaper lock (SQLite) or a read-only snapshot (PostgreSQL).
   */
  transaction<T>(fn: () => Promise<T>, options?: { readOnly?: boolean }): Promise<T>;
  /** Whether the caller runs inside transaction(). */
  inTransaction(): boolean;
  /**
   * Runs `wait` (a Lambda trigger) while the caller's transaction stays open. Meanwhile other
   * requests' read-only transactions run at once, seeing its state, instead of queueing behind
   * it: a trigger that reads from Cognate does not wait for the transaction that waits for it.
   * Writers still queue, so a trigger that writes to Cognate waits until it times out.
   */
  suspendFor<T>(wait: () => Promise<T>): Promise<T>;
  /** Deletes every record (POST /_cognate/reset). */
  reset(): Promise<void>;
  /** Waits for the running transaction, then closes the database. */
  close(): Promise<void>;
  /** Removes everything a pool owns (DeleteUserPool). */
  deletePoolData(poolId: string): Promise<void>;
}
