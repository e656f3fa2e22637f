// #/timeline?commodity=&country=&plover=&from=&to=: events over time coloured by PLOVER category, filtered
// through /api/events; a mark opens its evidence sentence in its article.
import { api, type EntityRow } from '../api.js';
import { h } from '../dom.js';
import type { ViewContext } from '../router.js';
import { articleHref, eventsTable } from '../components.js';
import { drawTimeline } from '../timeline-chart.js';
import { PLOVER, ploverLegend, sortPlover } from '../theme.js';

const LIMIT = 500;

/** The filters the timeline (and the network) read from the hash. */
export const FILTERS = ['commodity', 'country', 'plover', 'from', 'to'] as const;

/** A country as the user typed it ("Russia", "rus", "RUS") -> its ISO3 code, from the corpus's countries. */
export function countryCode(input: string, countries: readonly EntityRow[]): string | null {
  const t = input.trim();
  if (!t) return null;
  const lower = t.toLowerCase();
  const hit = countries.find((c) => c.name.toLowerCase() === lower || c.codes.iso3?.toLowerCase() === lower)
    ?? countries.find((c) => c.name.toLowerCase().startsWith(lower));
  if (hit) return hit.codes.iso3 ?? hit.country ?? null;
  return /^[a-z]{3}$/i.test(t) ? t.toUpperCase() : null;
}

export function datalist(id: string, rows: readonly EntityRow[]): HTMLDataListElement {
  return h('datalist', { id }, rows.map((r) => h('option', { attrs: { value: r.name } })));
}

export async function timelineView(ctx: ViewContext): Promise<Node> {
  document.title = 'Timeline · Lodestone';
  const q = ctx.query;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, q.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [page, countries, commodities] = await Promise.all([
    api.events({ ...filters, limit: LIMIT }),
    api.entities({ type: 'country', limit: 500 }).then((p) => p.items, () => [] as EntityRow[]),
    api.entities({ type: 'commodity', limit: 500 }).then((p) => p.items, () => [] as EntityRow[]),
  ]);
  const events = page.items;

  const countryName = countries.find((c) => c.codes.iso3 === filters.country)?.name ?? filters.country;
  const inputs = {
    commodity: h('input', { type: 'text', attrs: { name: 'commodity', list: 'dl-commodities', placeholder: 'e.g. uranium or HS 2612', value: filters.commodity } }),
    country: h('input', { type: 'text', attrs: { name: 'country', list: 'dl-countries', placeholder: 'e.g. Russia or RUS', value: countryName } }),
    plover: h('select', { attrs: { name: 'plover' } }, h('option', { attrs: { value: '' } }, 'All categories'),
      PLOVER.map((p) => h('option', { attrs: { value: p.category, selected: p.category === filters.plover.toUpperCase() } }, p.category))),
    from: h('input', { type: 'date', attrs: { name: 'from', value: filters.from } }),
    to: h('input', { type: 'date', attrs: { name: 'to', value: filters.to } }),
  };
  const notice = h('p', { class: 'form-status', role: 'status' });
  const form = h('form', { class: 'filters' },
    h('label', null, 'Commodity ', inputs.commodity),
    h('label', null, 'Country ', inputs.country),
    h('label', null, 'Category ', inputs.plover),
    h('label', null, 'From ', inputs.from),
    h('label', null, 'To ', inputs.to),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
    h('a', { class: 'reset', href: '#/timeline' }, 'Clear'),
    datalist('dl-countries', countries), datalist('dl-commodities', commodities), notice);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const country = inputs.country.value.trim();
    const code = countryCode(country, countries);
    if (country && !code) { notice.textContent = `No country called “${country}” in the corpus.`; return; }
    const next = new URLSearchParams();
    const values: Record<string, string> = { commodity: inputs.commodity.value.trim(), country: code ?? '', plover: inputs.plover.value, from: inputs.from.value, to: inputs.to.value };
    for (const [k, v] of Object.entries(values)) if (v) next.set(k, v);
    location.hash = `#/timeline${next.toString() ? `?${next}` : ''}`;
  });

  const undated = events.filter((ev) => !ev.date).length;
  const chart = drawTimeline(events, { from: filters.from, to: filters.to, onSelect: (ev) => { location.hash = articleHref(ev.articleId, ev.evidence); } });
  const cats = sortPlover(events.filter((ev) => ev.date).map((ev) => ev.plover));
  const active = FILTERS.filter((f) => filters[f]).map((f) => `${f} ${f === 'country' ? countryName : filters[f]}`);
  return h('section', { class: 'page timeline' },
    h('div', { class: 'page-head' }, h('h1', null, 'Timeline'),
      h('p', { class: 'meta' }, `${events.length}${events.length === LIMIT ? '+' : ''} events`, active.length ? ` · ${active.join(' · ')}` : '',
        undated ? ` · ${undated} undated, listed below only` : '',
        events.length === LIMIT ? ` · showing the ${LIMIT} newest; narrow the filters to see older ones` : '')),
    form,
    events.length
      ? h('figure', { class: 'chart', attrs: { 'data-testid': 'timeline' } }, chart, h('figcaption', null, ploverLegend(cats), h('span', { class: 'hint' }, 'Click a mark to read its evidence in the article.')))
      : h('p', { class: 'empty', attrs: { 'data-testid': 'timeline-empty' } }, 'No events match these filters.'),
    h('h2', null, 'Events'),
    eventsTable(events));
}
