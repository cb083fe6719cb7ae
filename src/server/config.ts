import type { PasswordHashCost } from "../common/passwords.js";
import type { LogLevel } from "../common/log.js";
import type { TriggersConfig } from "../triggers/config.js";

export interface CognateConfig {
  /** TCP port; 0 picks a free one. Default 9229. */
  port: number;
  host: string;
  /** Folder of the SQLite database. Default ./.cognate */
  dataDir: string;
  /** Keep everything in memory; nothing survives a restart. */
  inMemory: boolean;
  /** Region of pools created by unsigned requests (signed ones use their credential scope's region). */
  region: string;
  /** Account of unsigned requests, and of signed ones whose access key is not a 12-digit account id. */
  accountId: string;
  /** Base URL that tokens and discovery documents name; defaults to the address served. */
  publicUrl?: string;
  /**
   * The iss claim of tokens: "local" is `<publicUrl>/<poolId>`; "aws" is Cognito's
   * `https://cognito-idp.<region>.amazonaws.com/<poolId>` for verifiers that hard-code it.
   */
  issuerStyle: "local" | "aws";
  /**
   * Cost of new password hashes (argon2id): "owasp" (default; m=19456 KiB, t=2, p=1), "fast"
   * (test suites and benchmarks only) or "argon2id:m=<KiB>,t=<n>,p=<n>" (no weaker than OWASP's
   * recommendations). Existing hashes keep verifying whatever the setting (docs/passwords.md).
   */
  passwordHashCost: PasswordHashCost;
  logLevel: LogLevel;
  /** How often expired sessions, codes and tokens are deleted from storage (ms). */
  sweepIntervalMs: number;
  /** Where the Lambda functions of pools' triggers run (src/triggers/config.ts); none: triggers fail as unreachable. */
  triggers?: TriggersConfig;
}

export const defaultConfig: CognateConfig = {
  port: 9229,
  host: "127.0.0.1",
  dataDir: ".cognate",
  inMemory: false,
  region: "us-east-1",
  accountId: "000000000000",
  passwordHashCost: "owasp",
  issuerStyle: "local",
  logLevel: "info",
  sweepIntervalMs: 60_000,
};
