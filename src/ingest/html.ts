// HTML pages to article text. The steps:
//   1. parse the page (linkedom; our own copy, the caller's string is never touched) and read its metadata
//      (JSON-LD, Open Graph, <time>, canonical link: src/ingest/metadata.ts);
//   2. prune page furniture (menus, share bars, related lists, captions, bylines: src/ingest/boilerplate.ts),
//      keeping the element the page names as its article body and that element's ancestors;
//   3. let Mozilla Readability pick the main content of what is left, and prune what it kept (title, teasers);
//   4. if the page's named article body holds clearly more prose than Readability's pick, take that instead;
//      if both are nearly empty, take the whole pruned page;
//   5. drop the lines that are still furniture (credits, time stamps, "Related:" teasers, calls to action).
// Block elements become lines so the sentence splitter and the promotional-text marker see the structure.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { dropFurnitureLines, pruneContent, pruneFurniture, siteHost } from './boilerplate.js';
import { completeMetadata, readPageMetadata, type DateCheck, type PageMetadata } from './metadata.js';

/** The article text and the page's metadata. */
export interface HtmlArticle extends PageMetadata {
  text: string;
}

export interface HtmlOptions extends DateCheck {}

const BLOCK = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGCAPTION', 'UL', 'OL', 'TABLE', 'BR', 'HR', 'DL', 'DT', 'DD', 'MAIN', 'ASIDE', 'NAV', 'ADDRESS', 'CENTER', 'DETAILS', 'SUMMARY']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'TITLE']);
/** Table cells are separated by a space so "Ticker Security Last" does not run together. */
const CELL = new Set(['TD', 'TH']);

interface DomNode { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> }

/** Text of a DOM subtree with one line per block element; list items start with "- ". Iterative: any depth. */
export function blockText(root: DomNode): string {
  const parts: string[] = [];
  // nodes to visit, and the separators to write when an element closes
  const stack: (DomNode | string)[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      parts.push(n);
      continue;
    }
    if (n.nodeType === 3) {
      parts.push((n.textContent ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (n.nodeType !== 1 || SKIP.has(n.nodeName)) continue;
    const sep = BLOCK.has(n.nodeName) ? '\n' : CELL.has(n.nodeName) ? ' ' : '';
    parts.push(sep);
    if (n.nodeName === 'LI') parts.push('- ');
    stack.push(sep);
    // linkedom builds childNodes afresh on each access: read it once
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return parts.join('').split('\n').map((l) => l.replace(/ {2,}/g, ' ').trim()).filter(Boolean).join('\n');
}

/** True when elements nest deeper than `limit` under `root` (iterative, stops at the first one). */
function nestsDeeperThan(root: Element, limit: number): boolean {
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > limit) return true;
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) stack.push([kids[i]!, depth + 1]);
  }
  return false;
}

/** Readability's own settings. */
const READABILITY_OPTIONS = {
  // a short wire story (two paragraphs) is still an article
  charThreshold: 200,
  // our furniture rules run on Readability's output, so keep the class attributes they read
  keepClasses: true,
  // give us the element, not HTML to parse again
  serializer: (el: unknown) => el,
} as const;

/**
 * Markup nested deeper than this is broken or hostile (the benchmark's pages nest at most 50 deep) and makes
 * Readability take minutes (2,000 levels: 16 s); such a page is read as plain block text.
 */
const MAX_DOM_DEPTH = 300;
/** Below this many characters the result is weak and the whole pruned page is tried. */
const SHORT_ARTICLE_CHARS = 250;
/** A line this long counts as prose when two candidate texts are compared. */
const PROSE_LINE_CHARS = 80;
/** The page's named article body replaces Readability's pick when it has this many times more prose. */
const NAMED_BODY_WINS = 1.5;

/** Page elements that name themselves as the article body (schema.org microdata and common CMS classes). */
const ARTICLE_BODY_SELECTORS = [
  '[itemprop="articleBody"]',
  '.article-body',
  '.article__body',
  '.articleBody',
  '.story-body',
  '.entry-content',
  '.post-content',
  '.post-body',
  '#article-body',
  'article',
  'main',
  '[role="main"]',
];

/** What Readability returns with the element serializer. */
interface ReadabilityResult {
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
  siteName?: string | null;
  content?: Element | null;
}

function bodyCandidate(document: Document): Element | null {
  for (const sel of ARTICLE_BODY_SELECTORS) {
    const el = document.querySelector(sel);
    if (el && (el.textContent ?? '').trim().length >= SHORT_ARTICLE_CHARS) return el;
  }
  return null;
}

/** Characters of prose in a text: lines long enough to be sentences (menus and credits are short). */
function proseChars(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (line.length >= PROSE_LINE_CHARS) n += line.length;
  return n;
}

/** A page with an <html> element (otherwise it is a fragment, parsed inside one). */
const HTML_ROOT = /<html[\s>]/i;

/** Our own parse of a page; a fragment or bare text gets the <html><body> around it that a browser would add. */
function parsePage(html: string): Document {
  const wrap = () => parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
  if (!HTML_ROOT.test(html.slice(0, 65536))) return wrap();
  const doc = parseHTML(html).document as unknown as Document;
  return doc.documentElement?.tagName === 'HTML' && doc.body ? doc : wrap();
}

/** The article in an HTML page: its main text and metadata. `url` is where the page came from, if known. */
export function htmlToArticle(html: string, url?: string, options: HtmlOptions = {}): HtmlArticle {
  const doc = parsePage(html);
  // metadata first: the pruning and Readability below change our parse of the page
  const meta = readPageMetadata(doc, url, {}, options);
  if (!doc.body || nestsDeeperThan(doc.body, MAX_DOM_DEPTH)) {
    return { text: dropFurnitureLines(doc.body ? blockText(doc.body as unknown as DomNode) : '', meta.title), ...meta };
  }

  const host = siteHost(url) ?? siteHost(meta.canonicalUrl);
  const body = doc.body ?? doc.documentElement;
  // the page's own article-body element: kept through pruning, and a copy set aside (Readability rearranges the tree)
  const named = bodyCandidate(doc);
  if (body) pruneFurniture(body, named);
  const namedCopy = named ? (named.cloneNode(true) as Element) : null;

  let text = '';
  let parsed: ReadabilityResult | null = null;
  try {
    parsed = new Readability(doc as never, READABILITY_OPTIONS as never).parse() as unknown as ReadabilityResult | null;
  } catch {
    parsed = null; // a page that breaks Readability still gets the candidates below
  }
  if (parsed?.content) {
    pruneContent(parsed.content, host);
    text = blockText(parsed.content as unknown as DomNode);
  }
  if (namedCopy) {
    // Readability can lose the article to a bigger container of teasers (ctvnews.ca): the page's named body wins
    // when it holds clearly more prose
    pruneContent(namedCopy, host);
    const alt = blockText(namedCopy as unknown as DomNode);
    if (proseChars(alt) > proseChars(text) * NAMED_BODY_WINS) text = alt;
  }
  if (text.length < SHORT_ARTICLE_CHARS) {
    // still little: the whole pruned page, from a fresh parse
    const againBody = parsePage(html).body;
    if (againBody) {
      pruneFurniture(againBody);
      const alt = blockText(againBody as unknown as DomNode);
      if (alt.length > text.length) text = alt;
    }
  }
  const full = parsed ? completeMetadata(meta, { title: parsed.title, byline: parsed.byline, published: parsed.publishedTime, siteName: parsed.siteName }, options) : meta;
  return { text: dropFurnitureLines(text, full.title), ...full };
}
