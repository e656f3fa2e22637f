// The article view: the text with every extracted fact highlighted in place (entity mentions, quotes with their
// speakers, dates, event evidence and triggers), the text set aside as promotion or boilerplate collapsed and
// struck through, and side panels listing quotes, events and entities that scroll to their words.
// Offsets are UTF-16 indices into analysis.text, so plain string slicing finds the words.
import type { AnalysisJson, ArticleSummary } from '../api.js';
import { flash, h, routeHref, truncate, type Child } from '../dom.js';
import { ENTITY_TYPES, entityColor, entityLegend, ploverBadge, ploverColor, typeBadge } from '../theme.js';

type Entity = AnalysisJson['entities'][number];
type AEvent = AnalysisJson['events'][number];
type Quote = AnalysisJson['quotes'][number];

export interface ArticleViewOptions {
  /** The stored article's record (absent for an analysis that was not stored). */
  article?: ArticleSummary | null;
  /** A range to show and flash on opening (an event's evidence from the timeline, a quote from an entity page). */
  focus?: { start: number; end: number } | null;
}

export interface ArticleView {
  element: HTMLElement;
  /** Scrolls to and flashes the focus range given in the options (call once the element is in the page). */
  showFocus(): void;
}

/** One highlight layer over [start, end). `key` groups the elements drawn for it (to flash them later). */
interface Mark {
  start: number;
  end: number;
  key: string;
  cls: string;
  title?: string;
  /** CSS custom properties for this mark (the trigger's PLOVER colour). */
  vars?: Record<string, string>;
  /** Higher goes first in a segment's tooltip. */
  rank: number;
}

/** Which highlight layers can be switched off, and the class the text container gets when one is off. */
const LAYERS: readonly { id: string; label: string }[] = [
  { id: 'entities', label: 'Entities' },
  { id: 'quotes', label: 'Quotes' },
  { id: 'dates', label: 'Dates' },
  { id: 'events', label: 'Event evidence' },
];

export function renderArticle(a: AnalysisJson, options: ArticleViewOptions = {}): ArticleView {
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const name = (id: string | null | undefined): string => (id ? byId.get(id)?.name ?? id : '');
  const registry = new Map<string, HTMLElement[]>();
  const detailsByRemoved = new Map<number, HTMLDetailsElement>();

  const marks = buildMarks(a, name, options.focus ?? null);
  const textEl = h('div', { class: 'article-text', attrs: { 'data-testid': 'article-text' } });
  renderText(a, marks, textEl, registry, detailsByRemoved);

  const show = (key: string): void => {
    const els = registry.get(key) ?? [];
    if (!els.length) return;
    els[0]!.scrollIntoView({ behavior: 'smooth', block: 'center' });
    flash(els);
  };

  const title = options.article?.title || firstLine(a.text);
  const head = h('header', { class: 'article-head' },
    h('h1', null, title),
    h('p', { class: 'meta' },
      a.published ? `Published ${a.published}` : 'No publication date (relative dates unresolved)',
      options.article?.outlet ? ` · ${options.article.outlet}` : null,
      ` · ${a.language} · ${a.text.length.toLocaleString('en')} characters`,
      options.article?.url && /^https?:\/\//i.test(options.article.url)
        ? [' · ', h('a', { href: options.article.url, attrs: { rel: 'noopener noreferrer nofollow', target: '_blank' } }, 'source')]
        : null,
      options.article ? null : ' · not stored'),
    a.warnings?.length ? h('p', { class: 'notice' }, a.warnings.join(' · ')) : null,
    summaryLine(a, byId),
    layerSwitches(textEl));

  const side = h('aside', { class: 'article-side' }, tabs([
    { id: 'quotes', label: 'Quotes', count: a.quotes.length, panel: quotesPanel(a, show) },
    { id: 'events', label: 'Events', count: a.events.length, panel: eventsPanel(a, name, show) },
    { id: 'entities', label: 'Entities', count: a.entities.length, panel: entitiesPanel(a, show) },
    { id: 'removed', label: 'Set aside', count: a.removed.length, panel: removedPanel(a, detailsByRemoved) },
  ]));

  const element = h('div', { class: 'article-view' }, h('article', { class: 'article-main' }, head, textEl), side);
  return {
    element,
    showFocus: () => { if (options.focus) show('focus'); },
  };
}

function firstLine(text: string): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return truncate(line, 120) || 'Untitled article';
}

function buildMarks(a: AnalysisJson, name: (id: string | null) => string, focus: { start: number; end: number } | null): Mark[] {
  const marks: Mark[] = [];
  for (const e of a.entities) {
    for (const m of e.mentions) {
      const form = m.form === 'name' ? '' : ` (${m.form})`;
      marks.push({ start: m.start, end: m.end, key: `e:${e.id}`, cls: `m t-${e.type}`, title: `${e.name} — ${e.type}${form}`, rank: 3 });
    }
  }
  a.quotes.forEach((q, i) => {
    const who = q.speakerName ?? (q.speakerMention ? `“${q.speakerMention.text}” (unresolved)` : 'unknown');
    marks.push({ start: q.start, end: q.end, key: `q${i}`, cls: `q q-${q.kind}`, title: `Quote (${q.kind}) — speaker: ${who}`, rank: 2 });
    if (q.speakerMention) marks.push({ start: q.speakerMention.start, end: q.speakerMention.end, key: `qs${i}`, cls: 'spk', title: `Speaker of a quote: ${who}`, rank: 4 });
  });
  for (const d of a.dates) {
    const value = d.value ? (d.value.start === d.value.end ? d.value.start : `${d.value.start} – ${d.value.end}`) : 'unresolved';
    marks.push({ start: d.start, end: d.end, key: `d:${d.start}`, cls: 'd', title: `Date: ${d.text} → ${value}`, rank: 3 });
  }
  a.events.forEach((ev, i) => {
    marks.push({ start: ev.evidence.start, end: ev.evidence.end, key: `ev${i}`, cls: 'ev', rank: 0 });
    if (ev.trigger) {
      marks.push({ start: ev.trigger.start, end: ev.trigger.end, key: `tr${i}`, cls: 'tr', rank: 5,
        title: `${ev.plover} ${ev.cameo}: ${actors(ev.source, name)} → ${actors(ev.target, name)}`,
        vars: { '--plover': ploverColor(ev.plover) } });
    }
  });
  if (focus && focus.end > focus.start) marks.push({ start: focus.start, end: focus.end, key: 'focus', cls: 'focus', rank: 1 });
  return marks.filter((m) => m.end > m.start && m.start >= 0 && m.end <= a.text.length);
}

function actors(ids: readonly string[], name: (id: string) => string): string {
  return ids.length ? ids.map(name).join(', ') : '–';
}

/** Draws the text: runs of analysed text cut at every mark boundary, and the removed spans (runs of them that
 * only whitespace separates) as collapsed, struck-through blocks. */
function renderText(a: AnalysisJson, marks: Mark[], into: HTMLElement, registry: Map<string, HTMLElement[]>, detailsByRemoved: Map<number, HTMLDetailsElement>): void {
  const text = a.text;
  const removed = a.removed.map((r, i) => ({ ...r, i })).filter((r) => r.end > r.start).sort((x, y) => x.start - y.start);
  const groups: { start: number; end: number; spans: typeof removed }[] = [];
  for (const r of removed) {
    const last = groups[groups.length - 1];
    if (last && r.start <= last.end) { last.end = Math.max(last.end, r.end); last.spans.push(r); continue; }
    if (last && /^\s*$/.test(text.slice(last.end, r.start))) { last.end = Math.max(last.end, r.end); last.spans.push(r); continue; }
    groups.push({ start: r.start, end: r.end, spans: [r] });
  }
  const sorted = [...marks].sort((x, y) => x.start - y.start || y.end - x.end);
  let pos = 0;
  for (const g of groups) {
    if (g.start > pos) renderRun(text, pos, g.start, sorted, into, registry);
    const details = removedBlock(text, g);
    for (const s of g.spans) detailsByRemoved.set(s.i, details);
    into.appendChild(details);
    pos = g.end;
    // The block already breaks the line; one newline after it would add an empty line.
    if (text[pos] === '\n') pos++;
  }
  if (pos < text.length) renderRun(text, pos, text.length, sorted, into, registry);
}

function removedBlock(text: string, g: { start: number; end: number; spans: { start: number; end: number; reason: string; rule?: string; i: number }[] }): HTMLDetailsElement {
  const reasons = [...new Set(g.spans.map((s) => s.reason))].join(', ');
  const n = g.spans.length;
  return h('details', { class: 'removed', attrs: { 'data-testid': 'removed' } },
    h('summary', null, `Set aside: ${n} ${reasons} ${n === 1 ? 'passage' : 'passages'} (not analysed)`),
    g.spans.map((s) =>
      // Plain text only: a link in promotional text is shown, never made clickable.
      h('div', { class: 'removed-span' },
        h('s', null, text.slice(s.start, s.end)),
        h('span', { class: 'reason' }, s.rule ? `${s.reason} · ${s.rule}` : s.reason))));
}

function renderRun(text: string, start: number, end: number, sorted: Mark[], into: HTMLElement, registry: Map<string, HTMLElement[]>): void {
  const inRun = sorted.filter((m) => m.end > start && m.start < end);
  const cuts = new Set<number>([start, end]);
  for (const m of inRun) { cuts.add(Math.max(m.start, start)); cuts.add(Math.min(m.end, end)); }
  const points = [...cuts].sort((x, y) => x - y);
  const active = new Set<Mark>();
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    for (const m of active) if (m.end <= a) active.delete(m);
    while (next < inRun.length && Math.max(inRun[next]!.start, start) <= a) {
      const m = inRun[next++]!;
      if (m.end > a) active.add(m);
    }
    const piece = text.slice(a, b);
    if (active.size === 0) { into.appendChild(document.createTextNode(piece)); continue; }
    const list = [...active].sort((x, y) => y.rank - x.rank);
    const el = h('span', { class: [...new Set(list.map((m) => m.cls))].join(' ') }, piece);
    const titles = list.map((m) => m.title).filter((t): t is string => !!t);
    if (titles.length) el.title = [...new Set(titles)].join('\n');
    for (const m of list) {
      if (m.vars) for (const [k, v] of Object.entries(m.vars)) el.style.setProperty(k, v);
      const els = registry.get(m.key);
      if (els) els.push(el); else registry.set(m.key, [el]);
    }
    into.appendChild(el);
  }
}

function summaryLine(a: AnalysisJson, byId: Map<string, Entity>): HTMLElement | null {
  const chips = (ids: string[]) => ids.map((id) => byId.get(id)).filter((e): e is Entity => !!e)
    .map((e) => h('a', { class: `chip t-${e.type}`, href: entityHref(e) }, e.name));
  if (!a.summary.commodities.length && !a.summary.countries.length) return null;
  return h('div', { class: 'summary' },
    a.summary.commodities.length ? h('p', null, h('span', { class: 'label' }, 'Main commodities'), chips(a.summary.commodities)) : null,
    a.summary.countries.length ? h('p', null, h('span', { class: 'label' }, 'Main countries'), chips(a.summary.countries)) : null);
}

function layerSwitches(textEl: HTMLElement): HTMLElement {
  return h('div', { class: 'layers', role: 'group', attrs: { 'aria-label': 'Highlights' } },
    h('span', { class: 'label' }, 'Highlight'),
    LAYERS.map((l) => {
      const box = h('input', { type: 'checkbox', attrs: { checked: true, 'data-layer': l.id } });
      box.addEventListener('change', () => textEl.classList.toggle(`no-${l.id}`, !box.checked));
      return h('label', { class: `layer layer-${l.id}` }, box, ' ', l.label);
    }),
    entityLegend(['country', 'person', 'organization', 'commodity', 'place', 'nationality']));
}

export function entityHref(e: { type: string; name: string }): string {
  return routeHref('entity', e.type, e.name);
}

function panel(title: string, count: number, testid: string, ...body: Child[]): HTMLElement {
  return h('section', { class: 'panel', role: 'tabpanel', attrs: { 'data-testid': testid, 'aria-label': `${title} (${count})` } }, ...body);
}

/** The side panels as tabs (one visible at a time keeps them next to the text they point into). */
function tabs(items: { id: string; label: string; count: number; panel: HTMLElement }[]): HTMLElement[] {
  const buttons = items.map((t) => h('button', { type: 'button', role: 'tab', class: 'tab', attrs: { 'data-tab': t.id } },
    t.label, ' ', h('span', { class: 'count' }, String(t.count))));
  const select = (i: number) => items.forEach((t, j) => {
    t.panel.hidden = i !== j;
    buttons[j]!.setAttribute('aria-selected', String(i === j));
  });
  buttons.forEach((b, i) => b.addEventListener('click', () => select(i)));
  select(0);
  return [h('div', { class: 'tabs', role: 'tablist' }, buttons), ...items.map((t) => t.panel)];
}

function quotesPanel(a: AnalysisJson, show: (key: string) => void): HTMLElement {
  const items = a.quotes.map((q: Quote, i) => {
    const speaker = q.speakerName
      ? h('span', { class: 'speaker' }, q.speakerName)
      : h('span', { class: 'speaker unresolved', title: 'No known person or body was resolved for these words' },
        q.speakerMention ? `“${q.speakerMention.text}”` : 'speaker unknown');
    const li = h('li', { class: `quote-item q-${q.kind}`, attrs: { 'data-kind': q.kind, tabindex: 0 } },
      h('div', { class: 'quote-head' }, speaker, h('span', { class: `badge kind-${q.kind}` }, q.kind),
        q.cue ? h('span', { class: 'cue' }, q.cue.text) : null),
      h('blockquote', null, truncate(q.text, 260)));
    const go = () => show(`q${i}`);
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    return li;
  });
  return panel('Quotes', a.quotes.length, 'quotes',
    items.length ? h('ol', { class: 'quote-list' }, items) : h('p', { class: 'empty' }, 'No quotes found.'));
}

function eventsPanel(a: AnalysisJson, name: (id: string | null) => string, show: (key: string) => void): HTMLElement {
  const items = a.events.map((ev: AEvent, i) => {
    const li = h('li', { class: 'event-item', attrs: { tabindex: 0, 'data-plover': ev.plover } },
      h('div', { class: 'event-head' }, ploverBadge(ev.plover), h('span', { class: 'cameo', title: 'CAMEO code' }, ev.cameo),
        h('span', { class: 'actors' }, actors(ev.source, name), ' → ', actors(ev.target, name))),
      h('div', { class: 'event-meta' },
        ev.trigger ? h('span', { class: 'trigger', title: 'trigger words' }, `“${ev.trigger.text}”`) : null,
        ev.commodities.length ? h('span', null, 'over ', ev.commodities.map(name).join(', ')) : null,
        ev.date ? h('span', { class: 'date' }, ev.date.text, ev.date.start ? ` (${ev.date.start === ev.date.end ? ev.date.start : `${ev.date.start} – ${ev.date.end}`})` : '') : null,
        ev.place ? h('span', null, 'in ', name(ev.place)) : null,
        ev.modality && ev.modality !== 'asserted' ? h('span', { class: `modality mod-${ev.modality}` }, ev.modality) : null,
        ev.attributedTo ? h('span', null, 'per ', name(ev.attributedTo)) : null));
    const go = () => show(`ev${i}`);
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    return li;
  });
  return panel('Events', a.events.length, 'events',
    items.length ? h('ol', { class: 'event-list' }, items) : h('p', { class: 'empty' }, 'No events found.'));
}

const CODE_LABELS: Record<string, string> = { iso3: 'ISO3', hs: 'HS', cameo: 'CAMEO', wikidata: 'Wikidata' };

function entitiesPanel(a: AnalysisJson, show: (key: string) => void): HTMLElement {
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const groups = ENTITY_TYPES.map((t) => ({ ...t, items: a.entities.filter((e) => e.type === t.type) }))
    .filter((g) => g.items.length);
  const other = a.entities.filter((e) => !ENTITY_TYPES.some((t) => t.type === e.type));
  if (other.length) groups.push({ type: 'other', label: 'Other', color: entityColor('other'), tint: '', items: other });
  return panel('Entities', a.entities.length, 'entities',
    groups.map((g) => h('div', { class: `entity-group t-${g.type}` },
      h('h3', null, typeBadge(g.type), ' ', g.label, ' ', h('span', { class: 'count' }, String(g.items.length))),
      h('ul', { class: 'entity-list' }, [...g.items].sort((x, y) => y.mentions.length - x.mentions.length).map((e) => {
        const attrs = entityAttributes(e, byId);
        const codes = Object.entries(e.codes);
        const li = h('li', { class: 'entity-item', attrs: { tabindex: 0, 'data-entity': e.id } },
          h('span', { class: `ename t-${e.type}` }, e.name),
          h('span', { class: 'count', title: 'mentions' }, `×${e.mentions.length}`),
          h('a', { class: 'entity-link', href: entityHref(e), title: `${e.name} across the corpus` }, '↗'),
          codes.length || attrs ? h('div', { class: 'attrs' },
            codes.map(([k, v]) => h('span', { class: 'code', title: k }, `${CODE_LABELS[k] ?? k.toUpperCase()} ${v}`)),
            attrs ? h('span', null, attrs) : null) : null);
        const go = (ev: Event) => {
          if ((ev.target as Element | null)?.closest?.('a')) return;
          show(`e:${e.id}`);
        };
        li.addEventListener('click', go);
        li.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') go(ev); });
        return li;
      })))));
}

function entityAttributes(e: Entity, byId: Map<string, Entity>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(e.attributes)) {
    const values = (Array.isArray(v) ? v : [v]).map((x) => (k === 'country' || k === 'parent' ? byId.get(x)?.name ?? x : x));
    parts.push(`${k}: ${values.join(', ')}`);
  }
  return parts.join(' · ');
}

function removedPanel(a: AnalysisJson, detailsByRemoved: Map<number, HTMLDetailsElement>): HTMLElement {
  if (!a.removed.length) return panel('Set aside', 0, 'removed-list', h('p', { class: 'empty' }, 'Nothing was set aside: no promotion, boilerplate or repeated text found.'));
  return panel('Set aside', a.removed.length, 'removed-list',
    h('p', { class: 'hint' }, 'Promotion, boilerplate and repeated text: kept in the text, not analysed.'),
    h('ul', { class: 'removed-list' }, a.removed.map((r, i) => {
      const li = h('li', { attrs: { tabindex: 0 } }, h('span', { class: `badge reason-${r.reason}` }, r.reason),
        (r as { rule?: string }).rule ? h('span', { class: 'rule' }, (r as { rule?: string }).rule!) : null,
        h('span', { class: 'removed-text' }, truncate(r.text ?? a.text.slice(r.start, r.end), 90)));
      li.addEventListener('click', () => {
        const d = detailsByRemoved.get(i);
        if (!d) return;
        d.open = true;
        d.scrollIntoView({ behavior: 'smooth', block: 'center' });
        flash([d]);
      });
      return li;
    })));
}
