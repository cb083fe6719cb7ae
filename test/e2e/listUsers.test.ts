import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
  type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, rawCall, useCognate } from "../helpers/cognate.js";

const names = (users: UserType[] | undefined) => (users ?? []).map((u) => u.Username).sort();

describe("ListUsers", () => {
  const t = useCognate();
  let pool = "";
  const subs: Record<string, string> = {};

  before(async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "list" }));
    pool = UserPool!.Id!;
    const people: [string, Record<string, string>][] = [
      [
        "anna",
        {
          email: "anna@example.com",
          name: "Anna Smith",
          given_name: "Anna",
          family_name: "Smith",
          phone_number: "+15550001",
          preferred_username: "annie",
        },
      ],
      [
        "andrew",
        {
          email: "andrew@example.org",
          name: "Andrew Jones",
          given_name: "Andrew",
          family_name: "Jones",
          phone_number: "+15550002",
          preferred_username: "andy",
        },
      ],
      [
        "bea",
        {
          email: "bea@example.com",
          name: 'Bea "B" Smith',
          given_name: "Bea",
          family_name: "Smithson",
          phone_number: "+44770001",
        },
      ],
    ];
    for (const [username, attributes] of people) {
      const { User } = await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: pool,
          Username: username,
          MessageAction: "SUPPRESS",
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      subs[username] = User!.Attributes!.find((a) => a.Name === "sub")!.Value!;
    }
  });

  const list = (Filter?: string, extra: Record<string, unknown> = {}) =>
    t.client.send(new ListUsersCommand({ UserPoolId: pool, ...(Filter === undefined ? {} : { Filter }), ...extra }));

  it("lists every user with all attributes by default", async () => {
    const { Users, PaginationToken } = await list();
    assert.deepEqual(names(Users), ["andrew", "anna", "bea"]);
    assert.equal(PaginationToken, undefined);
    const anna = Users!.find((u) => u.Username === "anna")!;
    assert.equal(anna.Enabled, true);
    assert.equal(anna.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.ok(anna.UserCreateDate instanceof Date);
    assert.equal(anna.Attributes!.length, 7);
    assert.equal(anna.Attributes!.find((a) => a.Name === "sub")?.Value, subs.anna);
  });

  it("filters on each searchable attribute with = and ^=", async () => {
    const cases: [string, string[]][] = [
      ['username = "anna"', ["anna"]],
      ['username ^= "an"', ["andrew", "anna"]],
      ['email = "bea@example.com"', ["bea"]],
      ['email ^= "an"', ["andrew", "anna"]],
      ['phone_number = "+15550002"', ["andrew"]],
      ['phone_number ^= "+1555"', ["andrew", "anna"]],
      ['name = "Anna Smith"', ["anna"]],
      ['name ^= "A"', ["andrew", "anna"]],
      ['given_name = "Bea"', ["bea"]],
      ['given_name ^= "An"', ["andrew", "anna"]],
      ['family_name = "Smith"', ["anna"]],
      ['family_name ^= "Smith"', ["anna", "bea"]],
      ['preferred_username = "andy"', ["andrew"]],
      ['preferred_username ^= "an"', ["andrew", "anna"]],
      ['cognito:user_status = "FORCE_CHANGE_PASSWORD"', ["andrew", "anna", "bea"]],
      ['cognito:user_status = "force_change_password"', ["andrew", "anna", "bea"]],
      ['cognito:user_status = "CONFIRMED"', []],
      ['cognito:user_status ^= "FORCE"', ["andrew", "anna", "bea"]],
      ['status = "Enabled"', ["andrew", "anna", "bea"]],
      ['status = "Disabled"', []],
      ['status ^= "Ena"', ["andrew", "anna", "bea"]],
      // status is case-sensitive, unlike cognito:user_status.
      ['status = "enabled"', []],
      ['status = "ENABLED"', []],
      ['status ^= "ena"', []],
      ['status = "Enable"', []],
      ['status ^= ""', ["andrew", "anna", "bea"]],
      ['username="anna"', ["anna"]],
      ['username^="be"', ["bea"]],
      ['  username   =   "bea"  ', ["bea"]],
      ['name = "Bea \\"B\\" Smith"', ["bea"]],
      ['email = "nobody@example.com"', []],
      ["", ["andrew", "anna", "bea"]],
    ];
    for (const [filter, expected] of cases) {
      const { Users } = await list(filter);
      assert.deepEqual(names(Users), expected, filter);
    }
    const bySub = await list(`sub = "${subs.bea}"`);
    assert.deepEqual(names(bySub.Users), ["bea"]);
    const bySubPrefix = await list(`sub ^= "${subs.anna!.slice(0, 8)}"`);
    assert.ok(names(bySubPrefix.Users).includes("anna"));
  });

  it("rejects malformed filters and unsearchable attributes", async () => {
    for (const filter of ["username = anna", 'username == "anna"', 'username "anna"', "foo", 'username = "anna']) {
      const err = await errorOf(() => list(filter));
      assert.equal(err.name, "InvalidParameterException", filter);
      assert.equal(err.message, "Error while parsing filter.", filter);
    }
    for (const filter of ['custom:tier = "1"', 'locale = "en"', 'email_verified = "true"']) {
      const err = await errorOf(() => list(filter));
      assert.equal(err.name, "InvalidParameterException", filter);
      assert.equal(err.message, `Invalid search attribute: ${filter.split(" ")[0]}`, filter);
    }
  });

  it("returns only the attributes asked for", async () => {
    const { Users } = await list('username = "anna"', { AttributesToGet: ["email", "given_name"] });
    assert.deepEqual(Users![0]!.Attributes, [
      { Name: "email", Value: "anna@example.com" },
      { Name: "given_name", Value: "Anna" },
    ]);
    // The user's own fields come whatever the attributes asked for.
    assert.equal(Users![0]!.Username, "anna");
    assert.equal(Users![0]!.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.equal(Users![0]!.Enabled, true);
    const none = await list('username = "anna"', { AttributesToGet: [] });
    assert.deepEqual(none.Users![0]!.Attributes, []);
    const err = await errorOf(() => list(undefined, { AttributesToGet: ["email", "nope"] }));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "One or more requested attributes do not exist: nope");
  });

  it("answers an error when a listed user has no value for a requested attribute", async () => {
    // bea has no preferred_username.
    const err = await errorOf(() => list(undefined, { AttributesToGet: ["email", "preferred_username"] }));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "One or more requested attributes do not exist: preferred_username");
    // Only the users in the answer count: a filter that leaves bea out succeeds.
    const { Users } = await list('preferred_username ^= "an"', { AttributesToGet: ["preferred_username"] });
    assert.deepEqual(
      Users!.map((u) => u.Attributes),
      [[{ Name: "preferred_username", Value: "andy" }], [{ Name: "preferred_username", Value: "annie" }]],
    );
    const page = await list('username = "anna"', { AttributesToGet: ["preferred_username"] });
    assert.equal(page.Users!.length, 1);
  });

  it("matches status only as Enabled or Disabled, in that case", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "status" }));
    const id = UserPool!.Id!;
    for (const username of ["on", "off"]) {
      await t.client.send(
        new AdminCreateUserCommand({ UserPoolId: id, Username: username, MessageAction: "SUPPRESS" }),
      );
    }
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: id, Username: "off" }));
    const byStatus = async (filter: string) =>
      names((await t.client.send(new ListUsersCommand({ UserPoolId: id, Filter: filter }))).Users);
    assert.deepEqual(await byStatus('status = "Enabled"'), ["on"]);
    assert.deepEqual(await byStatus('status = "Disabled"'), ["off"]);
    assert.deepEqual(await byStatus('status ^= "D"'), ["off"]);
    assert.deepEqual(await byStatus('status = "disabled"'), []);
    assert.deepEqual(await byStatus('status ^= "d"'), []);
  });

  it("finds a user given a permanent password by cognito:user_status CONFIRMED", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "confirmed" }));
    const id = UserPool!.Id!;
    for (const username of ["invited", "settled"]) {
      await t.client.send(
        new AdminCreateUserCommand({ UserPoolId: id, Username: username, MessageAction: "SUPPRESS" }),
      );
    }
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: id,
        Username: "settled",
        Password: "Perm-Pass-123!",
        Permanent: true,
      }),
    );
    const byStatus = async (filter: string) =>
      names((await t.client.send(new ListUsersCommand({ UserPoolId: id, Filter: filter }))).Users);
    assert.deepEqual(await byStatus('cognito:user_status = "CONFIRMED"'), ["settled"]);
    assert.deepEqual(await byStatus('cognito:user_status = "FORCE_CHANGE_PASSWORD"'), ["invited"]);
  });

  it("answers an empty list without a token for a pool without users", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "empty" }));
    const res = await t.client.send(new ListUsersCommand({ UserPoolId: UserPool!.Id! }));
    assert.deepEqual(res.Users, []);
    assert.equal(res.PaginationToken, undefined);
  });

  it("pages with Limit and PaginationToken, with and without a filter", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await list(undefined, { Limit: 2, ...(token ? { PaginationToken: token } : {}) });
      assert.ok(page.Users!.length <= 2);
      seen.push(...page.Users!.map((u) => u.Username!));
      token = page.PaginationToken;
      pages++;
    } while (token);
    assert.equal(pages, 2);
    assert.deepEqual(seen.sort(), ["andrew", "anna", "bea"]);

    const first = await list('email ^= "a"', { Limit: 1 });
    assert.equal(first.Users!.length, 1);
    assert.ok(first.PaginationToken);
    const second = await list('email ^= "a"', { Limit: 1, PaginationToken: first.PaginationToken });
    assert.equal(second.Users!.length, 1);
    assert.equal(second.PaginationToken, undefined);
    assert.deepEqual(names([...first.Users!, ...second.Users!]), ["andrew", "anna"]);
  });

  it("caps the page at 60 users", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "big" }));
    for (let i = 0; i < 61; i++) {
      await t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: UserPool!.Id!,
          Username: `u${String(i).padStart(2, "0")}`,
          MessageAction: "SUPPRESS",
        }),
      );
    }
    const page = await t.client.send(new ListUsersCommand({ UserPoolId: UserPool!.Id! }));
    assert.equal(page.Users!.length, 60);
    assert.ok(page.PaginationToken);
    const rest = await t.client.send(
      new ListUsersCommand({ UserPoolId: UserPool!.Id!, PaginationToken: page.PaginationToken }),
    );
    assert.deepEqual(names(rest.Users), ["u60"]);
    const tooMany = await rawCall(t.url, "ListUsers", JSON.stringify({ UserPoolId: UserPool!.Id!, Limit: 61 }));
    assert.equal(tooMany.body.__type, "InvalidParameterException");
  });

  it("rejects a pagination token it did not issue and an unknown pool", async () => {
    const err = await errorOf(() => list(undefined, { PaginationToken: "garbage" }));
    assert.equal(err.name, "InvalidParameterException");
    const noPool = await errorOf(() => t.client.send(new ListUsersCommand({ UserPoolId: "us-east-1_nothere00" })));
    assert.equal(noPool.name, "ResourceNotFoundException");
  });
});
