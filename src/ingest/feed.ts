// RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed documents to a flat list of entries, parsed by feedsmith.
// A feed with one malformed item is not lost: when the whole document does not parse, each item is cut out
// and parsed on its own, and the broken ones come back as errors beside the good ones.
import { parseFeed } from 'feedsmith';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface FeedEntry {
  /** Position in the feed, from 1. */
  index: number;
  /** The item's guid / id, if any. */
  id: string | null;
  /** The item's link, absolute, or null. */
  link: string | null;
  title: string | null;
  byline: string | null;
  /** The item's date as written (pubDate, dc:date, published/updated, date_published). */
  date: string | null;
  /** Full content as HTML (content:encoded, Atom html/xhtml content, JSON Feed content_html), if any. */
  contentHtml: string | null;
  /** Full content as plain text (Atom text content, JSON Feed content_text), if any. */
  contentText: string | null;
  /** The description or summary (often a teaser; sometimes HTML). */
  summary: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  entries: FeedEntry[];
  /** Items that could not be read, by position, each with one line saying why. */
  errors: { index: number; error: string }[];
}

export type FeedParseResult = ({ ok: true } & ParsedFeed) | { ok: false; error: string };

/** The root elements and JSON shape that make a document a feed. */
const FEED_ROOTS: readonly { format: FeedFormat; pattern: RegExp }[] = [
  { format: 'rss', pattern: /^<rss[\s>]/i },
  { format: 'atom', pattern: /^<feed[\s>]/i },
  { format: 'rdf', pattern: /^<(rdf:)?RDF[\s>]/ },
];
/** Declarations, comments, doctypes and stylesheet instructions that may precede the root element. */
const XML_PROLOG = /^(\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i;
/** JSON Feed names its version with a jsonfeed.org URL. */
const JSON_FEED_VERSION = /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//;

/** The feed format of a document, or null when it is not a feed (a page, plain text). */
export function sniffFeed(text: string): FeedFormat | null {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{')) return JSON_FEED_VERSION.test(head) ? 'json' : null;
  const rest = head.replace(XML_PROLOG, '');
  for (const r of FEED_ROOTS) if (r.pattern.test(rest)) return r.format;
  return null;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  const o = obj(v);
  if (o) return str(o['value'] ?? o['name'] ?? o['href']);
  if (Array.isArray(v)) return str(v[0]);
  return null;
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base ?? undefined);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function names(v: unknown): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'string') {
    // RSS <author> is "email (Name)"
    const m = /\(([^)]+)\)\s*$/.exec(v);
    return [m ? m[1]!.trim() : v.trim()].filter(Boolean);
  }
  const o = obj(v);
  if (!o) return [];
  const n = str(o['name']);
  return n ? [n] : [];
}

function byline(...candidates: unknown[]): string | null {
  for (const c of candidates) {
    const list = names(c).filter((n) => !/^\S+@\S+$/.test(n));
    if (list.length) return list.join(', ');
  }
  return null;
}

/** An RSS or RDF item. */
function rssEntry(item: Obj, index: number, base: string | null): FeedEntry {
  const guid = obj(item['guid']);
  const guidValue = str(item['guid']);
  const permalink = guid && guid['isPermaLink'] !== false && guidValue && /^https?:\/\//.test(guidValue) ? guidValue : null;
  const dc = obj(item['dc']);
  const content = obj(item['content']);
  const atom = obj(item['atom']);
  return {
    index,
    id: guidValue ?? str(obj(item['rdf'])?.['about']),
    link: absolute(str(item['link']) ?? permalink ?? str(obj(item['rdf'])?.['about']) ?? str(atom?.['links']), base),
    title: str(item['title']) ?? str(dc?.['title']),
    byline: byline(dc?.['creators'], dc?.['creator'], item['authors'], item['author']),
    date: str(item['pubDate']) ?? str(dc?.['dates']) ?? str(dc?.['date']) ?? str(atom?.['published']) ?? str(atom?.['updated']),
    contentHtml: str(content?.['encoded']),
    contentText: null,
    summary: str(item['description']) ?? str(dc?.['description']),
  };
}

/** The link of an Atom entry: rel="alternate" (or no rel) first. */
function atomLink(links: unknown, base: string | null): string | null {
  const list = Array.isArray(links) ? links.map(obj).filter((x): x is Obj => x !== null) : [];
  const pick = list.find((l) => !l['rel'] || l['rel'] === 'alternate') ?? null;
  return absolute(str(pick?.['href']), base);
}

function atomEntry(entry: Obj, index: number, base: string | null): FeedEntry {
  const content = obj(entry['content']);
  const type = String(content?.['type'] ?? 'text').toLowerCase();
  const value = str(content?.['value']) ?? str(entry['content']);
  const isHtml = type === 'html' || type === 'xhtml' || type.includes('html');
  return {
    index,
    id: str(entry['id']),
    link: atomLink(entry['links'], base),
    title: str(entry['title']),
    byline: byline(entry['authors'], obj(entry['dc'])?.['creators']),
    date: str(entry['published']) ?? str(entry['updated']) ?? str(obj(entry['dc'])?.['date']),
    contentHtml: isHtml ? value : null,
    contentText: isHtml ? null : value,
    summary: str(entry['summary']),
  };
}

function jsonEntry(item: Obj, index: number, base: string | null): FeedEntry {
  return {
    index,
    id: str(item['id']),
    link: absolute(str(item['url']) ?? str(item['external_url']), base),
    title: str(item['title']),
    byline: byline(item['authors'], item['author']),
    date: str(item['date_published']) ?? str(item['date_modified']),
    contentHtml: str(item['content_html']),
    contentText: str(item['content_text']),
    summary: str(item['summary']),
  };
}

function entriesOf(format: FeedFormat, feed: Obj, base: string | null, offset = 0): FeedEntry[] {
  const list = (format === 'atom' ? feed['entries'] : feed['items']) ?? [];
  const items = Array.isArray(list) ? list : [];
  return items.map((x, i) => {
    const o = obj(x) ?? {};
    const index = offset + i + 1;
    if (format === 'atom') return atomEntry(o, index, base);
    if (format === 'json') return jsonEntry(o, index, base);
    return rssEntry(o, index, base);
  });
}

function feedLink(format: FeedFormat, feed: Obj, base: string | null): string | null {
  if (format === 'atom') return atomLink(feed['links'], base);
  if (format === 'json') return absolute(str(feed['home_page_url']), base);
  return absolute(str(feed['link']), base);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

/** Where each item of an XML feed starts, for reading the items one by one when the whole does not parse. */
const ITEM_START: Record<Exclude<FeedFormat, 'json'>, RegExp> = {
  rss: /<item[\s>]/gi,
  rdf: /<item[\s>]/gi,
  atom: /<entry[\s>]/gi,
};
const ITEM_END: Record<Exclude<FeedFormat, 'json'>, RegExp> = {
  rss: /<\/item\s*>/i,
  rdf: /<\/item\s*>/i,
  atom: /<\/entry\s*>/i,
};
const ROOT_OPEN: Record<Exclude<FeedFormat, 'json'>, RegExp> = {
  rss: /<rss[^>]*>/i,
  rdf: /<(rdf:)?RDF[^>]*>/,
  atom: /<feed[^>]*>/i,
};

/** Reads the items of a malformed XML feed one at a time, each wrapped in the feed's own root element. */
function salvageXmlFeed(format: Exclude<FeedFormat, 'json'>, text: string, base: string | null): ParsedFeed {
  const root = ROOT_OPEN[format].exec(text)?.[0] ?? (format === 'atom' ? '<feed xmlns="http://www.w3.org/2005/Atom">' : '<rss version="2.0">');
  const rootName = /^<([\w:]+)/.exec(root)![1]!;
  const starts: number[] = [];
  for (const m of text.matchAll(ITEM_START[format])) starts.push(m.index!);
  const entries: FeedEntry[] = [];
  const errors: { index: number; error: string }[] = [];
  // the channel's own title and link, read from the text before the first item
  const head = text.slice(0, starts[0] ?? text.length);
  const untag = (s: string | undefined) => s?.replace(/<!\[CDATA\[|\]\]>/g, '').trim() || null;
  const title = untag(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1]);
  const link = absolute(untag(/<link>([^<]+)<\/link>/i.exec(head)?.[1]) ?? untag(/<link[^>]+href="([^"]+)"/i.exec(head)?.[1]), base);
  for (let i = 0; i < starts.length; i++) {
    const index = i + 1;
    let chunk = text.slice(starts[i], starts[i + 1] ?? text.length);
    const end = ITEM_END[format].exec(chunk);
    if (!end) {
      errors.push({ index, error: `item ${index} is malformed XML (no closing tag)` });
      continue;
    }
    chunk = chunk.slice(0, end.index + end[0].length);
    const wrapped = format === 'rss' ? `${root}<channel>${chunk}</channel></${rootName}>` : `${root}${chunk}</${rootName}>`;
    try {
      const { feed } = parseFeed(wrapped) as { format: string; feed: unknown };
      const parsed = entriesOf(format, obj(feed) ?? {}, base, i);
      if (parsed.length) entries.push(parsed[0]!);
      else errors.push({ index, error: `item ${index} has nothing a feed item should have` });
    } catch (err) {
      errors.push({ index, error: `item ${index} is malformed XML (${firstLine(err)})` });
    }
  }
  return { format, title, link, entries, errors };
}

/** Parses a feed document; `base` is the feed's own URL, against which relative links are resolved. */
export function readFeed(text: string, base: string | null = null): FeedParseResult {
  const sniffed = sniffFeed(text);
  if (!sniffed) return { ok: false, error: 'not an RSS, Atom or JSON feed' };
  try {
    const { format, feed } = parseFeed(text) as { format: FeedFormat; feed: unknown };
    const f = obj(feed) ?? {};
    const title = str(f['title']);
    const entries = entriesOf(format, f, base);
    return { ok: true, format, title, link: feedLink(format, f, base), entries, errors: [] };
  } catch (err) {
    if (sniffed === 'json') return { ok: false, error: `malformed JSON Feed (${firstLine(err)})` };
    const salvaged = salvageXmlFeed(sniffed, text, base);
    if (salvaged.entries.length === 0 && salvaged.errors.length === 0) return { ok: false, error: `malformed ${sniffed === 'atom' ? 'Atom' : 'RSS'} feed with no readable items (${firstLine(err)})` };
    return { ok: true, ...salvaged };
  }
}
