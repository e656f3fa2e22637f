// The /api routes. Each reads its checked parameters (names from the OpenAPI document), asks the store or the
// pipeline, and answers JSON in the shape /tmp/api-spec.md and src/server/openapi.ts describe.
import type { Context, Hono } from 'hono';
import { contentId } from '../pipeline.js';
import type { Fetcher } from '../ingest/index.js';
import type { Store, StoredArticle, EventFilter } from '../store/index.js';
import { processItem, buildGraph, entityProfile, findEntity } from '../corpus/index.js';
import type { AnalysisPool } from '../corpus/analysis-pool.js';
import { postedArticle, type HtmlReader } from './article-input.js';
import { badRequest, notFound, requireToken } from './middleware.js';
import { Query, jsonObject, API_LIMITS } from './params.js';
import { OPENAPI, queryParams } from './openapi.js';

export interface ApiContext {
  store: Store;
  fetcher: Fetcher;
  /** Bearer token that analyze and ingest require; null when the server listens on loopback only. */
  apiToken: string | null;
  /** Where articles are analysed and pages read: worker threads, so this thread keeps answering. */
  analysis: AnalysisPool;
  /** Time budget of one analyze or ingest request (reading the page and analysing it), in ms. */
  analysisBudgetMs: number;
  /** Called after a write (the response cache drops what it holds). */
  onWrite?: () => void;
}

const ROUTE_RULES = {
  /** Graph nodes unless `limit` says otherwise. */
  graphNodes: 150,
  /** Events and quotes on an entity page unless `limit` says otherwise. */
  entityRows: 200,
} as const;

/** The posted `id`, checked: ids appear in URLs (/api/articles/{id}), so no slashes or control characters. */
function articleId(body: Record<string, unknown>): string | undefined {
  const raw = body['id'];
  if (raw === undefined || raw === null) return undefined;
  const id = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
  if (typeof id !== 'string' || !/^[\p{L}\p{N}._:~@+-]{1,200}$/u.test(id)) {
    throw badRequest('"id" must be 1-200 letters, digits and . _ : ~ @ + - (no spaces or slashes)');
  }
  return id;
}

function summary(a: StoredArticle) {
  return {
    id: a.id, title: a.title, published: a.published, outlet: a.outlet, url: a.url, storyId: a.storyId,
    counts: { entities: a.analysis.entities.length, quotes: a.analysis.quotes.length, events: a.analysis.events.length },
  };
}

/** The pool's task options for one request: cancelled when the client hangs up (Node's request signal), and
 * whatever is left of the request's budget. Throws at once when the pool would refuse the request. */
function requestWork(c: Context, ctx: ApiContext): { options: () => { signal: AbortSignal; timeoutMs: number }; readHtml: HtmlReader } {
  // a full queue refuses before the body (up to 2 MB) is read and parsed: overload costs this thread little
  const refused = ctx.analysis.refusal();
  if (refused) throw refused;
  const deadline = Date.now() + ctx.analysisBudgetMs;
  const options = () => ({ signal: c.req.raw.signal, timeoutMs: Math.max(1, deadline - Date.now()) });
  return { options, readHtml: (html, url) => ctx.analysis.readHtml(html, url, options()) };
}

export function registerApi(app: Hono, ctx: ApiContext): void {
  const { store, fetcher } = ctx;
  const q = (c: Context, path: keyof typeof OPENAPI.paths) => new Query(c, queryParams(path, 'get'));
  const guarded = requireToken(ctx.apiToken, 'analyses or writes articles');

  app.get('/api/health', async (c) => {
    q(c, '/api/health');
    const counts = await store.counts();
    return c.json({ ok: true, db: store.kind, articles: counts.articles });
  });

  app.get('/api/openapi.json', (c) => c.json(OPENAPI));

  app.post('/api/analyze', guarded, async (c) => {
    const work = requestWork(c, ctx);
    const body = await jsonObject(c, ['text', 'html', 'url', 'published', 'id', 'title']);
    const id = articleId(body);
    const article = await postedArticle(body, fetcher, work.readHtml);
    // serialised in the analysis thread: a 1 MB article's JSON is several MB, not to be walked here
    const json = await ctx.analysis.analyzeToJson(article.text, { id: id ?? contentId(article.text), published: article.published, ...work.options() });
    return c.body(json, 200, { 'Content-Type': 'application/json' });
  });

  app.post('/api/ingest', guarded, async (c) => {
    const work = requestWork(c, ctx);
    const body = await jsonObject(c, ['id', 'text', 'html', 'url', 'published', 'title']);
    const id = articleId(body);
    const a = await postedArticle(body, fetcher, work.readHtml);
    const finalId = id ?? contentId(a.text);
    const outcome = await processItem(store, {
      id: finalId, text: a.text, ...(a.html ? { html: a.html } : {}), url: a.url, title: a.title, byline: a.byline,
      published: a.published, source: a.url ?? 'api', outlet: a.outlet,
    }, { analyzer: (text, o) => ctx.analysis.analyze(text, { ...o, ...work.options() }) });
    if (outcome.status === 'failed') throw badRequest(outcome.error);
    ctx.onWrite?.();
    if (outcome.status === 'stored') return c.json({ status: 'stored', id: finalId, storyId: outcome.storyId });
    const existing = await store.getArticle(outcome.existingId);
    return c.json({ status: 'duplicate', id: finalId, storyId: existing?.storyId ?? null, reason: outcome.reason, existingId: existing?.id ?? outcome.existingId });
  });

  app.get('/api/articles', async (c) => {
    const p = q(c, '/api/articles');
    const { limit, offset } = p.page();
    const story = p.text('story');
    const [articles, counts] = await Promise.all([store.listArticles({ limit, offset, ...(story ? { storyId: story } : {}) }), store.counts()]);
    return c.json({ items: articles.map(summary), limit, offset, total: counts.articles });
  });

  app.get('/api/articles/:id', async (c) => {
    q(c, '/api/articles/{id}');
    const id = c.req.param('id');
    const a = await store.getArticle(id);
    if (!a) throw notFound(`no article with id "${id.slice(0, 80)}": GET /api/articles lists them`);
    return c.json({
      article: {
        id: a.id, title: a.title, published: a.published, outlet: a.outlet, url: a.url, storyId: a.storyId, source: a.source,
        byline: a.byline, ingestedAt: a.ingestedAt,
        copies: a.copies.map((k) => ({ id: k.id, url: k.url, outlet: k.outlet, published: k.published })),
      },
      analysis: a.analysis,
    });
  });

  app.get('/api/search', async (c) => {
    const p = q(c, '/api/search');
    const text = p.required('q', 'rare earth');
    const { limit, offset } = p.page();
    const hits = await store.search(text, { limit, offset });
    return c.json({ items: hits, limit, offset });
  });

  app.get('/api/events', async (c) => {
    const p = q(c, '/api/events');
    const { limit, offset } = p.page();
    const f: EventFilter = { limit, offset, ...p.dateRange() };
    for (const name of ['actor', 'target', 'commodity'] as const) {
      const v = p.text(name);
      if (v) f[name] = v;
    }
    const country = p.iso3('country');
    if (country) f.country = country;
    const plover = p.plover('plover');
    if (plover) f.plover = plover;
    const story = p.text('story');
    if (story) f.storyId = story;
    return c.json({ items: await store.events(f), limit, offset });
  });

  app.get('/api/quotes', async (c) => {
    const p = q(c, '/api/quotes');
    const { limit, offset } = p.page();
    const speaker = p.text('speaker');
    const text = p.text('text');
    const story = p.text('story');
    const items = await store.quotes({ limit, offset, ...(speaker ? { speaker } : {}), ...(text ? { text } : {}), ...(story ? { storyId: story } : {}) });
    return c.json({ items, limit, offset });
  });

  app.get('/api/entities', async (c) => {
    const p = q(c, '/api/entities');
    const { limit, offset } = p.page();
    const type = p.entityType('type');
    const name = p.text('name');
    return c.json({ items: await store.entities({ limit, offset, ...(type ? { type } : {}), ...(name ? { name } : {}) }), limit, offset });
  });

  app.get('/api/entity', async (c) => {
    const p = q(c, '/api/entity');
    const id = p.text('id');
    const name = p.text('name');
    const type = p.entityType('type');
    if (!id && !name) throw badRequest('missing parameter name (or id), e.g. ?name=Vladimir%20Putin&type=person');
    const limit = p.int('limit', 1, API_LIMITS.maxLimit, ROUTE_RULES.entityRows);
    const entity = await findEntity(store, { ...(id ? { id } : {}), ...(name ? { name } : {}), ...(type ? { type } : {}) });
    if (!entity) throw notFound(`no ${type ?? 'entity'} named "${(id ?? name)!.slice(0, 80)}" in the corpus: GET /api/entities?name=... lists the names`);
    return c.json(await entityProfile(store, entity, limit));
  });

  app.get('/api/stories', async (c) => {
    const p = q(c, '/api/stories');
    const { limit, offset } = p.page();
    const minArticles = p.int('minArticles', 1, 1_000_000, 1);
    return c.json({ items: await store.stories({ limit, offset, minArticles }), limit, offset });
  });

  app.get('/api/graph', async (c) => {
    const p = q(c, '/api/graph');
    const range = p.dateRange();
    const commodity = p.text('commodity');
    const limit = p.int('limit', 1, API_LIMITS.maxLimit, ROUTE_RULES.graphNodes);
    return c.json(await buildGraph(store, { ...range, ...(commodity ? { commodity } : {}), limit }));
  });
}
