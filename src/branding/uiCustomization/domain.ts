import { errors } from "../../protocol/errors.js";
import type { PoolRecord } from "../../storage/types.js";

/** The classic hosted UI lives on the pool's domain, so its customization needs one (prefix or custom). */
export function requirePoolDomain(pool: PoolRecord): void {
  if (!pool.config.Domain && !pool.config.CustomDomain) {
    throw errors.invalidParameter("There has to be an existing domain associated with this user pool");
  }
}
