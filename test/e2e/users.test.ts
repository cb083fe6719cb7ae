import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
  type AttributeType,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { startCognate } from "../../src/index.js";
import { createLogger } from "../../src/shared/log.js";
import { errorOf, sdkClient, useCognate, type TestCognate } from "../helpers/cognate.js";

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
    const phonePool = await newPool(t, { AliasAttributes: ["phone_number"] });
    const phoneErr = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: phonePool, Username: "+15555550199", MessageAction: "SUPPRESS" }),
      ),
    );
    assert.equal(phoneErr.name, "InvalidParameterException");
    assert.equal(
      phoneErr.message,
      "Username cannot be of phone number format, since user pool is configured for phone number alias.",
    );
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
    const both = await newPool(t, {
      Schema: [
        { Name: "email", AttributeDataType: "String", Required: true, Mutable: true },
        { Name: "family_name", AttributeDataType: "String", Required: true, Mutable: true },
      ],
    });
    const two = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: both, Username: "h", MessageAction: "SUPPRESS" })),
    );
    assert.equal(
      two.message,
      "Attributes did not conform to the schema: family_name: The attribute is required\nemail: The attribute is required",
    );
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

  it("puts passwords with replacement patterns into the message literally", async () => {
    const pool = await newPool(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "pat",
        TemporaryPassword: "Ab1$&$'x{####}",
        UserAttributes: [{ Name: "phone_number", Value: "+15555550103" }],
      }),
    );
    const [sms] = await messagesOf(t, pool);
    assert.equal(sms!.message, "Your username is pat and temporary password is Ab1$&$'x{####}.");
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

  it("needs an address for each explicitly requested medium", async () => {
    const pool = await newPool(t);
    const err = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: pool, Username: "ned", DesiredDeliveryMediums: ["EMAIL"] }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "No email provided but desired delivery medium was Email");
    const none = await errorOf(() => t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "ned" })));
    assert.equal(none.name, "UserNotFoundException");
    const sms = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: pool,
          Username: "ned",
          DesiredDeliveryMediums: ["EMAIL", "SMS"],
          UserAttributes: [{ Name: "email", Value: "ned@example.com" }],
        }),
      ),
    );
    assert.equal(sms.name, "InvalidParameterException");
    assert.equal(sms.message, "No phone_number provided but desired delivery medium was Sms");
    // Suppressed, nothing is delivered, so no address is needed.
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "ned",
        DesiredDeliveryMediums: ["EMAIL"],
        MessageAction: "SUPPRESS",
      }),
    );
    assert.deepEqual(await messagesOf(t, pool), []);
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
    const stored = await t.cognate.store.users.get(pool, "olga");
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "olga",
        MessageAction: "RESEND",
        TemporaryPassword: "Again-Pass1",
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
    const resent = await t.cognate.store.users.get(pool, "olga");
    assert.notEqual(resent!.passwordHash, stored!.passwordHash);
    assert.equal((await messagesOf(t, pool))[1]!.code, "Again-Pass1");

    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: "olga", Password: "Final-Pass1", Permanent: true }),
    );
    const confirmed = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "olga", MessageAction: "RESEND" })),
    );
    assert.equal(confirmed.name, "UnsupportedUserStateException");
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

    // One holder losing both aliases keeps both changes.
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "both1",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "both@example.com" },
          { Name: "email_verified", Value: "true" },
          { Name: "preferred_username", Value: "bothy" },
        ],
      }),
    );
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "both2",
        MessageAction: "SUPPRESS",
        ForceAliasCreation: true,
        UserAttributes: [
          { Name: "email", Value: "both@example.com" },
          { Name: "email_verified", Value: "true" },
          { Name: "preferred_username", Value: "bothy" },
        ],
      }),
    );
    const loser = attrs(
      (await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "both1" }))).UserAttributes,
    );
    assert.equal(loser.email_verified, "false");
    assert.equal(loser.preferred_username, undefined);
    const winner = await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "bothy" }));
    assert.equal(winner.Username, "both2");
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

async function createUser(t: TestCognate, pool: string, username: string, attributes: Record<string, string> = {}) {
  const { User } = await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]): AttributeType => ({ Name, Value })),
    }),
  );
  return User!;
}

const getUser = (t: TestCognate, pool: string, username: string) =>
  t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: username }));

describe("AdminUpdateUserAttributes and AdminDeleteUserAttributes", () => {
  const t = useCognate();

  it("updates attributes and unverifies a changed email unless told otherwise", async () => {
    const pool = await newPool(t);
    await createUser(t, pool, "ruth", {
      email: "ruth@example.com",
      email_verified: "true",
      phone_number: "+15555550111",
    });
    const before = await getUser(t, pool, "ruth");
    await new Promise((r) => setTimeout(r, 5));
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool,
        Username: "ruth",
        UserAttributes: [
          { Name: "email", Value: "ruth2@example.com" },
          { Name: "given_name", Value: "Ruth" },
        ],
      }),
    );
    const after = await getUser(t, pool, "ruth");
    const a = attrs(after.UserAttributes);
    assert.equal(a.email, "ruth2@example.com");
    assert.equal(a.email_verified, "false");
    assert.equal(a.given_name, "Ruth");
    assert.equal(a.sub, attrs(before.UserAttributes).sub);
    assert.ok(after.UserLastModifiedDate!.getTime() > before.UserLastModifiedDate!.getTime());

    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool,
        Username: "ruth",
        UserAttributes: [
          { Name: "phone_number", Value: "+15555550112" },
          { Name: "phone_number_verified", Value: "true" },
        ],
      }),
    );
    const b = attrs((await getUser(t, pool, "ruth")).UserAttributes);
    assert.equal(b.phone_number, "+15555550112");
    assert.equal(b.phone_number_verified, "true");
  });

  it("sends a verification code for a changed auto-verified email", async () => {
    const pool = await newPool(t, { AutoVerifiedAttributes: ["email"] });
    await createUser(t, pool, "rick", { email: "rick@example.com", email_verified: "true" });
    const update = (attributes: AttributeType[]) =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: "rick", UserAttributes: attributes }),
      );
    await update([{ Name: "name", Value: "Rick" }]);
    assert.deepEqual(await messagesOf(t, pool), []);
    await update([{ Name: "email", Value: "rick2@example.com" }]);
    const [message] = await messagesOf(t, pool);
    assert.equal(message!.deliveryMedium, "EMAIL");
    assert.equal(message!.destination, "rick2@example.com");
    assert.equal(message!.subject, "Your verification code");
    assert.match(message!.code!, /^[0-9]{6}$/);
    assert.equal(message!.message, `Your verification code is ${message!.code}.`);
    // Vouching for the new address sends nothing.
    await update([
      { Name: "email", Value: "rick3@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
    assert.equal((await messagesOf(t, pool)).length, 1);
    assert.equal(attrs((await getUser(t, pool, "rick")).UserAttributes).email_verified, "true");
  });

  it("rejects sub, immutable custom attributes, unknown names and bad values", async () => {
    const pool = await newPool(t, {
      Schema: [{ Name: "team", AttributeDataType: "String", Mutable: false }],
    });
    await createUser(t, pool, "sam", { "custom:team": "red" });
    const update = (attributes: AttributeType[]) =>
      errorOf(() =>
        t.client.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: "sam", UserAttributes: attributes }),
        ),
      );
    let err = await update([{ Name: "sub", Value: "x" }]);
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Cannot modify the non-mutable attribute sub.");
    err = await update([{ Name: "custom:team", Value: "blue" }]);
    assert.equal(err.message, "Cannot modify the non-mutable attribute custom:team.");
    err = await update([{ Name: "favourite", Value: "x" }]);
    assert.equal(
      err.message,
      "Attributes did not conform to the schema: favourite: Attribute does not exist in the schema.",
    );
    err = await update([{ Name: "email", Value: "nope" }]);
    assert.equal(err.message, "Invalid email address format.");
    err = await update([{ Name: "phone_number_verified", Value: "maybe" }]);
    assert.equal(err.name, "InvalidParameterException");
    const missing = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: pool,
          Username: "ghost",
          UserAttributes: [{ Name: "name", Value: "x" }],
        }),
      ),
    );
    assert.equal(missing.name, "UserNotFoundException");
  });

  it("answers AliasExistsException when a verified alias is taken", async () => {
    const pool = await newPool(t, { AliasAttributes: ["email"] });
    await createUser(t, pool, "tom", { email: "tom@example.com", email_verified: "true" });
    await createUser(t, pool, "uma", { email: "uma@example.com", email_verified: "true" });
    const err = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: pool,
          Username: "uma",
          UserAttributes: [
            { Name: "email", Value: "tom@example.com" },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      ),
    );
    assert.equal(err.name, "AliasExistsException");
    assert.equal(err.message, "An account with the given email already exists.");
    // Unverified, the same address is allowed.
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool,
        Username: "uma",
        UserAttributes: [{ Name: "email", Value: "tom@example.com" }],
      }),
    );
    assert.equal(attrs((await getUser(t, pool, "uma")).UserAttributes).email_verified, "false");
  });

  it("answers AliasExistsException for a taken email in an email-as-username pool", async () => {
    const pool = await newPool(t, { UsernameAttributes: ["email"] });
    await createUser(t, pool, "v1@example.com");
    await createUser(t, pool, "v2@example.com");
    const err = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: pool,
          Username: "v2@example.com",
          UserAttributes: [{ Name: "email", Value: "v1@example.com" }],
        }),
      ),
    );
    assert.equal(err.name, "AliasExistsException");
  });

  it("deletes attributes, but not required or immutable ones", async () => {
    const pool = await newPool(t, {
      Schema: [{ Name: "email", AttributeDataType: "String", Required: true, Mutable: true }],
    });
    await createUser(t, pool, "wes", {
      email: "wes@example.com",
      phone_number: "+15555550113",
      phone_number_verified: "true",
      nickname: "w",
    });
    await t.client.send(
      new AdminDeleteUserAttributesCommand({
        UserPoolId: pool,
        Username: "wes",
        UserAttributeNames: ["phone_number", "nickname"],
      }),
    );
    const a = attrs((await getUser(t, pool, "wes")).UserAttributes);
    assert.equal(a.phone_number, undefined);
    assert.equal(a.phone_number_verified, undefined);
    assert.equal(a.nickname, undefined);
    assert.equal(a.email, "wes@example.com");
    const del = (names: string[]) =>
      errorOf(() =>
        t.client.send(
          new AdminDeleteUserAttributesCommand({ UserPoolId: pool, Username: "wes", UserAttributeNames: names }),
        ),
      );
    let err = await del(["email"]);
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Attributes did not conform to the schema: email: The attribute is required");
    err = await del(["sub"]);
    assert.equal(err.name, "InvalidParameterException");
    err = await del(["nothing"]);
    assert.equal(err.name, "InvalidParameterException");
    const missing = await errorOf(() =>
      t.client.send(
        new AdminDeleteUserAttributesCommand({ UserPoolId: pool, Username: "ghost", UserAttributeNames: ["nickname"] }),
      ),
    );
    assert.equal(missing.name, "UserNotFoundException");
  });
});

describe("AdminDisableUser, AdminEnableUser and AdminDeleteUser", () => {
  const t = useCognate();

  it("disables and enables a user", async () => {
    const pool = await newPool(t);
    await createUser(t, pool, "xena");
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: "xena" }));
    const disabled = await getUser(t, pool, "xena");
    assert.equal(disabled.Enabled, false);
    const listed = await t.client.send(new ListUsersCommand({ UserPoolId: pool, Filter: 'status = "Disabled"' }));
    assert.deepEqual(
      listed.Users!.map((u) => u.Username),
      ["xena"],
    );
    await t.client.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: "xena" }));
    assert.equal((await getUser(t, pool, "xena")).Enabled, true);
    for (const command of [
      new AdminDisableUserCommand({ UserPoolId: pool, Username: "ghost" }),
      new AdminEnableUserCommand({ UserPoolId: pool, Username: "ghost" }),
    ]) {
      const err = await errorOf(() => t.client.send(command as AdminDisableUserCommand));
      assert.equal(err.name, "UserNotFoundException");
    }
  });

  it("deletes a user and its group memberships", async () => {
    const pool = await newPool(t, { UsernameConfiguration: { CaseSensitive: false } });
    await createUser(t, pool, "Yuri");
    // Membership written through the store, so this does not depend on the groups family.
    await t.cognate.store.groups.insert({ poolId: pool, name: "g", createdAt: Date.now(), updatedAt: Date.now() });
    await t.cognate.store.groups.addMember(pool, "g", "yuri");
    assert.equal((await t.cognate.store.groups.listForUser(pool, "yuri", { limit: 10 })).items.length, 1);
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: "yuri" }));
    const err = await errorOf(() => getUser(t, pool, "Yuri"));
    assert.equal(err.name, "UserNotFoundException");
    const key = "yuri";
    const groups = await t.cognate.store.groups.listForUser(pool, key, { limit: 10 });
    assert.deepEqual(groups.items, []);
    const again = await errorOf(() =>
      t.client.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: "yuri" })),
    );
    assert.equal(again.name, "UserNotFoundException");
    // The name is free again.
    await createUser(t, pool, "YURI");
  });
});

describe("AdminSetUserPassword, AdminResetUserPassword and AdminConfirmSignUp", () => {
  const t = useCognate();

  it("sets a permanent or temporary password", async () => {
    const pool = await newPool(t);
    await createUser(t, pool, "zoe");
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: "zoe", Password: "Perm-Pass1", Permanent: true }),
    );
    assert.equal((await getUser(t, pool, "zoe")).UserStatus, "CONFIRMED");
    const stored = await t.cognate.store.users.get(pool, "zoe");
    assert.equal(stored?.temporaryPasswordSetAt, undefined);
    await t.client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: "zoe", Password: "Temp-Pass2" }));
    assert.equal((await getUser(t, pool, "zoe")).UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.ok((await t.cognate.store.users.get(pool, "zoe"))?.temporaryPasswordSetAt);
    const weak = await errorOf(() =>
      t.client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: "zoe", Password: "weakpass" })),
    );
    assert.equal(weak.name, "InvalidPasswordException");
    assert.equal(weak.message, "Password did not conform with policy: Password must have uppercase characters");
    const missing = await errorOf(() =>
      t.client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: "ghost", Password: "Perm-Pass1" })),
    );
    assert.equal(missing.name, "UserNotFoundException");
  });

  it("refuses recently used passwords when the pool keeps a history", async () => {
    const pool = await newPool(t, { Policies: { PasswordPolicy: { MinimumLength: 8, PasswordHistorySize: 2 } } });
    await createUser(t, pool, "hal");
    const set = (Password: string) =>
      t.client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: "hal", Password, Permanent: true }));
    await set("First-Pass1");
    await set("Second-Pass1");
    const err = await errorOf(() => set("First-Pass1"));
    assert.equal(err.name, "PasswordHistoryPolicyViolationException");
    await set("Third-Pass1");
    // Only the last two count.
    await set("First-Pass1");
  });

  it("resets a password by sending a code to a verified address", async () => {
    const pool = await newPool(t, {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
    });
    await createUser(t, pool, "ivy", { email: "ivy@example.com", email_verified: "true" });
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: "ivy" }));
    assert.equal((await getUser(t, pool, "ivy")).UserStatus, "RESET_REQUIRED");
    const [message] = await messagesOf(t, pool);
    assert.equal(message!.deliveryMedium, "EMAIL");
    assert.equal(message!.destination, "ivy@example.com");
    assert.match(message!.code!, /^[0-9]{6}$/);
    assert.equal(message!.message, `Your verification code is ${message!.code}.`);

    await createUser(t, pool, "jon", { email: "jon@example.com" });
    const err = await errorOf(() =>
      t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: "jon" })),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
    assert.equal((await getUser(t, pool, "jon")).UserStatus, "FORCE_CHANGE_PASSWORD");
    const missing = await errorOf(() =>
      t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: "ghost" })),
    );
    assert.equal(missing.name, "UserNotFoundException");
  });

  it("prefers a verified phone when the pool sets no recovery order", async () => {
    const pool = await newPool(t);
    await createUser(t, pool, "kim", {
      email: "kim@example.com",
      email_verified: "true",
      phone_number: "+15555550120",
      phone_number_verified: "true",
    });
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: "kim" }));
    const [message] = await messagesOf(t, pool);
    assert.equal(message!.deliveryMedium, "SMS");
    assert.equal(message!.destination, "+15555550120");
  });

  it("confirms an unconfirmed user and refuses any other status", async () => {
    const pool = await newPool(t);
    await createUser(t, pool, "liz");
    // No sign-up yet in this family: put the user in UNCONFIRMED through the store.
    const stored = (await t.cognate.store.users.get(pool, "liz"))!;
    await t.cognate.store.users.update({ ...stored, status: "UNCONFIRMED" }, "liz");
    await t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool, Username: "liz" }));
    assert.equal((await getUser(t, pool, "liz")).UserStatus, "CONFIRMED");
    const again = await errorOf(() =>
      t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool, Username: "liz" })),
    );
    assert.equal(again.name, "NotAuthorizedException");
    assert.equal(again.message, "User cannot be confirmed. Current status is CONFIRMED");
    await createUser(t, pool, "max");
    const forced = await errorOf(() =>
      t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool, Username: "max" })),
    );
    assert.equal(forced.message, "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD");
    const missing = await errorOf(() =>
      t.client.send(new AdminConfirmSignUpCommand({ UserPoolId: pool, Username: "ghost" })),
    );
    assert.equal(missing.name, "UserNotFoundException");
  });
});

describe("the outbox log", () => {
  it("logs the medium and destination of a message, never its body or code", async () => {
    const lines: string[] = [];
    const cognate = await startCognate({
      port: 0,
      inMemory: true,
      passwordHashCost: "fast",
      logger: createLogger("info", (line) => lines.push(line)),
    });
    const client = sdkClient(cognate.url);
    try {
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "log" }));
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: UserPool!.Id!,
          Username: "nora",
          TemporaryPassword: "Secret-Pass9",
          DesiredDeliveryMediums: ["EMAIL"],
          UserAttributes: [{ Name: "email", Value: "nora@example.com" }],
        }),
      );
      const queued = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === "message queued");
      assert.equal(queued.length, 1);
      assert.equal(queued[0]!.deliveryMedium, "EMAIL");
      assert.equal(queued[0]!.destination, "nora@example.com");
      assert.ok(!lines.join("").includes("Secret-Pass9"));
      assert.ok(!lines.join("").includes("temporary password is"));
    } finally {
      client.destroy();
      await cognate.close();
    }
  });
});
