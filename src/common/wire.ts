/**
 * The SDK's response types model timestamps as Date; on the wire they are epoch seconds.
 * Wire<T> is T with every Date member (deeply) replaced by number, for handler return values.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
