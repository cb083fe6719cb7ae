export { startCognate, type RunningCognate, type StartOptions } from "./server/http.js";
export type { CognateConfig } from "./server/config.js";
