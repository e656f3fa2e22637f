// Query parameters and JSON bodies, checked: a bad value is a 400 that names the parameter and what it takes.
// Which parameters an endpoint takes is read from the OpenAPI document (src/server/openapi.ts), so the
// document and the checks cannot drift apart; an unknown parameter is refused rather than silently ignored.
import type { Context } from 'hono';
import { asIso3 } from '../store/query.js';
import { cameoTable, normalizePlover } from '../knowledge/cameo.js';
import { badRequest } from './middleware.js';
import { parseCalendarDate, type CalendarOptions } from '../calendar.js';

export const API_LIMITS = {
  /** Largest request body (one article as HTML is rarely over 1 MB). */
  bodyBytes: 2 * 1024 * 1024,
  /** Rows a page holds unless `limit` says otherwise, and the most it may ask for. */
  defaultLimit: 50,
  maxLimit: 500,
  /** Deep offsets make the database walk past every skipped row; a client that needs more should filter. */
  maxOffset: 100_000,
  /** A filter value longer than this is not a name or a search (a 2 KB "actor" is a mistake or an attack). */
  maxParamChars: 300,
} as const;

/** Entity types a `type` filter may name (the contract's list). */
export const ENTITY_TYPES = ['person', 'organization', 'country', 'place', 'commodity', 'nationality', 'other'] as const;

/** PLOVER categories the CAMEO table maps to (memoised: the table is immutable). */
let ploverSet: ReadonlySet<string> | null = null;
export function ploverCategories(): ReadonlySet<string> {
  ploverSet ??= new Set([...cameoTable().values()].map((i) => i.plover).filter(Boolean));
  return ploverSet;
}

/** The query parameters of a request, with each value checked on the way out. */
export class Query {
  private readonly values: Record<string, string>;

  constructor(c: Context, allowed: readonly string[]) {
    this.values = c.req.query();
    const known = new Set(allowed);
    for (const name of Object.keys(this.values)) {
      if (!known.has(name)) {
        throw badRequest(allowed.length
          ? `unknown parameter "${name.slice(0, 40)}": this endpoint takes ${allowed.join(', ')}`
          : `unknown parameter "${name.slice(0, 40)}": this endpoint takes no parameters`);
      }
    }
  }

  /** A trimmed string, or undefined when absent or empty. */
  text(name: string): string | undefined {
    const v = this.values[name]?.trim();
    if (!v) return undefined;
    if (v.length > API_LIMITS.maxParamChars) throw badRequest(`${name} is ${v.length} characters long; at most ${API_LIMITS.maxParamChars}`);
    return v;
  }

  required(name: string, example: string): string {
    const v = this.text(name);
    if (v === undefined) throw badRequest(`missing parameter ${name}, e.g. ?${name}=${encodeURIComponent(example)}`);
    return v;
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) throw badRequest(`${name} takes a whole number from ${min} to ${max}, not "${raw.slice(0, 40)}"`);
    const n = Number(raw);
    if (n < min || n > max) throw badRequest(`${name} takes a whole number from ${min} to ${max}, not ${raw.slice(0, 20)}`);
    return n;
  }

  page(defaultLimit: number = API_LIMITS.defaultLimit): { limit: number; offset: number } {
    return { limit: this.int('limit', 1, API_LIMITS.maxLimit, defaultLimit), offset: this.int('offset', 0, API_LIMITS.maxOffset, 0) };
  }

  date(name: string): string | undefined {
    const v = this.text(name);
    return v === undefined ? undefined : calendarDate(v, name, { allowFuture: true });
  }

  /** from/to as a range; from after to is refused (nothing could match). */
  dateRange(): { from?: string; to?: string } {
    const from = this.date('from');
    const to = this.date('to');
    if (from && to && from > to) throw badRequest(`from ${from} is after to ${to}: nothing can match`);
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }

  iso3(name: string): string | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    const iso = asIso3(v);
    if (!iso) throw badRequest(`${name} takes an ISO 3166-1 alpha-3 country code (RUS, USA, CHN), not "${v.slice(0, 40)}"`);
    return iso;
  }

  plover(name: string): string | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    const p = normalizePlover(v);
    if (!ploverCategories().has(p)) throw badRequest(`${name} takes a PLOVER category (${[...ploverCategories()].sort().join(', ')}), not "${v.slice(0, 40)}"`);
    return p;
  }

  entityType(name: string): string | undefined {
    const v = this.text(name)?.toLowerCase();
    if (v === undefined) return undefined;
    if (!(ENTITY_TYPES as readonly string[]).includes(v)) throw badRequest(`${name} takes one of ${ENTITY_TYPES.join(', ')}, not "${v.slice(0, 40)}"`);
    return v;
  }
}

/** A real calendar date as YYYY-MM-DD (2025-02-30 is refused, not rolled over to March). */
/** A date parameter or field, checked by the one date rule (src/calendar.ts); 400 with its reason otherwise. */
export function calendarDate(v: string, name: string, options: CalendarOptions = {}): string {
  const r = parseCalendarDate(v, options);
  if (!r.ok) throw badRequest(`${name} ${r.reason}`);
  return r.date;
}

/** The request body as a JSON object with only the `allowed` keys. */
export async function jsonObject(c: Context, allowed: readonly string[]): Promise<Record<string, unknown>> {
  const raw = await c.req.text();
  if (!raw.trim()) throw badRequest('the request body is empty: send a JSON object such as {"text": "..."}');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw badRequest(`the request body is not valid JSON (${(err as Error).message.split('\n')[0]!.slice(0, 120)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the request body must be a JSON object, such as {"text": "..."}');
  const known = new Set(allowed);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw badRequest(`unknown field "${key.slice(0, 40)}" in the body: this endpoint takes ${allowed.join(', ')}`);
  }
  return value as Record<string, unknown>;
}

/** An optional string field of a body. */
export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`"${name}" must be a string, not ${Array.isArray(v) ? 'an array' : typeof v}`);
  return v;
}
