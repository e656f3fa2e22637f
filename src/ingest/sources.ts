// Where articles come from: a file (text or HTML, told by content), a directory (recursive), a JSONL file in the
// contract's shape, an RSS / Atom / JSON Feed (file or URL; an item without its full text has its link fetched),
// or an article URL. `readSources` yields one SourceItem per article and one SourceError per thing that could
// not be read, and always goes on with the rest: bad input never loses good input.
import { createReadStream, promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { htmlToArticle } from './html.js';
import { MAX_INPUT_BYTES } from '../input.js';
import type { ArticleMeta } from '../store/types.js';
import { decodeDocument, looksLikeHtml } from './decode.js';
import { readFeed, sniffFeed, type FeedEntry } from './feed.js';
import { ACCEPT, Fetcher, HostPoliteness, type FetchOptions } from './fetch.js';
import { hostOf, saneDate } from './metadata.js';
import { parseCalendarDate } from '../calendar.js';

/** One article read from a source. `text` is the article text (extracted from the page for HTML). */
export interface SourceItem extends ArticleMeta {
  /** Given by the source (a JSONL "id"); otherwise the store derives one. */
  id?: string;
  /** The article text: as given for text, extracted for HTML. */
  text?: string;
  /** The page as fetched or read, kept so extraction can be rerun. */
  html?: string;
  /** Set when the text is less than the article: a feed's teaser kept because its page could not be fetched.
   *  Says why ("its page could not be fetched: ..."). */
  partial?: string;
}

export type SourceErrorReason =
  | 'skipped' // hidden files and folders
  | 'not_modified' // a feed unchanged since the last fetch (HTTP 304)
  | 'not_found'
  | 'unreadable'
  | 'too_large'
  | 'compression_bomb'
  | 'binary'
  | 'empty'
  | 'no_text'
  | 'bad_json'
  | 'bad_item'
  | 'bad_feed'
  | 'bad_date'
  | 'fetch';

/** Something that could not be read, with one line saying what and why. */
export interface SourceError {
  source: string;
  error: string;
  reason: SourceErrorReason;
  /** The item's own id when the source gave one (a JSONL line with a bad field). */
  id?: string;
}

export function isSourceError(x: SourceItem | SourceError): x is SourceError {
  return 'error' in x;
}

export const SOURCE_LIMITS = {
  /** Largest single document (an HTML page with inline scripts can be several MB; its article text is far less). */
  maxDocumentBytes: 20 * 1024 * 1024,
  /** Largest JSONL line (one article as HTML). */
  maxLineBytes: 20 * 1024 * 1024,
  /** Most bytes read from one JSONL file after decompression (a whole archive, streamed). */
  maxStreamBytes: 4 * 1024 * 1024 * 1024,
  /** Decompressed-to-compressed ratio above which a gzip stream is a bomb (text compresses 3-10x). */
  maxCompressionRatio: 100,
  /** The ratio is checked once this many bytes have come out. */
  ratioCheckAfterBytes: 16 * 1024 * 1024,
} as const;

export interface ReadSourcesOptions {
  /**
   * A fetcher shared with the caller (its cache, politeness and --allow-private); else one is made from `fetch`,
   * with a HostPoliteness of its own when `fetch.politeness` is not given.
   */
  fetcher?: Fetcher;
  fetch?: FetchOptions;
  /** Fetch the link of a feed item that has no full text (default true). */
  followLinks?: boolean;
  /** The moment future dates are measured from (tests). */
  now?: Date;
  maxDocumentBytes?: number;
  maxLineBytes?: number;
  maxStreamBytes?: number;
}

type Yielded = SourceItem | SourceError;

interface Context {
  fetcher: () => Fetcher;
  followLinks: boolean;
  now: Date;
  maxDocumentBytes: number;
  maxLineBytes: number;
  maxStreamBytes: number;
}

const JSONL_EXTENSIONS = /\.(jsonl|ndjson)(\.gz)?$/i;
const GZIP_MAGIC = [0x1f, 0x8b];

function mb(n: number): string {
  return `${(n / 1048576).toFixed(1)} MB`;
}

function fail(source: string, reason: SourceErrorReason, error: string): SourceError {
  return { source, reason, error };
}

function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === GZIP_MAGIC[0] && buf[1] === GZIP_MAGIC[1];
}

/** Gunzips a whole document with an output limit, so a small bomb cannot fill memory. */
function gunzipLimited(buf: Buffer, label: string, limit: number): Buffer | SourceError {
  try {
    return gunzipSync(buf, { maxOutputLength: limit });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      return fail(label, 'compression_bomb', `${label} decompresses to more than ${mb(limit)} (a compression bomb?): skipped`);
    }
    return fail(label, 'unreadable', `${label} is not valid gzip data (${(err as Error).message.split('\n')[0]})`);
  }
}

/**
 * An item built from an HTML page; an error when no article text is found in it. `label` names the page in
 * errors (its URL, or "file.jsonl:12"); a feed entry's title, byline and date win over the page's.
 */
function pageItem(html: string, url: string | null, source: string, label: string, now: Date, feed?: { entry: FeedEntry; feedTitle: string | null }): Yielded {
  let article;
  try {
    article = htmlToArticle(html, url ?? undefined, { now });
  } catch (err) {
    return fail(label, 'no_text', `${label}: the page could not be read as HTML (${(err as Error).message.split('\n')[0]})`);
  }
  const text = article.text.trim();
  if (!text) return fail(label, 'no_text', `${label}: no article text found in the page`);
  if (text.length > MAX_INPUT_BYTES) return fail(label, 'too_large', `${label}: article text above the ${mb(MAX_INPUT_BYTES)} limit for one article`);
  const pageUrl = article.canonicalUrl ?? url;
  return {
    url: pageUrl,
    // the feed's own title, byline and date describe the item as published; the page fills the gaps
    title: feed?.entry.title ?? article.title,
    byline: feed?.entry.byline ?? article.byline,
    published: saneDate(feed?.entry.date, { now }) ?? article.published,
    source,
    outlet: article.siteName ?? hostOf(pageUrl) ?? feed?.feedTitle ?? null,
    text,
    html,
  };
}

function textItem(text: string, source: string, url: string | null): Yielded {
  if (text.length > MAX_INPUT_BYTES) return fail(source, 'too_large', `${source}: text above the ${mb(MAX_INPUT_BYTES)} limit for one article: split it, or use JSONL with one article per line`);
  return { url, title: null, byline: null, published: null, source, outlet: hostOf(url), text };
}

/** Plain text of an HTML fragment (a feed summary), without markup. */
function fragmentText(html: string): string {
  return htmlToArticle(`<!doctype html><html><body><article>${html}</article></body></html>`).text;
}

// ---------------------------------------------------------------------------------------------------------
// Feeds

async function* feedItems(text: string, feedUrl: string | null, source: string, ctx: Context): AsyncGenerator<Yielded> {
  const feed = readFeed(text, feedUrl);
  if (!feed.ok) {
    yield fail(source, 'bad_feed', `${source}: ${feed.error}`);
    return;
  }
  const items: { index: number; run: () => Promise<Yielded> | Yielded }[] = [];
  for (const e of feed.errors) items.push({ index: e.index, run: () => fail(`${source} item ${e.index}`, 'bad_item', `${source}: ${e.error}; the other items are read`) });
  for (const entry of feed.entries) items.push({ index: entry.index, run: () => feedEntryItem(entry, feed.title, source, ctx) });
  items.sort((a, b) => a.index - b.index);
  if (items.length === 0) yield fail(source, 'empty', `${source}: the feed has no items`);
  for (const it of items) yield await it.run();
}

/** An item from a feed entry's own text (full content, or only its summary). */
function entryItem(entry: FeedEntry, text: string, source: string, feedTitle: string | null, now: Date, html?: string): SourceItem {
  return {
    url: entry.link,
    title: entry.title,
    byline: entry.byline,
    // a date in the future or before 1980 is dropped (saneDate), never the item
    published: saneDate(entry.date, { now }),
    source,
    outlet: hostOf(entry.link) ?? feedTitle,
    text,
    ...(html ? { html } : {}),
  };
}

/** Endings of a feed text that stops short of the article: "...", "[…]", "Read more", "Continue reading",
 *  WordPress's "The post X appeared first on Y." (which follows a teaser in default feeds). */
const TEASER_ENDINGS = /(?:\.\.\.|\u2026|\[\s*(?:\.\.\.|\u2026)\s*\]|\b(?:read|see|continue|view)(?: the)? (?:more|full (?:story|article|post)|reading|rest(?: of (?:the|this) (?:story|article|post))?)\b[^.!?]{0,60}|\bthe post .{1,200} appeared first on .{1,120})\W*$/i;

/** A summary this short with no full content beside it is a blurb, not the article ("Rio Tinto will spend $2.5 billion"). */
const SUMMARY_BLURB_CHARS = 400;

/** Is the feed's own text of an item a teaser that the page should replace? Full content is kept unless it
 * says it stops short; a summary alone is a teaser when it says so or is a one-paragraph blurb. */
export function isTeaser(text: string, kind: 'content' | 'summary', summaryChars = 0): boolean {
  const t = text.trim();
  if (!t) return true;
  if (TEASER_ENDINGS.test(t)) return true;
  // content far shorter than the item's own description is a cut-down copy of it
  if (kind === 'content') return summaryChars > 0 && t.length * 3 < summaryChars;
  return t.length < SUMMARY_BLURB_CHARS;
}

async function feedEntryItem(entry: FeedEntry, feedTitle: string | null, source: string, ctx: Context): Promise<Yielded> {
  const label = `${source} item ${entry.index}`;
  const content = entry.contentHtml ? fragmentText(entry.contentHtml) : entry.contentText ?? '';
  const summary = entry.summary ? fragmentText(entry.summary) : '';
  // the feed's own text: its full content, else its summary (the longer when the content is a cut-down copy)
  const own = content.trim() && content.length * 3 >= summary.length ? content : summary || content;
  const kind = own === content && content.trim() ? 'content' : 'summary';
  const teaser = isTeaser(own, kind, summary.length);
  const html = kind === 'content' && entry.contentHtml ? `<!doctype html><html><head><title>${escapeHtml(entry.title ?? '')}</title></head><body><article>${entry.contentHtml}</article></body></html>` : undefined;
  if (!teaser) return entryItem(entry, own, source, feedTitle, ctx.now, html);
  let why = 'the feed gives only a teaser and the item has no link';
  if (entry.link && ctx.followLinks) {
    const got = await fetchDocument(entry.link, ctx, false);
    if (!('error' in got)) {
      if (got.kind === 'html') {
        const page = pageItem(got.text, got.url, source, got.url, ctx.now, { entry, feedTitle });
        if (!isSourceError(page) || !own.trim()) return page;
        why = `its page ${got.url} has no article text (${page.reason})`;
      } else if (got.kind === 'text') {
        const item = textItem(got.text, source, got.url);
        return isSourceError(item) ? item : { ...entryItem(entry, got.text, source, feedTitle, ctx.now), url: got.url };
      } else {
        if (!own.trim()) return fail(label, 'bad_item', `${label}: its link ${entry.link} is a feed, not an article`);
        why = `its link ${entry.link} is a feed, not an article`;
      }
    } else {
      if (!own.trim()) return { ...got, error: `${got.error} (${label}: its link)` };
      why = `its page could not be fetched: ${got.error}`;
    }
  } else if (entry.link) why = 'the feed gives only a teaser and links are not followed';
  // the page is out of reach: the feed's own text is kept, marked partial with the reason, never dropped
  if (!own.trim()) return fail(label, 'no_text', `${label}: no text and no link to fetch it from`);
  return { ...entryItem(entry, own, source, feedTitle, ctx.now, html), partial: why };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------------------------------------
// URLs

type Fetched = { kind: 'html' | 'text' | 'feed'; text: string; url: string } | SourceError;

const FEED_TYPES = /^(application\/(rss|atom|rdf)\+xml|application\/(feed\+)?json|application\/xml|text\/xml)$/;
const BINARY_TYPES = /^(image|audio|video|font)\/|^application\/(pdf|zip|octet-stream|msword|vnd\.|x-)/;

/** Fetches a URL and decodes it; says whether it is a page, plain text or a feed. */
async function fetchDocument(url: string, ctx: Context, conditional: boolean): Promise<Fetched> {
  const res = await ctx.fetcher().fetch(url, { conditional, accept: conditional ? ACCEPT.any : ACCEPT.page });
  if (!res.ok) return fail(url, res.reason === 'too_large' ? 'too_large' : 'fetch', res.error);
  if (res.notModified) return fail(url, 'not_modified', `${url}: unchanged since the last fetch (HTTP 304)`);
  let bytes = res.body;
  if (isGzip(bytes)) {
    const g = gunzipLimited(bytes, url, ctx.maxDocumentBytes);
    if (!Buffer.isBuffer(g)) return g;
    bytes = g;
  } else if (res.contentType && BINARY_TYPES.test(res.contentType)) {
    return fail(url, 'binary', `${res.url} is ${res.contentType}, not a page or a feed`);
  }
  const decoded = decodeDocument(bytes, res.url, res.charset);
  if (!decoded.ok) return fail(url, decoded.reason, decoded.error);
  const text = decoded.text;
  if (sniffFeed(text)) return { kind: 'feed', text, url: res.url };
  if (looksLikeHtml(text) || res.contentType === 'text/html' || res.contentType === 'application/xhtml+xml') return { kind: 'html', text, url: res.url };
  if (res.contentType && FEED_TYPES.test(res.contentType)) return fail(url, 'bad_feed', `${res.url} is ${res.contentType} but not an RSS, Atom or JSON feed`);
  const kind = 'text';
  return { kind, text, url: res.url };
}

async function* urlSource(url: string, ctx: Context): AsyncGenerator<Yielded> {
  const got = await fetchDocument(url, ctx, true);
  if ('error' in got) {
    yield got;
    return;
  }
  if (got.kind === 'feed') yield* feedItems(got.text, got.url, url, ctx);
  else if (got.kind === 'html') yield pageItem(got.text, got.url, url, got.url, ctx.now);
  else yield textItem(got.text, url, got.url);
}

// ---------------------------------------------------------------------------------------------------------
// Files

/** Lines of a byte stream, each at most `maxLineBytes`; longer lines are reported and skipped, not buffered. */
async function* boundedLines(stream: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<{ lineNo: number; line: string } | { lineNo: number; tooLong: true }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let lineNo = 0;
  for await (const chunk of stream) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!overflow) {
        if (pendingBytes + (end - start) > maxLineBytes) {
          overflow = true;
          pending = [];
          pendingBytes = 0;
        } else if (end > start) {
          pending.push(chunk.subarray(start, end));
          pendingBytes += end - start;
        }
      }
      if (nl === -1) break;
      lineNo++;
      if (overflow) yield { lineNo, tooLong: true };
      else yield { lineNo, line: Buffer.concat(pending, pendingBytes).toString('utf8') };
      pending = [];
      pendingBytes = 0;
      overflow = false;
      start = nl + 1;
    }
  }
  if (overflow) yield { lineNo: lineNo + 1, tooLong: true };
  else if (pendingBytes > 0) yield { lineNo: lineNo + 1, line: Buffer.concat(pending, pendingBytes).toString('utf8') };
}

/** Counts bytes through a stream and stops it past an absolute limit or a compression ratio. */
async function* guardedStream(stream: AsyncIterable<Buffer>, limit: number, compressed: () => number | null, onStop: (why: SourceError['reason'], error: string) => void, label: string): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > limit) {
      onStop('too_large', `${label}: more than ${mb(limit)} of data; stopped reading`);
      return;
    }
    const c = compressed();
    if (c !== null && total > SOURCE_LIMITS.ratioCheckAfterBytes && total / Math.max(1, c) > SOURCE_LIMITS.maxCompressionRatio) {
      onStop('compression_bomb', `${label}: decompresses more than ${SOURCE_LIMITS.maxCompressionRatio} times its size (a compression bomb?); stopped reading`);
      return;
    }
    yield chunk;
  }
}

interface JsonlLine {
  id?: unknown;
  text?: unknown;
  html?: unknown;
  published?: unknown;
  url?: unknown;
  title?: unknown;
}

/** One JSONL line in the contract's shape ({"id", "text"|"html", "published"?, "url"?}) to an item or an error. */
export function jsonlLineItem(raw: string, source: string, lineNo: number, now: Date): Yielded {
  const where = `${source}:${lineNo}`;
  let input: JsonlLine;
  try {
    input = JSON.parse(raw) as JsonlLine;
  } catch (err) {
    return fail(where, 'bad_json', `${where}: not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(where, 'bad_json', `${where}: expected a JSON object`);
  const id = typeof input.id === 'string' || typeof input.id === 'number' ? String(input.id) : undefined;
  const label = id !== undefined ? `${where} (id ${id})` : where;
  const url = typeof input.url === 'string' && /^https?:\/\//i.test(input.url) ? input.url : null;
  let published: string | null = null;
  if (input.published !== undefined && input.published !== null) {
    const checked = parseCalendarDate(input.published, { now });
    if (!checked.ok) return { ...fail(where, 'bad_date', `${label}: "published" ${checked.reason}`), ...(id !== undefined ? { id } : {}) };
    published = checked.date;
  }
  let item: Yielded;
  if (typeof input.text === 'string') {
    if (!input.text.trim()) return { ...fail(where, 'empty', `${label}: "text" is empty`), ...(id !== undefined ? { id } : {}) };
    item = textItem(input.text, where, url);
  } else if (typeof input.html === 'string') {
    item = pageItem(input.html, url, where, label, now);
  } else {
    return { ...fail(where, 'bad_item', `${label}: needs a "text" or "html" string`), ...(id !== undefined ? { id } : {}) };
  }
  if (isSourceError(item)) return { ...item, ...(id !== undefined ? { id } : {}) };
  return {
    ...item,
    ...(id !== undefined ? { id } : {}),
    source,
    published: published ?? item.published,
    title: typeof input.title === 'string' ? input.title : item.title,
  };
}

async function* jsonlFile(file: string, gz: boolean, size: number, ctx: Context): AsyncGenerator<Yielded> {
  const raw = createReadStream(file);
  let stop: SourceError | null = null;
  const decompressed = gz ? raw.pipe(createGunzip()) : raw;
  const guarded = guardedStream(decompressed as AsyncIterable<Buffer>, ctx.maxStreamBytes, () => (gz ? raw.bytesRead || size : null), (reason, error) => {
    stop = fail(file, reason, error);
  }, file);
  let n = 0;
  try {
    for await (const l of boundedLines(guarded, ctx.maxLineBytes)) {
      if ('tooLong' in l) {
        yield fail(`${file}:${l.lineNo}`, 'too_large', `${file}:${l.lineNo}: line longer than ${mb(ctx.maxLineBytes)}; skipped`);
        continue;
      }
      const line = l.lineNo === 1 ? l.line.replace(/^\uFEFF/, '') : l.line;
      if (!line.trim()) continue;
      n++;
      yield jsonlLineItem(line, file, l.lineNo, ctx.now);
    }
  } catch (err) {
    yield fail(file, 'unreadable', `${file}: ${gz ? 'not valid gzip data' : 'read error'} after ${n} lines (${(err as Error).message.split('\n')[0]})`);
  } finally {
    raw.destroy();
  }
  if (stop) yield stop;
}

async function* fileSource(file: string, st: Stats, ctx: Context): AsyncGenerator<Yielded> {
  if (st.size === 0) {
    yield fail(file, 'empty', `${file} is empty`);
    return;
  }
  if (JSONL_EXTENSIONS.test(file)) {
    yield* jsonlFile(file, /\.gz$/i.test(file), st.size, ctx);
    return;
  }
  if (st.size > ctx.maxDocumentBytes) {
    yield fail(file, 'too_large', `${file} is ${mb(st.size)}, above the ${mb(ctx.maxDocumentBytes)} limit for one document: split it, or give a JSONL file with one article per line`);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (err) {
    yield fail(file, 'unreadable', `${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return;
  }
  if (isGzip(bytes)) {
    const g = gunzipLimited(bytes, file, ctx.maxDocumentBytes);
    if (!Buffer.isBuffer(g)) {
      yield g;
      return;
    }
    bytes = g;
  }
  const decoded = decodeDocument(bytes, file);
  if (!decoded.ok) {
    yield fail(file, decoded.reason, decoded.reason === 'binary' ? `skipped: ${decoded.error}` : decoded.error);
    return;
  }
  const text = decoded.text;
  if (sniffFeed(text)) yield* feedItems(text, null, file, ctx);
  else if (looksLikeJsonl(text)) {
    let lineNo = 0;
    for (const line of text.split('\n')) {
      lineNo++;
      if (line.trim()) yield jsonlLineItem(line, file, lineNo, ctx.now);
    }
  } else if (looksLikeHtml(text)) yield pageItem(text, null, file, file, ctx.now);
  else yield textItem(text, file, null);
}

/** JSONL by content: the first line is a JSON object with a "text" or "html" field. */
function looksLikeJsonl(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  const first = text.trimStart().split('\n', 1)[0]!;
  try {
    const o = JSON.parse(first) as Record<string, unknown>;
    return typeof o === 'object' && o !== null && (typeof o['text'] === 'string' || typeof o['html'] === 'string');
  } catch {
    return false;
  }
}

async function* directorySource(dir: string, ctx: Context, seen: Set<string>): AsyncGenerator<Yielded> {
  let real: string;
  try {
    real = await fsp.realpath(dir);
  } catch {
    yield fail(dir, 'unreadable', `${dir}: cannot be read`);
    return;
  }
  if (seen.has(real)) return; // a symbolic link back up the tree
  seen.add(real);
  let names: string[];
  try {
    names = (await fsp.readdir(dir)).sort();
  } catch (err) {
    yield fail(dir, 'unreadable', `${dir}: cannot be listed (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    if (name.startsWith('.')) {
      yield fail(full, 'skipped', `skipped: ${full} is hidden`);
      continue;
    }
    let st: Stats;
    try {
      st = await fsp.stat(full);
    } catch {
      yield fail(full, 'unreadable', `${full}: cannot be read (a broken link?)`);
      continue;
    }
    if (st.isDirectory()) yield* directorySource(full, ctx, seen);
    else if (st.isFile()) yield* fileSource(full, st, ctx);
    else yield fail(full, 'skipped', `skipped: ${full} is not a regular file`);
  }
}

async function* pathSource(spec: string, ctx: Context): AsyncGenerator<Yielded> {
  let st: Stats;
  try {
    st = await fsp.stat(spec);
  } catch {
    yield fail(spec, 'not_found', `no such file or directory: ${spec}`);
    return;
  }
  if (st.isDirectory()) yield* directorySource(spec, ctx, new Set());
  else yield* fileSource(spec, st, ctx);
}

/**
 * Reads every source in order: files, directories, JSONL files, feeds (file or URL) and article URLs. Each
 * article comes out as a SourceItem, each problem as a SourceError; one bad source or item never stops the rest.
 */
function contextOf(options: ReadSourcesOptions, fetcher: () => Fetcher): Context {
  return {
    fetcher,
    followLinks: options.followLinks ?? true,
    now: options.now ?? new Date(),
    maxDocumentBytes: options.maxDocumentBytes ?? SOURCE_LIMITS.maxDocumentBytes,
    maxLineBytes: options.maxLineBytes ?? SOURCE_LIMITS.maxLineBytes,
    maxStreamBytes: options.maxStreamBytes ?? SOURCE_LIMITS.maxStreamBytes,
  };
}

/**
 * The items of one JSONL file (plain or .gz), one per non-empty line in order, bad lines as SourceErrors (with
 * the line's id when it has one). The one JSONL reader: `ingest` reads JSONL files through it, and so does
 * `analyze --jsonl`. Nothing is fetched.
 */
export async function* readJsonl(file: string, options: ReadSourcesOptions = {}): AsyncGenerator<SourceItem | SourceError> {
  const ctx = contextOf(options, () => {
    throw new Error('JSONL items are never fetched');
  });
  let st: Stats;
  try {
    st = await fsp.stat(file);
  } catch {
    yield fail(file, 'not_found', `no such file: ${file}`);
    return;
  }
  yield* jsonlFile(file, /\.gz$/i.test(file), st.size, ctx);
}

export async function* readSources(specs: readonly string[], options: ReadSourcesOptions = {}): AsyncGenerator<SourceItem | SourceError> {
  let own: Fetcher | null = null;
  const ctx = contextOf(options, () => options.fetcher ?? (own ??= new Fetcher({ politeness: new HostPoliteness(), ...options.fetch })));
  try {
    for (const spec of specs) {
      try {
        if (/^https?:\/\//i.test(spec)) yield* urlSource(spec, ctx);
        else yield* pathSource(spec, ctx);
      } catch (err) {
        // a bug or an unexpected failure in one source is reported, and the next source is read
        yield fail(spec, 'unreadable', `${spec}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
      }
    }
  } finally {
    if (own) await (own as Fetcher).close();
  }
}
