// `lodestone search | events | quotes | entities | stories`: questions over the stored corpus, printed to fit
// pipes (a table on a terminal, JSON lines otherwise, or --format json|jsonl|tsv|table), and the pieces the
// other corpus commands share: opening the database with one clear line on failure, option parsers, output.
import { Command, InvalidArgumentError, Option } from 'commander';
import { markSnippet, type Store, type EventFilter, type EventRow, type EventEntity,
  type QuoteRow, type EntityRow, type StoryRow, type SearchHit } from '../store/index.js';
import { asIso3 } from '../store/query.js';
import { cameoTable, normalizePlover } from '../knowledge/cameo.js';
import { InputError } from '../input.js';
import { parseCalendarDate, type CalendarOptions } from '../calendar.js';

export const OUTPUT_RULES = {
  formats: ['json', 'jsonl', 'tsv', 'table'] as const,
  /** Entity types a --type filter may name (the contract's list). */
  entityTypes: ['person', 'organization', 'country', 'place', 'commodity', 'nationality', 'other'] as const,
  /** Table width when the terminal does not say. */
  defaultWidth: 120,
  /** The widest a flexible column (evidence, quote text, snippet) is squeezed to before the table overflows. */
  minFlexWidth: 24,
  /** Terminal highlight of matched words in search snippets (bold), unless NO_COLOR is set. */
  highlightOpen: '\x1b[1m',
  highlightClose: '\x1b[22m',
} as const;

export type OutputFormat = (typeof OUTPUT_RULES.formats)[number];

// ---------------------------------------------------------------------------------------------------------
// Shared by the corpus commands

import { openDatabase } from '../corpus/database.js';
export { openDatabase };

export function positiveInt(name: string): (v: string) => number {
  return (v: string) => {
    if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new InvalidArgumentError(`${name} takes a whole number of at least 1, not "${v}"`);
    return Number(v);
  };
}

export function nonNegativeInt(name: string): (v: string) => number {
  return (v: string) => {
    if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError(`${name} takes a whole number (0 or more), not "${v}"`);
    return Number(v);
  };
}

export function nonNegativeNumber(name: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} takes a number of seconds (0 or more), not "${v}"`);
    return n;
  };
}

export function positiveNumber(name: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} takes a number of seconds above 0, not "${v}"`);
    return n;
  };
}

/** An option's value, else its environment variable's (checked by the same rule; a bad one is an InputError
 * naming the variable), else undefined. */
export function fromEnv<T>(value: T | undefined, variable: string, parse: (v: string) => T): T | undefined {
  if (value !== undefined) return value;
  const raw = process.env[variable];
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return parse(raw);
  } catch (err) {
    throw new InputError(`${variable}="${raw}": ${(err as Error).message.replace(/^--[\w-]+ /, '')}`);
  }
}

/** A date option checked by the one date rule (src/calendar.ts); query filters may look into the future. */
export function isoDate(name: string, options: CalendarOptions = {}): (v: string) => string {
  return (v: string) => {
    const r = parseCalendarDate(v, options);
    if (!r.ok) throw new InvalidArgumentError(`${name} ${r.reason}`);
    return r.date;
  };
}

function iso3Code(v: string): string {
  const iso = asIso3(v);
  if (!iso) throw new InvalidArgumentError(`--country takes an ISO 3166-1 alpha-3 code (RUS, USA, CHN), not "${v}"`);
  return iso;
}

function ploverCategory(v: string): string {
  const known = new Set([...cameoTable().values()].map((i) => i.plover).filter(Boolean));
  const p = normalizePlover(v);
  if (!known.has(p)) throw new InvalidArgumentError(`--plover takes a PLOVER category (${[...known].sort().join(', ')}), not "${v}"`);
  return p;
}

function entityType(v: string): string {
  const t = v.trim().toLowerCase();
  if (!(OUTPUT_RULES.entityTypes as readonly string[]).includes(t)) throw new InvalidArgumentError(`--type takes one of ${OUTPUT_RULES.entityTypes.join(', ')}, not "${v}"`);
  return t;
}

export function dbOption(): Option {
  return new Option('--db <path|url>', 'SQLite file or postgres:// URL (default: $LODESTONE_DB, else ./lodestone.db)');
}

export interface EventFilterOptions {
  actor?: string; target?: string; country?: string; commodity?: string; plover?: string; from?: string; to?: string; story?: string;
}

/** The events filters, shared by `events` and `export`. */
export function addEventFilterOptions(cmd: Command): Command {
  return cmd
    .option('--actor <name|ISO3>', 'source actor: a name (substring) or a country code for actors of that country')
    .option('--target <name|ISO3>', 'target actor: a name (substring) or a country code')
    .option('--country <ISO3>', 'an actor of this country on either side', iso3Code)
    .option('--commodity <name|HS>', 'a commodity name (substring) or an HS code prefix (2805, 27, 2711.11)')
    .option('--plover <category>', 'PLOVER category (AGREE, COERCE, SANCTION, ...)', ploverCategory)
    .option('--from <date>', 'events on or after this date (YYYY-MM-DD)', isoDate('--from', { allowFuture: true }))
    .option('--to <date>', 'events on or before this date (YYYY-MM-DD)', isoDate('--to', { allowFuture: true }))
    .option('--story <id>', 'events of one story');
}

export function eventFilterOf(o: EventFilterOptions): EventFilter {
  if (o.from && o.to && o.from > o.to) throw new InputError(`--from ${o.from} is after --to ${o.to}: nothing can match`);
  const f: EventFilter = {};
  if (o.actor) f.actor = o.actor;
  if (o.target) f.target = o.target;
  if (o.country) f.country = o.country;
  if (o.commodity) f.commodity = o.commodity;
  if (o.plover) f.plover = o.plover;
  if (o.from) f.from = o.from;
  if (o.to) f.to = o.to;
  if (o.story) f.storyId = o.story;
  return f;
}

export function hasEventFilter(o: EventFilterOptions): boolean {
  return Boolean(o.actor || o.target || o.country || o.commodity || o.plover || o.from || o.to || o.story);
}

/** A pipe closed early (`lodestone events | head`) ends the command quietly instead of with EPIPE. */
export function quietOnClosedPipe(stream: NodeJS.WritableStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`lodestone: cannot write the output: ${err.message}\n`);
    process.exit(1);
  });
}

/** Writes a chunk, waiting when the stream's buffer is full (long exports stay in bounded memory). */
export async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

// ---------------------------------------------------------------------------------------------------------
// Output

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null;
  /** Widest the column gets in a table. */
  max?: number;
  /** Takes the width the other columns leave (one column per table). */
  flex?: boolean;
  right?: boolean;
  /** Terminal decoration of the shown (possibly shortened) cell, e.g. bold search matches. */
  decorate?: (row: T, shown: string) => string;
}

function cellText(v: string | number | null): string {
  return v === null ? '' : String(v).replace(/\s+/g, ' ').trim();
}

function shorten(s: string, width: number): string {
  return s.length <= width ? s : width <= 1 ? s.slice(0, width) : s.slice(0, width - 1) + '…';
}

export function chooseFormat(flag: string | undefined): OutputFormat {
  if (flag === undefined) return process.stdout.isTTY ? 'table' : 'jsonl';
  if (!(OUTPUT_RULES.formats as readonly string[]).includes(flag)) throw new InputError(`unknown --format "${flag}": use ${OUTPUT_RULES.formats.join(', ')}`);
  return flag as OutputFormat;
}

/** One TSV field: tabs and line breaks become spaces, so every row is one line with the header's columns. */
export function tsvField(v: string | number | null): string {
  return v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' ');
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], width: number, color: boolean): string {
  const cells = rows.map((r) => columns.map((c) => cellText(c.value(r))));
  const widths = columns.map((c, i) => Math.min(c.max ?? Infinity, Math.max(c.header.length, ...cells.map((row) => row[i]!.length))));
  const flex = columns.findIndex((c) => c.flex);
  if (flex >= 0) {
    const others = widths.reduce((s, w, i) => (i === flex ? s : s + w), 0) + 2 * (columns.length - 1);
    widths[flex] = Math.min(widths[flex]!, Math.max(OUTPUT_RULES.minFlexWidth, width - others));
  }
  const pad = (s: string, i: number) => (columns[i]!.right ? s.padStart(widths[i]!) : s.padEnd(widths[i]!));
  const lines: string[] = [];
  const header = columns.map((c, i) => pad(shorten(c.header, widths[i]!), i)).join('  ').trimEnd();
  lines.push(color ? `\x1b[1m${header}\x1b[22m` : header);
  rows.forEach((row, r) => {
    lines.push(columns.map((c, i) => {
      const shown = shorten(cells[r]![i]!, widths[i]!);
      const padded = pad(shown, i);
      if (!color || !c.decorate) return padded;
      return c.decorate(row, shown) + padded.slice(shown.length);
    }).join('  ').trimEnd());
  });
  return lines.join('\n') + '\n';
}

/** Prints rows in the chosen format: `json` an array, `jsonl` one object a line, `tsv` and `table` the columns. */
export async function printRows<T>(rows: readonly T[], columns: readonly Column<T>[], format: OutputFormat, empty: string): Promise<void> {
  quietOnClosedPipe();
  const out = process.stdout;
  if (format === 'json') return write(out, JSON.stringify(rows, null, 2) + '\n');
  if (format === 'jsonl') {
    for (const r of rows) await write(out, JSON.stringify(r) + '\n');
    return;
  }
  if (format === 'tsv') {
    await write(out, columns.map((c) => c.header).join('\t') + '\n');
    for (const r of rows) await write(out, columns.map((c) => tsvField(c.value(r))).join('\t') + '\n');
    return;
  }
  if (rows.length === 0) {
    process.stderr.write(`${empty}\n`);
    return;
  }
  const color = out.isTTY === true && !process.env['NO_COLOR'];
  await write(out, renderTable(rows, columns, out.columns || OUTPUT_RULES.defaultWidth, color));
}

export function names(list: readonly EventEntity[]): string {
  return list.map((e) => e.name).join(', ');
}

/** The country of each actor (itself for a country, its country for a person or organization), '-' if none. */
export function iso3s(list: readonly EventEntity[]): string {
  return list.map((e) => e.iso3 ?? e.country ?? '-').join(', ');
}

export function dateRange(start: string | null, end: string | null): string {
  if (!start) return '';
  return end && end !== start ? `${start}..${end}` : start;
}

export const EVENT_COLUMNS: readonly Column<EventRow>[] = [
  { header: 'date', value: (e) => dateRange(e.date, e.dateEnd), max: 22 },
  { header: 'plover', value: (e) => e.plover },
  { header: 'cameo', value: (e) => e.cameo },
  { header: 'source', value: (e) => names(e.source), max: 28 },
  { header: 'target', value: (e) => names(e.target), max: 28 },
  { header: 'commodities', value: (e) => names(e.commodities), max: 28 },
  { header: 'articles', value: (e) => e.numArticles, right: true },
  { header: 'outlets', value: (e) => e.numSources, right: true },
  { header: 'modality', value: (e) => e.modality },
  { header: 'evidence', value: (e) => e.evidence.text, flex: true },
  { header: 'story', value: (e) => e.storyId },
];

const QUOTE_COLUMNS: readonly Column<QuoteRow>[] = [
  { header: 'published', value: (q) => q.published },
  { header: 'kind', value: (q) => q.kind },
  // an unresolved speaker shows the words that name them, in parentheses
  { header: 'speaker', value: (q) => q.speaker ?? (q.speakerText ? `(${q.speakerText})` : '-'), max: 30 },
  { header: 'quote', value: (q) => q.text, flex: true },
  { header: 'articles', value: (q) => q.numArticles, right: true },
  { header: 'article', value: (q) => q.articleId },
];

const ENTITY_COLUMNS: readonly Column<EntityRow>[] = [
  { header: 'type', value: (e) => e.type },
  { header: 'name', value: (e) => e.name, max: 40 },
  { header: 'country', value: (e) => e.country },
  { header: 'codes', value: (e) => Object.entries(e.codes).map(([k, v]) => `${k}=${v}`).join(' '), max: 36 },
  { header: 'articles', value: (e) => e.articles, right: true },
  { header: 'mentions', value: (e) => e.mentions, right: true },
  { header: 'id', value: (e) => e.id, flex: true },
];

const STORY_COLUMNS: readonly Column<StoryRow>[] = [
  { header: 'story', value: (s) => s.id },
  { header: 'articles', value: (s) => s.articles, right: true },
  { header: 'outlets', value: (s) => s.outlets, right: true },
  { header: 'first', value: (s) => s.first },
  { header: 'last', value: (s) => s.last },
  { header: 'title', value: (s) => s.title, flex: true },
];

const SEARCH_COLUMNS: readonly Column<SearchHit>[] = [
  { header: 'rank', value: (h) => h.rank.toFixed(2), right: true },
  { header: 'published', value: (h) => h.published },
  { header: 'title', value: (h) => h.title, max: 40 },
  {
    header: 'snippet', value: (h) => h.snippet, flex: true,
    decorate: (h, shown) => {
      // matches inside the shown part of the snippet, in bold
      const clipped = h.highlights.filter(([s]) => s < shown.length).map(([s, e]) => [s, Math.min(e, shown.length)] as [number, number]);
      return markSnippet({ snippet: shown, highlights: clipped }, OUTPUT_RULES.highlightOpen, OUTPUT_RULES.highlightClose);
    },
  },
  { header: 'article', value: (h) => h.articleId },
];

// ---------------------------------------------------------------------------------------------------------
// The commands

interface PageOptions { db?: string; format?: string; limit?: number; offset?: number }

function page(o: PageOptions): { limit?: number; offset?: number } {
  return { ...(o.limit !== undefined ? { limit: o.limit } : {}), ...(o.offset !== undefined ? { offset: o.offset } : {}) };
}

/** Opens the store, runs the query, prints, closes. The format is checked before the database is touched. */
async function query<T>(o: PageOptions, ask: (store: Store) => Promise<T[]>, columns: readonly Column<T>[], empty: string): Promise<void> {
  const format = chooseFormat(o.format);
  const { store } = await openDatabase(o.db, { mustExist: true });
  let rows: T[];
  try {
    rows = await ask(store);
  } finally {
    await store.close();
  }
  await printRows(rows, columns, format, empty);
}

function withCommon(cmd: Command): Command {
  return cmd
    .addOption(dbOption())
    .option('--limit <n>', 'at most this many rows (default 100)', positiveInt('--limit'))
    .option('--offset <n>', 'skip this many rows first', nonNegativeInt('--offset'))
    .option('--format <format>', 'json, jsonl, tsv or table (default: table on a terminal, jsonl otherwise)');
}

export function registerQueries(program: Command): void {
  withCommon(program.command('search')
    .description('full-text search over stored articles: words (all required), "a phrase", OR, -excluded')
    .argument('<query...>', 'the words to look for'))
    .action(async (words: string[], o: PageOptions) => {
      const q = words.join(' ').trim();
      if (!q) throw new InputError('give words to search for, e.g. lodestone search rare earths');
      await query(o, (s) => s.search(q, page(o)), SEARCH_COLUMNS, `no article matches "${q}"`);
    });

  withCommon(addEventFilterOptions(program.command('events')
    .description('events across stories (one row per story and event, with article and outlet counts)')))
    .action(async (o: PageOptions & EventFilterOptions) => {
      const filter = eventFilterOf(o);
      await query(o, (s) => s.events({ ...filter, ...page(o) }), EVENT_COLUMNS, 'no event matches');
    });

  withCommon(program.command('quotes')
    .description('quotes across stories, newest first')
    .option('--speaker <name>', "the speaker's name, or words of an unresolved speaker's description")
    .option('--text <words>', 'words of the quote (same syntax as search)')
    .option('--story <id>', 'quotes of one story'))
    .action(async (o: PageOptions & { speaker?: string; text?: string; story?: string }) => {
      await query(o, (s) => s.quotes({
        ...(o.speaker ? { speaker: o.speaker } : {}), ...(o.text ? { text: o.text } : {}), ...(o.story ? { storyId: o.story } : {}), ...page(o),
      }), QUOTE_COLUMNS, 'no quote matches');
    });

  withCommon(program.command('entities')
    .description('people, organizations, countries, places and commodities across articles, most reported first')
    .option('--type <type>', `one of ${OUTPUT_RULES.entityTypes.join(', ')}`, entityType)
    .option('--name <name>', 'a name (substring, case-insensitive)'))
    .action(async (o: PageOptions & { type?: string; name?: string }) => {
      await query(o, (s) => s.entities({ ...(o.type ? { type: o.type } : {}), ...(o.name ? { name: o.name } : {}), ...page(o) }),
        ENTITY_COLUMNS, 'no entity matches');
    });

  withCommon(program.command('stories')
    .description('stories (near-duplicate articles collapsed), largest first')
    .option('--min-articles <n>', 'only stories told by at least this many articles', positiveInt('--min-articles')))
    .action(async (o: PageOptions & { minArticles?: number }) => {
      await query(o, (s) => s.stories({ ...(o.minArticles !== undefined ? { minArticles: o.minArticles } : {}), ...page(o) }),
        STORY_COLUMNS, 'no story matches');
    });
}
