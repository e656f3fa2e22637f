// HTML pages to article text: Mozilla Readability over linkedom finds the main content; block elements
// become lines so the sentence splitter and the promotional-text marker see the page's structure.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

export interface HtmlArticle {
  text: string;
  title: string | null;
  published: string | null;
}

const BLOCK = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGCAPTION', 'UL', 'OL', 'TABLE', 'BR', 'HR']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG']);

interface DomNode { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> }

/** Text of a DOM subtree with one line per block element. */
export function blockText(root: DomNode): string {
  const parts: string[] = [];
  const walk = (n: DomNode) => {
    if (n.nodeType === 3) {
      parts.push((n.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (n.nodeType !== 1 || SKIP.has(n.nodeName)) return;
    const block = BLOCK.has(n.nodeName);
    if (block) parts.push('\n');
    if (n.nodeName === 'LI') parts.push('- ');
    for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i]!);
    if (block) parts.push('\n');
  };
  walk(root);
  return parts.join('').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
}

/** A date from the page's metadata, if it is a plausible publication date (not in the future). */
function metaDate(document: { querySelector(s: string): { getAttribute(a: string): string | null } | null }, fallback: string | null | undefined): string | null {
  const cands = [
    fallback,
    document.querySelector('meta[property="article:published_time"]')?.getAttribute('content'),
    document.querySelector('meta[name="date"]')?.getAttribute('content'),
    document.querySelector('time[datetime]')?.getAttribute('datetime'),
  ];
  for (const c of cands) {
    const m = c ? /^(\d{4}-\d{2}-\d{2})/.exec(c.trim()) : null;
    if (m && Date.parse(m[1]! + 'T00:00:00Z') <= Date.now() + 86400000) return m[1]!;
  }
  return null;
}

export function htmlToArticle(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  const published = metaDate(document as never, null);
  const parsed = new Readability(document as never, { charThreshold: 200 }).parse();
  if (parsed && parsed.content) {
    const { document: inner } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    const text = blockText(inner.body as unknown as DomNode);
    if (text.trim()) return { text, title: parsed.title ?? null, published: published ?? metaDate(document as never, parsed.publishedTime) };
  }
  const { document: again } = parseHTML(html);
  return { text: blockText(again.body as unknown as DomNode), title: null, published };
}
