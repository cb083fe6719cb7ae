#!/usr/bin/env node
import { loadTriggersFile } from "../triggers/config.js";
import { parseArgs } from "node:util";
import { startCognate } from "../server/http.js";
import { argon2Parameters, type PasswordHashCost } from "../common/passwords.js";
import type { LogLevel } from "../common/log.js";

const USAGE = `Usage: cognate serve [options]

Runs a server that speaks the Amazon Cognito user pools API (cognito-idp).

Options:
  --port <n>                TCP port (default 9229; 0 picks a free one)       [COGNATE_PORT]
  --host <addr>             address to listen on (default 127.0.0.1)          [COGNATE_HOST]
  --data-dir <dir>          SQLite data folder (default ./.cognate)           [COGNATE_DATA_DIR]
  --in-memory               keep nothing on disk                              [COGNATE_IN_MEMORY=1]
  --region <region>         region of new pools (default us-east-1)           [COGNATE_REGION]
  --account-id <id>         default account (default 000000000000)            [COGNATE_ACCOUNT_ID]
  --public-url <url>        base URL that tokens name (default: served URL)   [COGNATE_PUBLIC_URL]
  --issuer <style>          local (default: <public-url>/<pool>) or aws       [COGNATE_ISSUER]
  --password-hash-cost <c>  argon2id cost: owasp (default: m=19456,t=2,p=1),  [COGNATE_PASSWORD_HASH_COST]
                            fast (test suites only) or argon2id:m=<KiB>,t=<n>,p=<n>
                            (at least m=7168 and m*t >= 35840, OWASP's floor)
  --log-level <level>       debug, info (default), warn, error, silent        [COGNATE_LOG_LEVEL]
  --triggers <file>         where pools' Lambda triggers run (JSON, README)   [COGNATE_TRIGGERS]
  -h, --help                this text
`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      "in-memory": { type: "boolean" },
      region: { type: "string" },
      "account-id": { type: "string" },
      "public-url": { type: "string" },
      "password-hash-cost": { type: "string" },
      issuer: { type: "string" },
      "log-level": { type: "string" },
      triggers: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0] ?? "serve";
  if (values.help || command !== "serve") {
    process.stdout.write(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const env = process.env;
  const port = Number(values.port ?? env.COGNATE_PORT ?? 9229);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const cost = (values["password-hash-cost"] ?? env.COGNATE_PASSWORD_HASH_COST ?? "owasp") as PasswordHashCost;
  try {
    argon2Parameters(cost);
  } catch (err) {
    throw new Error(`invalid --password-hash-cost ${cost}: ${(err as Error).message}`);
  }
  const issuerStyle = values.issuer ?? env.COGNATE_ISSUER ?? "local";
  if (issuerStyle !== "local" && issuerStyle !== "aws") throw new Error(`invalid --issuer ${issuerStyle}`);
  const logLevel = (values["log-level"] ?? env.COGNATE_LOG_LEVEL ?? "info") as LogLevel;
  const triggersFile = values.triggers ?? env.COGNATE_TRIGGERS;

  const cognate = await startCognate({
    port,
    host: values.host ?? env.COGNATE_HOST,
    dataDir: values["data-dir"] ?? env.COGNATE_DATA_DIR,
    inMemory: values["in-memory"] ?? (env.COGNATE_IN_MEMORY === "1" || env.COGNATE_IN_MEMORY === "true"),
    region: values.region ?? env.COGNATE_REGION,
    accountId: values["account-id"] ?? env.COGNATE_ACCOUNT_ID,
    publicUrl: values["public-url"] ?? env.COGNATE_PUBLIC_URL,
    passwordHashCost: cost,
    issuerStyle,
    logLevel,
    ...(triggersFile ? { triggers: loadTriggersFile(triggersFile) } : {}),
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "stopping", signal })}\n`,
    );
    cognate.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`cognate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
