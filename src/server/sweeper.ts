import type { Logger } from "../common/log.js";
import type { Store } from "../storage/types.js";

/** Rows deleted per transaction, so a large backlog never holds the write lock for long. */
const BATCH = 500;

/**
 * Deletes records past their expiry (challenge sessions, codes, refresh tokens, sign-ins,
 * lockout counters) every `intervalMs`, and once at start. Every node may run it: deleting
 * an expired row twice is harmless.
 */
export function startSweeper(store: Store, log: Logger, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const sweep = async () => {
    let total = 0;
    for (;;) {
      if (stopped) break;
      const deleted = await store.transaction(() => store.resources.deleteExpired(Date.now(), BATCH));
      total += deleted;
      if (deleted < BATCH) break;
      // Let requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (total > 0) log.debug("expired records deleted", { count: total });
  };
  const tick = () => {
    running = running.then(sweep).catch((err: unknown) => {
      log.error("sweeping expired records failed", { error: err instanceof Error ? err.message : String(err) });
    });
  };

  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
