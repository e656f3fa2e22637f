// Pieces several views share: an events table linking to the evidence, a quotes list, entity links.
import type { EventEntity, EventRow, QuoteRow } from './api.js';
import { h, routeHref, truncate, withQuery } from './dom.js';
import { ploverBadge } from './theme.js';

export function articleHref(id: string, focus?: { start: number; end: number } | null): string {
  return withQuery(routeHref('article', id), focus ? { s: focus.start, e: focus.end } : {});
}

export function entityLink(e: { name: string; type: string }): HTMLElement {
  return h('a', { class: `elink t-${e.type}`, href: routeHref('entity', e.type, e.name) }, e.name);
}

function entities(xs: readonly EventEntity[]): (HTMLElement | string)[] {
  if (!xs.length) return ['–'];
  return xs.flatMap((x, i) => (i ? [', ', entityLink(x)] : [entityLink(x)]));
}

export function eventWhen(ev: EventRow): string {
  if (!ev.date) return 'undated';
  return ev.dateEnd && ev.dateEnd !== ev.date ? `${ev.date} – ${ev.dateEnd}` : ev.date;
}

/** Events newest first, each row opening its evidence sentence in its article. */
export function eventsTable(events: readonly EventRow[]): HTMLElement {
  if (!events.length) return h('p', { class: 'empty' }, 'No events.');
  return h('table', { class: 'table events', attrs: { 'data-testid': 'events-table' } },
    h('thead', null, h('tr', null, h('th', null, 'When'), h('th', null, 'Event'), h('th', null, 'Who → whom'),
      h('th', null, 'Commodities'), h('th', null, 'Evidence'))),
    h('tbody', null, events.map((ev) => h('tr', null,
      h('td', { class: 'date' }, eventWhen(ev)),
      h('td', null, ploverBadge(ev.plover), ' ', h('span', { class: 'cameo' }, ev.cameo),
        ev.modality && ev.modality !== 'asserted' ? h('span', { class: `modality mod-${ev.modality}` }, ev.modality) : null),
      h('td', null, entities(ev.source), ' → ', entities(ev.target)),
      h('td', null, ev.commodities.length ? entities(ev.commodities) : '–'),
      h('td', { class: 'evidence' },
        h('a', { href: articleHref(ev.articleId, ev.evidence), title: 'Open the sentence in its article' }, truncate(ev.evidence.text, 160)),
        ev.numArticles > 1 ? h('span', { class: 'reports', title: 'articles and outlets reporting it' }, ` ${ev.numArticles} articles, ${ev.numSources} outlets`) : null)))));
}

export function quotesList(quotes: readonly QuoteRow[]): HTMLElement {
  if (!quotes.length) return h('p', { class: 'empty' }, 'No quotes.');
  return h('ol', { class: 'quote-list corpus' }, quotes.map((q) => h('li', { class: `quote-item q-${q.kind}` },
    h('div', { class: 'quote-head' },
      h('span', { class: 'date' }, q.published ?? 'undated'),
      q.speaker ? h('span', { class: 'speaker' }, q.speaker) : h('span', { class: 'speaker unresolved' }, q.speakerText ? `“${q.speakerText}”` : 'speaker unknown'),
      h('span', { class: `badge kind-${q.kind}` }, q.kind)),
    h('blockquote', null, h('a', { href: articleHref(q.articleId, { start: q.start, end: q.end }) }, truncate(q.text, 320))))));
}
