import type { CognateConfig } from "../server/config.js";
import type { PoolRecord } from "../storage/types.js";

/** The iss claim of a pool's tokens and the base of its discovery documents. */
export function issuerFor(config: CognateConfig, pool: Pick<PoolRecord, "id" | "region">): string {
  if (config.issuerStyle === "aws") return `https://cognito-idp.${pool.region}.amazonaws.com/${pool.id}`;
  return `${publicBase(config)}/${pool.id}`;
}

/** Where this server is reached: the JWKS is always served here, whatever the issuer style. */
export function publicBase(config: CognateConfig): string {
  return (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/+$/, "");
}
