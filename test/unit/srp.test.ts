import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { fromHex, g, modPowN, N, padHex } from "../../src/auth/srp/math.js";
import {
  computeVerifier,
  formatSrpTimestamp,
  newSalt,
  newSecretBlock,
  parseClientPublic,
  parseSrpTimestamp,
  poolNameOf,
  startSrp,
  verifySrp,
} from "../../src/auth/srp/index.js";
import type { OperationContext } from "../../src/protocol/operation.js";
import type { PoolRecord } from "../../src/storage/types.js";
import { passwordSecrets } from "../../src/users/password.js";
import { verifyPassword } from "../../src/common/passwords.js";

// The real client library (CommonJS, untyped subpaths): the same code browsers and apps run.
const require = createRequire(import.meta.url);
interface ClientBigInteger {
  toString(radix: number): string;
}
interface BigIntegerClass {
  new (hex: string, radix: number): ClientBigInteger;
}
interface ClientHelper {
  largeAValue: ClientBigInteger;
  padHex(value: ClientBigInteger): string;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: ClientBigInteger,
    salt: ClientBigInteger,
    callback: (err: Error | null, key: Buffer) => void,
  ): void;
}
const AuthenticationHelper = (
  require("amazon-cognito-identity-js/lib/AuthenticationHelper.js") as {
    default: new (poolName: string) => ClientHelper;
  }
).default;
const BigInteger = (require("amazon-cognito-identity-js/lib/BigInteger.js") as { default: BigIntegerClass }).default;
const DateHelper = (
  require("amazon-cognito-identity-js/lib/DateHelper.js") as { default: new () => { getNowString(): string } }
).default;

const POOL_ID = "us-east-1_AbCdEf123";
const POOL_NAME = "AbCdEf123";

/** What CognitoUser.authenticateUserDefaultAuth does with the challenge parameters. */
function clientAnswer(opts: {
  helper: ClientHelper;
  userIdForSrp: string;
  password: string;
  salt: string;
  B: string;
  secretBlock: string;
  timestamp: string;
}): string {
  let key: Buffer | undefined;
  opts.helper.getPasswordAuthenticationKey(
    opts.userIdForSrp,
    opts.password,
    new BigInteger(opts.B, 16),
    new BigInteger(opts.salt, 16),
    (err, hkdf) => {
      if (err) throw err;
      key = hkdf;
    },
  );
  assert.ok(key, "the client library derives its key synchronously");
  return createHmac("sha256", key)
    .update(
      Buffer.concat([
        Buffer.from(POOL_NAME, "utf8"),
        Buffer.from(opts.userIdForSrp, "utf8"),
        Buffer.from(opts.secretBlock, "base64"),
        Buffer.from(opts.timestamp, "utf8"),
      ]),
    )
    .digest("base64");
}

/** One full exchange; `tamper` changes what the client signs or sends before the server checks it. */
function exchange(
  opts: {
    userIdForSrp?: string;
    storedPassword?: string;
    clientPassword?: string;
  } = {},
) {
  const userIdForSrp = opts.userIdForSrp ?? "alice";
  const salt = newSalt();
  const verifier = computeVerifier(POOL_NAME, userIdForSrp, opts.storedPassword ?? "Passw0rd!", salt);
  const helper = new AuthenticationHelper(POOL_NAME);
  const A = helper.largeAValue.toString(16);
  const { b, B } = startSrp(verifier);
  const secretBlock = newSecretBlock();
  const timestamp = formatSrpTimestamp(Date.now());
  const signature = clientAnswer({
    helper,
    userIdForSrp,
    password: opts.clientPassword ?? "Passw0rd!",
    salt,
    B,
    secretBlock,
    timestamp,
  });
  return { poolName: POOL_NAME, userIdForSrp, salt, verifier, A, b, B, secretBlock, timestamp, signature };
}

describe("SRP against amazon-cognito-identity-js", () => {
  it("verifies the right password", () => {
    for (let i = 0; i < 5; i++) assert.equal(verifySrp(exchange()), true);
  });

  it("verifies non-ASCII passwords and usernames (hashed as UTF-8)", () => {
    const proof = exchange({ userIdForSrp: "zoë", storedPassword: "pässwörd✓Ω1", clientPassword: "pässwörd✓Ω1" });
    assert.equal(verifySrp(proof), true);
  });

  it("rejects a wrong password", () => {
    assert.equal(verifySrp(exchange({ clientPassword: "Passw0rd?" })), false);
  });

  it("rejects a claim for another user", () => {
    const proof = exchange();
    assert.equal(verifySrp({ ...proof, userIdForSrp: "bob" }), false);
  });

  it("rejects a tampered timestamp", () => {
    const proof = exchange();
    const later = formatSrpTimestamp(parseSrpTimestamp(proof.timestamp)! + 1000);
    assert.equal(verifySrp({ ...proof, timestamp: later }), false);
  });

  it("rejects a signature made over a different secret block", () => {
    const proof = exchange();
    assert.equal(verifySrp({ ...proof, secretBlock: newSecretBlock() }), false);
  });

  it("rejects a swapped A", () => {
    const proof = exchange();
    const other = new AuthenticationHelper(POOL_NAME).largeAValue.toString(16);
    assert.equal(verifySrp({ ...proof, A: other }), false);
  });

  it("rejects A = 0, N and 2N, and non-hex A", () => {
    const proof = exchange();
    for (const A of ["0", N.toString(16), (2n * N).toString(16), "xyz", ""]) {
      assert.equal(parseClientPublic(A), undefined, A.slice(0, 8));
      assert.equal(verifySrp({ ...proof, A }), false);
    }
  });

  it("fails closed when the stored server values are missing or damaged", () => {
    const proof = exchange();
    for (const field of ["b", "B", "verifier"] as const) {
      assert.equal(verifySrp({ ...proof, [field]: "" }), false, field);
      assert.equal(verifySrp({ ...proof, [field]: "not hex" }), false, field);
    }
    // b = 0, and verifiers whose power v^u is degenerate (0, 1 or N-1), which OpenSSL refuses.
    assert.equal(verifySrp({ ...proof, b: "0" }), false);
    assert.equal(verifySrp({ ...proof, b: "000" }), false);
    for (const verifier of ["0", "1", (N - 1n).toString(16), N.toString(16), (N + 1n).toString(16)])
      assert.equal(verifySrp({ ...proof, verifier }), false, verifier.slice(0, 8));
  });

  it("accepts A given with leading zeros or as A + N (the same number mod N)", () => {
    const proof = exchange();
    assert.equal(verifySrp({ ...proof, A: `00${proof.A}` }), true);
    // A + N hashes differently into u, so the signature no longer matches, but nothing throws.
    assert.equal(verifySrp({ ...proof, A: (fromHex(proof.A) + N).toString(16) }), false);
  });

  it("rejects a malformed or truncated signature", () => {
    const proof = exchange();
    assert.equal(verifySrp({ ...proof, signature: proof.signature.slice(0, -4) }), false);
    assert.equal(verifySrp({ ...proof, signature: `${proof.signature}!!!!` }), false);
    assert.equal(verifySrp({ ...proof, signature: "" }), false);
  });

  it("gives each exchange a fresh B that is never 0 mod N", () => {
    const verifier = computeVerifier(POOL_NAME, "alice", "Passw0rd!", newSalt());
    const first = startSrp(verifier);
    const second = startSrp(verifier);
    assert.notEqual(first.B, second.B);
    assert.notEqual(fromHex(first.B) % N, 0n);
  });
});

describe("stored secrets", () => {
  const ctx = { config: { passwordHashCost: "fast" } } as unknown as OperationContext;
  const pool = { id: POOL_ID } as PoolRecord;

  it("passwordSecrets stores a verifier the client library's password proves, and a working slow hash", async () => {
    const secrets = await passwordSecrets(ctx, pool, "a1b2c3d4-uuid-username", "Sup3r$ecret");
    assert.equal(await verifyPassword("Sup3r$ecret", secrets.passwordHash), true);
    assert.match(secrets.srp.salt, /^[0-9a-f]+$/);
    assert.match(secrets.srp.verifier, /^[0-9a-f]+$/);

    const helper = new AuthenticationHelper(poolNameOf(POOL_ID));
    const { b, B } = startSrp(secrets.srp.verifier);
    const secretBlock = newSecretBlock();
    const timestamp = new DateHelper().getNowString();
    const answer = (password: string) =>
      clientAnswer({
        helper,
        userIdForSrp: "a1b2c3d4-uuid-username",
        password,
        salt: secrets.srp.salt,
        B,
        secretBlock,
        timestamp,
      });
    const proof = {
      poolName: POOL_NAME,
      userIdForSrp: "a1b2c3d4-uuid-username",
      ...secrets.srp,
      A: helper.largeAValue.toString(16),
      b,
      B,
      secretBlock,
      timestamp,
    };
    assert.equal(verifySrp({ ...proof, signature: answer("Sup3r$ecret") }), true);
    assert.equal(verifySrp({ ...proof, signature: answer("Sup3r$ecreT") }), false);
  });

  it("the verifier is g^x mod N with x computed as the client library computes it", () => {
    const salt = newSalt();
    const helper = new AuthenticationHelper(POOL_NAME) as ClientHelper & {
      hash(data: string): string;
      hexHash(hex: string): string;
    };
    const x = fromHex(helper.hexHash(helper.padHex(new BigInteger(salt, 16)) + helper.hash(`${POOL_NAME}bob:pw`)));
    let expected = 1n;
    for (let base = g, e = x; e > 0n; e >>= 1n, base = (base * base) % N) if (e & 1n) expected = (expected * base) % N;
    assert.equal(computeVerifier(POOL_NAME, "bob", "pw", salt), padHex(expected));
  });

  it("salts differ per password and are padded like the client pads them", () => {
    const salts = new Set(Array.from({ length: 50 }, () => newSalt()));
    assert.equal(salts.size, 50);
    for (const salt of salts) assert.equal(salt, new AuthenticationHelper(POOL_NAME).padHex(new BigInteger(salt, 16)));
  });

  it("poolNameOf keeps the part after the region", () => {
    assert.equal(poolNameOf("eu-west-2_9xYz"), "9xYz");
  });
});

/** The textbook square-and-multiply, as a reference for the OpenSSL-backed modPowN. */
function referencePow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  for (let b = base % N, e = exponent; e > 0n; e >>= 1n, b = (b * b) % N) if (e & 1n) result = (result * b) % N;
  return result;
}

describe("modPowN (OpenSSL)", () => {
  const random = (bytes: number) => fromHex(randomBytes(bytes).toString("hex"));

  it("agrees with BigInt arithmetic for random bases and exponents of every size", () => {
    for (let i = 0; i < 12; i++) {
      const base = (random(384) % (N - 3n)) + 2n;
      const exponent = random([1, 32, 33, 384, 400][i % 5]!) || 1n;
      assert.equal(modPowN(base, exponent), referencePow(base, exponent));
    }
  });

  it("returns small results whole (the fixed-width output's leading zero bytes are dropped)", () => {
    assert.equal(modPowN(2n, 8n), 256n);
    assert.equal(modPowN(2n, 1n), 2n);
    assert.equal(modPowN(3n, 2n), 9n);
    assert.equal(padHex(modPowN(2n, 7n)!), "0080");
    // A result just under N: (N-2)^1.
    assert.equal(modPowN(N - 2n, 1n), N - 2n);
  });

  it("reduces bases at or above N", () => {
    assert.equal(modPowN(N + 5n, 3n), 125n);
    assert.equal(modPowN(7n * N + 2n, 10n), 1024n);
  });

  it("refuses degenerate bases and a zero exponent instead of returning a guessable value", () => {
    for (const base of [0n, 1n, N - 1n, N, N + 1n, 2n * N - 1n, -2n])
      assert.equal(modPowN(base, 12345n), undefined, base.toString(16).slice(0, 8));
    assert.equal(modPowN(2n, 0n), undefined);
    assert.equal(modPowN(2n, -1n), undefined);
  });

  it("leaves no state behind between calls", () => {
    const x = random(32);
    const first = modPowN(g, x);
    modPowN(5n, random(32));
    assert.equal(modPowN(1n, x), undefined);
    assert.equal(modPowN(g, x), first);
  });
});

describe("padHex", () => {
  it("matches the client library's encoding", () => {
    const helper = new AuthenticationHelper(POOL_NAME);
    for (const n of [0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, 0xabcn, 0x8000n, N, N - 1n, 2n ** 255n])
      assert.equal(padHex(n), helper.padHex(new BigInteger(n.toString(16), 16)), n.toString(16).slice(0, 8));
  });
});

describe("TIMESTAMP", () => {
  it("formats with an unpadded day and padded time", () => {
    assert.equal(formatSrpTimestamp(Date.UTC(2006, 0, 2, 15, 4, 5)), "Mon Jan 2 15:04:05 UTC 2006");
    assert.equal(formatSrpTimestamp(Date.UTC(2026, 10, 29, 5, 7, 9)), "Sun Nov 29 05:07:09 UTC 2026");
    assert.equal(formatSrpTimestamp(new Date(Date.UTC(2024, 1, 29, 0, 0, 0))), "Thu Feb 29 00:00:00 UTC 2024");
  });

  it("matches the client library's clock string", () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const client = new DateHelper().getNowString();
    const after = Math.floor(Date.now() / 1000) * 1000;
    assert.ok([formatSrpTimestamp(before), formatSrpTimestamp(after)].includes(client), client);
  });

  it("parses what it formats, and a zero-padded day", () => {
    const when = Date.UTC(2006, 0, 2, 15, 4, 5);
    assert.equal(parseSrpTimestamp(formatSrpTimestamp(when)), when);
    assert.equal(parseSrpTimestamp("Mon Jan 02 15:04:05 UTC 2006"), when);
  });

  it("rejects other formats and impossible dates", () => {
    for (const text of [
      "2006-01-02T15:04:05Z",
      "Mon Jan 2 15:04:05 2006",
      "Mon Jan 2 15:04:05 PST 2006",
      "Mon Foo 2 15:04:05 UTC 2006",
      "Mon Feb 30 15:04:05 UTC 2006",
      "Mon Jan 2 24:04:05 UTC 2006",
      "Mon Jan 2 15:04:05 UTC 2006 ",
      "",
    ])
      assert.equal(parseSrpTimestamp(text), undefined, text);
  });
});
