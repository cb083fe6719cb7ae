import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  type AdminCreateUserCommandInput,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  CreateGroupCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

interface Message {
  userPoolId: string;
  username: string;
  deliveryMedium: string;
  destination: string;
  subject?: string;
  message: string;
  code?: string;
  createdAt: string;
}

async function messagesFor(t: TestCognate, userPoolId: string, username: string): Promise<Message[]> {
  const q = new URLSearchParams({ userPoolId, username });
  const res = await fetch(`${t.url}/_cognate/messages?${q.toString()}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { messages: Message[] }).messages;
}

const attr = (attrs: AttributeType[] | undefined, name: string) => attrs?.find((a) => a.Name === name)?.Value;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function helpers(t: TestCognate) {
  const pool = async (extra: Partial<CreateUserPoolCommandInput> = {}) =>
    (await t.client.send(new CreateUserPoolCommand({ PoolName: "acceptance-users", ...extra }))).UserPool!.Id!;
  const create = async (UserPoolId: string, Username: string, extra: Partial<AdminCreateUserCommandInput> = {}) =>
    (await t.client.send(new AdminCreateUserCommand({ UserPoolId, Username, MessageAction: "SUPPRESS", ...extra })))
      .User!;
  const get = (UserPoolId: string, Username: string) =>
    t.client.send(new AdminGetUserCommand({ UserPoolId, Username }));
  return { pool, create, get };
}

describe("AdminCreateUser and AdminGetUser", () => {
  const t = useCognate();
  const { pool, create, get } = helpers(t);

  it("creates a user in FORCE_CHANGE_PASSWORD with a sub, as in the documented example", async () => {
    const id = await pool();
    const user = await create(id, "testuser", {
      TemporaryPassword: "This-is-my-test-99!",
      UserAttributes: [
        { Name: "name", Value: "John" },
        { Name: "phone_number", Value: "+12065551212" },
        { Name: "email", Value: "testuser@example.com" },
      ],
    });
    assert.equal(user.Username, "testuser");
    assert.equal(user.Enabled, true);
    assert.equal(user.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.ok(user.UserCreateDate instanceof Date);
    assert.ok(user.UserLastModifiedDate instanceof Date);
    assert.match(attr(user.Attributes, "sub")!, UUID);
    assert.equal(attr(user.Attributes, "name"), "John");
    assert.equal(attr(user.Attributes, "phone_number"), "+12065551212");
    assert.equal(attr(user.Attributes, "email"), "testuser@example.com");
    assert.equal(user.MFAOptions, undefined);
  });

  it("AdminGetUser returns the user's profile", async () => {
    const id = await pool();
    const created = await create(id, "getme", { UserAttributes: [{ Name: "email", Value: "getme@example.com" }] });
    const got = await get(id, "getme");
    assert.equal(got.Username, "getme");
    assert.equal(got.Enabled, true);
    assert.equal(got.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.ok(got.UserCreateDate instanceof Date);
    assert.ok(got.UserLastModifiedDate instanceof Date);
    assert.equal(attr(got.UserAttributes, "sub"), attr(created.Attributes, "sub"));
    assert.equal(attr(got.UserAttributes, "email"), "getme@example.com");
    assert.equal(got.MFAOptions, undefined);
    assert.equal(got.PreferredMfaSetting, undefined);
  });

  it("refuses a second user with the same username", async () => {
    const id = await pool();
    await create(id, "dupe");
    const err = await errorOf(() => create(id, "dupe"));
    assert.equal(err.name, "UsernameExistsException");
    assert.equal(err.message, "User account already exists");
  });

  it("answers UserNotFoundException for an unknown user", async () => {
    const id = await pool();
    const err = await errorOf(() => get(id, "ghost"));
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(err.message, "User does not exist.");
  });

  it("answers ResourceNotFoundException for an unknown pool", async () => {
    const err = await errorOf(() => create("us-east-1_nothere00", "alice"));
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("rejects a temporary password that breaks the password policy", async () => {
    const id = await pool();
    const err = await errorOf(() => create(id, "weak", { TemporaryPassword: "shorty1" }));
    assert.equal(err.name, "InvalidPasswordException");
  });

  it("enforces a custom password policy", async () => {
    const id = await pool({
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
        },
      },
    });
    const err = await errorOf(() => create(id, "a", { TemporaryPassword: "abcdefghijk" }));
    assert.equal(err.name, "InvalidPasswordException");
    const ok = await create(id, "b", { TemporaryPassword: "abcdefghijkl" });
    assert.equal(ok.UserStatus, "FORCE_CHANGE_PASSWORD");
  });

  it("rejects an attribute that is not in the schema", async () => {
    const id = await pool();
    const err = await errorOf(() => create(id, "x", { UserAttributes: [{ Name: "custom:nope", Value: "1" }] }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("rejects a malformed phone number and email", async () => {
    const id = await pool();
    const phone = await errorOf(() => create(id, "p", { UserAttributes: [{ Name: "phone_number", Value: "12345" }] }));
    assert.equal(phone.name, "InvalidParameterException");
    const email = await errorOf(() => create(id, "e", { UserAttributes: [{ Name: "email", Value: "not-an-email" }] }));
    assert.equal(email.name, "InvalidParameterException");
  });

  it("requires the pool's required attributes", async () => {
    const id = await pool({
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    const err = await errorOf(() => create(id, "noemail"));
    assert.equal(err.name, "InvalidParameterException");
    assert.match(err.message, /email/);
  });

  it("stores custom attributes with the custom: prefix", async () => {
    const id = await pool({
      Schema: [
        { Name: "team", AttributeDataType: "String", Mutable: true },
        { Name: "level", AttributeDataType: "Number", Mutable: true },
      ],
    });
    await create(id, "custom", {
      UserAttributes: [
        { Name: "custom:team", Value: "blue" },
        { Name: "custom:level", Value: "3" },
      ],
    });
    const got = await get(id, "custom");
    assert.equal(attr(got.UserAttributes, "custom:team"), "blue");
    assert.equal(attr(got.UserAttributes, "custom:level"), "3");
  });

  it("rejects a value too long for a custom attribute's constraints", async () => {
    const id = await pool({
      Schema: [
        { Name: "code", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: { MaxLength: "3" } },
      ],
    });
    const err = await errorOf(() => create(id, "long", { UserAttributes: [{ Name: "custom:code", Value: "abcd" }] }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("sends an invitation by email with the username and a temporary password", async () => {
    const id = await pool();
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: id,
        Username: "invited",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [
          { Name: "email", Value: "invited@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    const msgs = await messagesFor(t, id, "invited");
    assert.equal(msgs.length, 1);
    const m = msgs[0]!;
    assert.equal(m.deliveryMedium, "EMAIL");
    assert.equal(m.destination, "invited@example.com");
    assert.ok(m.code);
    assert.ok(m.message.includes("invited"));
    assert.ok(m.message.includes(m.code));
  });

  it("uses the pool's invitation template", async () => {
    const id = await pool({
      AdminCreateUserConfig: {
        InviteMessageTemplate: {
          EmailSubject: "Welcome aboard",
          EmailMessage: "Hi {username}, your password is {####}",
          SMSMessage: "User {username} pw {####}",
        },
      },
    });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: id,
        Username: "templ",
        TemporaryPassword: "Temp-Pass-123!",
        DesiredDeliveryMediums: ["EMAIL", "SMS"],
        UserAttributes: [
          { Name: "email", Value: "templ@example.com" },
          { Name: "phone_number", Value: "+12065551212" },
        ],
      }),
    );
    const msgs = await messagesFor(t, id, "templ");
    const email = msgs.find((m) => m.deliveryMedium === "EMAIL");
    const sms = msgs.find((m) => m.deliveryMedium === "SMS");
    assert.ok(email && sms);
    assert.equal(email.subject, "Welcome aboard");
    assert.equal(email.message, "Hi templ, your password is Temp-Pass-123!");
    assert.equal(sms.destination, "+12065551212");
    assert.equal(sms.message, "User templ pw Temp-Pass-123!");
  });

  it("sends nothing with MessageAction SUPPRESS", async () => {
    const id = await pool();
    await create(id, "quiet", {
      DesiredDeliveryMediums: ["EMAIL"],
      UserAttributes: [{ Name: "email", Value: "quiet@example.com" }],
    });
    assert.deepEqual(await messagesFor(t, id, "quiet"), []);
  });

  it("RESEND sends a new invitation to an existing user and refuses an unknown one", async () => {
    const id = await pool();
    await create(id, "again", { UserAttributes: [{ Name: "email", Value: "again@example.com" }] });
    const { User } = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: id,
        Username: "again",
        MessageAction: "RESEND",
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    assert.equal(User?.UserStatus, "FORCE_CHANGE_PASSWORD");
    const msgs = await messagesFor(t, id, "again");
    assert.equal(msgs.length, 1);
    const err = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: id, Username: "nobody", MessageAction: "RESEND" })),
    );
    assert.equal(err.name, "UserNotFoundException");
  });
});

describe("username and alias configurations", () => {
  const t = useCognate();
  const { pool, create, get } = helpers(t);

  it("email as username: username must be an email, and the user is named by its sub", async () => {
    const id = await pool({ UsernameAttributes: ["email"] });
    const err = await errorOf(() => create(id, "plainname"));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Username should be an email.");
    const user = await create(id, "mail@example.com");
    assert.match(user.Username!, UUID);
    assert.equal(user.Username, attr(user.Attributes, "sub"));
    assert.equal(attr(user.Attributes, "email"), "mail@example.com");
    const got = await get(id, "mail@example.com");
    assert.equal(got.Username, user.Username);
    const bySub = await get(id, user.Username!);
    assert.equal(attr(bySub.UserAttributes, "email"), "mail@example.com");
  });

  it("email as username: a second user with the same email is refused", async () => {
    const id = await pool({ UsernameAttributes: ["email"] });
    await create(id, "same@example.com");
    const err = await errorOf(() => create(id, "same@example.com"));
    assert.equal(err.name, "UsernameExistsException");
  });

  it("phone as username: username must be a phone number", async () => {
    const id = await pool({ UsernameAttributes: ["phone_number"] });
    const err = await errorOf(() => create(id, "plainname"));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Username should be a phone number.");
    const user = await create(id, "+12065550100");
    assert.match(user.Username!, UUID);
    assert.equal(attr(user.Attributes, "phone_number"), "+12065550100");
  });

  it("alias pools: a username that looks like an email is refused", async () => {
    const id = await pool({ AliasAttributes: ["email"] });
    const err = await errorOf(() => create(id, "looks@example.com"));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Username cannot be of email format, since user pool is configured for email alias.");
  });

  it("alias pools: a verified email alias finds the user", async () => {
    const id = await pool({ AliasAttributes: ["email", "preferred_username"] });
    await create(id, "aliased", {
      UserAttributes: [
        { Name: "email", Value: "aliased@example.com" },
        { Name: "email_verified", Value: "true" },
        { Name: "preferred_username", Value: "ally" },
      ],
    });
    assert.equal((await get(id, "aliased@example.com")).Username, "aliased");
    assert.equal((await get(id, "ally")).Username, "aliased");
  });

  it("alias pools: a verified email already used as alias needs ForceAliasCreation", async () => {
    const id = await pool({ AliasAttributes: ["email"] });
    const verified = (e: string) => [
      { Name: "email", Value: e },
      { Name: "email_verified", Value: "true" },
    ];
    await create(id, "first", { UserAttributes: verified("shared@example.com") });
    const err = await errorOf(() => create(id, "second", { UserAttributes: verified("shared@example.com") }));
    assert.equal(err.name, "AliasExistsException");
    await create(id, "second", { UserAttributes: verified("shared@example.com"), ForceAliasCreation: true });
    assert.equal((await get(id, "shared@example.com")).Username, "second");
    const first = await get(id, "first");
    assert.equal(attr(first.UserAttributes, "email_verified"), "false");
  });

  it("case-insensitive pools find users in any case and refuse case variants", async () => {
    const id = await pool({ UsernameConfiguration: { CaseSensitive: false } });
    await create(id, "MixedCase");
    const got = await get(id, "mixedcase");
    assert.equal(got.Username?.toLowerCase(), "mixedcase");
    const err = await errorOf(() => create(id, "MIXEDCASE"));
    assert.equal(err.name, "UsernameExistsException");
  });

  it("case-sensitive pools treat case variants as different users", async () => {
    const id = await pool({ UsernameConfiguration: { CaseSensitive: true } });
    await create(id, "Bob");
    await create(id, "bob");
    const err = await errorOf(() => get(id, "BOB"));
    assert.equal(err.name, "UserNotFoundException");
  });
});

describe("ListUsers", () => {
  const t = useCognate();
  const { pool, create } = helpers(t);
  let id = "";
  const list = (extra: Record<string, unknown> = {}) =>
    t.client.send(new ListUsersCommand({ UserPoolId: id, ...extra }));

  it("lists all users with their attributes", async () => {
    id = await pool();
    await create(id, "ann", {
      UserAttributes: [
        { Name: "email", Value: "ann@example.com" },
        { Name: "given_name", Value: "Ann" },
        { Name: "family_name", Value: "Reddy" },
      ],
    });
    await create(id, "andy", {
      UserAttributes: [
        { Name: "email", Value: "andy@example.org" },
        { Name: "given_name", Value: "Andy" },
      ],
    });
    await create(id, "zed", { UserAttributes: [{ Name: "email", Value: "zed@example.com" }] });
    const { Users, PaginationToken } = await list();
    assert.equal(Users?.length, 3);
    assert.equal(PaginationToken, undefined);
    const ann = Users!.find((u) => u.Username === "ann")!;
    assert.equal(attr(ann.Attributes, "email"), "ann@example.com");
    assert.match(attr(ann.Attributes, "sub")!, UUID);
    assert.equal(ann.Enabled, true);
    assert.equal(ann.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.ok(ann.UserCreateDate instanceof Date);
  });

  it("filters by exact match and by prefix", async () => {
    const exact = await list({ Filter: 'email = "ann@example.com"' });
    assert.deepEqual(
      exact.Users!.map((u) => u.Username),
      ["ann"],
    );
    const prefix = await list({ Filter: 'given_name ^= "An"' });
    assert.deepEqual(prefix.Users!.map((u) => u.Username).sort(), ["andy", "ann"]);
    const escaped = await list({ Filter: 'family_name = "Reddy"' });
    assert.deepEqual(
      escaped.Users!.map((u) => u.Username),
      ["ann"],
    );
    const none = await list({ Filter: 'email = "nobody@example.com"' });
    assert.deepEqual(none.Users, []);
  });

  it("filters by username, sub, status and cognito:user_status", async () => {
    const byName = await list({ Filter: 'username = "zed"' });
    assert.deepEqual(
      byName.Users!.map((u) => u.Username),
      ["zed"],
    );
    const sub = attr(byName.Users![0]!.Attributes, "sub")!;
    const bySub = await list({ Filter: `sub = "${sub}"` });
    assert.deepEqual(
      bySub.Users!.map((u) => u.Username),
      ["zed"],
    );
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: id, Username: "zed" }));
    const disabled = await list({ Filter: 'status = "Disabled"' });
    assert.deepEqual(
      disabled.Users!.map((u) => u.Username),
      ["zed"],
    );
    const enabled = await list({ Filter: 'status = "Enabled"' });
    assert.deepEqual(enabled.Users!.map((u) => u.Username).sort(), ["andy", "ann"]);
    await t.client.send(new AdminEnableUserCommand({ UserPoolId: id, Username: "zed" }));
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: id,
        Username: "andy",
        Password: "Perm-Pass-123!",
        Permanent: true,
      }),
    );
    const confirmed = await list({ Filter: 'cognito:user_status = "CONFIRMED"' });
    assert.deepEqual(
      confirmed.Users!.map((u) => u.Username),
      ["andy"],
    );
  });

  it("treats an empty filter as no filter", async () => {
    const { Users } = await list({ Filter: "" });
    assert.equal(Users?.length, 3);
  });

  it("rejects a malformed filter", async () => {
    const err = await errorOf(() => list({ Filter: "email equals ann" }));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Error while parsing filter.");
  });

  it("rejects filtering on a custom attribute", async () => {
    const err = await errorOf(() => list({ Filter: 'custom:team = "blue"' }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("returns only the attributes in AttributesToGet", async () => {
    const { Users } = await list({ AttributesToGet: ["email"] });
    assert.equal(Users?.length, 3);
    for (const u of Users!) {
      assert.deepEqual(
        u.Attributes!.map((a) => a.Name),
        ["email"],
      );
      assert.ok(u.Username);
      assert.ok(u.UserStatus);
    }
  });

  it("rejects an unknown attribute in AttributesToGet", async () => {
    const err = await errorOf(() => list({ AttributesToGet: ["custom:nothing"] }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("pages with Limit and PaginationToken without duplicates", async () => {
    const first = await list({ Limit: 2 });
    assert.equal(first.Users?.length, 2);
    assert.ok(first.PaginationToken);
    const second = await list({ Limit: 2, PaginationToken: first.PaginationToken });
    assert.equal(second.Users?.length, 1);
    assert.equal(second.PaginationToken, undefined);
    const names = [...first.Users!, ...second.Users!].map((u) => u.Username).sort();
    assert.deepEqual(names, ["andy", "ann", "zed"]);
  });

  it("rejects a Limit above 60", async () => {
    const err = await errorOf(() => list({ Limit: 61 }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("rejects a bogus pagination token", async () => {
    const err = await errorOf(() => list({ PaginationToken: "not-a-real-token" }));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("answers ResourceNotFoundException for an unknown pool", async () => {
    const err = await errorOf(() => t.client.send(new ListUsersCommand({ UserPoolId: "us-east-1_nothere00" })));
    assert.equal(err.name, "ResourceNotFoundException");
  });
});

describe("changing users", () => {
  const t = useCognate();
  const { pool, create, get } = helpers(t);

  it("AdminUpdateUserAttributes adds and replaces attributes", async () => {
    const id = await pool();
    await create(id, "upd", { UserAttributes: [{ Name: "given_name", Value: "Old" }] });
    const res = await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "upd",
        UserAttributes: [
          { Name: "given_name", Value: "New" },
          { Name: "family_name", Value: "Person" },
        ],
      }),
    );
    assert.deepEqual(
      Object.keys(res).filter((k) => k !== "$metadata"),
      [],
    );
    const got = await get(id, "upd");
    assert.equal(attr(got.UserAttributes, "given_name"), "New");
    assert.equal(attr(got.UserAttributes, "family_name"), "Person");
  });

  it("AdminUpdateUserAttributes refuses to change sub or an immutable custom attribute", async () => {
    const id = await pool({ Schema: [{ Name: "fixed", AttributeDataType: "String", Mutable: false }] });
    await create(id, "imm", { UserAttributes: [{ Name: "custom:fixed", Value: "a" }] });
    const sub = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: id,
          Username: "imm",
          UserAttributes: [{ Name: "sub", Value: "11111111-1111-1111-1111-111111111111" }],
        }),
      ),
    );
    assert.equal(sub.name, "InvalidParameterException");
    const fixed = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: id,
          Username: "imm",
          UserAttributes: [{ Name: "custom:fixed", Value: "b" }],
        }),
      ),
    );
    assert.equal(fixed.name, "InvalidParameterException");
  });

  it("changing email in an auto-verifying pool unverifies it and sends a code", async () => {
    const id = await pool({ AutoVerifiedAttributes: ["email"] });
    await create(id, "mover", {
      UserAttributes: [
        { Name: "email", Value: "old@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "mover",
        UserAttributes: [{ Name: "email", Value: "new@example.com" }],
      }),
    );
    const got = await get(id, "mover");
    assert.equal(attr(got.UserAttributes, "email"), "new@example.com");
    assert.equal(attr(got.UserAttributes, "email_verified"), "false");
    const msgs = await messagesFor(t, id, "mover");
    const last = msgs.at(-1)!;
    assert.equal(last.deliveryMedium, "EMAIL");
    assert.equal(last.destination, "new@example.com");
    assert.match(last.code ?? "", /^\d{6}$/);
  });

  it("AdminUpdateUserAttributes with email_verified true skips verification", async () => {
    const id = await pool({ AutoVerifiedAttributes: ["email"] });
    await create(id, "trusted", { UserAttributes: [{ Name: "email", Value: "t1@example.com" }] });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "trusted",
        UserAttributes: [
          { Name: "email", Value: "t2@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    const got = await get(id, "trusted");
    assert.equal(attr(got.UserAttributes, "email"), "t2@example.com");
    assert.equal(attr(got.UserAttributes, "email_verified"), "true");
  });

  it("AdminDeleteUserAttributes removes attributes", async () => {
    const id = await pool({ Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }] });
    await create(id, "del", {
      UserAttributes: [
        { Name: "given_name", Value: "G" },
        { Name: "custom:team", Value: "x" },
      ],
    });
    await t.client.send(
      new AdminDeleteUserAttributesCommand({
        UserPoolId: id,
        Username: "del",
        UserAttributeNames: ["given_name", "custom:team"],
      }),
    );
    const got = await get(id, "del");
    assert.equal(attr(got.UserAttributes, "given_name"), undefined);
    assert.equal(attr(got.UserAttributes, "custom:team"), undefined);
    assert.ok(attr(got.UserAttributes, "sub"));
  });

  it("AdminDeleteUserAttributes refuses to delete a required attribute", async () => {
    const id = await pool({ Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }] });
    await create(id, "req", { UserAttributes: [{ Name: "email", Value: "req@example.com" }] });
    const err = await errorOf(() =>
      t.client.send(
        new AdminDeleteUserAttributesCommand({ UserPoolId: id, Username: "req", UserAttributeNames: ["email"] }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("AdminDisableUser and AdminEnableUser flip Enabled", async () => {
    const id = await pool();
    await create(id, "toggle");
    const res = await t.client.send(new AdminDisableUserCommand({ UserPoolId: id, Username: "toggle" }));
    assert.deepEqual(
      Object.keys(res).filter((k) => k !== "$metadata"),
      [],
    );
    assert.equal((await get(id, "toggle")).Enabled, false);
    await t.client.send(new AdminEnableUserCommand({ UserPoolId: id, Username: "toggle" }));
    assert.equal((await get(id, "toggle")).Enabled, true);
    const err = await errorOf(() => t.client.send(new AdminDisableUserCommand({ UserPoolId: id, Username: "ghost" })));
    assert.equal(err.name, "UserNotFoundException");
  });

  it("AdminDeleteUser removes the user", async () => {
    const id = await pool();
    await create(id, "gone");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: id, Username: "gone" }));
    const err = await errorOf(() => get(id, "gone"));
    assert.equal(err.name, "UserNotFoundException");
    const again = await errorOf(() => t.client.send(new AdminDeleteUserCommand({ UserPoolId: id, Username: "gone" })));
    assert.equal(again.name, "UserNotFoundException");
    assert.equal(again.message, "User does not exist.");
    await create(id, "gone");
  });

  it("AdminSetUserPassword permanent confirms, temporary forces a change", async () => {
    const id = await pool();
    await create(id, "pw");
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: id, Username: "pw", Password: "Perm-Pass-123!", Permanent: true }),
    );
    assert.equal((await get(id, "pw")).UserStatus, "CONFIRMED");
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: id, Username: "pw", Password: "Temp-Pass-123!", Permanent: false }),
    );
    assert.equal((await get(id, "pw")).UserStatus, "FORCE_CHANGE_PASSWORD");
  });

  it("AdminSetUserPassword enforces the password policy", async () => {
    const id = await pool();
    await create(id, "pwpol");
    const err = await errorOf(() =>
      t.client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: id,
          Username: "pwpol",
          Password: "alllowercase1!",
          Permanent: true,
        }),
      ),
    );
    assert.equal(err.name, "InvalidPasswordException");
    assert.match(err.message, /uppercase/);
  });

  it("AdminResetUserPassword puts a confirmed user in RESET_REQUIRED and sends a code", async () => {
    const id = await pool();
    await create(id, "reset", {
      UserAttributes: [
        { Name: "email", Value: "reset@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    });
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: id,
        Username: "reset",
        Password: "Perm-Pass-123!",
        Permanent: true,
      }),
    );
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: id, Username: "reset" }));
    assert.equal((await get(id, "reset")).UserStatus, "RESET_REQUIRED");
    const msgs = await messagesFor(t, id, "reset");
    const last = msgs.at(-1)!;
    assert.equal(last.deliveryMedium, "EMAIL");
    assert.equal(last.destination, "reset@example.com");
    assert.match(last.code ?? "", /^\d{6}$/);
  });

  it("AdminResetUserPassword answers UserNotFoundException for an unknown user", async () => {
    const id = await pool();
    const err = await errorOf(() =>
      t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: id, Username: "x" })),
    );
    assert.equal(err.name, "UserNotFoundException");
  });

  it("AdminConfirmSignUp refuses users that are not UNCONFIRMED", async () => {
    const id = await pool();
    await create(id, "invitee");
    const err = await errorOf(() =>
      t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: id, Username: "invitee" })),
    );
    assert.equal(err.name, "NotAuthorizedException");
    assert.equal(err.message, "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD");
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: id,
        Username: "invitee",
        Password: "Perm-Pass-123!",
        Permanent: true,
      }),
    );
    const confirmed = await errorOf(() =>
      t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: id, Username: "invitee" })),
    );
    assert.equal(confirmed.name, "NotAuthorizedException");
    assert.equal(confirmed.message, "User cannot be confirmed. Current status is CONFIRMED");
    const ghost = await errorOf(() =>
      t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: id, Username: "nobody" })),
    );
    assert.equal(ghost.name, "UserNotFoundException");
  });
});

describe("groups", () => {
  const t = useCognate();
  const { pool, create } = helpers(t);

  it("CreateGroup and GetGroup return the group", async () => {
    const id = await pool();
    const { Group } = await t.client.send(
      new CreateGroupCommand({
        UserPoolId: id,
        GroupName: "admins",
        Description: "Admins",
        Precedence: 1,
        RoleArn: "arn:aws:iam::123456789012:role/AdminRole",
      }),
    );
    assert.equal(Group?.GroupName, "admins");
    assert.equal(Group?.UserPoolId, id);
    assert.equal(Group?.Description, "Admins");
    assert.equal(Group?.Precedence, 1);
    assert.equal(Group?.RoleArn, "arn:aws:iam::123456789012:role/AdminRole");
    assert.ok(Group?.CreationDate instanceof Date);
    assert.ok(Group?.LastModifiedDate instanceof Date);
    const got = await t.client.send(new GetGroupCommand({ UserPoolId: id, GroupName: "admins" }));
    assert.deepEqual(got.Group, Group);
  });

  it("a group without optional members omits them", async () => {
    const id = await pool();
    const { Group } = await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "bare" }));
    assert.equal(Group?.Description, undefined);
    assert.equal(Group?.Precedence, undefined);
    assert.equal(Group?.RoleArn, undefined);
  });

  it("refuses a duplicate group", async () => {
    const id = await pool();
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "dup" }));
    const err = await errorOf(() => t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "dup" })));
    assert.equal(err.name, "GroupExistsException");
    assert.match(err.message, /^A group with the name (dup )?already exists\.?$/);
  });

  it("GetGroup of an unknown group answers ResourceNotFoundException", async () => {
    const id = await pool();
    const err = await errorOf(() => t.client.send(new GetGroupCommand({ UserPoolId: id, GroupName: "nope" })));
    assert.equal(err.name, "ResourceNotFoundException");
    assert.equal(err.message, "Group not found.");
  });

  it("UpdateGroup changes the given fields", async () => {
    const id = await pool();
    await t.client.send(
      new CreateGroupCommand({ UserPoolId: id, GroupName: "ed", Description: "before", Precedence: 5 }),
    );
    const { Group } = await t.client.send(
      new UpdateGroupCommand({ UserPoolId: id, GroupName: "ed", Description: "after", Precedence: 2 }),
    );
    assert.equal(Group?.Description, "after");
    assert.equal(Group?.Precedence, 2);
    const err = await errorOf(() => t.client.send(new UpdateGroupCommand({ UserPoolId: id, GroupName: "zz" })));
    assert.equal(err.name, "ResourceNotFoundException");
  });

  it("ListGroups pages with Limit and NextToken", async () => {
    const id = await pool();
    for (const g of ["g1", "g2", "g3"]) await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: g }));
    const first = await t.client.send(new ListGroupsCommand({ UserPoolId: id, Limit: 2 }));
    assert.equal(first.Groups?.length, 2);
    assert.ok(first.NextToken);
    const second = await t.client.send(new ListGroupsCommand({ UserPoolId: id, Limit: 2, NextToken: first.NextToken }));
    assert.equal(second.Groups?.length, 1);
    assert.equal(second.NextToken, undefined);
    assert.deepEqual([...first.Groups!, ...second.Groups!].map((g) => g.GroupName).sort(), ["g1", "g2", "g3"]);
  });

  it("membership: add, list both ways, remove", async () => {
    const id = await pool();
    await create(id, "member");
    await create(id, "other");
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "team", Precedence: 3 }));
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "club" }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "member", GroupName: "team" }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "member", GroupName: "team" }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "member", GroupName: "club" }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "other", GroupName: "team" }));

    const inTeam = await t.client.send(new ListUsersInGroupCommand({ UserPoolId: id, GroupName: "team" }));
    assert.deepEqual(inTeam.Users!.map((u) => u.Username).sort(), ["member", "other"]);
    assert.ok(attr(inTeam.Users![0]!.Attributes, "sub"));
    assert.equal(inTeam.NextToken, undefined);

    const groups = await t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: id, Username: "member" }));
    assert.deepEqual(groups.Groups!.map((g) => g.GroupName).sort(), ["club", "team"]);
    const team = groups.Groups!.find((g) => g.GroupName === "team")!;
    assert.equal(team.Precedence, 3);
    assert.equal(team.UserPoolId, id);

    await t.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: id, Username: "member", GroupName: "team" }));
    const after = await t.client.send(new ListUsersInGroupCommand({ UserPoolId: id, GroupName: "team" }));
    assert.deepEqual(
      after.Users!.map((u) => u.Username),
      ["other"],
    );
  });

  it("ListUsersInGroup and AdminListGroupsForUser page", async () => {
    const id = await pool();
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "big" }));
    for (const u of ["u1", "u2", "u3"]) {
      await create(id, u);
      await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: u, GroupName: "big" }));
    }
    const p1 = await t.client.send(new ListUsersInGroupCommand({ UserPoolId: id, GroupName: "big", Limit: 2 }));
    assert.equal(p1.Users?.length, 2);
    assert.ok(p1.NextToken);
    const p2 = await t.client.send(
      new ListUsersInGroupCommand({ UserPoolId: id, GroupName: "big", Limit: 2, NextToken: p1.NextToken }),
    );
    assert.equal(p2.Users?.length, 1);
    assert.equal(p2.NextToken, undefined);

    for (const g of ["a", "b"]) {
      await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: g }));
      await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "u1", GroupName: g }));
    }
    const g1 = await t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: id, Username: "u1", Limit: 2 }));
    assert.equal(g1.Groups?.length, 2);
    assert.ok(g1.NextToken);
    const g2 = await t.client.send(
      new AdminListGroupsForUserCommand({ UserPoolId: id, Username: "u1", Limit: 2, NextToken: g1.NextToken }),
    );
    assert.equal(g2.Groups?.length, 1);
  });

  it("membership errors name the missing user or group", async () => {
    const id = await pool();
    await create(id, "someone");
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "real" }));
    const noGroup = await errorOf(() =>
      t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "someone", GroupName: "fake" })),
    );
    assert.equal(noGroup.name, "ResourceNotFoundException");
    assert.equal(noGroup.message, "Group not found.");
    const noUser = await errorOf(() =>
      t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "ghost", GroupName: "real" })),
    );
    assert.equal(noUser.name, "UserNotFoundException");
    assert.equal(noUser.message, "User does not exist.");
    const listNoGroup = await errorOf(() =>
      t.client.send(new ListUsersInGroupCommand({ UserPoolId: id, GroupName: "fake" })),
    );
    assert.equal(listNoGroup.name, "ResourceNotFoundException");
    const listNoUser = await errorOf(() =>
      t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: id, Username: "ghost" })),
    );
    assert.equal(listNoUser.name, "UserNotFoundException");
  });

  it("DeleteGroup removes the group and its memberships; deleting a user leaves its groups", async () => {
    const id = await pool();
    await create(id, "m1");
    await create(id, "m2");
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "temp" }));
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "keep" }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "m1", GroupName: "temp" }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "m2", GroupName: "keep" }));
    await t.client.send(new DeleteGroupCommand({ UserPoolId: id, GroupName: "temp" }));
    const gone = await errorOf(() => t.client.send(new GetGroupCommand({ UserPoolId: id, GroupName: "temp" })));
    assert.equal(gone.name, "ResourceNotFoundException");
    const groups = await t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: id, Username: "m1" }));
    assert.deepEqual(groups.Groups, []);
    const again = await errorOf(() => t.client.send(new DeleteGroupCommand({ UserPoolId: id, GroupName: "temp" })));
    assert.equal(again.name, "ResourceNotFoundException");

    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: id, Username: "m2" }));
    const keep = await t.client.send(new ListUsersInGroupCommand({ UserPoolId: id, GroupName: "keep" }));
    assert.deepEqual(keep.Users, []);
    assert.equal(
      (await t.client.send(new GetGroupCommand({ UserPoolId: id, GroupName: "keep" }))).Group?.GroupName,
      "keep",
    );
  });
});

describe("more edges", () => {
  const t = useCognate();
  const { pool, create, get } = helpers(t);

  it("validates the Username pattern", async () => {
    const id = await pool();
    const err = await errorOf(() => create(id, "has space"));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  });

  it("refuses to set sub and a non-number in a Number custom attribute", async () => {
    const id = await pool({ Schema: [{ Name: "age", AttributeDataType: "Number", Mutable: true }] });
    const sub = await errorOf(() =>
      create(id, "s", { UserAttributes: [{ Name: "sub", Value: "11111111-1111-1111-1111-111111111111" }] }),
    );
    assert.equal(sub.name, "InvalidParameterException");
    const nan = await errorOf(() => create(id, "n", { UserAttributes: [{ Name: "custom:age", Value: "old" }] }));
    assert.equal(nan.name, "InvalidParameterException");
  });

  it("the default invitation names the username and temporary password", async () => {
    const id = await pool();
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: id,
        Username: "defaults",
        TemporaryPassword: "Temp-Pass-123!",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [{ Name: "email", Value: "defaults@example.com" }],
      }),
    );
    const m = (await messagesFor(t, id, "defaults"))[0]!;
    assert.equal(m.subject, "Your temporary password");
    assert.equal(m.message.trim(), "Your username is defaults and temporary password is Temp-Pass-123!.");
    assert.equal(m.code, "Temp-Pass-123!");
    assert.equal(m.userPoolId, id);
    assert.equal(m.username, "defaults");
    assert.ok(!Number.isNaN(Date.parse(m.createdAt)));
  });

  it("AdminGetUser still returns a disabled user", async () => {
    const id = await pool();
    await create(id, "off");
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: id, Username: "off" }));
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: id, Username: "off" }));
    const got = await get(id, "off");
    assert.equal(got.Enabled, false);
    assert.equal(got.UserStatus, "FORCE_CHANGE_PASSWORD");
  });

  it("UserLastModifiedDate moves on an update and UserCreateDate does not", async () => {
    const id = await pool();
    const user = await create(id, "clock");
    await new Promise((r) => setTimeout(r, 1100));
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "clock",
        UserAttributes: [{ Name: "name", Value: "Tick" }],
      }),
    );
    const got = await get(id, "clock");
    assert.equal(got.UserCreateDate?.getTime(), user.UserCreateDate?.getTime());
    assert.ok(got.UserLastModifiedDate!.getTime() > user.UserLastModifiedDate!.getTime());
  });

  it("changing phone_number in an auto-verifying pool unverifies it", async () => {
    const id = await pool({ AutoVerifiedAttributes: ["phone_number"] });
    await create(id, "caller", {
      UserAttributes: [
        { Name: "phone_number", Value: "+12065550001" },
        { Name: "phone_number_verified", Value: "true" },
      ],
    });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "caller",
        UserAttributes: [{ Name: "phone_number", Value: "+12065550002" }],
      }),
    );
    const got = await get(id, "caller");
    assert.equal(attr(got.UserAttributes, "phone_number"), "+12065550002");
    assert.equal(attr(got.UserAttributes, "phone_number_verified"), "false");
  });

  it("AdminUpdateUserAttributes and AdminDeleteUserAttributes refuse unknown attributes and users", async () => {
    const id = await pool();
    await create(id, "known");
    const upd = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: id,
          Username: "known",
          UserAttributes: [{ Name: "custom:nope", Value: "x" }],
        }),
      ),
    );
    assert.equal(upd.name, "InvalidParameterException");
    const del = await errorOf(() =>
      t.client.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: id,
          Username: "known",
          UserAttributeNames: ["custom:nope"],
        }),
      ),
    );
    assert.equal(del.name, "InvalidParameterException");
    const ghostU = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: id,
          Username: "ghost",
          UserAttributes: [{ Name: "name", Value: "x" }],
        }),
      ),
    );
    assert.equal(ghostU.name, "UserNotFoundException");
    const ghostD = await errorOf(() =>
      t.client.send(
        new AdminDeleteUserAttributesCommand({ UserPoolId: id, Username: "ghost", UserAttributeNames: ["name"] }),
      ),
    );
    assert.equal(ghostD.name, "UserNotFoundException");
    const ghostP = await errorOf(() =>
      t.client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: id,
          Username: "ghost",
          Password: "Perm-Pass-123!",
          Permanent: true,
        }),
      ),
    );
    assert.equal(ghostP.name, "UserNotFoundException");
  });

  it("email-as-username pools refuse to move a user onto another user's email", async () => {
    const id = await pool({ UsernameAttributes: ["email"] });
    await create(id, "one@example.com");
    await create(id, "two@example.com");
    const err = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: id,
          Username: "two@example.com",
          UserAttributes: [{ Name: "email", Value: "one@example.com" }],
        }),
      ),
    );
    assert.equal(err.name, "AliasExistsException");
  });

  it("email-as-username pools: group calls accept the email", async () => {
    const id = await pool({ UsernameAttributes: ["email"] });
    const user = await create(id, "grp@example.com");
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "g" }));
    await t.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "grp@example.com", GroupName: "g" }),
    );
    const { Users } = await t.client.send(new ListUsersInGroupCommand({ UserPoolId: id, GroupName: "g" }));
    assert.deepEqual(
      Users!.map((u) => u.Username),
      [user.Username],
    );
  });

  it("alias pools: an unverified email is not an alias", async () => {
    const id = await pool({ AliasAttributes: ["email"] });
    await create(id, "unverified", { UserAttributes: [{ Name: "email", Value: "u@example.com" }] });
    const err = await errorOf(() => get(id, "u@example.com"));
    assert.equal(err.name, "UserNotFoundException");
  });

  it("case-insensitive pools: every admin call accepts another case", async () => {
    const id = await pool({ UsernameConfiguration: { CaseSensitive: false } });
    await create(id, "carol");
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "g" }));
    await t.client.send(new AdminAddUserToGroupCommand({ UserPoolId: id, Username: "CAROL", GroupName: "g" }));
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "Carol",
        UserAttributes: [{ Name: "name", Value: "C" }],
      }),
    );
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: id, Username: "cArol" }));
    const got = await get(id, "CaRoL");
    assert.equal(got.Username, "carol");
    assert.equal(got.Enabled, false);
    const groups = await t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: id, Username: "CAROL" }));
    assert.deepEqual(
      groups.Groups!.map((g) => g.GroupName),
      ["g"],
    );
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: id, Username: "CAROL" }));
    assert.equal((await errorOf(() => get(id, "carol"))).name, "UserNotFoundException");
  });

  it("ListUsers: cognito:user_status is case-insensitive, and filters need a searchable attribute", async () => {
    const id = await pool();
    await create(id, "pending");
    const { Users } = await t.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: 'cognito:user_status = "force_change_password"' }),
    );
    assert.deepEqual(
      Users!.map((u) => u.Username),
      ["pending"],
    );
    const err = await errorOf(() => t.client.send(new ListUsersCommand({ UserPoolId: id, Filter: 'locale = "en"' })));
    assert.equal(err.name, "InvalidParameterException");
  });

  it("ListUsers: username prefix and an escaped quote in the value", async () => {
    const id = await pool();
    await create(id, "quoted", { UserAttributes: [{ Name: "name", Value: 'Say "hi"' }] });
    await create(id, "quiet");
    const prefix = await t.client.send(new ListUsersCommand({ UserPoolId: id, Filter: 'username ^= "quo"' }));
    assert.deepEqual(
      prefix.Users!.map((u) => u.Username),
      ["quoted"],
    );
    const esc = await t.client.send(new ListUsersCommand({ UserPoolId: id, Filter: 'name = "Say \\"hi\\""' }));
    assert.deepEqual(
      esc.Users!.map((u) => u.Username),
      ["quoted"],
    );
  });

  it("ListUsers on an empty pool answers an empty list", async () => {
    const id = await pool();
    const res = await t.client.send(new ListUsersCommand({ UserPoolId: id }));
    assert.deepEqual(res.Users, []);
    assert.equal(res.PaginationToken, undefined);
  });

  it("groups: validation and empty listings", async () => {
    const id = await pool();
    const empty = await t.client.send(new ListGroupsCommand({ UserPoolId: id }));
    assert.deepEqual(empty.Groups, []);
    assert.equal(empty.NextToken, undefined);
    const neg = await errorOf(() =>
      t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "neg", Precedence: -1 })),
    );
    assert.equal(neg.name, "InvalidParameterException");
    const badRole = await errorOf(() =>
      t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "role", RoleArn: "not-an-arn" })),
    );
    assert.equal(badRole.name, "InvalidParameterException");
    const noPool = await errorOf(() =>
      t.client.send(new CreateGroupCommand({ UserPoolId: "us-east-1_nothere00", GroupName: "g" })),
    );
    assert.equal(noPool.name, "ResourceNotFoundException");
    await create(id, "lonely");
    const none = await t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: id, Username: "lonely" }));
    assert.deepEqual(none.Groups, []);
  });

  it("AdminRemoveUserFromGroup of a non-member succeeds; unknown group or user fail", async () => {
    const id = await pool();
    await create(id, "nm");
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "g" }));
    await t.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: id, Username: "nm", GroupName: "g" }));
    const g = await errorOf(() =>
      t.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: id, Username: "nm", GroupName: "zz" })),
    );
    assert.equal(g.name, "ResourceNotFoundException");
    const u = await errorOf(() =>
      t.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: id, Username: "zz", GroupName: "g" })),
    );
    assert.equal(u.name, "UserNotFoundException");
  });

  it("group names are case-sensitive", async () => {
    const id = await pool();
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "Admins" }));
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "admins" }));
    const { Groups } = await t.client.send(new ListGroupsCommand({ UserPoolId: id }));
    assert.deepEqual(Groups!.map((x) => x.GroupName).sort(), ["Admins", "admins"]);
  });

  it("UpdateGroup response carries the unchanged fields too", async () => {
    const id = await pool();
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "keep", Description: "d", Precedence: 4 }));
    const { Group } = await t.client.send(new UpdateGroupCommand({ UserPoolId: id, GroupName: "keep", Precedence: 9 }));
    assert.equal(Group?.GroupName, "keep");
    assert.equal(Group?.UserPoolId, id);
    assert.equal(Group?.Precedence, 9);
    assert.ok(Group?.CreationDate instanceof Date);
  });
});

describe("documented details", () => {
  const t = useCognate();
  const { pool, create, get } = helpers(t);

  it("pools are case-sensitive by default", async () => {
    const id = await pool();
    await create(id, "Dan");
    const err = await errorOf(() => get(id, "dan"));
    assert.equal(err.name, "UserNotFoundException");
  });

  it("case-insensitive pools make email and preferred_username aliases case-insensitive too", async () => {
    const id = await pool({
      UsernameConfiguration: { CaseSensitive: false },
      AliasAttributes: ["email", "preferred_username"],
    });
    await create(id, "erin", {
      UserAttributes: [
        { Name: "email", Value: "Erin@Example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    });
    assert.equal((await get(id, "erin@example.com")).Username, "erin");
    await create(id, "frank", { UserAttributes: [{ Name: "preferred_username", Value: "Frankie" }] });
    assert.equal((await get(id, "frankie")).Username, "frank");
    const dup = await errorOf(() =>
      create(id, "other", { UserAttributes: [{ Name: "preferred_username", Value: "FRANKIE" }] }),
    );
    assert.equal(dup.name, "AliasExistsException");
  });

  it("AdminUpdateUserAttributes with a blank value deletes the attribute", async () => {
    const id = await pool();
    await create(id, "blank", { UserAttributes: [{ Name: "given_name", Value: "G" }] });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "blank",
        UserAttributes: [{ Name: "given_name", Value: "" }],
      }),
    );
    const got = await get(id, "blank");
    assert.equal(attr(got.UserAttributes, "given_name"), undefined);
  });

  it("with AttributesRequireVerificationBeforeUpdate, a new email waits for verification", async () => {
    const id = await pool({
      AutoVerifiedAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
    await create(id, "careful", {
      UserAttributes: [
        { Name: "email", Value: "keep@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "careful",
        UserAttributes: [{ Name: "email", Value: "pending@example.com" }],
      }),
    );
    const got = await get(id, "careful");
    assert.equal(attr(got.UserAttributes, "email"), "keep@example.com");
    assert.equal(attr(got.UserAttributes, "email_verified"), "true");
    const last = (await messagesFor(t, id, "careful")).at(-1);
    assert.equal(last?.destination, "pending@example.com");
  });

  it("ListUsers: the status filter is case-sensitive", async () => {
    const id = await pool();
    await create(id, "cs");
    let users: unknown[] = [];
    try {
      users = (await t.client.send(new ListUsersCommand({ UserPoolId: id, Filter: 'status = "enabled"' }))).Users ?? [];
    } catch (err) {
      assert.equal((err as Error).name, "InvalidParameterException");
    }
    assert.deepEqual(users, []);
  });

  it("AdminResetUserPassword needs a verified email or phone", async () => {
    const id = await pool();
    await create(id, "unreachable");
    const err = await errorOf(() =>
      t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: id, Username: "unreachable" })),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
  });

  it("the invitation goes by SMS when DesiredDeliveryMediums is left to its default", async () => {
    const id = await pool();
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: id,
        Username: "texted",
        UserAttributes: [
          { Name: "phone_number", Value: "+12065550123" },
          { Name: "email", Value: "texted@example.com" },
        ],
      }),
    );
    const msgs = await messagesFor(t, id, "texted");
    assert.deepEqual(
      msgs.map((m) => [m.deliveryMedium, m.destination]),
      [["SMS", "+12065550123"]],
    );
  });
});

describe("further scenarios", () => {
  const t = useCognate();
  const { pool, create, get } = helpers(t);

  it("ListUsers: AttributesToGet errors when a listed user lacks the attribute", async () => {
    const id = await pool();
    await create(id, "has", { UserAttributes: [{ Name: "email", Value: "has@example.com" }] });
    await create(id, "hasnot");
    await assert.rejects(t.client.send(new ListUsersCommand({ UserPoolId: id, AttributesToGet: ["email"] })));
  });

  it("a group with Precedence 0 reports 0", async () => {
    const id = await pool();
    const { Group } = await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "top", Precedence: 0 }));
    assert.equal(Group?.Precedence, 0);
    const got = await t.client.send(new GetGroupCommand({ UserPoolId: id, GroupName: "top" }));
    assert.equal(got.Group?.Precedence, 0);
  });

  it("AdminDeleteUserAttributes cannot delete sub", async () => {
    const id = await pool();
    await create(id, "keepsub");
    const err = await errorOf(() =>
      t.client.send(
        new AdminDeleteUserAttributesCommand({ UserPoolId: id, Username: "keepsub", UserAttributeNames: ["sub"] }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.ok(attr((await get(id, "keepsub")).UserAttributes, "sub"));
  });

  it("RESEND refuses a confirmed user", async () => {
    const id = await pool();
    await create(id, "done");
    await t.client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: id,
        Username: "done",
        Password: "Perm-Pass-123!",
        Permanent: true,
      }),
    );
    const err = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: id, Username: "done", MessageAction: "RESEND" })),
    );
    assert.equal(err.name, "UnsupportedUserStateException");
  });

  it("a RESET_REQUIRED user becomes CONFIRMED with a permanent AdminSetUserPassword", async () => {
    const id = await pool();
    await create(id, "rr", {
      UserAttributes: [
        { Name: "email", Value: "rr@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    });
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: id, Username: "rr", Password: "Perm-Pass-123!", Permanent: true }),
    );
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: id, Username: "rr" }));
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: id, Username: "rr", Password: "Perm-Pass-456!", Permanent: true }),
    );
    assert.equal((await get(id, "rr")).UserStatus, "CONFIRMED");
  });

  it("email-or-phone username pools accept either and ListUsers filters by username (the sub)", async () => {
    const id = await pool({ UsernameAttributes: ["email", "phone_number"] });
    const a = await create(id, "either@example.com");
    const b = await create(id, "+12065550999");
    assert.equal(attr(a.Attributes, "email"), "either@example.com");
    assert.equal(attr(b.Attributes, "phone_number"), "+12065550999");
    assert.equal((await get(id, "+12065550999")).Username, b.Username);
    const { Users } = await t.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: `username = "${a.Username}"` }),
    );
    assert.deepEqual(
      Users!.map((u) => u.Username),
      [a.Username],
    );
  });

  it("ListUsers filters by phone_number and preferred_username", async () => {
    const id = await pool();
    await create(id, "ph", {
      UserAttributes: [
        { Name: "phone_number", Value: "+12065550777" },
        { Name: "preferred_username", Value: "phoney" },
      ],
    });
    await create(id, "other");
    const byPhone = await t.client.send(
      new ListUsersCommand({ UserPoolId: id, Filter: 'phone_number = "+12065550777"' }),
    );
    assert.deepEqual(
      byPhone.Users!.map((u) => u.Username),
      ["ph"],
    );
    const byPref = await t.client.send(new ListUsersCommand({ UserPoolId: id, Filter: 'preferred_username ^= "pho"' }));
    assert.deepEqual(
      byPref.Users!.map((u) => u.Username),
      ["ph"],
    );
  });

  it("AdminEnableUser and AdminDeleteUser answer UserNotFoundException for unknown users; deleted users leave ListUsers", async () => {
    const id = await pool();
    const en = await errorOf(() => t.client.send(new AdminEnableUserCommand({ UserPoolId: id, Username: "ghost" })));
    assert.equal(en.name, "UserNotFoundException");
    await create(id, "leaving");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: id, Username: "leaving" }));
    const { Users } = await t.client.send(new ListUsersCommand({ UserPoolId: id }));
    assert.deepEqual(Users, []);
  });
});

describe("limits, templates and aliases", () => {
  const t = useCognate();
  const { pool, create } = helpers(t);

  it("group listings reject a Limit above 60", async () => {
    const id = await pool();
    await t.client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: "g" }));
    await create(id, "u");
    const lg = await errorOf(() => t.client.send(new ListGroupsCommand({ UserPoolId: id, Limit: 61 })));
    assert.equal(lg.name, "InvalidParameterException");
    const lu = await errorOf(() =>
      t.client.send(new ListUsersInGroupCommand({ UserPoolId: id, GroupName: "g", Limit: 61 })),
    );
    assert.equal(lu.name, "InvalidParameterException");
    const la = await errorOf(() =>
      t.client.send(new AdminListGroupsForUserCommand({ UserPoolId: id, Username: "u", Limit: 61 })),
    );
    assert.equal(la.name, "InvalidParameterException");
  });

  it("usernames longer than 128 characters are refused", async () => {
    const id = await pool();
    const err = await errorOf(() => create(id, "a".repeat(129)));
    assert.equal(err.name, "InvalidParameterException");
    assert.match(err.message, /length less than or equal to 128/);
  });

  it("the default verification message is sent when an auto-verified email changes", async () => {
    const id = await pool({ AutoVerifiedAttributes: ["email"] });
    await create(id, "vm", { UserAttributes: [{ Name: "email", Value: "vm1@example.com" }] });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: id,
        Username: "vm",
        UserAttributes: [{ Name: "email", Value: "vm2@example.com" }],
      }),
    );
    const m = (await messagesFor(t, id, "vm")).at(-1)!;
    assert.equal(m.subject, "Your verification code");
    assert.equal(m.message.trim(), `Your verification code is ${m.code}.`);
  });

  it("preferred_username aliases are unique", async () => {
    const id = await pool({ AliasAttributes: ["preferred_username"] });
    await create(id, "p1", { UserAttributes: [{ Name: "preferred_username", Value: "nick" }] });
    const err = await errorOf(() =>
      create(id, "p2", { UserAttributes: [{ Name: "preferred_username", Value: "nick" }] }),
    );
    assert.equal(err.name, "AliasExistsException");
  });

  it("a generated temporary password satisfies the pool's password policy", async () => {
    const id = await pool({
      Policies: {
        PasswordPolicy: {
          MinimumLength: 16,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: id,
        Username: "gen",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [{ Name: "email", Value: "gen@example.com" }],
      }),
    );
    const code = (await messagesFor(t, id, "gen"))[0]!.code!;
    assert.ok(code.length >= 16, code);
    assert.match(code, /[a-z]/);
    assert.match(code, /[A-Z]/);
    assert.match(code, /[0-9]/);
    assert.match(code, /[^a-zA-Z0-9]/);
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: id, Username: "gen", Password: code, Permanent: false }),
    );
  });

  it("email_verified or phone_number_verified true needs the attribute itself", async () => {
    const id = await pool();
    const verified = await errorOf(() =>
      create(id, "nv", { UserAttributes: [{ Name: "email_verified", Value: "true" }] }),
    );
    assert.equal(verified.name, "InvalidParameterException");
    const phoneVerified = await errorOf(() =>
      create(id, "npv", { UserAttributes: [{ Name: "phone_number_verified", Value: "true" }] }),
    );
    assert.equal(phoneVerified.name, "InvalidParameterException");
  });

  it("an EMAIL invitation needs an email and an SMS one a phone number", async () => {
    const id = await pool();
    const emailMedium = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: id, Username: "nem", DesiredDeliveryMediums: ["EMAIL"] })),
    );
    assert.equal(emailMedium.name, "InvalidParameterException");
    assert.equal(emailMedium.message, "No email provided but desired delivery medium was Email");
    const smsMedium = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: id, Username: "nsm", DesiredDeliveryMediums: ["SMS"] })),
    );
    assert.equal(smsMedium.name, "InvalidParameterException");
  });

  it("custom attribute constraints and developer-only attributes", async () => {
    const id = await pool({
      Schema: [
        { Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true, Mutable: true },
        {
          Name: "score",
          AttributeDataType: "Number",
          Mutable: true,
          NumberAttributeConstraints: { MinValue: "1", MaxValue: "10" },
        },
        { Name: "tag", AttributeDataType: "String", Mutable: true, StringAttributeConstraints: { MinLength: "3" } },
      ],
    });
    const dev = await create(id, "dev", { UserAttributes: [{ Name: "dev:custom:secret", Value: "s" }] });
    assert.equal(attr(dev.Attributes, "dev:custom:secret"), "s");
    const high = await errorOf(() => create(id, "hi", { UserAttributes: [{ Name: "custom:score", Value: "11" }] }));
    assert.equal(high.name, "InvalidParameterException");
    const short = await errorOf(() => create(id, "sh", { UserAttributes: [{ Name: "custom:tag", Value: "ab" }] }));
    assert.equal(short.name, "InvalidParameterException");
    const ok = await create(id, "ok", {
      UserAttributes: [
        { Name: "custom:score", Value: "10" },
        { Name: "custom:tag", Value: "abc" },
      ],
    });
    assert.equal(attr(ok.Attributes, "custom:score"), "10");
  });
});
