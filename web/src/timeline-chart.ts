// An SVG timeline of events: one row per PLOVER category, x = the event's date (a bar when it spans more than a
// day: "in February", "this spring"), dot colour = category. Drawn by hand: it is small and needs no library.
import type { EventRow } from './api.js';
import { svg } from './dom.js';
import { ploverColor, sortPlover } from './theme.js';

export interface TimelineOptions {
  /** Called when a mark is clicked or chosen with the keyboard. */
  onSelect(ev: EventRow): void;
  /** Width of the drawing in user units (it scales to its container). */
  width?: number;
  /** The date range to draw (YYYY-MM-DD, either end optional); by default the bulk of the events, outliers
   * (a "by 2050" target, a misread year) pinned to the edges as hollow marks. */
  from?: string | null;
  to?: string | null;
}

/** Share of events at each end that may fall outside the default range rather than stretch it. */
const OUTLIER_SHARE = 0.02;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;
}

/** The drawn range: the filter's dates if given, else from the 2nd to the 98th percentile of the events. */
export function domain(spans: readonly { start: number; end: number }[], from?: number | null, to?: number | null): [number, number] {
  const starts = spans.map((d) => d.start).sort((a, b) => a - b);
  const ends = spans.map((d) => d.end).sort((a, b) => a - b);
  const trim = spans.length >= 20 ? OUTLIER_SHARE : 0;
  let min = from ?? quantile(starts, trim);
  let max = (to ?? quantile(ends, 1 - trim)) + DAY;
  if (max <= min) max = min + DAY;
  const pad = Math.max(DAY, (max - min) * 0.03);
  min -= from == null ? pad : 0;
  max += to == null ? pad : 0;
  return [min, max];
}

const DAY = 86_400_000;
const ROW = 28;
const LEFT = 108;
const TOP = 30;
const RIGHT = 16;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function parseDay(s: string | null | undefined): number | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

export function describe(ev: EventRow): string {
  const names = (xs: { name: string }[]) => xs.map((x) => x.name).join(', ') || '–';
  const when = ev.date ? (ev.dateEnd && ev.dateEnd !== ev.date ? `${ev.date} – ${ev.dateEnd}` : ev.date) : 'undated';
  const over = ev.commodities.length ? ` over ${names(ev.commodities)}` : '';
  return `${ev.plover} ${ev.cameo} · ${names(ev.source)} → ${names(ev.target)}${over} · ${when}`;
}

/** Tick positions and labels for a span of days: days, weeks, months or years, about eight to twelve of them. */
export function ticks(min: number, max: number): { t: number; label: string }[] {
  const days = (max - min) / DAY;
  const out: { t: number; label: string }[] = [];
  const d = new Date(min);
  if (days <= 60) {
    const step = days <= 14 ? 1 : 7;
    for (let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()); t <= max; t += step * DAY) {
      const x = new Date(t);
      if (t >= min) out.push({ t, label: `${MONTHS[x.getUTCMonth()]} ${x.getUTCDate()}` });
    }
  } else if (days <= 365 * 4) {
    const step = Math.max(1, Math.ceil(days / 30 / 12));
    let y = d.getUTCFullYear();
    let m = d.getUTCMonth();
    for (;;) {
      const t = Date.UTC(y, m, 1);
      if (t > max) break;
      if (t >= min && m % step === 0) out.push({ t, label: m === 0 || out.length === 0 ? `${MONTHS[m]} ${y}` : MONTHS[m]! });
      m++;
      if (m === 12) { m = 0; y++; }
    }
  } else {
    const span = days / 365;
    const step = span <= 12 ? 1 : span <= 25 ? 2 : span <= 60 ? 5 : 10;
    for (let y = Math.ceil(d.getUTCFullYear() / step) * step; Date.UTC(y, 0, 1) <= max; y += step) {
      const t = Date.UTC(y, 0, 1);
      if (t >= min) out.push({ t, label: String(y) });
    }
  }
  return out;
}

export function drawTimeline(events: readonly EventRow[], options: TimelineOptions): SVGSVGElement {
  const width = options.width ?? 1100;
  const dated = events.map((ev) => {
    const start = parseDay(ev.date);
    const end = parseDay(ev.dateEnd) ?? start;
    return start == null ? null : { ev, start, end: Math.max(end ?? start, start) };
  }).filter((x): x is { ev: EventRow; start: number; end: number } => x != null);
  const cats = sortPlover(dated.map((d) => d.ev.plover));
  const height = TOP + Math.max(1, cats.length) * ROW + 14;
  const root = svg('svg', { class: 'timeline-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `Timeline of ${dated.length} events`, preserveAspectRatio: 'xMinYMin meet' });
  if (!dated.length) return root;

  const [min, max] = domain(dated, parseDay(options.from), parseDay(options.to));
  const x = (t: number) => LEFT + ((Math.min(max, Math.max(min, t)) - min) / (max - min)) * (width - LEFT - RIGHT);
  const before = dated.filter((d) => d.end + DAY <= min).length;
  const after = dated.filter((d) => d.start >= max).length;

  const axis = svg('g', { class: 'axis' });
  for (const tk of ticks(min, max)) {
    const px = x(tk.t).toFixed(1);
    axis.append(svg('line', { x1: px, x2: px, y1: TOP - 6, y2: height - 8, class: 'grid' }),
      svg('text', { x: px, y: TOP - 12, 'text-anchor': 'middle', class: 'tick' }, tk.label));
  }
  if (before) axis.append(svg('text', { x: LEFT, y: height - 1, class: 'tick outside', 'text-anchor': 'start' }, `◂ ${before} earlier, at the edge`));
  if (after) axis.append(svg('text', { x: width - RIGHT, y: height - 1, class: 'tick outside', 'text-anchor': 'end' }, `${after} later, at the edge ▸`));
  root.append(axis);

  cats.forEach((c, i) => {
    const y = TOP + i * ROW;
    root.append(
      svg('rect', { x: 0, y, width, height: ROW, class: i % 2 ? 'row odd' : 'row' }),
      svg('text', { x: LEFT - 10, y: y + ROW / 2 + 4, 'text-anchor': 'end', class: 'row-label', fill: ploverColor(c) }, c));
  });

  // Marks at the same day and row are nudged apart so each stays clickable.
  const seen = new Map<string, number>();
  for (const d of dated.sort((a, b) => (b.end - b.start) - (a.end - a.start))) {
    const cat = d.ev.plover.toUpperCase();
    const row = cats.indexOf(cat);
    const slot = `${row}|${Math.round(x(d.start))}`;
    const n = seen.get(slot) ?? 0;
    seen.set(slot, n + 1);
    const color = ploverColor(cat);
    const cy = TOP + row * ROW + ROW / 2 + ((n % 3) - 1) * 6 * Math.min(1, n);
    const outside = d.end + DAY <= min || d.start >= max;
    const g = svg('g', { class: outside ? 'tl-mark outside' : 'tl-mark', color, tabindex: 0, role: 'link', 'data-plover': cat, 'data-article': d.ev.articleId },
      svg('title', {}, `${describe(d.ev)}\n“${d.ev.evidence.text.replace(/\s+/g, ' ').slice(0, 220)}”`));
    const x0 = x(d.start);
    const x1 = x(d.end + DAY);
    if (x1 - x0 > 10) g.append(svg('rect', { x: x0.toFixed(1), y: (cy - 4).toFixed(1), width: (x1 - x0).toFixed(1), height: 8, rx: 4, fill: color, class: 'span' }));
    const r = 4.5 + Math.min(3, Math.log2(Math.max(1, d.ev.numArticles ?? 1)));
    g.append(svg('circle', { cx: ((x0 + x1) / 2 > x0 + 10 ? x0 : (x0 + x1) / 2).toFixed(1), cy: cy.toFixed(1), r: r.toFixed(1), fill: color }));
    g.addEventListener('click', () => options.onSelect(d.ev));
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); options.onSelect(d.ev); } });
    root.append(g);
  }
  return root;
}
