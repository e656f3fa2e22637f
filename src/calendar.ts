// The one rule for dates a user gives (`--published`, a JSONL "published", `--from`/`--to`, API parameters and
// bodies): YYYY-MM-DD naming a real calendar day (2025-02-30 is refused, never rolled over to March), from
// 1980-01-01 to tomorrow. Every caller fails with the same one-line reason from `calendarDateProblem`.
// (Dates read from pages and feeds, written in many formats, go through src/ingest/metadata.ts instead.)

export const CALENDAR_RULES = {
  /** Nothing we read is older; earlier values are template junk ("1970-01-01"). */
  earliest: '1980-01-01',
  /** Days after today still accepted: a page published "tomorrow" in Tokyo is today in New York. */
  futureDays: 1,
} as const;

export interface CalendarOptions {
  /** Filters of stored events may look ahead ("targets by 2030"): no upper bound. */
  allowFuture?: boolean;
  /** The moment "tomorrow" is counted from (tests). */
  now?: Date;
}

export type CalendarResult = { ok: true; date: string } | { ok: false; reason: string };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function dayString(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The latest date accepted as "not in the future". */
export function latestCalendarDate(now: Date = new Date()): string {
  return dayString(new Date(now.getTime() + CALENDAR_RULES.futureDays * 86_400_000));
}

/**
 * Checks a date given by a user. Accepts YYYY-MM-DD, or an ISO 8601 date-time whose calendar day is used
 * ("2025-08-20T10:00:00Z" from another tool's export); anything else comes back with the reason.
 */
export function parseCalendarDate(value: unknown, options: CalendarOptions = {}): CalendarResult {
  const raw = typeof value === 'string' ? value.trim() : '';
  const latest = options.allowFuture ? null : latestCalendarDate(options.now);
  // one reason for every failure, so each caller says the same thing
  const rule = `takes a date as YYYY-MM-DD ${latest ? `between ${CALENDAR_RULES.earliest} and ${latest}` : `from ${CALENDAR_RULES.earliest} on`} (e.g. 2025-08-20)`;
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : (JSON.stringify(value) ?? String(value)).slice(0, 40);
  const m = ISO_DAY.exec(raw);
  if (!m) return { ok: false, reason: `${rule}; ${shown} is not in that form` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return { ok: false, reason: `${rule}; ${shown} is not a calendar day` };
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (date < CALENDAR_RULES.earliest || (latest !== null && date > latest)) return { ok: false, reason: `${rule}; ${shown} is outside that range` };
  return { ok: true, date };
}

/** The one-line message for a bad date: `--published takes a date as YYYY-MM-DD between 1980-01-01 and
 * 2026-12-07 (e.g. 2025-08-20); "x" is not in that form`. */
export function calendarDateProblem(name: string, value: unknown, options: CalendarOptions = {}): string | null {
  const r = parseCalendarDate(value, options);
  return r.ok ? null : `${name} ${r.reason}`;
}
