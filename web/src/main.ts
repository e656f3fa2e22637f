// Lodestone's web UI: a header with the views and a search box, and hash-routed views rendered from the
// HTTP API. All data is written into the page as text nodes (see dom.ts); there is no inline script.
import './styles.css';
import { api, ApiError } from './api.js';
import { clear, h } from './dom.js';
import { parseHash, type ViewContext } from './router.js';
import { analyzeView } from './views/analyze.js';
import { articleView } from './views/article-page.js';
import { entityView } from './views/entity.js';
import { homeView } from './views/home.js';
import { searchView } from './views/search.js';
import { timelineView } from './views/timeline.js';

type View = (ctx: ViewContext) => Promise<Node>;

const VIEWS: Record<string, View> = {
  '': homeView,
  articles: homeView,
  article: articleView,
  analyze: analyzeView,
  timeline: timelineView,
  // Cytoscape is large: the network view is loaded on first use.
  network: async (ctx) => (await import('./views/network.js')).networkView(ctx),
  entity: entityView,
  search: searchView,
};

const NAV: readonly { route: string; label: string }[] = [
  { route: 'articles', label: 'Articles' },
  { route: 'analyze', label: 'Analyze' },
  { route: 'timeline', label: 'Timeline' },
  { route: 'network', label: 'Network' },
];

let generation = 0;
let controller: AbortController | null = null;

function header(): HTMLElement {
  const input = h('input', { type: 'search', attrs: { name: 'q', placeholder: 'Search articles…', 'aria-label': 'Search the corpus', autocomplete: 'off' } });
  const form = h('form', { class: 'search-form', role: 'search' }, input, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) location.hash = `#/search?q=${encodeURIComponent(q)}`;
  });
  return h('header', { class: 'site-header' },
    h('a', { class: 'brand', href: '#/' }, h('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }, '◆'), 'Lodestone'),
    h('nav', { attrs: { 'aria-label': 'Views' } }, NAV.map((n) => h('a', { href: `#/${n.route}`, attrs: { 'data-route': n.route } }, n.label))),
    form);
}

function markNav(route: string): void {
  const active = route === '' ? 'articles' : route === 'article' ? 'articles' : route;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.site-header nav a')) {
    a.classList.toggle('active', a.dataset.route === active);
  }
  const q = document.querySelector<HTMLInputElement>('.search-form input');
  if (q && route === 'search') q.value = parseHash(location.hash).query.get('q') ?? '';
}

export function errorBox(err: unknown): HTMLElement {
  const e = err instanceof ApiError ? err : null;
  const message = e ? e.message : err instanceof Error ? err.message : String(err);
  return h('div', { class: 'error', role: 'alert' },
    h('strong', null, e?.status === 404 ? 'Not found' : 'Something went wrong'), ' ', message);
}

async function render(): Promise<void> {
  const main = document.getElementById('main');
  if (!main) return;
  const route = parseHash(location.hash);
  const name = route.path[0] ?? '';
  const view = VIEWS[name];
  markNav(name);
  controller?.abort();
  controller = new AbortController();
  const mine = ++generation;
  const ctx: ViewContext = { ...route, signal: controller.signal, current: () => mine === generation };
  main.setAttribute('aria-busy', 'true');
  const loading = setTimeout(() => { if (ctx.current()) main.classList.add('loading'); }, 120);
  let node: Node;
  try {
    node = view ? await view(ctx) : h('div', { class: 'error' }, 'No such page. ', h('a', { href: '#/' }, 'Go to the articles.'));
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    node = errorBox(err);
  } finally {
    clearTimeout(loading);
  }
  if (!ctx.current()) return;
  main.classList.remove('loading');
  main.removeAttribute('aria-busy');
  clear(main);
  main.appendChild(node);
  main.dataset.view = name || 'articles';
  if (!route.query.has('s')) window.scrollTo(0, 0);
  node.dispatchEvent(new CustomEvent('mounted'));
}

function footer(): HTMLElement {
  const status = h('span', { class: 'status' }, '');
  api.health().then(
    (hl) => { status.textContent = `${hl.articles.toLocaleString('en')} articles · ${hl.db}`; },
    () => { status.textContent = 'server unreachable'; },
  );
  return h('footer', { class: 'site-footer' }, status, ' · ', h('a', { href: '/api/openapi.json' }, 'API (OpenAPI)'));
}

function start(): void {
  document.body.append(header(), h('main', { id: 'main' }), footer());
  window.addEventListener('hashchange', () => { void render(); });
  void render();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
