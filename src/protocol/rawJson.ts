/**
 * An answer a handler has already serialised (ListUsers builds its page from stored JSON).
 * The HTTP layer writes `text` as the body unchanged; it must be one valid JSON object.
 */
export class RawJson {
  constructor(readonly text: string) {}
}
