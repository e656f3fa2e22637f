// Colours and labels shared by every view: one colour per entity type and per PLOVER category, and their legends.
import { h } from './dom.js';

/** Entity types in display order, with the colour used for highlights, nodes and badges. */
export const ENTITY_TYPES: readonly { type: string; label: string; color: string; tint: string }[] = [
  { type: 'country', label: 'Countries', color: '#2e7d32', tint: '#dcefdc' },
  { type: 'person', label: 'People', color: '#7b3fa0', tint: '#eee0f6' },
  { type: 'organization', label: 'Organizations', color: '#c0571b', tint: '#fbe3d3' },
  { type: 'commodity', label: 'Commodities', color: '#9a7300', tint: '#f8ecc2' },
  { type: 'place', label: 'Places', color: '#00798a', tint: '#d7f0f2' },
  { type: 'nationality', label: 'Nationalities', color: '#5a6b7b', tint: '#e5eaee' },
  { type: 'other', label: 'Other', color: '#6d6d6d', tint: '#ececec' },
];

export function entityColor(type: string): string {
  return (ENTITY_TYPES.find((t) => t.type === type) ?? ENTITY_TYPES[ENTITY_TYPES.length - 1]!).color;
}

export function entityTypeLabel(type: string): string {
  return ENTITY_TYPES.find((t) => t.type === type)?.label ?? type;
}

/** PLOVER categories (Open Event Data Alliance, 2021): cooperative ones in blues and greens, conflictual ones in
 * oranges and reds, so the timeline reads at a glance. */
export const PLOVER: readonly { category: string; color: string; gloss: string }[] = [
  { category: 'AGREE', color: '#1f6fb4', gloss: 'agree or offer to cooperate' },
  { category: 'CONSULT', color: '#17a2b8', gloss: 'meet, talk, negotiate' },
  { category: 'SUPPORT', color: '#2e9d4a', gloss: 'praise, endorse, sign' },
  { category: 'COOPERATE', color: '#0d7d5f', gloss: 'cooperate economically or otherwise' },
  { category: 'AID', color: '#7cb342', gloss: 'give aid' },
  { category: 'CONCEDE', color: '#8e63c0', gloss: 'yield, ease' },
  { category: 'RETREAT', color: '#b39ddb', gloss: 'withdraw' },
  { category: 'REQUEST', color: '#8d6e3f', gloss: 'ask for, call for' },
  { category: 'DEMAND', color: '#a1663a', gloss: 'demand' },
  { category: 'ACCUSE', color: '#e57373', gloss: 'accuse, criticise' },
  { category: 'REJECT', color: '#d45fa6', gloss: 'reject, refuse' },
  { category: 'PROTEST', color: '#a5a51d', gloss: 'protest' },
  { category: 'THREATEN', color: '#f57c00', gloss: 'threaten' },
  { category: 'SANCTION', color: '#d32f2f', gloss: 'sanction, embargo, ban' },
  { category: 'COERCE', color: '#a0522d', gloss: 'coerce, seize, occupy' },
  { category: 'MOBILIZE', color: '#5c6bc0', gloss: 'mobilise forces' },
  { category: 'ASSAULT', color: '#7b1010', gloss: 'attack, invade' },
];

export function ploverColor(category: string): string {
  const known = PLOVER.find((p) => p.category === category.toUpperCase());
  if (known) return known.color;
  let hash = 0;
  for (const ch of category) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 45% 45%)`;
}

/** Categories in the table's order (cooperative to conflictual), unknown ones last. */
export function sortPlover(categories: Iterable<string>): string[] {
  const order = PLOVER.map((p) => p.category);
  return [...new Set([...categories].map((c) => c.toUpperCase()))]
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

export function ploverGloss(category: string): string {
  return PLOVER.find((p) => p.category === category.toUpperCase())?.gloss ?? '';
}

export function entityLegend(types: readonly string[] = ENTITY_TYPES.map((t) => t.type)): HTMLElement {
  return h('ul', { class: 'legend', attrs: { 'aria-label': 'Entity colours' } },
    ENTITY_TYPES.filter((t) => types.includes(t.type)).map((t) =>
      h('li', { class: `legend-item t-${t.type}` }, h('span', { class: 'swatch', style: { background: t.color } }), t.label)));
}

export function ploverLegend(categories: readonly string[]): HTMLElement {
  return h('ul', { class: 'legend', attrs: { 'aria-label': 'Event categories' } },
    categories.map((c) => h('li', { class: 'legend-item', title: ploverGloss(c) },
      h('span', { class: 'swatch', style: { background: ploverColor(c) } }), c)));
}

export function ploverBadge(category: string): HTMLElement {
  return h('span', { class: 'badge plover', title: ploverGloss(category), style: { background: ploverColor(category) } }, category);
}

export function typeBadge(type: string): HTMLElement {
  return h('span', { class: `badge type t-${type}`, style: { background: entityColor(type) } }, type);
}
