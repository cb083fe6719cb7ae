/**
 * The users of the scale benchmark, as a pure function of their index: the same index always
 * gives the same username and attributes, so the benchmark can pick users and search values
 * across the whole pool without keeping a million records in memory.
 *
 * Values are ASCII (SQLite's BINARY collation and JavaScript's string order then agree) and
 * spread like real data: usernames, emails and names are not in insertion order, given and
 * family names repeat (256 and 4,096 distinct values), emails, phone numbers and preferred
 * usernames are unique.
 */

/** 32-bit mix (the finaliser of MurmurHash3) of an index and a salt. */
export function mix(i: number, salt: number): number {
  let h = (Math.imul(i, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const GIVEN_START = ["Al", "Be", "Ca", "Da", "El", "Fa", "Gi", "Ha", "Is", "Jo", "Ka", "Li", "Ma", "No", "Ol", "Pa"];
const GIVEN_END = [
  "na",
  "ric",
  "ton",
  "lia",
  "mon",
  "ra",
  "vin",
  "sa",
  "del",
  "ro",
  "ne",
  "bel",
  "dan",
  "ka",
  "lo",
  "ris",
];
const FAMILY_START = [
  "Ander",
  "Bar",
  "Cole",
  "Dun",
  "Ers",
  "Fitz",
  "Gar",
  "Hol",
  "Ing",
  "Jen",
  "Kel",
  "Lind",
  "Mor",
  "Nor",
  "Pem",
  "Rad",
];
const FAMILY_MIDDLE = ["a", "e", "i", "o", "u", "ay", "ey", "ow", "ar", "er", "ir", "or", "ur", "an", "en", "on"];
const FAMILY_END = [
  "son",
  "berg",
  "ley",
  "ton",
  "wood",
  "field",
  "man",
  "ford",
  "stein",
  "ski",
  "ez",
  "sen",
  "ham",
  "well",
  "ridge",
  "more",
];
const DOMAINS = [
  "example.com",
  "example.org",
  "example.net",
  "mail.example",
  "corp.example",
  "test.example",
  "inbox.example",
  "post.example",
];

export interface BenchUser {
  username: string;
  /** Standard attributes other than sub (the server assigns sub to users made through the API). */
  attributes: {
    email: string;
    email_verified: "true";
    given_name: string;
    family_name: string;
    name: string;
    phone_number: string;
    preferred_username: string;
  };
}

export function benchUser(i: number): BenchUser {
  const g = mix(i, 1);
  const f = mix(i, 2);
  const given = GIVEN_START[g & 15]! + GIVEN_END[(g >>> 4) & 15]!;
  const family = FAMILY_START[f & 15]! + FAMILY_MIDDLE[(f >>> 4) & 15]! + FAMILY_END[(f >>> 8) & 15]!;
  const g0 = given.toLowerCase();
  const f0 = family.toLowerCase();
  return {
    username: `${g0}.${f0}.${i}`,
    attributes: {
      email: `${g0}.${f0}${i}@${DOMAINS[mix(i, 3) & 7]!}`,
      email_verified: "true",
      given_name: given,
      family_name: family,
      name: `${given} ${family}`,
      // An area code from 200 to 999, then the index: unique below ten million users.
      phone_number: `+1${200 + (mix(i, 4) % 800)}${String(i % 10_000_000).padStart(7, "0")}`,
      preferred_username: `${g0}_${i.toString(36)}`,
    },
  };
}

/** A uuid-shaped (version 4) sub for a bulk-filled user, derived from its index. */
export function bulkSub(i: number): string {
  const hex = [mix(i, 11), mix(i, 12), mix(i, 13), mix(i, 14)].map((n) => n.toString(16).padStart(8, "0")).join("");
  const variant = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The state of bulk-filled users: one in a hundred is disabled and one in a hundred is
 * unconfirmed, so that `status = "Disabled"` and `cognito:user_status = "UNCONFIRMED"` find a
 * rare value; the rest are CONFIRMED and enabled (they can sign in).
 */
export function bulkState(i: number): { status: "CONFIRMED" | "UNCONFIRMED"; enabled: boolean } {
  const r = i % 100;
  return { status: r === 98 ? "UNCONFIRMED" : "CONFIRMED", enabled: r !== 99 };
}

export const canSignIn = (i: number): boolean => i % 100 < 98;

/** Deterministic pseudo-random integers in [0, n), for picking users and values. */
export function picker(seed: number): (n: number) => number {
  let k = 0;
  return (n) => mix(k++, seed) % n;
}

/**
 * Values sorted in SQLite's BINARY order (plain code-unit order for ASCII), to find prefixes
 * that match at least a page of users: the longest prefix of `value` with at least `atLeast`
 * matches, or the shortest (one character) if none has that many.
 */
export class SortedValues {
  private readonly values: string[];

  constructor(values: string[]) {
    // The default sort compares UTF-16 code units: for ASCII, SQLite's BINARY order.
    this.values = values.sort();
  }

  get size(): number {
    return this.values.length;
  }

  /** Index of the first value >= key. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  countPrefix(prefix: string): number {
    // Everything that starts with the prefix sorts before prefix + U+FFFF for these ASCII values.
    return this.lowerBound(prefix + "\uffff") - this.lowerBound(prefix);
  }

  countEqual(value: string): number {
    return this.lowerBound(value + "\u0000") - this.lowerBound(value);
  }

  pagePrefix(value: string, atLeast: number): { prefix: string; matches: number } {
    for (let length = value.length; length >= 1; length--) {
      const prefix = value.slice(0, length);
      const matches = this.countPrefix(prefix);
      if (matches >= atLeast) return { prefix, matches };
    }
    const prefix = value.slice(0, 1);
    return { prefix, matches: this.countPrefix(prefix) };
  }
}
