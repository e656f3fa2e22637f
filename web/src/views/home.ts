// #/ and #/articles: the stored articles, newest ingest first, with what was found in each, paginated.
import { api } from '../api.js';
import { h, routeHref, withQuery } from '../dom.js';
import type { ViewContext } from '../router.js';

const PAGE = 50;

export async function homeView(ctx: ViewContext): Promise<Node> {
  const offset = Math.max(0, Number(ctx.query.get('offset')) || 0);
  const [page, health] = await Promise.all([api.articles({ limit: PAGE, offset }), api.health().catch(() => null)]);
  document.title = 'Articles · Lodestone';
  if (!page.items.length && offset === 0) {
    return h('section', { class: 'page empty-corpus' },
      h('h1', null, 'No articles yet'),
      h('p', null, 'The corpus is empty. ', h('a', { href: '#/analyze' }, 'Analyze an article'),
        ' to see what Lodestone reads from it, or ingest some with ', h('code', null, 'lodestone ingest'), '.'));
  }
  const rows = page.items.map((a) => h('tr', null,
    h('td', { class: 'date' }, a.published ?? '—'),
    h('td', null, h('a', { href: routeHref('article', a.id) }, a.title || a.id), a.outlet ? h('span', { class: 'outlet' }, a.outlet) : null),
    h('td', { class: 'num' }, String(a.counts?.entities ?? '')),
    h('td', { class: 'num' }, String(a.counts?.quotes ?? '')),
    h('td', { class: 'num' }, String(a.counts?.events ?? ''))));
  const pager = h('nav', { class: 'pager' },
    offset > 0 ? h('a', { href: withQuery('#/articles', { offset: Math.max(0, offset - PAGE) || null }) }, '← Newer') : null,
    page.items.length === PAGE ? h('a', { href: withQuery('#/articles', { offset: offset + PAGE }) }, 'Older →') : null);
  return h('section', { class: 'page' },
    h('div', { class: 'page-head' },
      h('h1', null, 'Articles'),
      health ? h('p', { class: 'meta' }, `${health.articles.toLocaleString('en')} in the corpus`) : null,
      h('p', { class: 'lede' }, 'Open an article to see its entities, quotes, events and dates highlighted in place, or explore the ',
        h('a', { href: '#/timeline' }, 'timeline'), ' and the ', h('a', { href: '#/network' }, 'network'), '.')),
    h('table', { class: 'table articles' },
      h('thead', null, h('tr', null, h('th', null, 'Published'), h('th', null, 'Title'),
        h('th', { class: 'num' }, 'Entities'), h('th', { class: 'num' }, 'Quotes'), h('th', { class: 'num' }, 'Events'))),
      h('tbody', null, rows)),
    pager);
}
