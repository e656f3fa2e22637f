// The embedded back end: one SQLite file (better-sqlite3), WAL mode, one IMMEDIATE transaction per article so a
// killed process loses nothing it reported stored, FTS5 for full-text search.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type {
  Store, StoreOptions, ArticleInput, PutResult, StoredArticle, ArticleListOptions, SearchOptions, SearchHit,
  EventFilter, EventRow, QuoteFilter, QuoteRow, EntityFilter, EntityRow, StoryFilter, StoryRow, Job, StoreCounts, ArticleCopy,
} from '../types.js';
import { payloadHash, abandonedMessage, toEventRow, toQuoteRow, toEntityRow, toStoryRow, type Row } from '../rows.js';
import { planArticle, restoreAnalysis, searchBody, type ArticlePlan } from '../plan.js';
import {
  eventsQuery, quotesQuery, entitiesQuery, storiesQuery, toFts5Query, parseSnippet, pageOf, countsSql, QUERY_RULES, SQLITE_DIALECT,
} from '../query.js';
import { MIGRATIONS, LATEST_VERSION } from '../migrations.js';
import { MINHASH_RULES, chooseStory, signatureFromBytes, signatureToBytes, type StoryCandidate } from '../../stories/index.js';
import { STORE_DEFAULTS } from '../defaults.js';

type Statement = Database.Statement<unknown[], Row>;

const PRAGMAS = [
  'journal_mode = WAL',      // readers never block the writer; a commit survives the process being killed
  'synchronous = NORMAL',    // with WAL: durable against process crashes (power loss may drop the last commits)
  'foreign_keys = ON',
  'busy_timeout = 15000',    // several processes (ingest + queries) wait for the write lock instead of failing
  'cache_size = -65536',     // 64 MB page cache
  'temp_store = MEMORY',
  'wal_autocheckpoint = 10000', // checkpoint (and fsync) every ~40 MB of WAL, not every 4 MB: each stored article
                                // writes ~275 KB of pages, so the default checkpoints every 15 articles
] as const;

const ARTICLE_COLUMNS = 'n, id, url, title, byline, published, source, outlet, story_id, ingested_at, text, analysis';

function nowIso(): string { return new Date().toISOString(); }

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private cached: ReturnType<SqliteStore['prepare']> | null = null;
  /** Filter queries prepared once per distinct SQL text (a handful: one per combination of filters used). */
  private readonly filterStatements = new Map<string, Statement>();

  constructor(readonly file: string, options: StoreOptions = {}) {
    if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    for (const p of PRAGMAS) this.db.pragma(p);
    this.leaseMs = options.leaseMs ?? STORE_DEFAULTS.leaseMs;
    this.maxAttempts = options.maxAttempts ?? STORE_DEFAULTS.maxAttempts;
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const current = this.versionSync();
    if (current > LATEST_VERSION) {
      throw new Error(`${this.file}: schema version ${current} is newer than this Lodestone knows (${LATEST_VERSION}); upgrade Lodestone`);
    }
    for (const m of MIGRATIONS) {
      this.db.transaction(() => {
        if (this.db.prepare('SELECT 1 FROM schema_version WHERE version = ?').get(m.version)) return;
        this.db.exec(m.up('sqlite'));
        this.db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, nowIso());
      }).immediate();
    }
    this.cached = null;
    this.filterStatements.clear();
  }

  private versionSync(): number {
    const row = this.db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null } | undefined;
    return row?.v ?? 0;
  }

  async schemaVersion(): Promise<number> {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
    return exists ? this.versionSync() : 0;
  }

  private prepare() {
    const db = this.db;
    const p = (sql: string): Statement => db.prepare(sql) as Statement;
    const bandMarks = Array.from({ length: MINHASH_RULES.bands }, () => '?').join(', ');
    return {
      articleById: p('SELECT n, id, story_id FROM articles WHERE id = ?'),
      copyById: p('SELECT a.n, a.id, a.story_id FROM article_copies c JOIN articles a ON a.n = c.article WHERE c.id = ?'),
      articleByHash: p('SELECT n, id, story_id FROM articles WHERE content_hash = ?'),
      insertCopy: p('INSERT INTO article_copies (id, article, url, outlet, published, source, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      candidates: p(`SELECT a.n, a.id, a.story_id, a.signature, count(*) AS shared FROM lsh_bands b JOIN articles a ON a.n = b.article
        WHERE b.key IN (${bandMarks}) GROUP BY a.n ORDER BY shared DESC, a.n LIMIT ?`),
      insertArticle: p(`INSERT INTO articles (id, url, title, byline, published, source, outlet, story_id, content_hash, language,
        ingested_at, text, raw, analysis, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertBand: p('INSERT OR IGNORE INTO lsh_bands (key, article) VALUES (?, ?)'),
      insertSearch: p('INSERT INTO article_search (rowid, title, body) VALUES (?, ?, ?)'),
      upsertEntity: p(`INSERT INTO entities (key, type, name, fold, country, iso3, hs, codes, articles, mentions)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
        ON CONFLICT (key) DO UPDATE SET articles = entities.articles + 1, mentions = entities.mentions + excluded.mentions,
          country = coalesce(entities.country, excluded.country), hs = coalesce(entities.hs, excluded.hs)
        RETURNING n`),
      insertArticleEntity: p('INSERT INTO article_entities (article, local_id, entity) VALUES (?, ?, ?)'),
      insertMention: p('INSERT OR IGNORE INTO mentions (article, span_start, span_end, entity, form) VALUES (?, ?, ?, ?, ?)'),
      quoteSeen: p('SELECT 1 FROM quotes WHERE story_id = ? AND qkey = ? LIMIT 1'),
      insertQuote: p(`INSERT INTO quotes (article, idx, story_id, qkey, first_in_story, kind, speaker, speaker_text, text, span_start,
        span_end, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertQuoteSearch: p('INSERT INTO quote_search (rowid, text, speaker) VALUES (?, ?, ?)'),
      upsertStoryEvent: p(`INSERT INTO story_events (story_id, key, article, idx, plover, cameo, modality, trigger_text, date_start,
        date_end, evidence_start, evidence_end, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (story_id, key) DO UPDATE SET story_id = excluded.story_id RETURNING n`),
      insertActor: p('INSERT OR IGNORE INTO story_event_actors (entity, role, story_event, pos) VALUES (?, ?, ?, ?)'),
      insertCommodity: p('INSERT OR IGNORE INTO story_event_commodities (entity, story_event, pos) VALUES (?, ?, ?)'),
      insertEvent: p(`INSERT INTO events (article, idx, story_event, plover, cameo, modality, date_start, date_end)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      storyEventMembers: p(`SELECT count(*) AS articles, count(DISTINCT coalesce(outlet, '')) AS outlets FROM (
          SELECT a.outlet FROM articles a WHERE a.n IN (SELECT article FROM events WHERE story_event = ?)
          UNION ALL SELECT c.outlet FROM article_copies c WHERE c.article IN (SELECT article FROM events WHERE story_event = ?)
        ) AS members`),
      setStoryEventCounts: p('UPDATE story_events SET num_articles = ?, num_sources = ? WHERE n = ?'),
      storyEventsOf: p('SELECT DISTINCT story_event FROM events WHERE article = ?'),
      insertStory: p('INSERT OR IGNORE INTO stories (id, title, articles, outlets) VALUES (?, ?, 0, 0)'),
      storyMembers: p(`SELECT count(*) AS articles, count(DISTINCT coalesce(outlet, '')) AS outlets, min(published) AS first,
          max(published) AS last FROM (
          SELECT outlet, published FROM articles WHERE story_id = ?
          UNION ALL SELECT c.outlet, c.published FROM article_copies c JOIN articles a ON a.n = c.article WHERE a.story_id = ?
        ) AS members`),
      setStoryCounts: p('UPDATE stories SET articles = ?, outlets = ?, first_published = ?, last_published = ? WHERE id = ?'),
      getArticle: p(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`),
      copiesOf: p('SELECT id, url, outlet, published, source, ingested_at FROM article_copies WHERE article = ? ORDER BY ingested_at, id'),
      listArticles: p(`SELECT ${ARTICLE_COLUMNS} FROM articles ORDER BY n LIMIT ? OFFSET ?`),
      listStoryArticles: p(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE story_id = ? ORDER BY n LIMIT ? OFFSET ?`),
      hasCopy: p('SELECT 1 FROM article_copies WHERE id = ?'),
      search: p(`SELECT a.id, a.story_id, a.title, a.published,
          snippet(article_search, -1, ?, ?, '…', ${QUERY_RULES.snippetWords}) AS snip,
          bm25(article_search, 2.0, 1.0) AS score
        FROM article_search JOIN articles a ON a.n = article_search.rowid
        WHERE article_search MATCH ? ORDER BY score LIMIT ? OFFSET ?`),
      eventEntities: p(`SELECT x.story_event, x.role, e.key, e.name, e.type, e.iso3, e.country, e.codes
        FROM story_event_actors x JOIN entities e ON e.n = x.entity
        WHERE x.story_event IN (SELECT value FROM json_each(?)) ORDER BY x.story_event, x.role, x.pos, e.name`),
      eventCommodities: p(`SELECT c.story_event, 'commodity' AS role, e.key, e.name, e.type, e.iso3, e.country, e.codes
        FROM story_event_commodities c JOIN entities e ON e.n = c.entity
        WHERE c.story_event IN (SELECT value FROM json_each(?)) ORDER BY c.story_event, c.pos, e.name`),
      enqueue: p(`INSERT INTO jobs (payload, payload_hash, state, attempts, available_at, created_at) VALUES (?, ?, 'pending', 0, ?, ?)
        ON CONFLICT (payload_hash) DO UPDATE SET state = 'pending', attempts = 0, error = NULL, worker = NULL, claimed_at = NULL,
          finished_at = NULL, available_at = excluded.available_at WHERE jobs.state = 'failed'`),
      nextJob: p(`SELECT id, payload, attempts FROM jobs WHERE state = 'pending' AND available_at <= ? ORDER BY available_at, id LIMIT 1`),
      leaseJob: p('UPDATE jobs SET attempts = attempts + 1, worker = ?, claimed_at = ?, available_at = ? WHERE id = ?'),
      abandonJob: p(`UPDATE jobs SET state = 'failed', error = ?, finished_at = ? WHERE id = ?`),
      completeJob: p(`UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE id = ? AND state = 'pending'`),
      completeOwnJob: p(`UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE id = ? AND state = 'pending' AND worker = ?`),
      renewLease: p(`UPDATE jobs SET available_at = ? WHERE id = ? AND state = 'pending' AND worker = ?`),
      failedJobs: p(`SELECT id, payload, error, attempts FROM jobs WHERE state = 'failed' ORDER BY finished_at DESC, id DESC LIMIT ?`),
      counts: p(countsSql('?')),
    };
  }

  private get st() {
    return (this.cached ??= this.prepare());
  }

  private filtered(text: string): Statement {
    let st = this.filterStatements.get(text);
    if (!st) {
      st = this.db.prepare(text) as Statement;
      this.filterStatements.set(text, st);
    }
    return st;
  }

  async putArticle(article: ArticleInput): Promise<PutResult> {
    const plan = planArticle(article);
    return this.db.transaction(() => this.putPlanned(plan, nowIso())).immediate();
  }

  private putPlanned(plan: ArticlePlan, now: string): PutResult {
    const s = this.st;
    const inp = plan.input;
    const own = s.articleById.get(inp.id) as { id: string; story_id: string } | undefined;
    if (own) return { ok: true, status: 'duplicate', reason: 'same-id', existingId: own.id, storyId: own.story_id };
    const copy = s.copyById.get(inp.id) as { id: string; story_id: string } | undefined;
    if (copy) return { ok: true, status: 'duplicate', reason: 'same-id', existingId: copy.id, storyId: copy.story_id };
    const same = s.articleByHash.get(plan.contentHash) as { n: number; id: string; story_id: string } | undefined;
    if (same) {
      s.insertCopy.run(inp.id, same.n, inp.url, inp.outlet, inp.published, inp.source, now);
      for (const r of s.storyEventsOf.all(same.n)) this.refreshStoryEvent(r['story_event'] as number);
      this.refreshStory(same.story_id);
      return { ok: true, status: 'duplicate', reason: 'same-text', existingId: same.id, storyId: same.story_id };
    }

    let storyId = inp.id;
    let similarity: number | null = null;
    if (plan.signature) {
      const rows = s.candidates.all(...plan.bandKeys, MINHASH_RULES.maxCandidates) as { n: number; id: string; story_id: string; signature: Buffer | null }[];
      const candidates: StoryCandidate[] = rows
        .filter((r) => r.signature)
        .sort((x, y) => x.n - y.n)
        .map((r) => ({ articleId: r.id, storyId: r.story_id, signature: signatureFromBytes(r.signature!) }));
      const choice = chooseStory(plan.signature, candidates, plan.joinThreshold);
      if (choice.joined) { storyId = choice.storyId; similarity = choice.similarity; }
    }

    const n = Number(s.insertArticle.run(inp.id, inp.url, inp.title, inp.byline, inp.published, inp.source, inp.outlet, storyId,
      plan.contentHash, plan.language, now, plan.text, inp.raw, plan.analysisJson,
      plan.signature ? signatureToBytes(plan.signature) : null).lastInsertRowid);
    for (const key of plan.bandKeys) s.insertBand.run(key, n);
    s.insertSearch.run(n, inp.title ?? '', searchBody(plan));

    const entityN = new Map<string, number>();
    for (const e of plan.entities) {
      const row = s.upsertEntity.get(e.key, e.type, e.name, e.fold, e.country, e.iso3, e.hs, e.codes, e.mentions) as { n: number };
      entityN.set(e.key, row.n);
    }
    for (const [local, key] of plan.localKeys) s.insertArticleEntity.run(n, local, entityN.get(key)!);
    for (const m of plan.mentions) s.insertMention.run(n, m.start, m.end, entityN.get(m.entityKey)!, m.form);

    for (const q of plan.quotes) {
      const first = s.quoteSeen.get(storyId, q.qkey) ? 0 : 1;
      const qn = s.insertQuote.run(n, q.idx, storyId, q.qkey, first, q.kind, q.speakerKey ? entityN.get(q.speakerKey)! : null,
        q.speakerText, q.text, q.start, q.end, inp.published).lastInsertRowid;
      if (first) s.insertQuoteSearch.run(qn, q.text, q.speakerText ?? '');
    }

    const seN = new Map<string, number>();
    for (const g of plan.storyEvents) {
      const f = g.first;
      const se = (s.upsertStoryEvent.get(storyId, g.key, n, f.idx, f.plover, f.cameo, f.modality, f.trigger, f.dateStart, f.dateEnd,
        f.evidenceStart, f.evidenceEnd, f.evidence) as { n: number }).n;
      seN.set(g.key, se);
      g.sources.forEach((k, i) => s.insertActor.run(entityN.get(k)!, 'source', se, i));
      g.targets.forEach((k, i) => s.insertActor.run(entityN.get(k)!, 'target', se, i));
      g.commodities.forEach((k, i) => s.insertCommodity.run(entityN.get(k)!, se, i));
    }
    for (const ev of plan.events) {
      s.insertEvent.run(n, ev.idx, seN.get(ev.key)!, ev.plover, ev.cameo, ev.modality, ev.dateStart, ev.dateEnd);
    }
    for (const se of seN.values()) this.refreshStoryEvent(se);

    s.insertStory.run(storyId, plan.headline);
    this.refreshStory(storyId);
    return { ok: true, status: 'stored', storyId, similarity };
  }

  private refreshStoryEvent(se: number): void {
    const c = this.st.storyEventMembers.get(se, se) as { articles: number; outlets: number };
    this.st.setStoryEventCounts.run(c.articles, c.outlets, se);
  }

  private refreshStory(storyId: string): void {
    const c = this.st.storyMembers.get(storyId, storyId) as { articles: number; outlets: number; first: string | null; last: string | null };
    this.st.setStoryCounts.run(c.articles, c.outlets, c.first, c.last, storyId);
  }

  private toArticle(r: Row): StoredArticle {
    const copies = (this.st.copiesOf.all(r['n']) as Row[]).map((c): ArticleCopy => ({
      id: c['id'] as string, url: c['url'] as string | null, outlet: c['outlet'] as string | null,
      published: c['published'] as string | null, source: c['source'] as string, ingestedAt: c['ingested_at'] as string,
    }));
    return {
      id: r['id'] as string, url: r['url'] as string | null, title: r['title'] as string | null, byline: r['byline'] as string | null,
      published: r['published'] as string | null, source: r['source'] as string, outlet: r['outlet'] as string | null,
      storyId: r['story_id'] as string, ingestedAt: r['ingested_at'] as string,
      analysis: restoreAnalysis(r['analysis'] as string, r['text'] as string), copies,
    };
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    let row = this.st.getArticle.get(id);
    if (!row) {
      const copy = this.st.copyById.get(id) as { id: string } | undefined;
      if (copy) row = this.st.getArticle.get(copy.id);
    }
    return row ? this.toArticle(row) : null;
  }

  async listArticles(opts: ArticleListOptions = {}): Promise<StoredArticle[]> {
    const { limit, offset } = pageOf(opts);
    const rows = opts.storyId ? this.st.listStoryArticles.all(opts.storyId, limit, offset) : this.st.listArticles.all(limit, offset);
    return rows.map((r) => this.toArticle(r));
  }

  async hasArticle(id: string): Promise<boolean> {
    return !!(this.st.articleById.get(id) ?? this.st.hasCopy.get(id));
  }

  async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const match = toFts5Query(query);
    if (!match) return [];
    const { limit, offset } = pageOf(opts);
    const rows = this.st.search.all(QUERY_RULES.markOpen, QUERY_RULES.markClose, match, limit, offset);
    return rows.map((r) => ({
      articleId: r['id'] as string, storyId: r['story_id'] as string, title: r['title'] as string | null,
      published: r['published'] as string | null, ...parseSnippet(r['snip'] as string), rank: -(r['score'] as number),
    }));
  }

  async events(filter: EventFilter = {}): Promise<EventRow[]> {
    const q = eventsQuery(filter);
    const rows = this.filtered(q.text).all(...q.params) as Row[];
    if (!rows.length) return [];
    const ids = JSON.stringify(rows.map((r) => r['n']));
    const links = [...(this.st.eventEntities.all(ids) as Row[]), ...(this.st.eventCommodities.all(ids) as Row[])];
    return rows.map((r) => toEventRow(r, links.filter((l) => l['story_event'] === r['n'])));
  }

  async quotes(filter: QuoteFilter = {}): Promise<QuoteRow[]> {
    const q = quotesQuery(filter, SQLITE_DIALECT);
    return (this.filtered(q.text).all(...q.params) as Row[]).map(toQuoteRow);
  }

  async entities(filter: EntityFilter = {}): Promise<EntityRow[]> {
    const q = entitiesQuery(filter);
    return (this.filtered(q.text).all(...q.params) as Row[]).map(toEntityRow);
  }

  async stories(filter: StoryFilter = {}): Promise<StoryRow[]> {
    const q = storiesQuery(filter);
    return (this.filtered(q.text).all(...q.params) as Row[]).map(toStoryRow);
  }

  async enqueue(payloads: readonly string[]): Promise<number> {
    const now = Date.now();
    return this.db.transaction(() => {
      let added = 0;
      for (const p of payloads) added += this.st.enqueue.run(p, payloadHash(p), now, now).changes;
      return added;
    }).immediate();
  }

  async claim(worker: string): Promise<Job | null> {
    return this.db.transaction((): Job | null => {
      for (;;) {
        const now = Date.now();
        const row = this.st.nextJob.get(now) as { id: number; payload: string; attempts: number } | undefined;
        if (!row) return null;
        if (row.attempts >= this.maxAttempts) {
          this.st.abandonJob.run(abandonedMessage(row.attempts), now, row.id);
          continue;
        }
        this.st.leaseJob.run(worker, now, now + this.leaseMs, row.id);
        return { id: row.id, payload: row.payload, attempts: row.attempts + 1 };
      }
    }).immediate();
  }

  async renewLease(jobId: number, worker: string): Promise<boolean> {
    return this.st.renewLease.run(Date.now() + this.leaseMs, jobId, worker).changes === 1;
  }

  async complete(jobId: number, error?: string, worker?: string): Promise<boolean> {
    const state = error === undefined ? 'done' : 'failed';
    const r = worker === undefined
      ? this.st.completeJob.run(state, error ?? null, Date.now(), jobId)
      : this.st.completeOwnJob.run(state, error ?? null, Date.now(), jobId, worker);
    return r.changes === 1;
  }

  async failedJobs(opts: { limit?: number } = {}): Promise<{ id: number; payload: string; error: string; attempts: number }[]> {
    return (this.st.failedJobs.all(pageOf(opts).limit) as Row[]).map((r) => ({
      id: r['id'] as number, payload: r['payload'] as string, error: (r['error'] as string | null) ?? '', attempts: r['attempts'] as number,
    }));
  }

  async counts(): Promise<StoreCounts> {
    const now = Date.now();
    const r = this.st.counts.get(now, now) as Record<keyof StoreCounts, number>;
    return { ...r };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

