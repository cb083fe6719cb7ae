import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CreateUserPoolCommand,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

interface Message {
  userPoolId: string;
  username: string;
  deliveryMedium: string;
  destination: string;
  subject: string | null;
  message: string;
  code: string | null;
}

async function messagesOf(t: TestCognate, userPoolId: string): Promise<Message[]> {
  const res = await fetch(`${t.url}/_cognate/messages?userPoolId=${encodeURIComponent(userPoolId)}`);
  return ((await res.json()) as { messages: Message[] }).messages;
}

async function newPool(t: TestCognate, settings: Partial<CreateUserPoolRequest> = {}): Promise<string> {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "users", ...settings }));
  return UserPool!.Id!;
}

const attrs = (list: { Name?: string; Value?: string }[] | undefined) =>
  Object.fromEntries((list ?? []).map((a) => [a.Name, a.Value]));

describe("AdminCreateUser", () => {
  const t = useCognate();

  it("creates a user in FORCE_CHANGE_PASSWORD with a generated sub", async () => {
    const pool = await newPool(t);
    const { User } = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "alice",
        TemporaryPassword: "Temp-Pass1",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "alice@example.com" },
          { Name: "name", Value: "Alice" },
        ],
      }),
    );
    assert.equal(User?.Username, "alice");
    assert.equal(User?.Enabled, true);
    assert.equal(User?.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.ok(User?.UserCreateDate instanceof Date);
    assert.ok(User?.UserLastModifiedDate instanceof Date);
    const a = attrs(User?.Attributes);
    assert.match(a.sub!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(a.email, "alice@example.com");
    assert.equal(a.name, "Alice");
    assert.equal(a.email_verified, undefined);
    assert.deepEqual(await messagesOf(t, pool), []);
  });

  it("answers UsernameExistsException for a duplicate", async () => {
    const pool = await newPool(t);
    await t.client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "bob", MessageAction: "SUPPRESS" }));
    const err = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "bob", MessageAction: "SUPPRESS" })),
    );
    assert.equal(err.name, "UsernameExistsException");
    assert.equal(err.message, "User account already exists");
  });

  it("keeps usernames case-sensitive by default and ignores case when the pool says so", async () => {
    const sensitive = await newPool(t);
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: sensitive, Username: "Carol", MessageAction: "SUPPRESS" }),
    );
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: sensitive, Username: "carol", MessageAction: "SUPPRESS" }),
    );
    const err = await errorOf(() =>
      t.client.send(new AdminGetUserCommand({ UserPoolId: sensitive, Username: "CAROL" })),
    );
    assert.equal(err.name, "UserNotFoundException");

    const insensitive = await newPool(t, { UsernameConfiguration: { CaseSensitive: false } });
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: insensitive, Username: "Dave", MessageAction: "SUPPRESS" }),
    );
    const dup = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: insensitive, Username: "DAVE", MessageAction: "SUPPRESS" }),
      ),
    );
    assert.equal(dup.name, "UsernameExistsException");
    const got = await t.client.send(new AdminGetUserCommand({ UserPoolId: insensitive, Username: "dAVE" }));
    assert.equal(got.Username, "Dave");
  });

  it("uses a UUID username in pools that sign in with email", async () => {
    const pool = await newPool(t, { UsernameAttributes: ["email"] });
    const { User } = await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: pool, Username: "erin@example.com", MessageAction: "SUPPRESS" }),
    );
    const a = attrs(User?.Attributes);
    assert.equal(User?.Username, a.sub);
    assert.equal(a.email, "erin@example.com");
    const got = await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "erin@example.com" }));
    assert.equal(got.Username, a.sub);
    const dup = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: pool, Username: "erin@example.com", MessageAction: "SUPPRESS" }),
      ),
    );
    assert.equal(dup.name, "UsernameExistsException");
    assert.equal(dup.message, "An account with the given email already exists.");
    const bad = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "erin", MessageAction: "SUPPRESS" })),
    );
    assert.equal(bad.name, "InvalidParameterException");
    assert.equal(bad.message, "Username should be an email.");
  });

  it("words the username check for phone and email-or-phone pools", async () => {
    const phone = await newPool(t, { UsernameAttributes: ["phone_number"] });
    const e1 = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: phone, Username: "x@example.com", MessageAction: "SUPPRESS" }),
      ),
    );
    assert.equal(e1.message, "Username should be a phone number.");
    const { User } = await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: phone, Username: "+15555550100", MessageAction: "SUPPRESS" }),
    );
    assert.equal(attrs(User?.Attributes).phone_number, "+15555550100");
    const both = await newPool(t, { UsernameAttributes: ["email", "phone_number"] });
    const e2 = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: both, Username: "frank", MessageAction: "SUPPRESS" })),
    );
    assert.equal(e2.name, "InvalidParameterException");
    assert.equal(e2.message, "Username should be either an email or a phone number.");
  });

  it("rejects an email-shaped username in an email alias pool", async () => {
    const pool = await newPool(t, { AliasAttributes: ["email"] });
    const err = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: pool, Username: "g@example.com", MessageAction: "SUPPRESS" }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Username cannot be of email format, since user pool is configured for email alias.");
  });

  it("checks attributes against the schema", async () => {
    const pool = await newPool(t, {
      Schema: [
        { Name: "email", AttributeDataType: "String", Required: true, Mutable: true },
        { Name: "tier", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "1", MaxValue: "5" } },
        { Name: "code", AttributeDataType: "String", StringAttributeConstraints: { MinLength: "2", MaxLength: "4" } },
      ],
    });
    const create = (attributes: { Name: string; Value: string }[]) =>
      errorOf(() =>
        t.client.send(
          new AdminCreateUserCommand({
            UserPoolId: pool,
            Username: "h",
            MessageAction: "SUPPRESS",
            UserAttributes: attributes,
          }),
        ),
      );
    const email = { Name: "email", Value: "h@example.com" };
    let err = await create([{ Name: "nope", Value: "x" }, email]);
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "Attributes did not conform to the schema: nope: Attribute does not exist in the schema.",
    );
    err = await create([]);
    assert.equal(err.message, "Attributes did not conform to the schema: email: The attribute is required");
    err = await create([{ Name: "email", Value: "not-an-email" }]);
    assert.equal(err.message, "Invalid email address format.");
    err = await create([email, { Name: "phone_number", Value: "555-0100" }]);
    assert.equal(err.message, "Invalid phone number format.");
    err = await create([email, { Name: "email_verified", Value: "yes" }]);
    assert.equal(err.name, "InvalidParameterException");
    err = await create([email, { Name: "custom:tier", Value: "9" }]);
    assert.equal(
      err.message,
      "Attributes did not conform to the schema: custom:tier: Number must be no greater than 5.",
    );
    err = await create([email, { Name: "custom:tier", Value: "abc" }]);
    assert.equal(err.name, "InvalidParameterException");
    err = await create([email, { Name: "custom:code", Value: "toolong" }]);
    assert.equal(
      err.message,
      "Attributes did not conform to the schema: custom:code: String must be no longer than 4 characters.",
    );
    err = await create([email, { Name: "custom:code", Value: "x" }]);
    assert.equal(err.name, "InvalidParameterException");
    err = await create([email, { Name: "sub", Value: "mine" }]);
    assert.equal(err.name, "InvalidParameterException");
    const { User } = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "h",
        MessageAction: "SUPPRESS",
        UserAttributes: [email, { Name: "custom:tier", Value: "3" }, { Name: "custom:code", Value: "ab" }],
      }),
    );
    assert.equal(attrs(User?.Attributes)["custom:tier"], "3");
  });

  it("checks the temporary password against the policy", async () => {
    const pool = await newPool(t);
    const cases: [string, string][] = [
      ["Ab1!", "Password not long enough"],
      ["abcdefg1!", "Password must have uppercase characters"],
      ["ABCDEFG1!", "Password must have lowercase characters"],
      ["Abcdefgh!", "Password must have numeric characters"],
      ["Abcdefgh1", "Password must have symbol characters"],
    ];
    for (const [password, reason] of cases) {
      const err = await errorOf(() =>
        t.client.send(
          new AdminCreateUserCommand({
            UserPoolId: pool,
            Username: "i",
            TemporaryPassword: password,
            MessageAction: "SUPPRESS",
          }),
        ),
      );
      assert.equal(err.name, "InvalidPasswordException");
      assert.equal(err.message, `Password did not conform with policy: ${reason}`);
    }
    const relaxed = await newPool(t, {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 6,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
        },
      },
    });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: relaxed,
        Username: "i",
        TemporaryPassword: "simple",
        MessageAction: "SUPPRESS",
      }),
    );
  });

  it("sends the default invitation by SMS and by email, with a generated password", async () => {
    const pool = await newPool(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "jane",
        UserAttributes: [{ Name: "phone_number", Value: "+15555550101" }],
      }),
    );
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "kate",
        TemporaryPassword: "Kate-Pass1",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [{ Name: "email", Value: "kate@example.com" }],
      }),
    );
    // No phone number and no medium asked for: created, nothing sent.
    await t.client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "lee" }));
    const messages = await messagesOf(t, pool);
    assert.equal(messages.length, 2);
    const [sms, email] = messages;
    assert.equal(sms!.deliveryMedium, "SMS");
    assert.equal(sms!.destination, "+15555550101");
    assert.equal(sms!.username, "jane");
    assert.equal(sms!.subject, null);
    assert.match(sms!.code!, /^.{8,}$/);
    assert.equal(sms!.message, `Your username is jane and temporary password is ${sms!.code}.`);
    assert.equal(email!.deliveryMedium, "EMAIL");
    assert.equal(email!.destination, "kate@example.com");
    assert.equal(email!.subject, "Your temporary password");
    assert.equal(email!.code, "Kate-Pass1");
    assert.equal(email!.message, "Your username is kate and temporary password is Kate-Pass1.");
  });

  it("generates temporary passwords that satisfy a long policy", async () => {
    const pool = await newPool(t, { Policies: { PasswordPolicy: { MinimumLength: 20 } } });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "long",
        UserAttributes: [{ Name: "phone_number", Value: "+15555550109" }],
      }),
    );
    const [message] = await messagesOf(t, pool);
    assert.ok(message!.code!.length >= 20);
    assert.match(message!.code!, /[A-Z]/);
    assert.match(message!.code!, /[a-z]/);
    assert.match(message!.code!, /[0-9]/);
  });

  it("uses the pool's InviteMessageTemplate", async () => {
    const pool = await newPool(t, {
      AdminCreateUserConfig: {
        InviteMessageTemplate: {
          EmailSubject: "Welcome",
          EmailMessage: "Hi {username}, use {####}",
          SMSMessage: "User {username} code {####}",
        },
      },
    });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "mia",
        TemporaryPassword: "Mia-Pass1",
        DesiredDeliveryMediums: ["EMAIL", "SMS"],
        UserAttributes: [
          { Name: "email", Value: "mia@example.com" },
          { Name: "phone_number", Value: "+15555550102" },
        ],
      }),
    );
    const messages = await messagesOf(t, pool);
    assert.deepEqual(
      messages.map((m) => [m.deliveryMedium, m.subject, m.message]),
      [
        ["EMAIL", "Welcome", "Hi mia, use Mia-Pass1"],
        ["SMS", null, "User mia code Mia-Pass1"],
      ],
    );
  });

  it("needs an address for an explicitly requested medium", async () => {
    const pool = await newPool(t);
    const err = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: pool, Username: "ned", DesiredDeliveryMediums: ["EMAIL"] }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    const none = await errorOf(() => t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "ned" })));
    assert.equal(none.name, "UserNotFoundException");
  });

  it("resends the invitation with a new temporary password", async () => {
    const pool = await newPool(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "olga",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: "olga@example.com" }],
      }),
    );
    const { User } = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "olga",
        MessageAction: "RESEND",
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    assert.equal(User?.Username, "olga");
    assert.equal(User?.UserStatus, "FORCE_CHANGE_PASSWORD");
    const messages = await messagesOf(t, pool);
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.destination, "olga@example.com");
    const missing = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "nobody", MessageAction: "RESEND" })),
    );
    assert.equal(missing.name, "UserNotFoundException");
    assert.equal(missing.message, "User does not exist.");
  });

  it("enforces alias uniqueness and moves the alias with ForceAliasCreation", async () => {
    const pool = await newPool(t, { AliasAttributes: ["email", "preferred_username"] });
    const verified = [
      { Name: "email", Value: "shared@example.com" },
      { Name: "email_verified", Value: "true" },
    ];
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "first",
        MessageAction: "SUPPRESS",
        UserAttributes: verified,
      }),
    );
    // An unverified copy of the email is no alias.
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "unverified",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: "shared@example.com" }],
      }),
    );
    const err = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: pool,
          Username: "second",
          MessageAction: "SUPPRESS",
          UserAttributes: verified,
        }),
      ),
    );
    assert.equal(err.name, "AliasExistsException");
    assert.equal(err.message, "An account with the given email already exists.");
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "second",
        MessageAction: "SUPPRESS",
        UserAttributes: verified,
        ForceAliasCreation: true,
      }),
    );
    const first = await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "first" }));
    assert.equal(attrs(first.UserAttributes).email_verified, "false");
    const byAlias = await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "shared@example.com" }));
    assert.equal(byAlias.Username, "second");

    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "p1",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "preferred_username", Value: "nick" }],
      }),
    );
    const dup = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: pool,
          Username: "p2",
          MessageAction: "SUPPRESS",
          UserAttributes: [{ Name: "preferred_username", Value: "nick" }],
        }),
      ),
    );
    assert.equal(dup.name, "AliasExistsException");
  });

  it("answers ResourceNotFoundException for an unknown pool", async () => {
    const err = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: "us-east-1_nothere00", Username: "x" })),
    );
    assert.equal(err.name, "ResourceNotFoundException");
  });
});

describe("AdminGetUser", () => {
  const t = useCognate();

  it("returns the user with attributes, dates and status", async () => {
    const pool = await newPool(t);
    const created = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "quinn",
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "given_name", Value: "Quinn" }],
      }),
    );
    const got = await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "quinn" }));
    assert.equal(got.Username, "quinn");
    assert.equal(got.Enabled, true);
    assert.equal(got.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.deepEqual(attrs(got.UserAttributes), attrs(created.User?.Attributes));
    assert.equal(got.UserCreateDate?.getTime(), created.User?.UserCreateDate?.getTime());
    assert.equal(got.MFAOptions, undefined);
    assert.equal(got.PreferredMfaSetting, undefined);
    assert.equal(got.UserMFASettingList, undefined);
  });

  it("answers UserNotFoundException and ResourceNotFoundException", async () => {
    const pool = await newPool(t);
    const err = await errorOf(() => t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "ghost" })));
    assert.equal(err.name, "UserNotFoundException");
    assert.equal(err.message, "User does not exist.");
    const noPool = await errorOf(() =>
      t.client.send(new AdminGetUserCommand({ UserPoolId: "us-east-1_nothere00", Username: "ghost" })),
    );
    assert.equal(noPool.name, "ResourceNotFoundException");
  });
});
