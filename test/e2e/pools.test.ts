import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CreateUserPoolCommand, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
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
    assert.ok(UserPool.CreationDate instanceof Date);
    const names = UserPool.SchemaAttributes!.map((a) => a.Name);
    assert.equal(names[0], "sub");
    assert.equal(names.length, 20);
    assert.deepEqual(UserPool.SchemaAttributes![0], {
      Name: "sub",
      AttributeDataType: "String",
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: true,
      StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" },
    });
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
