import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { describe, it } from "node:test";
import {
  argon2Parameters,
  hashGeneratedPassword,
  hashingSlots,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "../../src/common/passwords.js";
import { Semaphore } from "../../src/common/semaphore.js";
import { argon2idParams as paramsOf, legacyScryptHash } from "../helpers/passwords.js";

describe("Semaphore", () => {
  it("runs at most its limit at once and lets the rest in, first come first served", async () => {
    const slots = new Semaphore(2);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    let running = 0;
    let most = 0;
    const tasks = Array.from({ length: 6 }, (_, i) =>
      slots.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1]);
    assert.equal(slots.running, 2);
    assert.equal(slots.queued, 4);
    // Finish them in a different order than they started: the waiting ones still go in order.
    releases[1]!();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1, 2]);
    releases[0]!();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1, 2, 3]);
    for (let next = 2; next < 6; next++) {
      while (releases.length <= next) await new Promise((r) => setImmediate(r));
      assert.ok(running <= 2);
      releases[next]!();
    }
    assert.deepEqual(await Promise.all(tasks), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
    assert.equal(most, 2);
    assert.equal(slots.running, 0);
    assert.equal(slots.queued, 0);
  });

  it("frees the slot of a task that fails", async () => {
    const slots = new Semaphore(1);
    await assert.rejects(
      slots.run(() => Promise.reject(new Error("boom"))),
      /boom/,
    );
    assert.equal(await slots.run(async () => "next"), "next");
    assert.equal(slots.running, 0);
  });

  it("refuses a limit below 1", () => {
    assert.throws(() => new Semaphore(0), RangeError);
  });
});

describe("password hashing", () => {
  it("bounds hashes and verifications to one a core, the rest queued", async () => {
    const cores = availableParallelism();
    assert.equal(hashingSlots.limit, cores);
    const legacy = legacyScryptHash("pw-legacy", 2 ** 10);
    let most = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        most = Math.max(most, hashingSlots.running);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const work = Array.from({ length: cores + 5 }, (_, i) =>
      i % 3 === 2 ? verifyPassword("pw-legacy", legacy) : hashPassword(`pw-${i}`, "owasp"),
    );
    // Each call takes its slot or its place in the queue synchronously.
    assert.equal(hashingSlots.running, cores);
    assert.equal(hashingSlots.queued, 5);
    const results = await Promise.all(work);
    watching = false;
    await watch;
    assert.equal(most, cores);
    assert.equal(hashingSlots.running, 0);
    assert.equal(hashingSlots.queued, 0);
    for (const [i, result] of results.entries()) {
      if (i % 3 === 2) assert.equal(result, true);
      else assert.match(String(result), /^\$argon2id\$/);
    }
  });

  it("hashes with argon2id at the setting's parameters", async () => {
    assert.deepEqual(paramsOf(await hashPassword("Pw-1", "owasp")), { m: 19456, t: 2, p: 1 });
    assert.deepEqual(paramsOf(await hashPassword("Pw-1", "fast")), { m: 1024, t: 1, p: 1 });
    assert.deepEqual(paramsOf(await hashPassword("Pw-1", "argon2id:m=7168,t=5,p=2")), { m: 7168, t: 5, p: 2 });
    const a = await hashPassword("Pw-1", "fast");
    const b = await hashPassword("Pw-1", "fast");
    assert.notEqual(a, b, "salted");
  });

  it("verifies argon2id, legacy scrypt and generated-password hashes, and nothing else", async () => {
    const formats = [
      await hashPassword("Right-Pass1", "fast"),
      await hashPassword("Right-Pass1", "owasp"),
      legacyScryptHash("Right-Pass1", 2 ** 10),
      hashGeneratedPassword("Right-Pass1"),
    ];
    for (const hash of formats) {
      assert.equal(await verifyPassword("Right-Pass1", hash), true, hash);
      assert.equal(await verifyPassword("Wrong-Pass1", hash), false, hash);
      assert.equal(await verifyPassword("", hash), false, hash);
    }
    for (const junk of [
      "",
      "plain",
      "scrypt$",
      "scrypt$3$8$1$AA$AA",
      "sha256$",
      "$argon2id$v=19$m=1$x$y",
      "$argon2i$x",
    ]) {
      assert.equal(await verifyPassword("Right-Pass1", junk), false, junk);
    }
  });

  it("generated-password hashes are salted HMAC-SHA256", () => {
    const hash = hashGeneratedPassword("Aa1!aaaaaaaaaaaaaaaaaaaa");
    assert.match(hash, /^sha256\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    assert.notEqual(hash, hashGeneratedPassword("Aa1!aaaaaaaaaaaaaaaaaaaa"));
  });

  it("needsRehash: legacy scrypt always, argon2id only when weaker than the setting, generated never", async () => {
    const fast = await hashPassword("x", "fast");
    const owasp = await hashPassword("x", "owasp");
    const scrypt = legacyScryptHash("x", 2 ** 10);
    assert.equal(needsRehash(scrypt, "fast"), true);
    assert.equal(needsRehash(scrypt, "owasp"), true);
    assert.equal(needsRehash(fast, "fast"), false);
    assert.equal(needsRehash(owasp, "owasp"), false);
    assert.equal(needsRehash(fast, "owasp"), true, "weaker than the setting");
    assert.equal(needsRehash(owasp, "fast"), false, "not weakened when the setting goes down");
    // Less memory is weaker even with more passes; more memory with fewer passes of as much work is not.
    assert.equal(needsRehash("$argon2id$v=19$m=12288,p=1,t=3$AAAA$AAAA", "owasp"), true);
    assert.equal(needsRehash("$argon2id$v=19$m=47104,p=1,t=1$AAAA$AAAA", "owasp"), false);
    assert.equal(needsRehash("$argon2id$v=19$m=19456,p=1,t=1$AAAA$AAAA", "owasp"), true);
    assert.equal(needsRehash("$argon2id$v=16$m=19456,p=1,t=2$AAAA$AAAA", "owasp"), true, "older version");
    assert.equal(needsRehash(hashGeneratedPassword("x"), "owasp"), false);
  });

  it("argon2Parameters reads the named settings and the custom form, and refuses bad or weak ones", () => {
    assert.deepEqual(argon2Parameters("owasp"), { m: 19456, t: 2, p: 1 });
    assert.deepEqual(argon2Parameters("fast"), { m: 1024, t: 1, p: 1 });
    assert.deepEqual(argon2Parameters("argon2id:m=47104,t=1,p=1"), { m: 47104, t: 1, p: 1 });
    assert.deepEqual(argon2Parameters("argon2id:t=3,p=1,m=12288"), { m: 12288, t: 3, p: 1 });
    assert.deepEqual(argon2Parameters("argon2id:m=65536,t=3,p=4"), { m: 65536, t: 3, p: 4 });
    const refused: Array<[string, RegExp]> = [
      ["", /expected owasp, fast or argon2id/],
      ["OWASP", /expected owasp, fast or argon2id/],
      ["scrypt", /expected owasp, fast or argon2id/],
      ["argon2id", /expected owasp, fast or argon2id/],
      ["argon2id:", /expected owasp, fast or argon2id/],
      ["argon2i:m=19456,t=2,p=1", /expected owasp, fast or argon2id/],
      ["argon2id:m=19456,t=2", /needs all of m/],
      ["argon2id:m=19456,t=2,p=1,x=3", /unknown argon2id parameter x/],
      ["argon2id:m=19456,m=19456,t=2,p=1", /given twice/],
      ["argon2id:m=19456,t=2.5,p=1", /expected owasp, fast or argon2id/],
      ["argon2id:m=-1,t=2,p=1", /expected owasp, fast or argon2id/],
      ["argon2id:m=1024,t=1,p=1", /below the floor of 7168 KiB/],
      ["argon2id:m=8192,t=2,p=1", /weaker than OWASP's recommendations/],
      ["argon2id:m=19456,t=0,p=1", /passes t=0 must be between 1 and 100/],
      ["argon2id:m=19456,t=2,p=0", /lanes p=0 must be between 1 and 16/],
      ["argon2id:m=99999999,t=2,p=1", /above the ceiling/],
    ];
    for (const [cost, message] of refused) assert.throws(() => argon2Parameters(cost), message, cost);
  });

  it("hashPassword refuses an invalid setting instead of hashing with a guess", async () => {
    await assert.rejects(hashPassword("x", "argon2id:m=10,t=1,p=1"), /below the floor/);
  });
});
