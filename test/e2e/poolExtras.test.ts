import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeRiskConfigurationCommand,
  GetLogDeliveryConfigurationCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { errorOf, useCognate, type TestCognate } from "../helpers/cognate.js";

const MISSING_POOL = "us-east-1_nothere00";
const MISSING_CLIENT = "nothere0000000000000000000";
const LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:cognito-logs";
const BUCKET = "arn:aws:s3:::cognito-logs";
const STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/cognito";
const SES = "arn:aws:ses:us-east-1:123456789012:identity/security@example.com";

async function newPool(t: TestCognate, extra: Partial<CreateUserPoolCommandInput> = {}): Promise<string> {
  const { UserPool } = await t.client.send(new CreateUserPoolCommand({ PoolName: "extras", ...extra }));
  return UserPool!.Id!;
}

const plusPool = (t: TestCognate) =>
  newPool(t, { UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } });

async function newClient(t: TestCognate, poolId: string): Promise<string> {
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web" }),
  );
  return UserPoolClient!.ClientId!;
}

describe("log delivery configuration", () => {
  const t = useCognate();

  it("answers only the pool id for a pool that never configured logging", async () => {
    // Terraform reads a missing LogConfigurations member as "no configuration".
    const poolId = await newPool(t);
    const { LogDeliveryConfiguration } = await t.client.send(
      new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }),
    );
    assert.deepEqual(LogDeliveryConfiguration, { UserPoolId: poolId });
  });

  it("stores notification logs to CloudWatch Logs on any tier", async () => {
    const poolId = await newPool(t, { UserPoolTier: "LITE" });
    const configs = [
      {
        LogLevel: "ERROR" as const,
        EventSource: "userNotification" as const,
        CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP },
      },
    ];
    const set = await t.client.send(
      new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: configs }),
    );
    assert.deepEqual(set.LogDeliveryConfiguration, { UserPoolId: poolId, LogConfigurations: configs });
    const got = await t.client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
    assert.deepEqual(got.LogDeliveryConfiguration, set.LogDeliveryConfiguration);
  });

  it("stores user-activity logs to S3 or Firehose on the Plus tier, and clears with an empty list", async () => {
    const poolId = await newPool(t, { UserPoolTier: "PLUS" });
    for (const destination of [
      { S3Configuration: { BucketArn: BUCKET } },
      { FirehoseConfiguration: { StreamArn: STREAM } },
    ]) {
      const configs = [
        {
          LogLevel: "ERROR" as const,
          EventSource: "userNotification" as const,
          CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP },
        },
        { LogLevel: "INFO" as const, EventSource: "userAuthEvents" as const, ...destination },
      ];
      await t.client.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: configs }));
      const got = await t.client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
      assert.deepEqual(got.LogDeliveryConfiguration?.LogConfigurations, configs);
    }
    const off = await t.client.send(
      new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: [] }),
    );
    assert.deepEqual(off.LogDeliveryConfiguration, { UserPoolId: poolId });
    const cleared = await t.client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
    assert.deepEqual(cleared.LogDeliveryConfiguration, { UserPoolId: poolId });
  });

  it("requires the Plus tier for user-activity logs", async () => {
    const poolId = await newPool(t);
    const err = await errorOf(() =>
      t.client.send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId: poolId,
          LogConfigurations: [
            { LogLevel: "INFO", EventSource: "userAuthEvents", S3Configuration: { BucketArn: BUCKET } },
          ],
        }),
      ),
    );
    assert.equal(err.name, "FeatureUnavailableInTierException");
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });

  it("refuses inconsistent configurations", async () => {
    const poolId = await newPool(t, { UserPoolTier: "PLUS" });
    const cw = { CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } };
    const bad = [
      // no destination, two destinations
      [{ LogLevel: "ERROR", EventSource: "userNotification" }],
      [{ LogLevel: "ERROR", EventSource: "userNotification", ...cw, S3Configuration: { BucketArn: BUCKET } }],
      // notification logs: ERROR level, CloudWatch only
      [{ LogLevel: "INFO", EventSource: "userNotification", ...cw }],
      [{ LogLevel: "ERROR", EventSource: "userNotification", S3Configuration: { BucketArn: BUCKET } }],
      // user-activity logs: INFO level
      [{ LogLevel: "ERROR", EventSource: "userAuthEvents", ...cw }],
      // one configuration per event source
      [
        { LogLevel: "ERROR", EventSource: "userNotification", ...cw },
        { LogLevel: "ERROR", EventSource: "userNotification", ...cw },
      ],
    ] as const;
    for (const LogConfigurations of bad) {
      const err = await errorOf(() =>
        t.client.send(
          new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: [...LogConfigurations] }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException", JSON.stringify(LogConfigurations));
    }
    const got = await t.client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
    assert.equal(got.LogDeliveryConfiguration?.LogConfigurations, undefined);
  });

  it("validates ARNs and enums against the model", async () => {
    const poolId = await newPool(t);
    const err = await errorOf(() =>
      t.client.send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId: poolId,
          LogConfigurations: [
            {
              LogLevel: "ERROR",
              EventSource: "userNotification",
              CloudWatchLogsConfiguration: { LogGroupArn: "nope" },
            },
          ],
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
  });

  it("answers ResourceNotFoundException for an unknown pool", async () => {
    const get = await errorOf(() =>
      t.client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: MISSING_POOL })),
    );
    assert.equal(get.name, "ResourceNotFoundException");
    assert.equal(get.message, `User pool ${MISSING_POOL} does not exist.`);
    const set = await errorOf(() =>
      t.client.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: MISSING_POOL, LogConfigurations: [] })),
    );
    assert.equal(set.name, "ResourceNotFoundException");
  });
});

describe("risk configuration", () => {
  const t = useCognate();
  const compromised = {
    EventFilter: ["SIGN_IN" as const, "SIGN_UP" as const],
    Actions: { EventAction: "BLOCK" as const },
  };
  const takeover = {
    NotifyConfiguration: {
      SourceArn: SES,
      From: "security@example.com",
      BlockEmail: { Subject: "Blocked", TextBody: "We blocked a sign-in." },
    },
    Actions: {
      LowAction: { Notify: false, EventAction: "NO_ACTION" as const },
      MediumAction: { Notify: true, EventAction: "MFA_IF_CONFIGURED" as const },
      HighAction: { Notify: true, EventAction: "BLOCK" as const },
    },
  };
  const exceptions = { BlockedIPRangeList: ["192.0.2.0/24"], SkippedIPRangeList: ["10.0.0.0/8", "2001:db8::/32"] };

  it("sets and describes the pool-wide configuration", async () => {
    const poolId = await plusPool(t);
    const { RiskConfiguration } = await t.client.send(
      new SetRiskConfigurationCommand({
        UserPoolId: poolId,
        CompromisedCredentialsRiskConfiguration: compromised,
        AccountTakeoverRiskConfiguration: takeover,
        RiskExceptionConfiguration: exceptions,
      }),
    );
    assert.equal(RiskConfiguration?.UserPoolId, poolId);
    assert.equal(RiskConfiguration?.ClientId, "ALL");
    assert.deepEqual(RiskConfiguration?.CompromisedCredentialsRiskConfiguration, compromised);
    assert.deepEqual(RiskConfiguration?.AccountTakeoverRiskConfiguration, takeover);
    assert.deepEqual(RiskConfiguration?.RiskExceptionConfiguration, exceptions);
    assert.ok(RiskConfiguration?.LastModifiedDate instanceof Date);
    const described = await t.client.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId }));
    assert.deepEqual(described.RiskConfiguration, RiskConfiguration);
  });

  it("answers only the ids when nothing is configured", async () => {
    const poolId = await plusPool(t);
    const pool = await t.client.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId }));
    assert.deepEqual(pool.RiskConfiguration, { UserPoolId: poolId });
    const clientId = await newClient(t, poolId);
    const client = await t.client.send(
      new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    assert.deepEqual(client.RiskConfiguration, { UserPoolId: poolId, ClientId: clientId });
  });

  it("lets a client inherit the pool's configuration or override it, and reset to inheriting", async () => {
    const poolId = await plusPool(t);
    const clientId = await newClient(t, poolId);
    await t.client.send(
      new SetRiskConfigurationCommand({ UserPoolId: poolId, RiskExceptionConfiguration: exceptions }),
    );
    const inherited = await t.client.send(
      new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    assert.equal(inherited.RiskConfiguration?.ClientId, "ALL");
    assert.deepEqual(inherited.RiskConfiguration?.RiskExceptionConfiguration, exceptions);

    const own = await t.client.send(
      new SetRiskConfigurationCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        CompromisedCredentialsRiskConfiguration: compromised,
      }),
    );
    assert.equal(own.RiskConfiguration?.ClientId, clientId);
    const described = await t.client.send(
      new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }),
    );
    assert.deepEqual(described.RiskConfiguration, own.RiskConfiguration);
    assert.equal(described.RiskConfiguration?.RiskExceptionConfiguration, undefined);

    // UserPoolId and ClientId alone: back to the pool's settings.
    await t.client.send(new SetRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    const reset = await t.client.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.equal(reset.RiskConfiguration?.ClientId, "ALL");
  });

  it("resets the pool to defaults when given only the pool id", async () => {
    const poolId = await plusPool(t);
    await t.client.send(
      new SetRiskConfigurationCommand({ UserPoolId: poolId, CompromisedCredentialsRiskConfiguration: compromised }),
    );
    const { RiskConfiguration } = await t.client.send(new SetRiskConfigurationCommand({ UserPoolId: poolId }));
    assert.equal(RiskConfiguration?.ClientId, "ALL");
    assert.equal(RiskConfiguration?.CompromisedCredentialsRiskConfiguration, undefined);
    const described = await t.client.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId }));
    assert.equal(described.RiskConfiguration?.CompromisedCredentialsRiskConfiguration, undefined);
  });

  it("accepts settings on a pool without threat protection (they apply once it is on)", async () => {
    // Terraform's acceptance tests set risk exceptions and compromised-credential actions on plain pools.
    const plain = await newPool(t);
    const set = await t.client.send(
      new SetRiskConfigurationCommand({
        UserPoolId: plain,
        RiskExceptionConfiguration: exceptions,
        CompromisedCredentialsRiskConfiguration: compromised,
      }),
    );
    assert.deepEqual(set.RiskConfiguration?.RiskExceptionConfiguration, exceptions);
    const described = await t.client.send(new DescribeRiskConfigurationCommand({ UserPoolId: plain }));
    assert.deepEqual(described.RiskConfiguration, set.RiskConfiguration);
  });

  it("refuses IP ranges that are not CIDR blocks", async () => {
    const poolId = await plusPool(t);
    for (const range of ["192.0.2.1", "192.0.2.0/33", "not-an-ip/8", "2001:db8::/129", "10.0.0.0/8/1"]) {
      const err = await errorOf(() =>
        t.client.send(
          new SetRiskConfigurationCommand({
            UserPoolId: poolId,
            RiskExceptionConfiguration: { BlockedIPRangeList: [range] },
          }),
        ),
      );
      assert.equal(err.name, "InvalidParameterException", range);
      assert.match(err.message, /CIDR/);
    }
    const skipped = await errorOf(() =>
      t.client.send(
        new SetRiskConfigurationCommand({
          UserPoolId: poolId,
          RiskExceptionConfiguration: { SkippedIPRangeList: ["300.0.0.0/8"] },
        }),
      ),
    );
    assert.equal(skipped.name, "InvalidParameterException");
  });

  it("requires a notify configuration when an account takeover action notifies", async () => {
    const poolId = await plusPool(t);
    const err = await errorOf(() =>
      t.client.send(
        new SetRiskConfigurationCommand({
          UserPoolId: poolId,
          AccountTakeoverRiskConfiguration: { Actions: takeover.Actions },
        }),
      ),
    );
    assert.equal(err.name, "InvalidParameterException");
    const quiet = await t.client.send(
      new SetRiskConfigurationCommand({
        UserPoolId: poolId,
        AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: false, EventAction: "BLOCK" } } },
      }),
    );
    assert.deepEqual(quiet.RiskConfiguration?.AccountTakeoverRiskConfiguration, {
      Actions: { HighAction: { Notify: false, EventAction: "BLOCK" } },
    });
  });

  it("answers ResourceNotFoundException for an unknown pool or client", async () => {
    const poolId = await plusPool(t);
    for (const call of [
      () => t.client.send(new SetRiskConfigurationCommand({ UserPoolId: MISSING_POOL })),
      () => t.client.send(new DescribeRiskConfigurationCommand({ UserPoolId: MISSING_POOL })),
      () => t.client.send(new SetRiskConfigurationCommand({ UserPoolId: poolId, ClientId: MISSING_CLIENT })),
      () => t.client.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: MISSING_CLIENT })),
    ]) {
      const err = await errorOf(call);
      assert.equal(err.name, "ResourceNotFoundException");
    }
  });
});
