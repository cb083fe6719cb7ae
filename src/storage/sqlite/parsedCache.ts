/**
 * Parsed copies of records that are read on nearly every request (pools, app clients) and
 * rarely change. The database stays the truth: each read still fetches the stored JSON and
 * the cached value is used only when that text is unchanged, which skips the JSON.parse.
 *
 * Cached values are deep-frozen and handed out as shallow copies: a handler may replace
 * top-level members of what it got (then save it), but changing a nested object in place
 * throws instead of silently altering every later reader's copy.
 */
export class ParsedCache<T extends object> {
  private readonly entries = new Map<string, { text: string; value: T }>();

  constructor(private readonly capacity = 1_000) {}

  get(key: string, text: string): T {
    const hit = this.entries.get(key);
    if (hit?.text === text) return { ...hit.value };
    const value = deepFreeze(JSON.parse(text) as T);
    if (!hit && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { text, value });
    return { ...value };
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
