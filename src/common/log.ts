/**
 * Structured logging: one JSON object a line on stderr. Callers pass fields they chose;
 * request bodies are never logged, so passwords, codes and tokens cannot reach the log.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * stderr writes are synchronous for files and pipes: one write(2) a request line is a real
 * share of a cheap request's CPU. Lines written in one turn of the event loop go out together
 * right after it, and whatever is still pending is written when the process exits.
 */
let pending: string[] = [];
function flush(): void {
  if (pending.length === 0) return;
  const text = pending.join("");
  pending = [];
  process.stderr.write(text);
}
process.on("exit", flush);
function writeStderr(line: string): void {
  if (pending.push(line) === 1) setImmediate(flush);
}

export function createLogger(level: LogLevel, write: (line: string) => void = writeStderr): Logger {
  const at = (lvl: Exclude<LogLevel, "silent">) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields })}\n`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
