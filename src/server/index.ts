// Starting the HTTP server: open the database, load the demo corpus into an empty one, listen (loopback by
// default; beyond it only with a write token), and say where it is.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { InputError } from '../input.js';
import { describeDatabase, type Store } from '../store/index.js';
import type { Fetcher } from '../ingest/index.js';
import { openDatabase } from '../corpus/index.js';
import { AnalysisPool } from '../corpus/analysis-pool.js';
import { createApp } from './app.js';
import { isLoopback } from './middleware.js';
import { isEmpty, loadDemo, DEMO_FILE } from './demo.js';

export { createApp, type AppOptions, type LodestoneApp } from './app.js';
export { isLoopback } from './middleware.js';
export { OPENAPI } from './openapi.js';
export { loadDemo, DEMO_FILE } from './demo.js';
export { POOL_DEFAULTS } from '../corpus/analysis-pool.js';

export { SERVER_DEFAULTS } from './defaults.js';
import { SERVER_DEFAULTS } from './defaults.js';

export interface ServerOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (this machine only). */
  host?: string;
  /** SQLite file or postgres:// URL; default LODESTONE_DB, else ./lodestone.db. */
  db?: string;
  /** Bearer token for analyze and ingest; default LODESTONE_TOKEN. Required when listening beyond loopback. */
  token?: string | null;
  /** Require the token on analyze and ingest; default: when `host` is not a loopback address. */
  guardWrites?: boolean;
  /** Worker threads that analyse (default POOL_DEFAULTS.threads: one less than the cores, at most 2). */
  analysisThreads?: number;
  /** Analyses that may wait for a thread; more are refused with 503 and Retry-After (default 8). */
  analysisQueue?: number;
  /** Time budget of one analyze or ingest request in ms (default 60 s); past it, 408. */
  analysisBudgetMs?: number;
  /** Start the analysis threads and load their models at once (default true), so the first request does not
   * wait for them; tests that never analyse turn it off. */
  warmAnalysis?: boolean;
  /** Load the bundled demo corpus into an empty database (default true). */
  demo?: boolean;
  webDist?: string | null;
  fetcher?: Fetcher;
  /** Progress and the address line (default: standard output). */
  log?: (line: string) => void;
  /** Unexpected errors with their stack (default: standard error); clients only get a one-line 500. */
  logError?: (line: string) => void;
  /** Keep GET /api answers until the database changes (default true). */
  responseCache?: boolean;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT (the address to connect to). */
  url: string;
  host: string;
  port: number;
  store: Store;
  server: Server;
  /** The threads that analyse (their stats; tests wait for warm()). */
  analysis: AnalysisPool;
  /** Articles in the database once started. */
  articles: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new InputError(`port ${port} on ${host} is already in use: start with --port ${port + 1} (or PORT=${port + 1}), or stop what holds it`));
      else if (err.code === 'EACCES') reject(new InputError(`no permission to listen on port ${port}: ports below 1024 need privileges; use --port ${SERVER_DEFAULTS.port}`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new InputError(`cannot listen on ${host}: this machine has no such address (use 127.0.0.1, or 0.0.0.0 for every interface)`));
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const host = options.host ?? SERVER_DEFAULTS.host;
  const port = options.port ?? SERVER_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`the port must be a whole number from 0 to 65535, not ${port}`);
  const loopback = isLoopback(host);
  const guard = options.guardWrites ?? !loopback;
  const token = (options.token === undefined ? process.env['LODESTONE_TOKEN'] : options.token)?.trim() || null;
  if (guard && !token) {
    throw new InputError(`refusing to listen on ${host} without a write token: anyone who can reach it could write to the database. `
      + 'Set LODESTONE_TOKEN to a long random string (e.g. `openssl rand -hex 24`), or listen on 127.0.0.1');
  }
  if (guard && token!.length < SERVER_DEFAULTS.minTokenChars) {
    throw new InputError(`LODESTONE_TOKEN is ${token!.length} characters long; use at least ${SERVER_DEFAULTS.minTokenChars} (e.g. \`openssl rand -hex 24\`)`);
  }

  const analysis = new AnalysisPool({
    ...(options.analysisThreads !== undefined ? { threads: options.analysisThreads } : {}),
    ...(options.analysisQueue !== undefined ? { maxQueue: options.analysisQueue } : {}),
    ...(options.analysisBudgetMs !== undefined ? { timeoutMs: options.analysisBudgetMs } : {}),
  });
  // the threads load the models now, while the database opens: the first request does not pay for it
  if (options.warmAnalysis !== false) void analysis.warm();
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(options.db, { mustExist: false });
  } catch (err) {
    await analysis.close();
    throw err;
  }
  const { store, target } = opened;
  const shown = describeDatabase(target);
  let lodestone: ReturnType<typeof createApp> | null = null;
  try {
    if (options.demo !== false && (await isEmpty(store))) {
      log(`First start on an empty database: loading the demo corpus (${DEMO_FILE.split(/[\\/]/).slice(-3).join('/')}) into ${shown} ...`);
      const r = await loadDemo(store, (done, line) => {
        if (line) log(`  demo: ${line}`);
        else if (done % SERVER_DEFAULTS.demoProgressEvery === 0) log(`  ${done} articles analysed`);
      }, DEMO_FILE, { analyzer: (text, o) => analysis.analyze(text, { ...o, timeoutMs: SERVER_DEFAULTS.demoBudgetMs }) });
      log(`Demo corpus: ${r.stored} articles stored${r.duplicates ? `, ${r.duplicates} already there` : ''}${r.failed ? `, ${r.failed} failed` : ''} in ${(r.ms / 1000).toFixed(1)} s.`);
    }
    lodestone = createApp({
      store,
      apiToken: guard ? token : null,
      analysis,
      ...(options.analysisBudgetMs !== undefined ? { analysisBudgetMs: options.analysisBudgetMs } : {}),
      loopbackHostsOnly: loopback,
      ...(options.webDist !== undefined ? { webDist: options.webDist } : {}),
      ...(options.fetcher ? { fetcher: options.fetcher } : {}),
      ...(options.logError ? { logError: options.logError } : {}),
      ...(options.responseCache === false ? { responseCache: false } : {}),
    });
    const server = createAdaptorServer({ fetch: lodestone.app.fetch, hostname: host }) as Server;
    server.requestTimeout = SERVER_DEFAULTS.requestTimeoutMs;
    const addr = await listen(server, port, host);
    const articles = (await store.counts()).articles;
    const shownHost = loopback && host !== '::1' ? 'localhost' : urlHost(host);
    log(`Lodestone on http://${shownHost}:${addr.port} (database ${shown}, ${articles} article${articles === 1 ? '' : 's'})`
      + (guard ? '; analyze and ingest need "Authorization: Bearer $LODESTONE_TOKEN"' : ''));
    const app = lodestone;
    let closing: Promise<void> | null = null;
    return {
      // a wildcard address is reached through loopback
      url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : urlHost(host)}:${addr.port}`,
      host,
      port: addr.port,
      store,
      server,
      analysis,
      articles,
      close: () => (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await app.close();
        await analysis.close();
        await store.close();
      })()),
    };
  } catch (err) {
    await lodestone?.close();
    await analysis.close();
    await store.close();
    throw err;
  }
}
