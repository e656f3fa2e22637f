// The Hono app: middleware (security headers, loopback Host check, JSON-only writes, 2 MB bodies), the /api
// routes, the web UI's static files from web/dist (or a page saying it is not built), and JSON errors.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { PACKAGE_ROOT } from '../knowledge/paths.js';
import { Fetcher } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { AnalysisPool, AnalysisInterrupted, POOL_DEFAULTS } from '../corpus/analysis-pool.js';
import { ApiError, errorResponse, isLoopback, securityHeaders, sizeLimit } from './middleware.js';
import { API_LIMITS } from './params.js';
import { OPENAPI } from './openapi.js';
import { registerApi } from './routes.js';
import { ResponseCache, cacheMiddleware, dataVersionOf } from './cache.js';

export interface AppOptions {
  store: Store;
  /** Bearer token that analyze and ingest require; null or absent: they are open (loopback only). */
  apiToken?: string | null;
  /** Where analyses run (worker threads); default a pool of POOL_DEFAULTS.threads threads, started on the
   * first analysis and stopped by close(). */
  analysis?: AnalysisPool;
  /** Time budget of one analyze or ingest request in ms (default 60 s): past it the analysis is stopped and the
   * answer is a 408. */
  analysisBudgetMs?: number;
  /** Only accept requests whose Host header names this machine (a defence against DNS rebinding when the
   * server listens on loopback). */
  loopbackHostsOnly?: boolean;
  /** Fetches posted URLs; default: public addresses only, 5 MB pages. */
  fetcher?: Fetcher;
  /** The built web UI (index.html + assets/); default web/dist in the package; null: none. */
  webDist?: string | null;
  /** Where unexpected errors are written (their stack stays on the server). */
  logError?: (line: string) => void;
  /** Keep GET /api answers until the database changes (default true; SQLite only). */
  responseCache?: boolean;
}

export interface LodestoneApp {
  app: Hono;
  /** The response cache, when there is one (its hit and miss counts). */
  cache: ResponseCache | null;
  /** The analysis pool the routes use. */
  analysis: AnalysisPool;
  /** Releases what the app holds (the fetcher's connections, its own analysis pool); the store is the caller's. */
  close(): Promise<void>;
}

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Lodestone</title></head>
<body>
<h1>Lodestone</h1>
<p>The web UI is not built (no web/dist folder). The HTTP API is running: see its description at
<a href="/api/openapi.json">/api/openapi.json</a>, or try <a href="/api/health">/api/health</a> and
<a href="/api/articles">/api/articles</a>.</p>
</body>
</html>
`;

/** Host headers a loopback server answers: localhost, 127.x.x.x, [::1], with any port. */
function hostIsLocal(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return isLoopback(name);
}

function localHostOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (!hostIsLocal(c.req.header('host'))) {
      return errorResponse(c, 'bad_request', 'this server listens on loopback and answers only requests addressed to localhost or 127.0.0.1');
    }
    return next();
  };
}

/** POST bodies must be JSON: a page on another site cannot send that without a CORS preflight, which this
 * server never grants, so it cannot make a visitor's browser write to their local database. */
function jsonOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'POST') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return errorResponse(c, 'bad_request', 'send the body as JSON with the header "Content-Type: application/json"');
    }
    return next();
  };
}

/** "/api/articles/{id}" -> /^\/api\/articles\/[^/]+$/ */
const DOCUMENTED = Object.entries(OPENAPI.paths).map(([p, ops]) => ({
  pattern: new RegExp('^' + p.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.') + '$'),
  methods: Object.keys(ops).map((m) => m.toUpperCase()),
}));

/** An analysis the pool stopped or refused: a JSON error with its status, and for a stopped one a single log line
 * (a client that hung up is normal, not an internal error with a stack). */
function interrupted(c: Context, err: AnalysisInterrupted, budgetMs: number, logError: (line: string) => void): Response {
  const what = `${c.req.method} ${c.req.path}`;
  switch (err.reason) {
    case 'cancelled':
      logError(`lodestone serve: ${what}: the client closed the connection; analysis ${err.message}`);
      return errorResponse(c, 'client_closed', `the client closed the connection; the analysis was ${err.message}`);
    case 'timeout': {
      const message = `the analysis did not finish within the request's ${budgetMs / 1000} s budget and was stopped`;
      logError(`lodestone serve: ${what}: ${message}`);
      return errorResponse(c, 'timeout', `${message}: send a shorter article, or split it`);
    }
    case 'busy':
    case 'closed':
      // often refused before its body was read (routes.ts): the connection cannot carry another request
      c.header('Connection', 'close');
      c.header('Retry-After', String(err.retryAfterSeconds ?? POOL_DEFAULTS.retryAfterMin));
      return errorResponse(c, 'busy', err.reason === 'closed' ? `${err.message}; try again in a moment` : err.message);
  }
}

export function createApp(options: AppOptions): LodestoneApp {
  const app = new Hono();
  const fetcher = options.fetcher ?? new Fetcher({ maxBytes: 5 * 1024 * 1024 });
  const ownFetcher = !options.fetcher;
  const analysis = options.analysis ?? new AnalysisPool();
  const ownAnalysis = !options.analysis;
  const logError = options.logError ?? ((line: string) => process.stderr.write(line + '\n'));

  app.use('*', securityHeaders());
  if (options.loopbackHostsOnly) app.use('*', localHostOnly());
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', sizeLimit(API_LIMITS.bodyBytes));
  app.use('/api/*', jsonOnly());
  const cache = options.responseCache === false ? null : new ResponseCache(dataVersionOf(options.store));
  if (cache) app.use('/api/*', cacheMiddleware(cache));

  const analysisBudgetMs = options.analysisBudgetMs ?? POOL_DEFAULTS.timeoutMs;
  registerApi(app, {
    store: options.store, fetcher, apiToken: options.apiToken ?? null, analysis, analysisBudgetMs,
    ...(cache ? { onWrite: () => cache.invalidate() } : {}),
  });

  const dist = options.webDist === undefined ? path.join(PACKAGE_ROOT, 'web', 'dist') : options.webDist;
  const index = dist ? path.join(dist, 'index.html') : null;
  if (dist && index && existsSync(index)) {
    app.get('/', serveStatic({ path: index }));
    app.get('/assets/*', serveStatic({ root: dist }));
    // other files at the root of the build (icons), then the UI itself for its own routes (/article/..., no extension)
    app.get('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : serveStatic({ root: dist })(c, next)));
    app.get('*', async (c, next) => (c.req.path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(c.req.path) ? next() : serveStatic({ path: index })(c, next)));
  } else {
    app.get('/', (c) => c.html(NOT_BUILT));
  }

  app.notFound((c) => {
    const doc = DOCUMENTED.find((d) => d.pattern.test(c.req.path));
    if (doc) return errorResponse(c, 'not_found', `${c.req.method} ${c.req.path} is not an endpoint: use ${doc.methods.join(' or ')} (see /api/openapi.json)`);
    if (c.req.path.startsWith('/api/')) return errorResponse(c, 'not_found', `no endpoint ${c.req.path}: /api/openapi.json lists them`);
    return errorResponse(c, 'not_found', `nothing at ${c.req.path.slice(0, 100)}`);
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.code, err.message);
    if (err instanceof AnalysisInterrupted) return interrupted(c, err, analysisBudgetMs, logError);
    if (c.req.raw.signal.aborted) {
      // the client hung up while its body was read or its URL fetched: what failed is a consequence of that
      logError(`lodestone serve: ${c.req.method} ${c.req.path}: the client closed the connection`);
      return errorResponse(c, 'client_closed', 'the client closed the connection');
    }
    logError(`lodestone serve: internal error on ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return errorResponse(c, 'internal', 'internal error: the server could not answer this request (the details are in its log)');
  });

  return {
    app,
    cache,
    analysis,
    close: async () => {
      if (ownFetcher) await fetcher.close();
      if (ownAnalysis) await analysis.close();
    },
  };
}
