/**
 * Acceptance: what is left of the password administration and client library journeys after
 * folding them into test/e2e. DescribeUserPool belongs with test/e2e/pools.test.ts, which another
 * change owns; move this test there and delete this file.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CreateUserPoolCommand, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { useCognate } from "../helpers/cognate.js";

describe("password policy in DescribeUserPool", () => {
  const t = useCognate();

  it("PasswordHistorySize 0 is not displayed in DescribeUserPool; a set size is", async () => {
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
});
