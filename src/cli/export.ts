// `lodestone export --format jsonl|csv|gdelt|graphml [--out FILE]`: the stored corpus for other tools. JSONL is
// the contract object of every stored article; CSV one row per story event; `gdelt` a tab-separated event
// table modelled on GDELT 2.0's event columns; GraphML a graph for Gephi (actors and commodities as nodes, events
// and actor-commodity links as weighted edges). The events filters of `lodestone events` narrow the event formats.
import { createWriteStream, type WriteStream } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Command } from 'commander';
import type { Store, EventRow, EventFilter } from '../store/index.js';
import { InputError } from '../input.js';
import { GraphBuilder } from '../corpus/graph.js';
import {
  openDatabase, dbOption, positiveInt, addEventFilterOptions, eventFilterOf, hasEventFilter, quietOnClosedPipe, write,
  names, iso3s, tsvField, type EventFilterOptions,
} from './query.js';

export const EXPORT_RULES = {
  formats: ['jsonl', 'csv', 'gdelt', 'graphml'] as const,
  /** Rows read from the store per query while exporting. */
  pageSize: 2000,
  /** Several actors or commodities in one CSV or TSV field are joined with this. */
  listSeparator: '; ',
} as const;

type ExportFormat = (typeof EXPORT_RULES.formats)[number];

/** The CSV columns: one row per story event. */
export const CSV_COLUMNS = [
  'date', 'date_end', 'plover', 'cameo', 'source_names', 'source_iso3', 'target_names', 'target_iso3', 'commodities', 'hs_codes',
  'num_articles', 'num_sources', 'modality', 'trigger', 'evidence', 'story_id', 'article_id',
] as const;

/**
 * The GDELT-style columns, after GDELT 2.0's event table. GlobalEventID is stable across exports (a hash of the
 * story and the event's identity); Day is the event's date (its start), else the article's publication date;
 * Actor*CountryCode is the ISO3 code of the actor's country; EventCode the CAMEO code and EventRootCode its first
 * two digits; QuadClass holds the PLOVER category (GDELT's four classes are too coarse); NumMentions counts the
 * articles that report the event, as NumArticles does (Lodestone records one mention per article); NumSources the
 * distinct outlets; SOURCEURL the URL of the article the evidence comes from.
 */
export const GDELT_COLUMNS = [
  'GlobalEventID', 'Day', 'Actor1Name', 'Actor1CountryCode', 'Actor2Name', 'Actor2CountryCode', 'EventCode', 'EventRootCode',
  'QuadClass', 'NumMentions', 'NumSources', 'NumArticles', 'SOURCEURL',
] as const;

// ---------------------------------------------------------------------------------------------------------
// Field encodings

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Characters XML 1.0 does not allow at all: C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/FFFF.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an XML attribute or element: markup characters escaped, characters XML cannot hold dropped. */
export function xmlEscape(s: string): string {
  return s.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_SPECIAL[c]!);
}

/** A stable numeric id (below 2^48) for a story event. */
export function globalEventId(e: EventRow): number {
  return parseInt(createHash('sha1').update(`${e.storyId}|${e.key}`).digest('hex').slice(0, 12), 16);
}

function compactDay(date: string | null): string {
  return date ? date.slice(0, 10).replace(/-/g, '') : '';
}

function list(values: readonly (string | null)[]): string {
  return values.map((v) => v ?? '-').join(EXPORT_RULES.listSeparator);
}

// ---------------------------------------------------------------------------------------------------------
// Reading

async function* allEvents(store: Store, filter: EventFilter, max: number | undefined): AsyncGenerator<EventRow> {
  let offset = 0;
  let left = max ?? Infinity;
  while (left > 0) {
    const limit = Math.min(EXPORT_RULES.pageSize, left);
    const rows = await store.events({ ...filter, limit, offset });
    for (const r of rows) yield r;
    if (rows.length < limit) return;
    offset += rows.length;
    left -= rows.length;
  }
}

/** The URL of an article, looked up once per article for the whole export. */
function urlLookup(store: Store): (articleId: string) => Promise<string> {
  const known = new Map<string, string>();
  return async (id) => {
    let url = known.get(id);
    if (url === undefined) {
      url = (await store.getArticle(id))?.url ?? '';
      known.set(id, url);
    }
    return url;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Formats

async function exportJsonl(store: Store, out: NodeJS.WritableStream, max: number | undefined): Promise<number> {
  let n = 0;
  let offset = 0;
  for (;;) {
    const limit = Math.min(EXPORT_RULES.pageSize / 10, (max ?? Infinity) - n);
    if (limit <= 0) break;
    const page = await store.listArticles({ limit, offset });
    for (const a of page) {
      await write(out, JSON.stringify(a.analysis) + '\n');
      n++;
    }
    if (page.length < limit) break;
    offset += page.length;
  }
  return n;
}

async function exportCsv(store: Store, out: NodeJS.WritableStream, filter: EventFilter, max: number | undefined): Promise<number> {
  await write(out, CSV_COLUMNS.join(',') + '\r\n');
  let n = 0;
  for await (const e of allEvents(store, filter, max)) {
    const row = [
      e.date, e.dateEnd, e.plover, e.cameo, list(e.source.map((x) => x.name)), list(e.source.map((x) => x.iso3 ?? x.country)),
      list(e.target.map((x) => x.name)), list(e.target.map((x) => x.iso3 ?? x.country)), list(e.commodities.map((x) => x.name)),
      list(e.commodities.map((x) => x.hs)), e.numArticles, e.numSources, e.modality, e.trigger, e.evidence.text, e.storyId, e.articleId,
    ];
    await write(out, row.map(csvField).join(',') + '\r\n');
    n++;
  }
  return n;
}

async function exportGdelt(store: Store, out: NodeJS.WritableStream, filter: EventFilter, max: number | undefined): Promise<number> {
  await write(out, GDELT_COLUMNS.join('\t') + '\n');
  const urlOf = urlLookup(store);
  let n = 0;
  for await (const e of allEvents(store, filter, max)) {
    const row = [
      globalEventId(e), compactDay(e.date), names(e.source), e.source.length ? iso3s(e.source) : '', names(e.target),
      e.target.length ? iso3s(e.target) : '', e.cameo, e.cameo.slice(0, 2), e.plover, e.numArticles, e.numSources, e.numArticles,
      await urlOf(e.articleId),
    ];
    await write(out, row.map(tsvField).join('\t') + '\n');
    n++;
  }
  return n;
}

/** GraphML attributes: nodes and edges are those of the network view (src/corpus/graph.ts), without a cap. */
const GRAPHML_KEYS: readonly [id: string, domain: 'node' | 'edge', type: string][] = [
  ['label', 'node', 'string'], ['type', 'node', 'string'], ['iso3', 'node', 'string'], ['weight', 'node', 'double'],
  ['kind', 'edge', 'string'], ['weight', 'edge', 'double'], ['plover', 'edge', 'string'],
];

async function exportGraphml(store: Store, out: NodeJS.WritableStream, filter: EventFilter, max: number | undefined): Promise<number> {
  const g = new GraphBuilder();
  let n = 0;
  for await (const e of allEvents(store, filter, max)) {
    n++;
    g.event(e);
  }
  const { nodes, edges } = g.result(Infinity);
  const data = (key: string, v: string | number | null | undefined) => (v === '' || v === null || v === undefined ? '' : `<data key="${key}">${xmlEscape(String(v))}</data>`);
  const keyId = (id: string, domain: string) => (id === 'weight' ? `${domain[0]}weight` : id);
  await write(out, '<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    + 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    + GRAPHML_KEYS.map(([id, domain, type]) => `  <key id="${keyId(id, domain)}" for="${domain}" attr.name="${id}" attr.type="${type}"/>\n`).join('')
    + '  <graph id="lodestone" edgedefault="directed">\n');
  for (const v of nodes) {
    await write(out, `    <node id="${xmlEscape(v.id)}">${data('label', v.label)}${data('type', v.type)}${data('iso3', v.iso3)}${data('nweight', v.weight)}</node>\n`);
  }
  let i = 0;
  for (const e of edges) {
    await write(out, `    <edge id="e${i++}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">${data('kind', e.kind)}${data('eweight', e.weight)}${data('plover', e.plover)}</edge>\n`);
  }
  await write(out, '  </graph>\n</graphml>\n');
  return n;
}

// ---------------------------------------------------------------------------------------------------------

/** Opens --out for writing before anything is read, so a bad path fails at once with one line. */
function openOut(file: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const s = createWriteStream(file);
    s.once('open', () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => reject(new InputError(`cannot write ${file}: ${err.code === 'ENOENT' ? 'no such directory' : err.code ?? err.message}`)));
  });
}

interface ExportOptions extends EventFilterOptions { db?: string; format?: string; out?: string; limit?: number }

async function runExport(o: ExportOptions): Promise<void> {
  const format = o.format as ExportFormat | undefined;
  if (!format) throw new InputError(`give --format: ${EXPORT_RULES.formats.join(', ')}`);
  if (!(EXPORT_RULES.formats as readonly string[]).includes(format)) throw new InputError(`unknown --format "${format}": use ${EXPORT_RULES.formats.join(', ')}`);
  if (format === 'jsonl' && hasEventFilter(o)) throw new InputError('the events filters apply to --format csv, gdelt and graphml; jsonl exports every stored article');
  const filter = eventFilterOf(o);
  const { store } = await openDatabase(o.db, { mustExist: true });
  let out: NodeJS.WritableStream = process.stdout;
  let file: WriteStream | null = null;
  try {
    if (o.out) out = file = await openOut(o.out);
    else quietOnClosedPipe();
    const n = format === 'jsonl' ? await exportJsonl(store, out, o.limit)
      : format === 'csv' ? await exportCsv(store, out, filter, o.limit)
      : format === 'gdelt' ? await exportGdelt(store, out, filter, o.limit)
      : await exportGraphml(store, out, filter, o.limit);
    if (file) {
      const f = file;
      await new Promise<void>((resolve, reject) => f.end((err?: Error | null) => (err ? reject(new InputError(`cannot write ${o.out}: ${err.message}`)) : resolve())));
      process.stderr.write(`export: ${n} ${format === 'jsonl' ? 'articles' : 'events'} written to ${o.out} (${format})\n`);
    }
  } finally {
    await store.close();
  }
}

export function registerExport(program: Command): void {
  addEventFilterOptions(program
    .command('export')
    .description('export stored analyses (jsonl), events (csv, gdelt: a GDELT-style TSV) or an actor graph (graphml, for Gephi)')
    .addOption(dbOption())
    .option('--format <format>', EXPORT_RULES.formats.join(', '))
    .option('--out <file>', 'write here instead of standard output')
    .option('--limit <n>', 'at most this many articles (jsonl) or events', positiveInt('--limit')))
    .action(async (o: ExportOptions) => {
      await runExport(o);
    });
}
