import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  CreateUserPoolDomainCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListTagsForResourceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate } from "../helpers/cognate.js";

/** A response without the SDK's $metadata, for whole-object comparisons. */
const withoutMetadata = <T extends { $metadata?: unknown }>(response: T): Omit<T, "$metadata"> =>
  Object.fromEntries(Object.entries(response).filter(([key]) => key !== "$metadata")) as Omit<T, "$metadata">;

const SMS = { SnsCallerArn: "arn:aws:iam::000000000000:role/sms", ExternalId: "ext" };
/** What Cognito answers for SMS: SnsRegion defaults to the pool's region. */
const SMS_ANSWERED = { ...SMS, SnsRegion: "us-east-1" };
const DEVELOPER_EMAIL = {
  EmailSendingAccount: "DEVELOPER" as const,
  SourceArn: "arn:aws:ses:us-east-1:000000000000:identity/no-reply@example.com",
  From: "no-reply@example.com",
};

describe("UpdateUserPool", () => {
  const t = useCognate();
  const create = async (PoolName: string, extra: Partial<CreateUserPoolCommandInput> = {}) =>
    (await t.client.send(new CreateUserPoolCommand({ PoolName, ...extra }))).UserPool!;
  const describePool = async (UserPoolId: string) =>
    (await t.client.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!;

  it("resets every setting it is not given but keeps the pool's identity", async () => {
    const pool = await create("before", {
      UsernameAttributes: ["email"],
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [{ Name: "tenant", AttributeDataType: "String" }],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
      AutoVerifiedAttributes: ["email"],
      DeletionProtection: "ACTIVE",
      UserPoolTags: { team: "auth" },
      UserPoolTier: "PLUS",
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 3 },
      EmailVerificationSubject: "Verify",
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      LambdaConfig: {
        PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:MyFunction",
        PostConfirmation: "arn:aws:lambda:us-east-1:123456789012:function:MyFunction",
      },
      VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" },
      EmailConfiguration: DEVELOPER_EMAIL,
    });
    await new Promise((r) => setTimeout(r, 5));
    const answer = await t.client.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, PoolName: "after" }));
    assert.deepEqual(
      Object.keys(answer).filter((k) => k !== "$metadata"),
      [],
    );

    const updated = await describePool(pool.Id!);
    assert.equal(updated.Id, pool.Id);
    assert.equal(updated.Name, "after");
    assert.equal(updated.Arn, pool.Arn);
    assert.deepEqual(updated.CreationDate, pool.CreationDate);
    assert.ok(updated.LastModifiedDate! > pool.LastModifiedDate!);
    // Kept: identity, sign-in attributes, schema, tags and the feature plan.
    assert.deepEqual(updated.UsernameAttributes, ["email"]);
    assert.deepEqual(updated.UsernameConfiguration, { CaseSensitive: false });
    assert.deepEqual(updated.SchemaAttributes, pool.SchemaAttributes);
    assert.deepEqual(updated.UserPoolTags, { team: "auth" });
    assert.equal(updated.UserPoolTier, "PLUS");
    // Reset to defaults.
    assert.equal(updated.DeletionProtection, "INACTIVE");
    assert.equal(updated.AutoVerifiedAttributes, undefined);
    assert.equal(updated.EmailVerificationSubject, undefined);
    assert.equal(updated.MfaConfiguration, "OFF");
    assert.deepEqual(updated.Policies?.PasswordPolicy, {
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    });
    assert.deepEqual(updated.AdminCreateUserConfig, { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
    assert.deepEqual(updated.EmailConfiguration, { EmailSendingAccount: "COGNITO_DEFAULT" });
    assert.equal(updated.DeviceConfiguration, undefined);
    // Triggers left out are removed.
    assert.deepEqual(updated.LambdaConfig, {});
    assert.equal(updated.VerificationMessageTemplate?.DefaultEmailOption, "CONFIRM_WITH_CODE");
  });

  it("applies the settings it is given, keeps the name when PoolName is absent and keeps the domain", async () => {
    const pool = await create("settings");
    const domain = `cognate-upd-${Date.now()}`;
    await t.client.send(new CreateUserPoolDomainCommand({ UserPoolId: pool.Id, Domain: domain }));
    await t.client.send(
      new UpdateUserPoolCommand({
        UserPoolId: pool.Id,
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true } },
        AutoVerifiedAttributes: ["email"],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
        DeletionProtection: "ACTIVE",
        LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:000000000000:function:pre" },
        UserPoolTier: "LITE",
      }),
    );
    const updated = await describePool(pool.Id!);
    assert.equal(updated.Name, "settings");
    assert.equal(updated.Domain, domain);
    assert.equal(updated.DeletionProtection, "ACTIVE");
    assert.equal(updated.UserPoolTier, "LITE");
    assert.deepEqual(updated.AutoVerifiedAttributes, ["email"]);
    assert.deepEqual(updated.UserAttributeUpdateSettings, { AttributesRequireVerificationBeforeUpdate: ["email"] });
    assert.deepEqual(updated.LambdaConfig, { PreSignUp: "arn:aws:lambda:us-east-1:000000000000:function:pre" });
    assert.deepEqual(updated.Policies?.PasswordPolicy, {
      MinimumLength: 10,
      RequireUppercase: false,
      RequireLowercase: false,
      RequireNumbers: true,
      RequireSymbols: false,
      TemporaryPasswordValidityDays: 7,
    });
  });

  it("replaces the tags when UserPoolTags is given", async () => {
    const pool = await create("retag", { UserPoolTags: { team: "auth", env: "dev" } });
    await t.client.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, UserPoolTags: { owner: "me" } }));
    assert.deepEqual((await describePool(pool.Id!)).UserPoolTags, { owner: "me" });
    assert.deepEqual((await t.client.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn }))).Tags, {
      owner: "me",
    });
  });

  it("rejects inconsistent settings and unknown pools", async () => {
    const pool = await create("checks");
    const verify = await errorOf(() =>
      t.client.send(
        new UpdateUserPoolCommand({
          UserPoolId: pool.Id,
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
        }),
      ),
    );
    assert.equal(verify.name, "InvalidParameterException");
    assert.equal(
      verify.message,
      "All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes",
    );

    const tier = await errorOf(() =>
      t.client.send(
        new UpdateUserPoolCommand({ UserPoolId: pool.Id, UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } }),
      ),
    );
    assert.equal(tier.name, "FeatureUnavailableInTierException");
    await t.client.send(
      new UpdateUserPoolCommand({
        UserPoolId: pool.Id,
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      }),
    );
    assert.deepEqual((await describePool(pool.Id!)).UserPoolAddOns, { AdvancedSecurityMode: "ENFORCED" });

    const minLength = await errorOf(() =>
      t.client.send(
        new UpdateUserPoolCommand({ UserPoolId: pool.Id, Policies: { PasswordPolicy: { MinimumLength: 5 } } }),
      ),
    );
    assert.equal(minLength.name, "InvalidParameterException");

    const missing = await errorOf(() =>
      t.client.send(new UpdateUserPoolCommand({ UserPoolId: "us-east-1_nothere00" })),
    );
    assert.equal(missing.name, "ResourceNotFoundException");
    assert.equal(missing.message, "User pool us-east-1_nothere00 does not exist.");
  });

  it("turns MFA on only with a factor, and SMS MFA with an SMS configuration", async () => {
    const pool = await create("mfa-update");
    const noFactor = await errorOf(() =>
      t.client.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, MfaConfiguration: "ON" })),
    );
    assert.equal(noFactor.name, "InvalidParameterException");
    assert.equal(
      noFactor.message,
      "SMS configuration and Auto verification for phone_number are required when MFA is required/optional",
    );

    await t.client.send(
      new UpdateUserPoolCommand({
        UserPoolId: pool.Id,
        MfaConfiguration: "OPTIONAL",
        SmsConfiguration: SMS,
        SmsAuthenticationMessage: "Code {####}",
      }),
    );
    assert.equal((await describePool(pool.Id!)).MfaConfiguration, "OPTIONAL");
    const mfa = await t.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.Id }));
    assert.equal(mfa.MfaConfiguration, "OPTIONAL");
    assert.deepEqual(mfa.SmsMfaConfiguration, {
      SmsAuthenticationMessage: "Code {####}",
      SmsConfiguration: SMS_ANSWERED,
    });

    // An update that leaves MfaConfiguration out turns MFA off again.
    await t.client.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id }));
    const off = await t.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.Id }));
    assert.equal(off.MfaConfiguration, "OFF");
    assert.equal(off.SmsMfaConfiguration, undefined);
  });
});

describe("user pool MFA configuration", () => {
  const t = useCognate();
  const create = async (PoolName: string, extra: Partial<CreateUserPoolCommandInput> = {}) =>
    (await t.client.send(new CreateUserPoolCommand({ PoolName, ...extra }))).UserPool!;
  const getMfa = async (UserPoolId: string) => {
    return withoutMetadata(await t.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId })));
  };

  it("reports MFA off with no factors for a new pool", async () => {
    const pool = await create("fresh");
    assert.deepEqual(await getMfa(pool.Id!), {
      MfaConfiguration: "OFF",
      SoftwareTokenMfaConfiguration: { Enabled: false },
      WebAuthnConfiguration: { UserVerification: "preferred" },
    });
  });

  it("turns on authenticator-app MFA and shows it in DescribeUserPool", async () => {
    const pool = await create("totp");
    const answer = withoutMetadata(
      await t.client.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: pool.Id,
          MfaConfiguration: "ON",
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      ),
    );
    const expected = {
      MfaConfiguration: "ON",
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { UserVerification: "preferred" },
    };
    assert.deepEqual(answer, expected);
    assert.deepEqual(await getMfa(pool.Id!), expected);
    const described = (await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    assert.equal(described.MfaConfiguration, "ON");
  });

  it("turns off factors the request leaves out", async () => {
    const pool = await create("swap");
    await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.Id,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.Id,
        MfaConfiguration: "OPTIONAL",
        SmsMfaConfiguration: { SmsAuthenticationMessage: "Your code is {####}", SmsConfiguration: SMS },
      }),
    );
    const mfa = await getMfa(pool.Id!);
    assert.deepEqual(mfa.SoftwareTokenMfaConfiguration, { Enabled: false });
    assert.deepEqual(mfa.SmsMfaConfiguration, {
      SmsAuthenticationMessage: "Your code is {####}",
      SmsConfiguration: SMS_ANSWERED,
    });
    const described = (await t.client.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool!;
    assert.deepEqual(described.SmsConfiguration, SMS_ANSWERED);
    assert.equal(described.SmsAuthenticationMessage, "Your code is {####}");
  });

  it("rejects MFA on or optional without a factor, and factors with MFA off", async () => {
    const pool = await create("rules");
    for (const MfaConfiguration of ["OPTIONAL", "ON"] as const) {
      const none = await errorOf(() =>
        t.client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.Id, MfaConfiguration })),
      );
      assert.equal(none.name, "InvalidParameterException", MfaConfiguration);
      assert.equal(
        none.message,
        "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
        MfaConfiguration,
      );
    }
    const disabledOnly = await errorOf(() =>
      t.client.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: pool.Id,
          MfaConfiguration: "ON",
          SoftwareTokenMfaConfiguration: { Enabled: false },
        }),
      ),
    );
    assert.equal(disabledOnly.name, "InvalidParameterException");
    const offWithFactor = await errorOf(() =>
      t.client.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: pool.Id,
          MfaConfiguration: "OFF",
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      ),
    );
    assert.equal(offWithFactor.name, "InvalidParameterException");
    assert.equal(
      offWithFactor.message,
      "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
    );
    // Nothing changed.
    assert.equal((await getMfa(pool.Id!)).MfaConfiguration, "OFF");
  });

  it("needs an SMS configuration for SMS MFA", async () => {
    const pool = await create("sms");
    const err = await errorOf(() =>
      t.client.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: pool.Id,
          MfaConfiguration: "ON",
          SmsMfaConfiguration: { SmsAuthenticationMessage: "Code {####}" },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    // A pool that already has an SMS configuration can turn SMS MFA on without repeating it.
    const withSms = await create("sms-ready", { SmsConfiguration: SMS });
    await t.client.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: withSms.Id, MfaConfiguration: "ON", SmsMfaConfiguration: {} }),
    );
    assert.deepEqual((await getMfa(withSms.Id!)).SmsMfaConfiguration, { SmsConfiguration: SMS_ANSWERED });
  });

  it("allows email MFA only with a developer email configuration and a plan above LITE", async () => {
    const defaultEmail = await create("email-default");
    const sender = await errorOf(() =>
      t.client.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: defaultEmail.Id,
          MfaConfiguration: "OPTIONAL",
          EmailMfaConfiguration: {},
        }),
      ),
    );
    assert.equal(sender.name, "InvalidParameterException");

    const lite = await create("email-lite", { UserPoolTier: "LITE", EmailConfiguration: DEVELOPER_EMAIL });
    const tier = await errorOf(() =>
      t.client.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: lite.Id,
          MfaConfiguration: "OPTIONAL",
          EmailMfaConfiguration: {},
        }),
      ),
    );
    assert.equal(tier.name, "FeatureUnavailableInTierException");

    const ready = await create("email-ready", { EmailConfiguration: DEVELOPER_EMAIL });
    const email = { Message: "Sign-in code {####}", Subject: "Your code" };
    const answer = await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: ready.Id,
        MfaConfiguration: "OPTIONAL",
        EmailMfaConfiguration: email,
      }),
    );
    assert.deepEqual(answer.EmailMfaConfiguration, email);
    assert.deepEqual((await getMfa(ready.Id!)).EmailMfaConfiguration, email);
  });

  it("keeps the WebAuthn settings, which are independent of MFA", async () => {
    const pool = await create("passkeys");
    await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.Id,
        MfaConfiguration: "OFF",
        WebAuthnConfiguration: { RelyingPartyId: "auth.example.com", UserVerification: "required" },
      }),
    );
    const webAuthn = { RelyingPartyId: "auth.example.com", UserVerification: "required" };
    assert.deepEqual((await getMfa(pool.Id!)).WebAuthnConfiguration, webAuthn);
    await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.Id,
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    assert.deepEqual((await getMfa(pool.Id!)).WebAuthnConfiguration, webAuthn);

    const relyingParty = await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.Id,
        SoftwareTokenMfaConfiguration: { Enabled: true },
        WebAuthnConfiguration: { RelyingPartyId: "login.example.com" },
      }),
    );
    // MfaConfiguration left out keeps the current mode.
    assert.equal(relyingParty.MfaConfiguration, "OPTIONAL");
    assert.deepEqual(relyingParty.WebAuthnConfiguration, {
      RelyingPartyId: "login.example.com",
      UserVerification: "preferred",
    });
  });

  it("lets CreateUserPool turn MFA on only with an SMS configuration", async () => {
    const err = await errorOf(() =>
      t.client.send(new CreateUserPoolCommand({ PoolName: "mfa-create", MfaConfiguration: "ON" })),
    );
    assert.equal(err.name, "InvalidParameterException");
    const pool = await create("mfa-create", { MfaConfiguration: "ON", SmsConfiguration: SMS });
    const mfa = await getMfa(pool.Id!);
    assert.equal(mfa.MfaConfiguration, "ON");
    assert.deepEqual(mfa.SmsMfaConfiguration, { SmsConfiguration: SMS_ANSWERED });
  });

  it("keeps enabled factors when UpdateUserPool keeps MFA on", async () => {
    const pool = await create("mfa-kept");
    await t.client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.Id,
        MfaConfiguration: "ON",
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    await t.client.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, MfaConfiguration: "ON" }));
    const mfa = await getMfa(pool.Id!);
    assert.equal(mfa.MfaConfiguration, "ON");
    assert.deepEqual(mfa.SoftwareTokenMfaConfiguration, { Enabled: true });
  });

  it("answers ResourceNotFoundException for unknown pools", async () => {
    for (const send of [
      () => t.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: "us-east-1_nothere00" })),
      () =>
        t.client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: "us-east-1_nothere00", MfaConfiguration: "OFF" })),
    ]) {
      const err = await errorOf(send);
      assert.equal(err.name, "ResourceNotFoundException");
      assert.equal(err.message, "User pool us-east-1_nothere00 does not exist.");
    }
  });
});

describe("feature plan gates and trigger settings in CreateUserPool", () => {
  const t = useCognate();
  const arn = "arn:aws:lambda:us-east-1:123456789012:function:MyFunction";

  it("requires the Plus plan for threat protection", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({ PoolName: "tp", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } }),
      ),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
  });

  it("requires the Essentials plan for passwordless first factors in the SignInPolicy", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({
          PoolName: "lite-passwordless",
          UserPoolTier: "LITE",
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
        }),
      ),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
  });

  it("refuses V2_0 pre token generation (access token customization) in the Lite plan and keeps it in Essentials", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({
          PoolName: "lite-v2",
          UserPoolTier: "LITE",
          LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: arn } },
        }),
      ),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
    const { UserPool } = await t.client.send(
      new CreateUserPoolCommand({
        PoolName: "essentials-v2",
        LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: arn } },
      }),
    );
    assert.deepEqual(UserPool!.LambdaConfig?.PreTokenGenerationConfig, { LambdaVersion: "V2_0", LambdaArn: arn });
  });

  it("requires PreTokenGeneration and PreTokenGenerationConfig.LambdaArn to be the same when both are set", async () => {
    const err = await errorOf(() =>
      t.client.send(
        new CreateUserPoolCommand({
          PoolName: "mismatch",
          LambdaConfig: {
            PreTokenGeneration: arn,
            PreTokenGenerationConfig: { LambdaVersion: "V1_0", LambdaArn: `${arn}Other` },
          },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });
});
