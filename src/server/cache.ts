// A response cache for GET /api/*: the UI asks the same questions over and over (the timeline's events, the
// network, an entity page), and the answers only change when the database does. Entries are dropped as soon as
// the database changes: after a write through this server, and (SQLite) when another process commits, which
// PRAGMA data_version reveals in microseconds. One cache per app, bounded in entries and bytes.
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../store/index.js';

export const CACHE_RULES = {
  /** Most responses kept, and most bytes of response text (least recently used go first). */
  maxEntries: 1000,
  maxBytes: 64 * 1024 * 1024,
  /** A response bigger than this is not kept (a 500-row page of events is ~350 KB). */
  maxEntryBytes: 2 * 1024 * 1024,
} as const;

export class ResponseCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;
  private version: string | null = null;
  private ownWrites = 0;
  hits = 0;
  misses = 0;

  /** `dataVersion` says whether another process changed the database (null: cannot tell, cache nothing). */
  constructor(private readonly dataVersion: () => string | null) {}

  /** After a write through this server. */
  invalidate(): void {
    this.ownWrites++;
    this.clear();
  }

  private clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** True when caching is possible now; clears the entries when the database changed since the last call. */
  private sync(): boolean {
    const v = this.dataVersion();
    if (v === null) return false;
    const now = `${this.ownWrites}:${v}`;
    if (now !== this.version) {
      this.clear();
      this.version = now;
    }
    return true;
  }

  get(key: string): string | undefined {
    if (!this.sync()) return undefined;
    const body = this.entries.get(key);
    if (body === undefined) {
      this.misses++;
      return undefined;
    }
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, body);
    this.hits++;
    return body;
  }

  set(key: string, body: string, version: string | null): void {
    // a write may have happened while this response was computed: keep it only if the version is unchanged
    if (version === null || version !== this.currentVersion() || body.length > CACHE_RULES.maxEntryBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= CACHE_RULES.maxEntries && this.bytes <= CACHE_RULES.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }

  currentVersion(): string | null {
    return this.sync() ? this.version : null;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** How to tell that another process changed the database: SQLite's data_version; null for other back ends. */
export function dataVersionOf(store: Store): () => string | null {
  const db = (store as { db?: { pragma(sql: string, opts: { simple: true }): unknown } }).db;
  if (store.kind !== 'sqlite' || !db) return () => null;
  return () => {
    try {
      return String(db.pragma('data_version', { simple: true }));
    } catch {
      return null; // closed: let the handler report it
    }
  };
}

/** Serves cached 200 JSON answers to GET requests and keeps new ones. */
export function cacheMiddleware(cache: ResponseCache): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const url = new URL(c.req.url);
    const key = url.pathname + url.search;
    const hit = cache.get(key);
    if (hit !== undefined) {
      c.header('X-Cache', 'hit');
      return c.body(hit, 200, { 'content-type': 'application/json' });
    }
    const version = cache.currentVersion();
    await next();
    if (c.res.status === 200 && (c.res.headers.get('content-type') ?? '').startsWith('application/json')) {
      cache.set(key, await c.res.clone().text(), version);
    }
  };
}
