import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AddCustomAttributesCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetCSVHeaderCommand,
  ListTagsForResourceCommand,
  ListUserPoolsCommand,
  type ListUserPoolsCommandInput,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate } from "../helpers/cognate.js";

describe("user pools", () => {
  const t = useCognate();

  it("creates a pool with Cognito's defaults", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "MyUserPool" }));
    assert.ok(UserPool);
    assert.match(UserPool.Id!, /^us-east-1_[0-9a-zA-Z]{9}$/);
    assert.equal(UserPool.Name, "MyUserPool");
    assert.equal(UserPool.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${UserPool.Id}`);
    assert.equal(UserPool.MfaConfiguration, "OFF");
    assert.equal(UserPool.DeletionProtection, "INACTIVE");
    assert.equal(UserPool.UserPoolTier, "ESSENTIALS");
    assert.equal(UserPool.EstimatedNumberOfUsers, 0);
    assert.deepEqual(UserPool.Policies?.PasswordPolicy, {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    });
    assert.deepEqual(UserPool.AdminCreateUserConfig, { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
    assert.deepEqual(UserPool.LambdaConfig, {});
    assert.equal(UserPool.VerificationMessageTemplate?.DefaultEmailOption, "CONFIRM_WITH_CODE");
    assert.deepEqual(UserPool.EmailConfiguration, { EmailSendingAccount: "COGNITO_DEFAULT" });
    assert.ok(UserPool.CreationDate instanceof Date);
    assert.ok(UserPool.LastModifiedDate instanceof Date);
    assert.equal(UserPool.Domain, undefined);
    assert.equal(UserPool.UsernameAttributes, undefined);
    assert.equal(UserPool.AliasAttributes, undefined);
    const names = UserPool.SchemaAttributes!.map((a) => a.Name);
    assert.equal(names[0], "sub");
    assert.equal(names.length, 20);
    // The standard attributes are the documented set.
    assert.deepEqual([...names].sort(), [
      "address",
      "birthdate",
      "email",
      "email_verified",
      "family_name",
      "gender",
      "given_name",
      "locale",
      "middle_name",
      "name",
      "nickname",
      "phone_number",
      "phone_number_verified",
      "picture",
      "preferred_username",
      "profile",
      "sub",
      "updated_at",
      "website",
      "zoneinfo",
    ]);
    const updatedAt = UserPool.SchemaAttributes!.find((a) => a.Name === "updated_at")!;
    assert.equal(updatedAt.AttributeDataType, "Number");
    assert.deepEqual(updatedAt.NumberAttributeConstraints, { MinValue: "0" });
    assert.equal(UserPool.SchemaAttributes!.find((a) => a.Name === "email_verified")!.AttributeDataType, "Boolean");
    assert.deepEqual(UserPool.SchemaAttributes![0], {
      Name: "sub",
      AttributeDataType: "String",
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: true,
      StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" },
    });
  });

  it("echoes the documented CreateUserPool example, with SnsRegion defaulted to the pool's region", async () => {
    const sms = {
      ExternalId: "my-role-external-id",
      SnsCallerArn: "arn:aws:iam::123456789012:role/service-role/test-cognito-SMS-Role",
    };
    const invite = {
      EmailMessage: "Your username is {username} and temporary password is {####}.",
      EmailSubject: "Your sign-in information",
      SMSMessage: "Your username is {username} and temporary password is {####}.",
    };
    const { UserPool: p } = await t.client.send(
      new CreateUserPoolCommand({
        PoolName: "documented",
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, InviteMessageTemplate: invite },
        AliasAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
        EmailVerificationMessage: "Your verification code is {####}.",
        EmailVerificationSubject: "Verify your email address",
        MfaConfiguration: "OPTIONAL",
        SmsConfiguration: sms,
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
        UsernameConfiguration: { CaseSensitive: true },
        UserPoolAddOns: { AdvancedSecurityMode: "OFF" },
        VerificationMessageTemplate: {
          DefaultEmailOption: "CONFIRM_WITH_CODE",
          EmailMessage: "Your confirmation code is {####}",
          EmailMessageByLink: "Choose this link to {##verify your email##}",
          EmailSubject: "Here is your confirmation code",
          EmailSubjectByLink: "Here is your confirmation link",
          SmsMessage: "Your confirmation code is {####}",
        },
      }),
    );
    assert.ok(p);
    assert.deepEqual(p.AdminCreateUserConfig, {
      AllowAdminCreateUserOnly: false,
      InviteMessageTemplate: invite,
      UnusedAccountValidityDays: 7,
    });
    assert.deepEqual(p.AccountRecoverySetting, { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] });
    assert.deepEqual(p.AliasAttributes, ["email"]);
    assert.deepEqual(p.DeviceConfiguration, {
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
    assert.equal(p.MfaConfiguration, "OPTIONAL");
    assert.deepEqual(p.UserAttributeUpdateSettings, { AttributesRequireVerificationBeforeUpdate: ["email"] });
    assert.deepEqual(p.UsernameConfiguration, { CaseSensitive: true });
    assert.deepEqual(p.UserPoolAddOns, { AdvancedSecurityMode: "OFF" });
    assert.equal(p.VerificationMessageTemplate?.EmailMessageByLink, "Choose this link to {##verify your email##}");
    assert.deepEqual(p.SmsConfiguration, { ...sms, SnsRegion: "us-east-1" });
    const { UserPool: described } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }));
    assert.equal(described!.SmsConfiguration?.SnsRegion, "us-east-1");
  });

  it("prefixes custom schema attributes with custom: and developer-only ones with dev:custom:", async () => {
    const { UserPool } = await t.client.send(
      new CreateUserPoolCommand({
        PoolName: "schema",
        Schema: [
          { Name: "tier", AttributeDataType: "String", Mutable: true },
          {
            AttributeDataType: "Number",
            DeveloperOnlyAttribute: true,
            Mutable: true,
            Name: "mydev",
            NumberAttributeConstraints: { MaxValue: "99", MinValue: "1" },
            Required: false,
            StringAttributeConstraints: { MaxLength: "99", MinLength: "1" },
          },
        ],
      }),
    );
    const names = UserPool!.SchemaAttributes!.map((a) => a.Name);
    assert.ok(names.includes("custom:tier"));
    // A Number attribute carries only its NumberAttributeConstraints.
    assert.deepEqual(
      UserPool!.SchemaAttributes!.find((a) => a.Name === "dev:custom:mydev"),
      {
        AttributeDataType: "Number",
        DeveloperOnlyAttribute: true,
        Mutable: true,
        Name: "dev:custom:mydev",
        NumberAttributeConstraints: { MaxValue: "99", MinValue: "1" },
        Required: false,
      },
    );
  });

  it("allows two pools of the same name", async () => {
    const a = await t.client.send(new CreateUserPoolCommand({ PoolName: "same-name" }));
    const b = await t.client.send(new CreateUserPoolCommand({ PoolName: "same-name" }));
    assert.notEqual(a.UserPool!.Id, b.UserPool!.Id);
  });

  it("validates the name, the password policy's ranges and the sign-in attributes", async () => {
    const name = await errorOf(() => t.client.send(new CreateUserPoolCommand({ PoolName: "bad/name" })));
    assert.equal(name.name, "InvalidParameterException");
    // MinimumLength 6..99, TemporaryPasswordValidityDays 0..365.
    for (const PasswordPolicy of [
      { MinimumLength: 5 },
      { MinimumLength: 100 },
      { TemporaryPasswordValidityDays: 366 },
    ]) {
      const err = await errorOf(() =>
        t.client.send(new CreateUserPoolCommand({ PoolName: "pw", Policies: { PasswordPolicy } })),
      );
      assert.equal(err.name, "InvalidParameterException", JSON.stringify(PasswordPolicy));
    }
    const both = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({ PoolName: "both", UsernameAttributes: ["email"], AliasAttributes: ["email"] }),
      ),
    );
    assert.equal(both.name, "InvalidParameterException");
    assert.equal(both.message, "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
  });

  it("shows PasswordHistorySize in DescribeUserPool only when it is set above 0", async () => {
    // PasswordPolicyType: "Password history isn't enforced and isn't displayed in DescribeUserPool responses
    // when you set this value to 0 or don't provide it."
    const describePolicy = async (policy: Record<string, number>) => {
      const { UserPool } = await t.client.send(
        new CreateUserPoolCommand({
          PoolName: "hist",
          Policies: { PasswordPolicy: { MinimumLength: 8, ...policy } },
        }),
      );
      const { UserPool: described } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }));
      return described!.Policies!.PasswordPolicy!;
    };
    assert.equal("PasswordHistorySize" in (await describePolicy({ PasswordHistorySize: 0 })), false);
    assert.equal("PasswordHistorySize" in (await describePolicy({})), false);
    assert.equal((await describePolicy({ PasswordHistorySize: 5 })).PasswordHistorySize, 5);
  });

  it("answers ResourceNotFoundException for an unknown pool", async () => {
    const err = await errorOf(() => t.client.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_nothere00" })));
    assert.equal(err.name, "ResourceNotFoundException");
    assert.equal(err.message, "User pool us-east-1_nothere00 does not exist.");
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  it("validates input against the model", async () => {
    const err = await errorOf(() => t.client.send(new DescribeUserPoolCommand({ UserPoolId: "bad id" })));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "1 validation error detected: Value 'bad id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    );
  });
});

describe("deleting, listing and describing pools", () => {
  const t = useCognate();
  const create = async (PoolName: string, extra: Partial<CreateUserPoolCommandInput> = {}) =>
    (await t.client.send(new CreateUserPoolCommand({ PoolName, ...extra }))).UserPool!;

  it("counts users in EstimatedNumberOfUsers", async () => {
    const pool = await create("counted");
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: pool.Id, Username: "alice", MessageAction: "SUPPRESS" }),
    );
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: pool.Id, Username: "bob", MessageAction: "SUPPRESS" }),
    );
    const { UserPool } = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
    assert.equal(UserPool?.EstimatedNumberOfUsers, 2);
  });

  it("deletes a pool and everything in it", async () => {
    const pool = await create("doomed", { UserPoolTags: { team: "a" } });
    await t.client.send(
      new AdminCreateUserCommand({ UserPoolId: pool.Id, Username: "alice", MessageAction: "SUPPRESS" }),
    );
    const { UserPoolClient } = await t.client.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: "app" }),
    );
    await t.client.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
    const err = await errorOf(() => t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id })));
    assert.equal(err.name, "ResourceNotFoundException");
    const clientErr = await errorOf(() =>
      t.client.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: UserPoolClient!.ClientId })),
    );
    assert.equal(clientErr.name, "ResourceNotFoundException");
    const tagsErr = await errorOf(() => t.client.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn })));
    assert.equal(tagsErr.name, "ResourceNotFoundException");
    const again = await errorOf(() => t.client.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id })));
    assert.equal(again.name, "ResourceNotFoundException");
    assert.equal(again.message, `User pool ${pool.Id} does not exist.`);
  });

  it("refuses to delete a pool with deletion protection until it is turned off", async () => {
    const pool = await create("protected", { DeletionProtection: "ACTIVE" });
    const err = await errorOf(() => t.client.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id })));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(
      err.message,
      "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
    );
    const still = await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
    assert.equal(still.UserPool!.DeletionProtection, "ACTIVE");
    await t.client.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, DeletionProtection: "INACTIVE" }));
    await t.client.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
  });

  it("refuses to delete a pool that still has a domain", async () => {
    const pool = await create("with-domain");
    const domain = `cognate-del-${Date.now()}`;
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: domain }));
    const err = await errorOf(() => t.client.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id })));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "User pool cannot be deleted. It has a domain configured that should be deleted first.");
    await t.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: domain }));
    await t.client.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
  });

  it("lists pools page by page as UserPoolDescriptionType", async () => {
    const other = new CognitoIdentityProviderClient({
      endpoint: t.url,
      region: "us-east-1",
      credentials: { accessKeyId: "111122223333", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    try {
      const ids: string[] = [];
      for (const name of ["p1", "p2", "p3"]) {
        ids.push((await other.send(new CreateUserPoolCommand({ PoolName: name, LambdaConfig: {} }))).UserPool!.Id!);
      }
      const first = await other.send(new ListUserPoolsCommand({ MaxResults: 2 }));
      assert.equal(first.UserPools?.length, 2);
      assert.ok(first.NextToken);
      const second = await other.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: first.NextToken }));
      assert.equal(second.UserPools?.length, 1);
      assert.equal(second.NextToken, undefined);
      const listed = [...first.UserPools!, ...second.UserPools!];
      assert.deepEqual(
        listed.map((p) => p.Id),
        ids,
      );
      assert.deepEqual(Object.keys(listed[0]!).sort(), [
        "CreationDate",
        "Id",
        "LambdaConfig",
        "LastModifiedDate",
        "Name",
      ]);
      assert.equal(listed[0]!.Name, "p1");
      assert.deepEqual(listed[0]!.LambdaConfig, {});
      assert.ok(listed[0]!.CreationDate instanceof Date);
      // Pools of another account never show.
      const mine = await t.client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.ok(mine.UserPools!.every((p) => !ids.includes(p.Id!)));
    } finally {
      other.destroy();
    }
  });

  it("lists only the pools of the request's region", async () => {
    const inRegion = (region: string) =>
      new CognitoIdentityProviderClient({
        endpoint: t.url,
        region,
        credentials: { accessKeyId: "444455556666", secretAccessKey: "x" },
        maxAttempts: 1,
      });
    const dublin = inRegion("eu-west-1");
    const virginia = inRegion("us-east-1");
    try {
      const created = (await dublin.send(new CreateUserPoolCommand({ PoolName: "dublin" }))).UserPool!;
      assert.match(created.Id!, /^eu-west-1_/);
      await virginia.send(new CreateUserPoolCommand({ PoolName: "virginia" }));
      const listed = async (client: CognitoIdentityProviderClient) =>
        (await client.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.map((p) => p.Name);
      assert.deepEqual(await listed(dublin), ["dublin"]);
      assert.deepEqual(await listed(virginia), ["virginia"]);
      // Nor can another region's endpoint reach the pool by its id.
      const elsewhere = await errorOf(() => virginia.send(new DescribeUserPoolCommand({ UserPoolId: created.Id })));
      assert.equal(elsewhere.name, "ResourceNotFoundException");
      assert.equal(elsewhere.message, `User pool ${created.Id} does not exist.`);
      assert.equal(
        (await dublin.send(new DescribeUserPoolCommand({ UserPoolId: created.Id }))).UserPool?.Name,
        "dublin",
      );
    } finally {
      dublin.destroy();
      virginia.destroy();
    }
  });

  it("validates ListUserPools input", async () => {
    const tooMany = await errorOf(() => t.client.send(new ListUserPoolsCommand({ MaxResults: 61 })));
    assert.equal(tooMany.name, "InvalidParameterException");
    const zero = await errorOf(() => t.client.send(new ListUserPoolsCommand({ MaxResults: 0 })));
    assert.equal(zero.name, "InvalidParameterException");
    const missing = await errorOf(() => t.client.send(new ListUserPoolsCommand({} as ListUserPoolsCommandInput)));
    assert.equal(missing.name, "InvalidParameterException");
    const badToken = await errorOf(() =>
      t.client.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: "not-a-token-we-issued" })),
    );
    assert.equal(badToken.name, "InvalidParameterException");
  });
});

describe("custom attributes and the CSV header", () => {
  const t = useCognate();

  it("adds custom attributes with Cognito's defaults and prefixes", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "attrs" }));
    const before = UserPool!.LastModifiedDate!;
    await new Promise((r) => setTimeout(r, 5));
    await t.client.send(
      new AddCustomAttributesCommand({
        UserPoolId: UserPool!.Id,
        CustomAttributes: [
          { Name: "tenant", AttributeDataType: "String" },
          {
            Name: "level",
            AttributeDataType: "Number",
            Mutable: false,
            NumberAttributeConstraints: { MinValue: "1", MaxValue: "9" },
          },
          {
            Name: "secret",
            AttributeDataType: "String",
            DeveloperOnlyAttribute: true,
            StringAttributeConstraints: { MaxLength: "64" },
          },
        ],
      }),
    );
    const described = (await t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))).UserPool!;
    const schema = described.SchemaAttributes!;
    assert.equal(schema.length, 23);
    assert.deepEqual(schema[20], {
      Name: "custom:tenant",
      AttributeDataType: "String",
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: {},
    });
    assert.deepEqual(schema[21], {
      Name: "custom:level",
      AttributeDataType: "Number",
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: false,
      NumberAttributeConstraints: { MinValue: "1", MaxValue: "9" },
    });
    assert.equal(schema[22]!.Name, "dev:custom:secret");
    assert.equal(schema[22]!.DeveloperOnlyAttribute, true);
    assert.deepEqual(schema[22]!.StringAttributeConstraints, { MaxLength: "64" });
    assert.ok(described.LastModifiedDate! > before);

    const { CSVHeader, UserPoolId } = await t.client.send(new GetCSVHeaderCommand({ UserPoolId: UserPool!.Id }));
    assert.equal(UserPoolId, UserPool!.Id);
    assert.deepEqual(CSVHeader, [
      ...STANDARD_CSV,
      "custom:tenant",
      "custom:level",
      "dev:custom:secret",
      "cognito:mfa_enabled",
      "cognito:username",
    ]);
  });

  it("rejects a custom attribute that already exists", async () => {
    const { UserPool } = await t.client.send(
      new CreateUserPoolCommand({ PoolName: "dupes", Schema: [{ Name: "tenant", AttributeDataType: "String" }] }),
    );
    const err = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: UserPool!.Id,
          CustomAttributes: [{ Name: "tenant", AttributeDataType: "Number" }],
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Existing attribute already has name custom:tenant.");
    const devDupe = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: UserPool!.Id,
          CustomAttributes: [{ Name: "tenant", AttributeDataType: "String", DeveloperOnlyAttribute: true }],
        }),
      ),
    );
    assert.equal(devDupe.name, "InvalidParameterException");
  });

  it("rejects required custom attributes, bad constraints and more than 50", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "limits" }));
    const required = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({ UserPoolId: UserPool!.Id, CustomAttributes: [{ Name: "x", Required: true }] }),
      ),
    );
    assert.equal(required.name, "InvalidParameterException");
    assert.equal(required.message, "Required custom attributes are not supported currently.");
    const inverted = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: UserPool!.Id,
          CustomAttributes: [
            { Name: "n", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "5", MaxValue: "1" } },
          ],
        }),
      ),
    );
    assert.equal(inverted.name, "InvalidParameterException");
    // Names are at most 20 characters.
    const longName = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({
          UserPoolId: UserPool!.Id,
          CustomAttributes: [{ Name: "a".repeat(21), AttributeDataType: "String" }],
        }),
      ),
    );
    assert.equal(longName.name, "InvalidParameterException");

    const batch = (from: number) =>
      Array.from({ length: 25 }, (_, i) => ({ Name: `a${from + i}`, AttributeDataType: "String" as const }));
    await t.client.send(new AddCustomAttributesCommand({ UserPoolId: UserPool!.Id, CustomAttributes: batch(0) }));
    await t.client.send(new AddCustomAttributesCommand({ UserPoolId: UserPool!.Id, CustomAttributes: batch(25) }));
    const tooMany = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({ UserPoolId: UserPool!.Id, CustomAttributes: [{ Name: "one_more" }] }),
      ),
    );
    assert.equal(tooMany.name, "InvalidParameterException");
    // Nothing of a refused request is kept.
    const schema = (await t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))).UserPool!
      .SchemaAttributes!;
    assert.equal(schema.length, 70);
  });

  it("gives the standard CSV header for a new pool and answers unknown pools", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "csv" }));
    const { CSVHeader } = await t.client.send(new GetCSVHeaderCommand({ UserPoolId: UserPool!.Id }));
    assert.deepEqual(CSVHeader, [...STANDARD_CSV, "cognito:mfa_enabled", "cognito:username"]);
    const err = await errorOf(() => t.client.send(new GetCSVHeaderCommand({ UserPoolId: "us-east-1_nothere00" })));
    assert.equal(err.name, "ResourceNotFoundException");
    const addErr = await errorOf(() =>
      t.client.send(
        new AddCustomAttributesCommand({ UserPoolId: "us-east-1_nothere00", CustomAttributes: [{ Name: "x" }] }),
      ),
    );
    assert.equal(addErr.name, "ResourceNotFoundException");
  });
});

describe("tags", () => {
  const t = useCognate();

  it("round-trips tags through TagResource, UntagResource, ListTagsForResource and DescribeUserPool", async () => {
    const { UserPool } = await t.client.send(
      new CreateUserPoolCommand({ PoolName: "tagged", UserPoolTags: { team: "auth" } }),
    );
    const arn = UserPool!.Arn!;
    assert.deepEqual(UserPool!.UserPoolTags, { team: "auth" });
    assert.deepEqual((await t.client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, {
      team: "auth",
    });

    await t.client.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: "dev", team: "identity" } }));
    assert.deepEqual((await t.client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, {
      team: "identity",
      env: "dev",
    });
    let described = (await t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))).UserPool!;
    assert.deepEqual(described.UserPoolTags, { team: "identity", env: "dev" });

    await t.client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["team", "absent"] }));
    assert.deepEqual((await t.client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { env: "dev" });
    described = (await t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))).UserPool!;
    assert.deepEqual(described.UserPoolTags, { env: "dev" });

    await t.client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["env"] }));
    assert.deepEqual((await t.client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, {});
    described = (await t.client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))).UserPool!;
    assert.equal(described.UserPoolTags, undefined);
  });

  it("answers ResourceNotFoundException for ARNs that are not this account's pools", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "mine" }));
    const arns = [
      "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_nothere00",
      UserPool!.Arn!.replace(":000000000000:", ":999999999999:"),
      UserPool!.Arn!.replace(":us-east-1:", ":eu-west-1:"),
      "arn:aws:s3:us-east-1:000000000000:bucket/x",
    ];
    for (const arn of arns) {
      for (const send of [
        () => t.client.send(new ListTagsForResourceCommand({ ResourceArn: arn })),
        () => t.client.send(new TagResourceCommand({ ResourceArn: arn, Tags: { a: "b" } })),
        () => t.client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["a"] })),
      ]) {
        const err = await errorOf(send);
        assert.equal(err.name, "ResourceNotFoundException", arn);
      }
    }
  });

  it("allows at most 50 tags", async () => {
    const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "many-tags" }));
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    await t.client.send(new TagResourceCommand({ ResourceArn: UserPool!.Arn, Tags: tags }));
    const err = await errorOf(() =>
      t.client.send(new TagResourceCommand({ ResourceArn: UserPool!.Arn, Tags: { k50: "v" } })),
    );
    assert.equal(err.name, "InvalidParameterException");
    const { Tags } = await t.client.send(new ListTagsForResourceCommand({ ResourceArn: UserPool!.Arn }));
    assert.equal(Object.keys(Tags!).length, 50);
  });
});

/** Cognito's CSV import columns for the standard attributes (all but sub). */
const STANDARD_CSV = [
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "email",
  "email_verified",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
];
