// #/network?from=&to=&commodity=&limit=: countries, people, organizations and commodities as nodes, events
// and quotes as weighted edges (from /api/graph), laid out by Cytoscape.js (cose). A node opens its entity page.
// This module (and Cytoscape) is loaded only when the view is first opened.
import cytoscape from 'cytoscape';
import { api, type Graph, type GraphNode } from '../api.js';
import { h, routeHref } from '../dom.js';
import type { ViewContext } from '../router.js';
import { entityColor, entityLegend, ploverColor } from '../theme.js';

/** Node shape per entity type, so types differ by more than colour. */
const SHAPES: Record<string, string> = { country: 'ellipse', person: 'round-rectangle', organization: 'rectangle', commodity: 'diamond', place: 'triangle' };
/** Edge colour per kind, when an event edge has no PLOVER category. */
const EDGE_COLORS: Record<string, string> = { event: '#7d8793', quote: '#7b3fa0', commodity: '#b8962e' };
const DEFAULT_LIMIT = 80;
/** Cytoscape adds a <style> element unless one with this id exists; the page's CSP forbids inline styles, so a
 * placeholder takes its place and styles.css gives .graph the position it would have set. */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

function scale(value: number, min: number, max: number, lo: number, hi: number): number {
  if (max <= min) return (lo + hi) / 2;
  return lo + ((Math.sqrt(value) - Math.sqrt(min)) / (Math.sqrt(max) - Math.sqrt(min))) * (hi - lo);
}

export async function networkView(ctx: ViewContext): Promise<Node> {
  document.title = 'Network · Lodestone';
  const q = ctx.query;
  const filters = { from: q.get('from') ?? '', to: q.get('to') ?? '', commodity: q.get('commodity') ?? '', limit: q.get('limit') ?? '' };
  const [graph, commodities] = await Promise.all([
    api.graph({ ...filters, limit: filters.limit || DEFAULT_LIMIT }),
    api.entities({ type: 'commodity', limit: 500 }).then((p) => p.items, () => []),
  ]);

  const inputs = {
    from: h('input', { type: 'date', attrs: { name: 'from', value: filters.from } }),
    to: h('input', { type: 'date', attrs: { name: 'to', value: filters.to } }),
    commodity: h('input', { type: 'text', attrs: { name: 'commodity', list: 'dl-net-commodities', placeholder: 'e.g. rare earth', value: filters.commodity } }),
    limit: h('input', { type: 'number', attrs: { name: 'limit', min: 10, max: 500, step: 10, value: filters.limit || DEFAULT_LIMIT } }),
  };
  const form = h('form', { class: 'filters' },
    h('label', null, 'From ', inputs.from), h('label', null, 'To ', inputs.to),
    h('label', null, 'Commodity ', inputs.commodity), h('label', null, 'Nodes ', inputs.limit),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'), h('a', { class: 'reset', href: '#/network' }, 'Clear'),
    h('datalist', { id: 'dl-net-commodities' }, commodities.map((c) => h('option', { attrs: { value: c.name } }))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, el] of Object.entries(inputs)) if (el.value.trim() && !(k === 'limit' && el.value === String(DEFAULT_LIMIT))) next.set(k, el.value.trim());
    location.hash = `#/network${next.toString() ? `?${next}` : ''}`;
  });

  const info = h('p', { class: 'graph-info', role: 'status' }, 'Hover a node or an edge; click a node to open its page.');
  const canvas = h('div', { class: 'graph', attrs: { 'data-testid': 'network', 'aria-label': `Network of ${graph.nodes.length} entities` } });
  const page = h('section', { class: 'page network' },
    h('div', { class: 'page-head' }, h('h1', null, 'Network'),
      h('p', { class: 'meta' }, `${graph.nodes.length} entities, ${graph.edges.length} links`,
        filters.commodity ? ` · over ${filters.commodity}` : '', filters.from || filters.to ? ` · ${filters.from || '…'} to ${filters.to || '…'}` : '')),
    form,
    graph.nodes.length
      ? h('div', { class: 'network-body' },
        h('div', { class: 'graph-wrap' }, canvas, info, entityLegend(['country', 'person', 'organization', 'commodity', 'place'])),
        nodeList(graph))
      : h('p', { class: 'empty' }, 'No entities linked by events for these filters.'));
  if (graph.nodes.length) page.addEventListener('mounted', () => draw(canvas, info, graph));
  return page;
}

/** The nodes as a list too: readable without the drawing, and by screen readers. */
function nodeList(graph: Graph): HTMLElement {
  const top = [...graph.nodes].sort((a, b) => b.weight - a.weight).slice(0, 40);
  return h('aside', { class: 'node-list panel' }, h('h2', null, 'Most connected'),
    h('ol', null, top.map((n) => h('li', { attrs: { 'data-node': n.id } },
      h('a', { class: `elink t-${n.type}`, href: nodeHref(n) }, n.label), ' ', h('span', { class: 'count' }, String(n.weight))))));
}

function nodeHref(n: GraphNode): string {
  return routeHref('entity', n.type, n.label);
}

function draw(container: HTMLElement, info: HTMLElement, graph: Graph): void {
  if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) document.head.appendChild(h('meta', { id: CYTOSCAPE_STYLESHEET_ID }));
  const weights = graph.nodes.map((n) => n.weight);
  const wmin = Math.min(...weights);
  const wmax = Math.max(...weights);
  const ewmax = Math.max(1, ...graph.edges.map((e) => e.weight));
  const ids = new Set(graph.nodes.map((n) => n.id));
  const cy = cytoscape({
    container,
    elements: [
      ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.label, type: n.type, weight: n.weight,
        size: scale(n.weight, wmin, wmax, 14, 56), font: scale(n.weight, wmin, wmax, 10, 17), color: entityColor(n.type), shape: SHAPES[n.type] ?? 'ellipse' } })),
      ...graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target).map((e, i) => ({ data: {
        id: `edge${i}`, source: e.source, target: e.target, weight: e.weight, kind: e.kind, plover: e.plover ?? '',
        width: 1 + (5 * Math.sqrt(e.weight)) / Math.sqrt(ewmax),
        color: e.plover ? ploverColor(e.plover) : EDGE_COLORS[e.kind] ?? '#8a96a3' } })),
    ],
    style: [
      { selector: 'node', style: {
        'background-color': 'data(color)', shape: 'data(shape)' as never, width: 'data(size)', height: 'data(size)',
        label: 'data(label)', 'font-size': 'data(font)', 'min-zoomed-font-size': 7, 'font-family': 'system-ui, sans-serif', color: '#1f2933',
        'text-valign': 'bottom', 'text-margin-y': 3, 'text-outline-color': '#ffffff', 'text-outline-width': 2,
        'border-width': 1, 'border-color': '#ffffff' } },
      { selector: 'edge', style: {
        width: 'data(width)', 'line-color': 'data(color)', opacity: 0.55, 'curve-style': 'bezier',
        'target-arrow-shape': 'none' } },
      { selector: 'edge[kind = "event"]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': 'data(color)', 'arrow-scale': 0.7 } },
      { selector: 'edge[kind = "quote"]', style: { 'line-style': 'dashed' } },
      { selector: 'edge[kind = "commodity"]', style: { 'line-style': 'dotted' } },
      { selector: '.faded', style: { opacity: 0.12 } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#1f2933' } },
    ],
    layout: { name: 'cose', animate: false, randomize: true, fit: true, padding: 20, nodeDimensionsIncludeLabels: false,
      idealEdgeLength: () => 70, edgeElasticity: () => 60, nodeRepulsion: () => 60000, gravity: 0.6, componentSpacing: 40,
      numIter: 1500 } as cytoscape.LayoutOptions,
    minZoom: 0.2,
    maxZoom: 4,
  });
  cy.on('mouseover', 'node', (e) => {
    const n = e.target;
    const hood = n.closedNeighborhood();
    cy.elements().not(hood).addClass('faded');
    info.textContent = `${n.data('label')} · ${n.data('type')} · ${n.data('weight')} events and quotes · ${n.degree(false)} links`;
  });
  cy.on('mouseout', 'node', () => cy.elements().removeClass('faded'));
  cy.on('mouseover', 'edge', (e) => {
    const d = e.target.data();
    info.textContent = `${cy.getElementById(d.source).data('label')} → ${cy.getElementById(d.target).data('label')} · ${d.kind}${d.plover ? ` ${d.plover}` : ''} · weight ${d.weight}`;
  });
  cy.on('tap', 'node', (e) => {
    const n = e.target;
    location.hash = routeHref('entity', n.data('type'), n.data('label'));
  });
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  container.dataset.rendered = 'true';
}
