// #/entity/TYPE/NAME: one entity across the corpus. A person: their quotes and events over time; a commodity:
// how often it is offered, bought, sanctioned or supplied, and its events; a country: its counterparts.
import { api, type EntityResponse } from '../api.js';
import { h, withQuery } from '../dom.js';
import type { ViewContext } from '../router.js';
import { articleHref, entityLink, eventsTable, quotesList } from '../components.js';
import { drawTimeline } from '../timeline-chart.js';
import { entityColor, ploverLegend, sortPlover, typeBadge } from '../theme.js';

const CODE_LABELS: Record<string, string> = { iso3: 'ISO 3166 alpha-3', hs: 'HS code', cameo: 'CAMEO actor', wikidata: 'Wikidata' };

export async function entityView(ctx: ViewContext): Promise<Node> {
  const [, type, name] = ctx.path;
  if (!type || !name) return h('div', { class: 'error' }, 'Which entity? Open one from an article, the timeline or the network.');
  const data = await api.entity(type, name);
  const e = data.entity;
  document.title = `${e.name} · Lodestone`;
  const events = data.events ?? [];
  const quotes = data.quotes ?? [];
  const iso3 = e.codes.iso3 ?? (e.type === 'country' ? e.country : null);

  const links = h('p', { class: 'links' },
    e.type === 'country' && iso3 ? h('a', { href: withQuery('#/timeline', { country: iso3 }) }, 'On the timeline') : null,
    e.type === 'commodity' ? [h('a', { href: withQuery('#/timeline', { commodity: e.name }) }, 'On the timeline'), ' · ',
      h('a', { href: withQuery('#/network', { commodity: e.name }) }, 'Its network')] : null,
    h('a', { href: withQuery('#/search', { q: `"${e.name}"` }) }, e.type === 'commodity' || (e.type === 'country' && iso3) ? ' · Articles mentioning it' : 'Articles mentioning it'));

  return h('section', { class: `page entity t-${e.type}` },
    h('div', { class: 'page-head' },
      h('h1', null, h('span', { class: 'entity-dot', style: { background: entityColor(e.type) } }), e.name, ' ', typeBadge(e.type)),
      h('p', { class: 'meta' }, `${e.articles} articles · ${e.mentions} mentions`,
        Object.entries(e.codes).map(([k, v]) => h('span', { class: 'code', title: CODE_LABELS[k] ?? k }, `${k.toUpperCase()} ${v}`)),
        e.country && e.type !== 'country' ? ` · country ${e.country}` : null),
      links),
    e.type === 'commodity' && data.roles ? rolesPanel(data) : null,
    e.type === 'person' || quotes.length ? h('section', { class: 'panel', attrs: { 'data-testid': 'quotes' } }, h('h2', null, 'Quotes ', h('span', { class: 'count' }, String(quotes.length))), quotesList(quotes)) : null,
    e.type !== 'person' && data.counterparts?.length ? counterpartsPanel(data) : null,
    h('section', { class: 'panel' },
      h('h2', null, 'Events over time ', h('span', { class: 'count' }, String(events.length))),
      events.some((ev) => ev.date)
        ? h('figure', { class: 'chart', attrs: { 'data-testid': 'timeline' } },
          drawTimeline(events, { onSelect: (ev) => { location.hash = articleHref(ev.articleId, ev.evidence); } }),
          h('figcaption', null, ploverLegend(sortPlover(events.filter((ev) => ev.date).map((ev) => ev.plover)))))
        : null,
      eventsTable(events)),
    e.type === 'person' && data.counterparts?.length ? counterpartsPanel(data) : null);
}

/** How a commodity appears in events: offered, bought, sanctioned, supplied... as bars, with who does it. */
function rolesPanel(data: EntityResponse): HTMLElement {
  const entries = Object.entries(data.roles ?? {});
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return h('section', { class: 'panel roles', attrs: { 'data-testid': 'roles' } }, h('h2', null, 'In events'),
    h('ul', { class: 'bars' }, entries.map(([role, n]) => {
      const who = (data.roleActors?.[role] ?? []).slice(0, 6);
      return h('li', null,
        h('span', { class: 'bar-label' }, role),
        h('span', { class: 'bar' }, h('span', { class: 'bar-fill', style: { width: `${(100 * n) / max}%` } })),
        h('span', { class: 'num' }, String(n)),
        h('span', { class: 'who' }, who.flatMap((c, i) => [i ? ', ' : '', entityLink(c), c.events > 1 ? ` ×${c.events}` : ''])));
    })));
}

function counterpartsPanel(data: EntityResponse): HTMLElement {
  const rows = [...(data.counterparts ?? [])].sort((a, b) => b.events - a.events);
  return h('section', { class: 'panel', attrs: { 'data-testid': 'counterparts' } },
    h('h2', null, 'Counterparts ', h('span', { class: 'count' }, String(rows.length))),
    h('p', { class: 'hint' }, `Who ${data.entity.name} deals with in events, either side.`),
    h('table', { class: 'table' }, h('thead', null, h('tr', null, h('th', null, 'Counterpart'), h('th', null, 'Type'), h('th', { class: 'num' }, 'Events'))),
      h('tbody', null, rows.map((c) => h('tr', null,
        h('td', null, entityLink(c)), h('td', null, typeBadge(c.type)), h('td', { class: 'num' }, String(c.events)))))));
}
