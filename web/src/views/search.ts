// #/search?q=: full-text search across the corpus; the words that matched are marked in each snippet.
import { api, type SearchHit } from '../api.js';
import { h, routeHref, withQuery } from '../dom.js';
import type { ViewContext } from '../router.js';

const PAGE = 20;

/** The snippet as text nodes with <mark> around each highlight range (clipped, overlapping ranges merged). */
export function highlighted(snippet: string, ranges: readonly (readonly [number, number])[]): Node[] {
  const sorted = ranges.map(([s, e]) => [Math.max(0, s), Math.min(snippet.length, e)] as const)
    .filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: Node[] = [];
  let pos = 0;
  for (const [s, e] of sorted) {
    if (e <= pos) continue;
    const start = Math.max(s, pos);
    if (start > pos) out.push(document.createTextNode(snippet.slice(pos, start)));
    out.push(h('mark', null, snippet.slice(start, e)));
    pos = e;
  }
  if (pos < snippet.length) out.push(document.createTextNode(snippet.slice(pos)));
  return out;
}

export async function searchView(ctx: ViewContext): Promise<Node> {
  const q = (ctx.query.get('q') ?? '').trim();
  const offset = Math.max(0, Number(ctx.query.get('offset')) || 0);
  document.title = q ? `${q} · Search · Lodestone` : 'Search · Lodestone';
  const head = h('div', { class: 'page-head' }, h('h1', null, 'Search'),
    h('p', { class: 'hint' }, 'All words must match; use "a phrase", OR, and -word to exclude.'));
  if (!q) return h('section', { class: 'page search' }, head, h('p', { class: 'empty' }, 'Type words in the search box above.'));
  const page = await api.search({ q, limit: PAGE, offset });
  const items = page.items.map((hit: SearchHit) => h('li', { class: 'hit' },
    h('a', { class: 'hit-title', href: routeHref('article', hit.articleId) }, hit.title || hit.articleId),
    hit.published ? h('span', { class: 'date' }, hit.published) : null,
    h('p', { class: 'snippet' }, highlighted(hit.snippet, hit.highlights ?? []))));
  return h('section', { class: 'page search' }, head,
    h('p', { class: 'meta' }, page.items.length ? `Results ${offset + 1}–${offset + page.items.length} for “${q}”` : `Nothing found for “${q}”.`),
    h('ol', { class: 'hits', attrs: { 'data-testid': 'search-results' } }, items),
    h('nav', { class: 'pager' },
      offset > 0 ? h('a', { href: withQuery('#/search', { q, offset: Math.max(0, offset - PAGE) || null }) }, '← Previous') : null,
      page.items.length === PAGE ? h('a', { href: withQuery('#/search', { q, offset: offset + PAGE }) }, 'Next →') : null));
}
