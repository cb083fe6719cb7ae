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
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  VerifyUserAttributeCommand,
  type AttributeType,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { startCognate } from "../../src/index.js";
import { createLogger } from "../../src/common/log.js";
import { errorOf, sdkClient, useCognate, type TestCognate } from "../helpers/cognate.js";

interface Message {
  userPoolId: string;
  username: string;
  deliveryMedium: string;
  destination: string;
  subject: string | null;
  message: string;
  code: string | null;
  createdAt: string;
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
          { Name: "phone_number", Value: "+12065551212" },
        ],
      }),
    );
    assert.equal(User?.Username, "alice");
    assert.equal(User?.Enabled, true);
    assert.equal(User?.UserStatus, "FORCE_CHANGE_PASSWORD");
    assert.ok(User?.UserCreateDate instanceof Date);
    assert.ok(User?.UserLastModifiedDate instanceof Date);
    const a = attrs(User?.Attributes);
    assert.match(a.sub!, UUID);
    assert.equal(a.email, "alice@example.com");
    assert.equal(a.name, "Alice");
    assert.equal(a.phone_number, "+12065551212");
    assert.equal(a.email_verified, undefined);
    assert.equal(User?.MFAOptions, undefined);
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
    assert.match(User!.Username!, UUID);
    const got = await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "erin@example.com" }));
    assert.equal(got.Username, a.sub);
    // The sub, which is the username, finds the user too.
    const bySub = await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: a.sub }));
    assert.equal(attrs(bySub.UserAttributes).email, "erin@example.com");
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
    assert.match(User!.Username!, UUID);
    assert.equal(User?.Username, attrs(User?.Attributes).sub);
    const found = await t.client.send(new AdminGetUserCommand({ UserPoolId: phone, Username: "+15555550100" }));
    assert.equal(found.Username, User?.Username);
    const both = await newPool(t, { UsernameAttributes: ["email", "phone_number"] });
    const e2 = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: both, Username: "frank", MessageAction: "SUPPRESS" })),
    );
    assert.equal(e2.name, "InvalidParameterException");
    assert.equal(e2.message, "Username should be either an email or a phone number.");
    // Either one is accepted, the username is the sub, and either finds the user.
    const byEmail = await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: both, Username: "either@example.com", MessageAction: "SUPPRESS" }),
    );
    const byPhone = await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: both, Username: "+15555550104", MessageAction: "SUPPRESS" }),
    );
    assert.equal(attrs(byEmail.User?.Attributes).email, "either@example.com");
    assert.equal(attrs(byPhone.User?.Attributes).phone_number, "+15555550104");
    assert.equal(
      (await t.client.send(new AdminGetUserCommand({ UserPoolId: both, Username: "+15555550104" }))).Username,
      byPhone.User?.Username,
    );
    const { Users } = await t.client.send(
      new ListUsersCommand({ UserPoolId: both, Filter: `username = "${byEmail.User?.Username}"` }),
    );
    assert.deepEqual(
      Users!.map((u) => u.Username),
      [byEmail.User?.Username],
    );
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
        { Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true, Mutable: true },
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
    err = await create([{ Name: "custom:nope", Value: "1" }, email]);
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.",
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
    // Custom attributes are stored under their custom: names and read back so.
    const stored = attrs(
      (await t.client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: "h" }))).UserAttributes,
    );
    assert.equal(stored["custom:tier"], "3");
    assert.equal(stored["custom:code"], "ab");
    // The constraints' bounds are inclusive, and a developer-only attribute is set by its dev:custom: name.
    const bounds = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "h2",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          email,
          { Name: "custom:tier", Value: "5" },
          { Name: "custom:code", Value: "abcd" },
          { Name: "dev:custom:secret", Value: "s" },
        ],
      }),
    );
    const b = attrs(bounds.User?.Attributes);
    assert.equal(b["custom:tier"], "5");
    assert.equal(b["custom:code"], "abcd");
    assert.equal(b["dev:custom:secret"], "s");
  });

  it("checks the temporary password against the policy", async () => {
    const pool = await newPool(t);
    const cases: [string, string][] = [
      ["Ab1!xyz", "Password not long enough"],
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
    // The pool's own minimum length holds too.
    const long = await newPool(t, {
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
    const short = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({
          UserPoolId: long,
          Username: "i",
          TemporaryPassword: "abcdefghijk",
          MessageAction: "SUPPRESS",
        }),
      ),
    );
    assert.equal(short.name, "InvalidPasswordException");
    assert.equal(short.message, "Password did not conform with policy: Password not long enough");
    const { User } = await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: long,
        Username: "i",
        TemporaryPassword: "abcdefghijkl",
        MessageAction: "SUPPRESS",
      }),
    );
    assert.equal(User?.UserStatus, "FORCE_CHANGE_PASSWORD");
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
    assert.equal(email!.userPoolId, pool);
    assert.equal(email!.username, "kate");
    assert.ok(!Number.isNaN(Date.parse(email!.createdAt)));
  });

  it("sends the invitation by SMS alone when DesiredDeliveryMediums is left out, even if the user has an email", async () => {
    const pool = await newPool(t);
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "texted",
        UserAttributes: [
          { Name: "phone_number", Value: "+12065550123" },
          { Name: "email", Value: "texted@example.com" },
        ],
      }),
    );
    assert.deepEqual(
      (await messagesOf(t, pool)).map((m) => [m.deliveryMedium, m.destination]),
      [["SMS", "+12065550123"]],
    );
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

    const strict = await newPool(t, {
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
        UserPoolId: strict,
        Username: "gen",
        DesiredDeliveryMediums: ["EMAIL"],
        UserAttributes: [{ Name: "email", Value: "gen@example.com" }],
      }),
    );
    const code = (await messagesOf(t, strict))[0]!.code!;
    assert.ok(code.length >= 16, code);
    assert.match(code, /[a-z]/);
    assert.match(code, /[A-Z]/);
    assert.match(code, /[0-9]/);
    assert.match(code, /[^a-zA-Z0-9]/);
    // The policy that made it accepts it back.
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: strict, Username: "gen", Password: code, Permanent: false }),
    );
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
      messages.map((m) => [m.deliveryMedium, m.destination, m.subject, m.message]),
      [
        ["EMAIL", "mia@example.com", "Welcome", "Hi mia, use Mia-Pass1"],
        ["SMS", "+15555550102", null, "User mia code Mia-Pass1"],
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
    assert.equal(err.message, "An account with the email already exists.");
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

  it("validates the Username pattern and length", async () => {
    const pool = await newPool(t);
    const spaced = await errorOf(() =>
      t.client.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: "has space", MessageAction: "SUPPRESS" })),
    );
    assert.equal(spaced.name, "InvalidParameterException");
    assert.equal(
      spaced.message,
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
    const long = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: pool, Username: "a".repeat(129), MessageAction: "SUPPRESS" }),
      ),
    );
    assert.equal(long.name, "InvalidParameterException");
    assert.match(long.message, /length less than or equal to 128/);
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
    assert.equal(got.UserLastModifiedDate?.getTime(), created.User?.UserLastModifiedDate?.getTime());
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

/** Gives a user a permanent password (status CONFIRMED). */
async function confirm(t: TestCognate, pool: string, username: string) {
  await t.client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool,
      Username: username,
      Password: "Perm-Passw0rd!",
      Permanent: true,
    }),
  );
}

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
    const res = await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool,
        Username: "ruth",
        UserAttributes: [
          { Name: "email", Value: "ruth2@example.com" },
          { Name: "given_name", Value: "Ruth" },
        ],
      }),
    );
    assert.deepEqual(
      Object.keys(res).filter((k) => k !== "$metadata"),
      [],
    );
    const after = await getUser(t, pool, "ruth");
    const a = attrs(after.UserAttributes);
    assert.equal(a.email, "ruth2@example.com");
    assert.equal(a.email_verified, "false");
    assert.equal(a.given_name, "Ruth");
    assert.equal(a.sub, attrs(before.UserAttributes).sub);
    assert.ok(after.UserLastModifiedDate!.getTime() > before.UserLastModifiedDate!.getTime());
    assert.equal(after.UserCreateDate!.getTime(), before.UserCreateDate!.getTime());

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
    assert.equal(attrs((await getUser(t, pool, "rick")).UserAttributes).email_verified, "false");
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

  it("unverifies a changed phone number in a pool that verifies phone numbers", async () => {
    const pool = await newPool(t, { AutoVerifiedAttributes: ["phone_number"] });
    await createUser(t, pool, "cal", { phone_number: "+12065550001", phone_number_verified: "true" });
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool,
        Username: "cal",
        UserAttributes: [{ Name: "phone_number", Value: "+12065550002" }],
      }),
    );
    const a = attrs((await getUser(t, pool, "cal")).UserAttributes);
    assert.equal(a.phone_number, "+12065550002");
    assert.equal(a.phone_number_verified, "false");
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
    err = await update([{ Name: "custom:nope", Value: "x" }]);
    assert.equal(err.name, "InvalidParameterException");
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
    assert.equal(err.message, "An account with the email already exists.");
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
      Schema: [
        { Name: "email", AttributeDataType: "String", Required: true, Mutable: true },
        { Name: "team", AttributeDataType: "String", Mutable: true },
      ],
    });
    await createUser(t, pool, "wes", {
      email: "wes@example.com",
      phone_number: "+15555550113",
      phone_number_verified: "true",
      nickname: "w",
      "custom:team": "x",
    });
    const res = await t.client.send(
      new AdminDeleteUserAttributesCommand({
        UserPoolId: pool,
        Username: "wes",
        UserAttributeNames: ["phone_number", "nickname", "custom:team"],
      }),
    );
    assert.deepEqual(
      Object.keys(res).filter((k) => k !== "$metadata"),
      [],
    );
    const a = attrs((await getUser(t, pool, "wes")).UserAttributes);
    assert.equal(a.phone_number, undefined);
    assert.equal(a.phone_number_verified, undefined);
    assert.equal(a.nickname, undefined);
    assert.equal(a["custom:team"], undefined);
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
    assert.ok(attrs((await getUser(t, pool, "wes")).UserAttributes).sub);
    err = await del(["nothing"]);
    assert.equal(err.name, "InvalidParameterException");
    err = await del(["custom:nope"]);
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
    const res = await t.client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: "xena" }));
    assert.deepEqual(
      Object.keys(res).filter((k) => k !== "$metadata"),
      [],
    );
    // Disabling twice is no error, and AdminGetUser still returns the disabled user with its status.
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: "xena" }));
    const disabled = await getUser(t, pool, "xena");
    assert.equal(disabled.Enabled, false);
    assert.equal(disabled.UserStatus, "FORCE_CHANGE_PASSWORD");
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
    assert.equal(again.message, "User does not exist.");
    assert.deepEqual((await t.client.send(new ListUsersCommand({ UserPoolId: pool }))).Users, []);
    // The name is free again.
    await createUser(t, pool, "YURI");
  });

  it("accepts the username in any case in every admin call of a case-insensitive pool", async () => {
    const pool = await newPool(t, { UsernameConfiguration: { CaseSensitive: false } });
    await createUser(t, pool, "carol");
    await t.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool,
        Username: "Carol",
        UserAttributes: [{ Name: "name", Value: "C" }],
      }),
    );
    await t.client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: "cArol" }));
    const got = await getUser(t, pool, "CaRoL");
    assert.equal(got.Username, "carol");
    assert.equal(got.Enabled, false);
    assert.equal(attrs(got.UserAttributes).name, "C");
    await t.client.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: "CAROL" }));
    assert.equal((await errorOf(() => getUser(t, pool, "carol"))).name, "UserNotFoundException");
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
    const weakPermanent = await errorOf(() =>
      t.client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: pool,
          Username: "zoe",
          Password: "alllowercase1!",
          Permanent: true,
        }),
      ),
    );
    assert.equal(weakPermanent.name, "InvalidPasswordException");
    assert.equal(
      weakPermanent.message,
      "Password did not conform with policy: Password must have uppercase characters",
    );
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
    // Only a user who has chosen a password can be reset.
    const invited = await errorOf(() =>
      t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: "ivy" })),
    );
    assert.equal(invited.name, "NotAuthorizedException");
    assert.equal(invited.message, "User password cannot be reset in the current state.");
    await confirm(t, pool, "ivy");
    await t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: "ivy" }));
    assert.equal((await getUser(t, pool, "ivy")).UserStatus, "RESET_REQUIRED");
    const [message] = await messagesOf(t, pool);
    assert.equal(message!.deliveryMedium, "EMAIL");
    assert.equal(message!.destination, "ivy@example.com");
    assert.match(message!.code!, /^[0-9]{6}$/);
    assert.equal(message!.message, `Your verification code is ${message!.code}.`);
    // A permanent password set by the administrator ends the reset.
    await confirm(t, pool, "ivy");
    assert.equal((await getUser(t, pool, "ivy")).UserStatus, "CONFIRMED");

    await createUser(t, pool, "jon", { email: "jon@example.com" });
    await confirm(t, pool, "jon");
    const err = await errorOf(() =>
      t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: "jon" })),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
    assert.equal((await getUser(t, pool, "jon")).UserStatus, "CONFIRMED");
    // Nor can a user without any address.
    await createUser(t, pool, "kit");
    await confirm(t, pool, "kit");
    const unreachable = await errorOf(() =>
      t.client.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: "kit" })),
    );
    assert.equal(unreachable.name, "InvalidParameterException");
    assert.equal(
      unreachable.message,
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
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
    await confirm(t, pool, "kim");
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

describe("AdminUpdateUserAttributes: blank values", () => {
  const t = useCognate();
  const update = (pool: string, username: string, attributes: AttributeType[]) =>
    t.client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: username, UserAttributes: attributes }),
    );

  it("deletes an attribute sent with a blank value, its verified flag and any held-back value with it", async () => {
    const pool = await newPool(t, {
      Schema: [{ Name: "score", AttributeDataType: "Number", Mutable: true }],
    });
    await createUser(t, pool, "bo", {
      given_name: "Bo",
      nickname: "b",
      email: "bo@example.com",
      email_verified: "true",
      "custom:score": "7",
    });
    // A blank Number is a deletion, not a malformed number.
    await update(pool, "bo", [
      { Name: "given_name", Value: "" },
      { Name: "email", Value: "" },
      { Name: "custom:score", Value: "" },
      { Name: "nickname", Value: "bee" },
    ]);
    const a = attrs((await getUser(t, pool, "bo")).UserAttributes);
    assert.equal(a.given_name, undefined);
    assert.equal(a.email, undefined);
    assert.equal(a.email_verified, undefined);
    assert.equal(a["custom:score"], undefined);
    assert.equal(a.nickname, "bee");
    assert.ok(a.sub);
    // Deleting what the user lacks is no error.
    await update(pool, "bo", [{ Name: "middle_name", Value: "" }]);
  });

  it("refuses to blank required, immutable and unknown attributes", async () => {
    const pool = await newPool(t, {
      Schema: [
        { Name: "email", AttributeDataType: "String", Required: true, Mutable: true },
        { Name: "team", AttributeDataType: "String", Mutable: false },
      ],
    });
    await createUser(t, pool, "cy", { email: "cy@example.com", "custom:team": "red" });
    const refused = (name: string) => errorOf(() => update(pool, "cy", [{ Name: name, Value: "" }]));
    let err = await refused("email");
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Attributes did not conform to the schema: email: The attribute is required");
    err = await refused("custom:team");
    assert.equal(err.message, "Cannot modify the non-mutable attribute custom:team.");
    err = await refused("sub");
    assert.equal(err.message, "Cannot modify the non-mutable attribute sub.");
    err = await refused("favourite");
    assert.equal(
      err.message,
      "Attributes did not conform to the schema: favourite: Attribute does not exist in the schema.",
    );
    // Nothing was written by the refused calls.
    const a = attrs((await getUser(t, pool, "cy")).UserAttributes);
    assert.equal(a.email, "cy@example.com");
    assert.equal(a["custom:team"], "red");
  });
});

describe("email_verified and phone_number_verified need their attribute", () => {
  const t = useCognate();

  it("AdminCreateUser refuses a true flag without the address", async () => {
    const pool = await newPool(t);
    const create = (username: string, attributes: Record<string, string>) =>
      errorOf(() => createUser(t, pool, username, attributes));
    let err = await create("nv", { email_verified: "true" });
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "email is required to set email_verified to true.");
    err = await create("npv", { phone_number_verified: "true", email: "npv@example.com" });
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "phone_number is required to set phone_number_verified to true.");
    // Nothing was created; a false flag needs nothing.
    assert.equal((await errorOf(() => getUser(t, pool, "nv"))).name, "UserNotFoundException");
    await createUser(t, pool, "fine", { email_verified: "false", phone_number_verified: "false" });
  });

  it("counts an email used as username as the address", async () => {
    const pool = await newPool(t, { UsernameAttributes: ["email"] });
    await createUser(t, pool, "dee@example.com", { email_verified: "true" });
    const a = attrs((await getUser(t, pool, "dee@example.com")).UserAttributes);
    assert.equal(a.email, "dee@example.com");
    assert.equal(a.email_verified, "true");
  });

  it("AdminUpdateUserAttributes refuses a true flag for a user without the address", async () => {
    const pool = await newPool(t);
    await createUser(t, pool, "eli", { email: "eli@example.com" });
    const update = (attributes: AttributeType[]) =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: "eli", UserAttributes: attributes }),
      );
    const err = await errorOf(() => update([{ Name: "phone_number_verified", Value: "true" }]));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "phone_number is required to set phone_number_verified to true.");
    const blanked = await errorOf(() =>
      update([
        { Name: "email", Value: "" },
        { Name: "email_verified", Value: "true" },
      ]),
    );
    assert.equal(blanked.message, "email is required to set email_verified to true.");
    // The user's own email makes the flag valid.
    await update([{ Name: "email_verified", Value: "true" }]);
    assert.equal(attrs((await getUser(t, pool, "eli")).UserAttributes).email_verified, "true");
  });
});

describe("AdminUpdateUserAttributes with AttributesRequireVerificationBeforeUpdate", () => {
  const t = useCognate();
  const careful = {
    AutoVerifiedAttributes: ["email", "phone_number"],
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email", "phone_number"] },
  } satisfies Partial<CreateUserPoolRequest>;
  const update = (pool: string, username: string, attributes: AttributeType[]) =>
    t.client.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: username, UserAttributes: attributes }),
    );

  it("keeps the old email and phone until the new ones are verified, and codes go to the new ones", async () => {
    const pool = await newPool(t, careful);
    await createUser(t, pool, "fay", {
      email: "fay@example.com",
      email_verified: "true",
      phone_number: "+15555550120",
    });
    await update(pool, "fay", [
      { Name: "email", Value: "fay.new@example.com" },
      { Name: "phone_number", Value: "+15555550121" },
      { Name: "given_name", Value: "Fay" },
    ]);
    const a = attrs((await getUser(t, pool, "fay")).UserAttributes);
    assert.equal(a.email, "fay@example.com");
    assert.equal(a.email_verified, "true");
    assert.equal(a.phone_number, "+15555550120");
    assert.equal(a.phone_number_verified, undefined);
    // Attributes that need no verification change at once.
    assert.equal(a.given_name, "Fay");
    const messages = await messagesOf(t, pool);
    assert.deepEqual(
      messages.map((m) => [m.deliveryMedium, m.destination]),
      [
        ["EMAIL", "fay.new@example.com"],
        ["SMS", "+15555550121"],
      ],
    );
    assert.match(messages[0]!.code!, /^[0-9]{6}$/);
  });

  it("keeps the old email as the alias while the new one waits", async () => {
    const pool = await newPool(t, { ...careful, AliasAttributes: ["email"] });
    await createUser(t, pool, "lou", { email: "lou@example.com", email_verified: "true" });
    await update(pool, "lou", [{ Name: "email", Value: "lou.new@example.com" }]);
    assert.equal((await getUser(t, pool, "lou@example.com")).Username, "lou");
    const err = await errorOf(() => getUser(t, pool, "lou.new@example.com"));
    assert.equal(err.name, "UserNotFoundException");
  });

  it("changes the value at once when the call also sets its verified flag to true, and sends nothing", async () => {
    const pool = await newPool(t, careful);
    await createUser(t, pool, "gus", { email: "gus@example.com", email_verified: "true" });
    await update(pool, "gus", [
      { Name: "email", Value: "gus.new@example.com" },
      { Name: "email_verified", Value: "true" },
    ]);
    const a = attrs((await getUser(t, pool, "gus")).UserAttributes);
    assert.equal(a.email, "gus.new@example.com");
    assert.equal(a.email_verified, "true");
    assert.deepEqual(await messagesOf(t, pool), []);
  });

  it("applies a held-back value when a later call sets only the verified flag to true", async () => {
    const pool = await newPool(t, careful);
    await createUser(t, pool, "hal", { email: "hal@example.com", email_verified: "true" });
    await update(pool, "hal", [{ Name: "email", Value: "hal.new@example.com" }]);
    assert.equal(attrs((await getUser(t, pool, "hal")).UserAttributes).email, "hal@example.com");
    await update(pool, "hal", [{ Name: "email_verified", Value: "true" }]);
    const a = attrs((await getUser(t, pool, "hal")).UserAttributes);
    assert.equal(a.email, "hal.new@example.com");
    assert.equal(a.email_verified, "true");
  });

  it("sets an address the user did not have at once, unverified, with a code", async () => {
    const pool = await newPool(t, careful);
    await createUser(t, pool, "ivy");
    await update(pool, "ivy", [{ Name: "email", Value: "ivy@example.com" }]);
    const a = attrs((await getUser(t, pool, "ivy")).UserAttributes);
    assert.equal(a.email, "ivy@example.com");
    assert.equal(a.email_verified, "false");
    assert.deepEqual(
      (await messagesOf(t, pool)).map((m) => m.destination),
      ["ivy@example.com"],
    );
  });

  it("cancels a held-back value when the old one is sent again or the attribute is deleted", async () => {
    const pool = await newPool(t, careful);
    await createUser(t, pool, "jo", { email: "jo@example.com", email_verified: "true" });
    await update(pool, "jo", [{ Name: "email", Value: "jo.new@example.com" }]);
    await update(pool, "jo", [{ Name: "email", Value: "jo@example.com" }]);
    // Nothing is left to apply: the flag alone keeps the old address.
    await update(pool, "jo", [{ Name: "email_verified", Value: "true" }]);
    assert.equal(attrs((await getUser(t, pool, "jo")).UserAttributes).email, "jo@example.com");

    await update(pool, "jo", [{ Name: "email", Value: "jo.other@example.com" }]);
    await t.client.send(
      new AdminDeleteUserAttributesCommand({ UserPoolId: pool, Username: "jo", UserAttributeNames: ["email"] }),
    );
    const err = await errorOf(() => update(pool, "jo", [{ Name: "email_verified", Value: "true" }]));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(attrs((await getUser(t, pool, "jo")).UserAttributes).email, undefined);
  });

  it("VerifyUserAttribute with the code sent to the new email makes it the user's email", async () => {
    const pool = await newPool(t, careful);
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool,
        ClientName: "app",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    await createUser(t, pool, "kim", { email: "kim@example.com", email_verified: "true" });
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: "kim", Password: "Passw0rd!", Permanent: true }),
    );
    await update(pool, "kim", [{ Name: "email", Value: "kim.new@example.com" }]);
    const [message] = await messagesOf(t, pool);
    const { AuthenticationResult } = await t.client.send(
      new InitiateAuthCommand({
        ClientId: UserPoolClient!.ClientId!,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "kim", PASSWORD: "Passw0rd!" },
      }),
    );
    await t.client.send(
      new VerifyUserAttributeCommand({
        AccessToken: AuthenticationResult!.AccessToken!,
        AttributeName: "email",
        Code: message!.code!,
      }),
    );
    const a = attrs((await getUser(t, pool, "kim")).UserAttributes);
    assert.equal(a.email, "kim.new@example.com");
    assert.equal(a.email_verified, "true");
  });
});

describe("case-insensitive pools and the email and preferred_username aliases", () => {
  const t = useCognate();
  const insensitive = {
    UsernameConfiguration: { CaseSensitive: false },
    AliasAttributes: ["email", "preferred_username", "phone_number"],
  } satisfies Partial<CreateUserPoolRequest>;

  it("finds users by their email and preferred_username in any case", async () => {
    const pool = await newPool(t, insensitive);
    await createUser(t, pool, "Lena", {
      email: "Lena@Example.com",
      email_verified: "true",
      preferred_username: "LenaK",
    });
    for (const name of ["lena@example.com", "LENA@EXAMPLE.COM", "lenak", "LENAK", "lena"]) {
      assert.equal((await getUser(t, pool, name)).Username, "Lena", name);
    }
    // Stored values keep the case they were given.
    const a = attrs((await getUser(t, pool, "lenak")).UserAttributes);
    assert.equal(a.email, "Lena@Example.com");
    assert.equal(a.preferred_username, "LenaK");
    // An unverified email stays no alias, in any case.
    await createUser(t, pool, "max", { email: "Max@Example.com" });
    assert.equal((await errorOf(() => getUser(t, pool, "max@example.com"))).name, "UserNotFoundException");
  });

  it("treats aliases differing only in case as taken", async () => {
    const pool = await newPool(t, insensitive);
    await createUser(t, pool, "ned", { email: "Ned@Example.com", email_verified: "true", preferred_username: "Neddy" });
    let err = await errorOf(() => createUser(t, pool, "other", { preferred_username: "NEDDY" }));
    assert.equal(err.name, "AliasExistsException");
    assert.equal(err.message, "An account with the preferred_username already exists.");
    err = await errorOf(() => createUser(t, pool, "other", { email: "ned@example.COM", email_verified: "true" }));
    assert.equal(err.name, "AliasExistsException");
    assert.equal(err.message, "An account with the email already exists.");
    await createUser(t, pool, "olga");
    err = await errorOf(() =>
      t.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: pool,
          Username: "olga",
          UserAttributes: [{ Name: "preferred_username", Value: "neddy" }],
        }),
      ),
    );
    assert.equal(err.name, "AliasExistsException");
  });

  it("moves an alias of another case with ForceAliasCreation", async () => {
    const pool = await newPool(t, insensitive);
    await createUser(t, pool, "pia", { email: "Pia@Example.com", email_verified: "true" });
    await t.client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: "quinn",
        MessageAction: "SUPPRESS",
        ForceAliasCreation: true,
        UserAttributes: [
          { Name: "email", Value: "pia@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    assert.equal(attrs((await getUser(t, pool, "pia")).UserAttributes).email_verified, "false");
    assert.equal((await getUser(t, pool, "PIA@EXAMPLE.COM")).Username, "quinn");
  });

  it("keeps aliases case-sensitive in case-sensitive pools", async () => {
    const pool = await newPool(t, { AliasAttributes: ["email", "preferred_username"] });
    await createUser(t, pool, "rex", { email: "Rex@Example.com", email_verified: "true", preferred_username: "Rexy" });
    assert.equal((await getUser(t, pool, "Rex@Example.com")).Username, "rex");
    assert.equal((await errorOf(() => getUser(t, pool, "rex@example.com"))).name, "UserNotFoundException");
    assert.equal((await errorOf(() => getUser(t, pool, "rexy"))).name, "UserNotFoundException");
    await createUser(t, pool, "roy", { preferred_username: "REXY" });
    assert.equal((await getUser(t, pool, "REXY")).Username, "roy");
  });
});

describe("email as username in a case-insensitive pool", () => {
  const t = useCognate();

  it("refuses an email that differs only in case with UsernameExistsException", async () => {
    const pool = await newPool(t, { UsernameAttributes: ["email"], UsernameConfiguration: { CaseSensitive: false } });
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: pool, Username: "Dana@Example.com", MessageAction: "SUPPRESS" }),
    );
    const err = await errorOf(() =>
      t.client.send(
        new AdminCreateUserCommand({ UserPoolId: pool, Username: "dana@example.com", MessageAction: "SUPPRESS" }),
      ),
    );
    assert.equal(err.name, "UsernameExistsException");
    assert.equal(err.message, "An account with the given email already exists.");
    const { Username } = await t.client.send(
      new AdminGetUserCommand({ UserPoolId: pool, Username: "DANA@example.COM" }),
    );
    assert.match(Username!, /^[0-9a-f-]{36}$/);
  });
});
