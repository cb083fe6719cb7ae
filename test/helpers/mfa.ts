import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { Secret, TOTP } from "otpauth";
import type { TestCognate } from "./cognate.js";

export const PASSWORD = "Passw0rd!";
export const TEMPORARY = "Temp0rary!";
export const SMS_CONFIGURATION = { SnsCallerArn: "arn:aws:iam::000000000000:role/sms", ExternalId: "ext" };
export const DEVELOPER_EMAIL = {
  EmailSendingAccount: "DEVELOPER" as const,
  SourceArn: "arn:aws:ses:us-east-1:000000000000:identity/no-reply@example.com",
  From: "no-reply@example.com",
};

export type MfaFactor = "SMS" | "TOTP" | "EMAIL";

/**
 * A pool whose MFA is `mode` with the given factors, and an app client allowing the password
 * flows, SRP, USER_AUTH and refresh.
 */
export async function mfaPool(
  t: TestCognate,
  mode: "ON" | "OPTIONAL" | "OFF",
  factors: MfaFactor[],
  options: { pool?: Partial<CreateUserPoolCommandInput>; client?: Partial<CreateUserPoolClientCommandInput> } = {},
): Promise<{ poolId: string; clientId: string }> {
  const { UserPool } = await t.client.send(
    new CreateUserPoolCommand({
      PoolName: "mfa",
      ...(factors.includes("EMAIL") ? { EmailConfiguration: DEVELOPER_EMAIL } : {}),
      ...options.pool,
    }),
  );
  const poolId = UserPool!.Id!;
  if (mode !== "OFF") {
    const config: SetUserPoolMfaConfigCommandInput = { UserPoolId: poolId, MfaConfiguration: mode };
    if (factors.includes("TOTP")) config.SoftwareTokenMfaConfiguration = { Enabled: true };
    if (factors.includes("SMS")) {
      config.SmsMfaConfiguration = {
        SmsAuthenticationMessage: "Your sign-in code is {####}",
        SmsConfiguration: SMS_CONFIGURATION,
      };
    }
    if (factors.includes("EMAIL")) config.EmailMfaConfiguration = { Subject: "Sign-in code", Message: "Code: {####}" };
    await t.client.send(new SetUserPoolMfaConfigCommand(config));
  }
  const { UserPoolClient } = await t.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
      ...options.client,
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

/** A confirmed user with PASSWORD (or, with `temporary`, one who must choose a new password). */
export async function mfaUser(
  t: TestCognate,
  poolId: string,
  username: string,
  attributes: Record<string, string> = {},
  options: { temporary?: boolean } = {},
): Promise<void> {
  await t.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      MessageAction: "SUPPRESS",
      TemporaryPassword: TEMPORARY,
    }),
  );
  if (!options.temporary) {
    await t.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }),
    );
  }
}

/** USER_PASSWORD_AUTH with PASSWORD. */
export function passwordAuth(t: TestCognate, clientId: string, username: string, password = PASSWORD) {
  return t.client.send(
    new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

/** ADMIN_USER_PASSWORD_AUTH with PASSWORD. */
export function adminPasswordAuth(t: TestCognate, poolId: string, clientId: string, username: string) {
  return t.client.send(
    new AdminInitiateAuthCommand({
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      UserPoolId: poolId,
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: PASSWORD },
    }),
  );
}

/** The RFC 6238 code an authenticator app shows for `secret`, `steps` 30-second steps from now. */
export function totpCode(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** The newest code sent to a user (SMS or email), read from the outbox, with the message that carried it. */
export async function lastMessage(t: TestCognate, poolId: string, username: string) {
  const messages = await t.cognate.store.outbox.list({ userPoolId: poolId, username });
  const last = messages.at(-1);
  if (!last) throw new Error(`no message was sent to ${username}`);
  return last;
}

/** How many messages a user was sent. */
export async function messageCount(t: TestCognate, poolId: string, username: string): Promise<number> {
  return (await t.cognate.store.outbox.list({ userPoolId: poolId, username })).length;
}
