// Page metadata: title, byline, publication date, canonical URL, language and site name, read from JSON-LD
// (schema.org NewsArticle and kin), Open Graph and other <meta> tags, <time datetime> and <link rel=canonical>.
// Dates are checked for sanity (none in the future relative to an injectable `now`, none before 1980).

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  /** Publication date as YYYY-MM-DD (the publisher's local calendar date), or null. */
  published: string | null;
  canonicalUrl: string | null;
  /** ISO 639-1 code from <html lang> or a content-language tag, lower case ("en"), or null. */
  lang: string | null;
  siteName: string | null;
}

export interface DateCheck {
  /** The moment "future" is measured from (tests inject a fixed one). */
  now?: Date;
}

const DATE_LIMITS = {
  /** Nothing on the web or in the newswires we read is older than this; earlier values are template junk ("1970-01-01"). */
  earliest: '1980-01-01',
  /** Slack for time zones: a page published "tomorrow" in Tokyo is today in New York. */
  futureSlackMs: 36 * 3600 * 1000,
} as const;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const DATE_PATTERNS = {
  // "2019-11-19T23:11:00-05:00", "2019-11-19": the calendar date as written (the publisher's own day)
  iso: /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/,
  // "20191119" (sailthru.date, parsely, some CMS meta tags)
  compact: /^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)/,
  // "2019/11/19" and "2019.11.19"
  slashedYmd: /^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\D|$)/,
  // RSS pubDate "Tue, 19 Nov 2019 23:11:00 -0500", "19 November 2019", newswire "26-FEB-1987 15:01:01.79" (Reuters-21578)
  dayMonthYear: /\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?[\s-]+(\d{4})\b/i,
  // "November 19, 2019", "Nov. 19 2019"
  monthDayYear: /\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i,
  // a Unix time in seconds or milliseconds ("1574208000")
  epoch: /^\s*(\d{10}|\d{13})\s*$/,
} as const;

/** The outlet of a URL: its host without "www." ("https://www.reuters.com/x" -> "reuters.com"), or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\d?\./, '') || null;
  } catch {
    return null;
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m - 1, d);
  if (new Date(t).getUTCDate() !== d) return null; // 31 February
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A calendar date (YYYY-MM-DD) read from a date string in the formats pages and feeds use, or null. */
export function parseDateString(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s) return null;
  let m = DATE_PATTERNS.iso.exec(s) ?? DATE_PATTERNS.slashedYmd.exec(s) ?? DATE_PATTERNS.compact.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  if ((m = DATE_PATTERNS.epoch.exec(s))) {
    const ms = m[1]!.length === 13 ? +m[1]! : +m[1]! * 1000;
    return new Date(ms).toISOString().slice(0, 10);
  }
  if ((m = DATE_PATTERNS.dayMonthYear.exec(s))) return ymd(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!);
  if ((m = DATE_PATTERNS.monthDayYear.exec(s))) return ymd(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!);
  return null;
}

/** A publication date that passes the sanity checks (not before 1980, not in the future), or null. */
export function saneDate(raw: string | null | undefined, check: DateCheck = {}): string | null {
  const d = parseDateString(raw);
  if (!d || d < DATE_LIMITS.earliest) return null;
  const now = (check.now ?? new Date()).getTime();
  if (Date.parse(`${d}T00:00:00Z`) > now + DATE_LIMITS.futureSlackMs) return null;
  return d;
}

// ---------------------------------------------------------------------------------------------------------
// JSON-LD

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** schema.org types that describe the article itself (not the site, the breadcrumb or the author). */
const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|Report|ScholarlyArticle|TechArticle|LiveBlogPosting|WebPage|SocialMediaPosting|DiscussionForumPosting)$/;

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typesOf(o: JsonObject): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t.replace(/^https?:\/\/schema\.org\//, '')];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
  return [];
}

/** Every object in a JSON-LD value, flattening arrays and @graph. */
function collectObjects(v: Json, out: JsonObject[], depth = 0): void {
  if (depth > 4) return;
  if (Array.isArray(v)) {
    for (const x of v) collectObjects(x, out, depth + 1);
  } else if (isObject(v)) {
    out.push(v);
    const g = v['@graph'];
    if (g) collectObjects(g, out, depth + 1);
  }
}

/** The best article object: a *NewsArticle/Article/BlogPosting beats a WebPage. */
function articleObject(objects: JsonObject[]): JsonObject | null {
  let best: JsonObject | null = null;
  let bestRank = 99;
  for (const o of objects) {
    for (const t of typesOf(o)) {
      if (!ARTICLE_TYPES.test(t)) continue;
      const rank = t === 'WebPage' ? 2 : t.endsWith('Article') || t === 'BlogPosting' ? 0 : 1;
      if (rank < bestRank) {
        best = o;
        bestRank = rank;
      }
    }
  }
  return best;
}

function stringOf(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return stringOf(v[0]);
  if (isObject(v)) return stringOf(v['name'] ?? v['@value']);
  return null;
}

/** Author names from a JSON-LD author value: "X", {"name": "X"}, or a list of either. */
function authorNames(v: Json | undefined): string[] {
  if (typeof v === 'string') return v.trim() && !/^https?:/.test(v) ? [v.trim()] : [];
  if (Array.isArray(v)) return v.flatMap((x) => authorNames(x));
  if (isObject(v)) return authorNames(v['name']);
  return [];
}

interface MetaDocument {
  querySelector(selectors: string): Element | null;
  querySelectorAll(selectors: string): ArrayLike<Element>;
  documentElement: Element | null;
}

function jsonLdObjects(doc: MetaDocument): JsonObject[] {
  const out: JsonObject[] = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    const raw = (scripts[i]!.textContent ?? '')
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>)\s*$/, '')
      .trim();
    if (!raw) continue;
    try {
      collectObjects(JSON.parse(raw) as Json, out);
    } catch {
      // a malformed block (trailing commas, raw newlines in strings) is skipped; Open Graph still answers
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// <meta> tags

/** Every value the selectors find, in selector order (a page may carry a junk date tag before a good one). */
function metaContents(doc: MetaDocument, selectors: readonly string[]): string[] {
  const out: string[] = [];
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? null;
    if (v && v.trim()) out.push(v.trim());
  }
  return out;
}

function metaContent(doc: MetaDocument, selectors: readonly string[]): string | null {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? null;
    if (v && v.trim()) return v.trim();
  }
  return null;
}

const META = {
  title: ['meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]', 'meta[name="dc.title"]', 'meta[name="DC.title"]'],
  byline: ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]', 'meta[name="dc.creator"]', 'meta[name="DC.creator"]', 'meta[name="parsely-author"]', 'meta[name="sailthru.author"]'],
  published: [
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[itemprop="datePublished"]',
    'time[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="publish-date"]',
    'meta[name="parsely-pub-date"]',
    'meta[name="sailthru.date"]',
    'meta[name="dc.date.issued"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dcterms.created"]',
    'meta[name="date"]',
    'meta[name="Date"]',
    'meta[property="article:modified_time"]',
  ],
  siteName: ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]'],
} as const;

function resolveUrl(href: string | null | undefined, base: string | undefined): string | null {
  if (!href || !href.trim()) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function primaryLanguage(tag: string | null | undefined): string | null {
  const m = tag ? /^\s*([a-z]{2,3})(?:[-_]|\s*$)/i.exec(tag) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** Named character references that survive in JSON-LD and doubly escaped meta tags ("&#8216;", "&amp;nbsp;"). */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', pound: '£', euro: '€', copy: '©',
};
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;

/** Decodes character references left in metadata strings ("The Medium is the Message&#8217;"). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function clean(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = decodeEntities(decodeEntities(s)).replace(/\s+/g, ' ').trim();
  return t || null;
}

/** A byline as a name list: "By TOM KRISHER, AP Auto Writer" -> "TOM KRISHER, AP Auto Writer"; junk ("|") -> null. */
export function cleanByline(s: string | null | undefined): string | null {
  const t = clean(s)?.replace(/^by\s+/i, '').replace(/^[\s|,;:-]+|[\s|,;:-]+$/g, '') ?? '';
  if (!/\p{L}{2}/u.test(t) || /^https?:/i.test(t) || t.length > 120) return null;
  return t;
}

/** A title without the site name tacked on: "Meal Prep for A Little More Obsessed | The Beachbody Blog". */
function trimSiteName(title: string | null, siteName: string | null): string | null {
  if (!title || !siteName) return title;
  const m = /^(.{10,}?)\s+[|–—:·•-]\s+([^|–—:·•]+)$/.exec(title);
  if (!m) return title;
  const norm = (x: string) => x.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const tail = norm(m[2]!);
  const site = norm(siteName);
  return tail && site && (tail === site || tail.startsWith(site) || site.startsWith(tail)) ? m[1]! : title;
}

/** Hints from a main-content extractor (Readability) used when the page's own metadata says nothing. */
export interface MetadataHints {
  title?: string | null;
  byline?: string | null;
  published?: string | null;
  siteName?: string | null;
}

/** Reads a page's metadata; `url` is where it came from (for the canonical URL when the page gives none). */
export function readPageMetadata(doc: MetaDocument, url?: string, hints: MetadataHints = {}, check: DateCheck = {}): PageMetadata {
  const objects = jsonLdObjects(doc);
  const article = articleObject(objects);
  const publisher = article && isObject(article['publisher']) ? article['publisher'] : null;
  const website = objects.find((o) => typesOf(o).includes('WebSite')) ?? null;

  const siteName = clean(metaContent(doc, META.siteName) ?? stringOf(publisher?.['name']) ?? stringOf(website?.['name']) ?? hints.siteName);
  const title = trimSiteName(clean(stringOf(article?.['headline']) ?? metaContent(doc, META.title) ?? hints.title ?? doc.querySelector('title')?.textContent), siteName);
  const authors = authorNames(article?.['author']);
  const byline = cleanByline(authors.length ? authors.join(', ') : null) ?? cleanByline(metaContent(doc, META.byline)) ?? cleanByline(hints.byline);

  // The first date that passes the checks wins: JSON-LD, then meta tags, then the first <time datetime>.
  const dateCandidates = [
    stringOf(article?.['datePublished']),
    stringOf(article?.['dateCreated']),
    ...metaContents(doc, META.published),
    doc.querySelector('article time[datetime]')?.getAttribute('datetime'),
    doc.querySelector('time[datetime]')?.getAttribute('datetime'),
    hints.published,
    stringOf(article?.['dateModified']),
  ];
  let published: string | null = null;
  for (const c of dateCandidates) {
    if ((published = saneDate(c, check))) break;
  }

  const canonicalUrl =
    resolveUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), url) ??
    resolveUrl(metaContent(doc, ['meta[property="og:url"]']), url) ??
    resolveUrl(url, undefined);

  const lang =
    primaryLanguage(doc.documentElement?.getAttribute('lang')) ??
    primaryLanguage(metaContent(doc, ['meta[http-equiv="content-language"]', 'meta[http-equiv="Content-Language"]', 'meta[name="language"]'])) ??
    primaryLanguage(stringOf(article?.['inLanguage'])) ??
    primaryLanguage(metaContent(doc, ['meta[property="og:locale"]']));

  return { title, byline, published, canonicalUrl, lang, siteName };
}

/** Fills what the page's metadata left empty from an extractor's guesses (Readability's byline, title, date). */
export function completeMetadata(meta: PageMetadata, hints: MetadataHints, check: DateCheck = {}): PageMetadata {
  const siteName = meta.siteName ?? clean(hints.siteName);
  return {
    ...meta,
    siteName,
    title: meta.title ?? trimSiteName(clean(hints.title), siteName),
    byline: meta.byline ?? cleanByline(hints.byline),
    published: meta.published ?? saneDate(hints.published, check),
  };
}
