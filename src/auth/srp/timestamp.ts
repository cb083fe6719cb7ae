const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const two = (n: number) => String(n).padStart(2, "0");

/** The TIMESTAMP the client signs, e.g. "Mon Jan 2 15:04:05 UTC 2006": UTC, day of month unpadded. */
export function formatSrpTimestamp(when: Date | number): string {
  const d = new Date(when);
  return (
    `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
  );
}

const PATTERN = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (?:UTC|GMT) (\d{4})$/;

/**
 * Epoch milliseconds of a client TIMESTAMP, or undefined when it is not in the signed format.
 * Accepts a zero-padded day too (the format's day field is a number, not a fixed width).
 */
export function parseSrpTimestamp(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!);
  const [day, hours, minutes, seconds, year] = [m[3], m[4], m[5], m[6], m[7]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 0 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const ms = Date.UTC(year, month, day, hours, minutes, seconds);
  // Reject dates that rolled over (Feb 30) rather than silently moving them.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}
