// The shared back end: PostgreSQL through node-postgres. The same rows as SQLite (the plan comes from
// src/store/plan.ts), written with a few array (unnest) statements per article; tsvector + GIN for search;
// FOR UPDATE SKIP LOCKED with leases for the job queue, so workers on several machines share one queue.
// Concurrent writers are kept consistent by transaction-scoped advisory locks on an article's LSH bands,
// content hash and id (near-duplicates arriving at once are serialised, so they still find each other) and
// by upserting shared rows (entities, story events) in sorted key order, so two writers never deadlock.
import pg from 'pg';
import { createHash } from 'node:crypto';
import type {
  Store, StoreOptions, ArticleInput, PutResult, StoredArticle, ArticleListOptions, SearchOptions, SearchHit,
  EventFilter, EventRow, QuoteFilter, QuoteRow, EntityFilter, EntityRow, StoryFilter, StoryRow, Job, StoreCounts, ArticleCopy,
} from '../types.js';
import { planArticle, restoreAnalysis, searchBody, type ArticlePlan } from '../plan.js';
import {
  eventsQuery, quotesQuery, entitiesQuery, storiesQuery, numbered, parseSnippet, pageOf, toFts5Query, countsSql, QUERY_RULES, POSTGRES_DIALECT,
  type SqlQuery,
} from '../query.js';
import { payloadHash, abandonedMessage, toEventRow, toQuoteRow, toEntityRow, toStoryRow, type Row } from '../rows.js';
import { MIGRATIONS, LATEST_VERSION } from '../migrations.js';
import { MINHASH_RULES, chooseStory, signatureFromBytes, signatureToBytes, type StoryCandidate } from '../../stories/index.js';
import { STORE_DEFAULTS } from '../defaults.js';

export const POSTGRES_RULES = {
  /** Connections per store (one process): ingest writes on one, queries on the others. */
  poolSize: 4,
  /** Advisory lock key held while migrating ("Lode" in ASCII, shifted clear of the band keys, < 2^53). */
  migrationLock: 0x4c6f6465 * 2 ** 20,
  /** Offset of content-hash and id lock keys (LSH band keys are below 2^37). */
  hashLockBase: 2 ** 50,
  /** A transaction that deadlocked or lost a race is retried this many times. */
  retries: 5,
  /** SQLSTATEs worth a retry: serialization failure, deadlock, unique violation from a concurrent insert. */
  retryable: new Set(['40001', '40P01', '23505']),
  /** Session settings for every connection: random_page_cost 1.1 (data on SSD or in cache) makes the planner
   * use the GIN index for full-text search; at the default 4 it scans the table and evaluates @@ on every row
   * (60 ms instead of 10-20 ms for "oil prices" over the 15,390 Reuters training documents). */
  session: '-c random_page_cost=1.1',
  /** ts_headline options: one fragment of up to 24 words around the matches, as SQLite's snippet() gives. */
  headline: `MaxWords=${QUERY_RULES.snippetWords}, MinWords=12, MaxFragments=1`,
} as const;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const ARTICLE_COLUMNS = 'n, id, url, title, byline, published, source, outlet, story_id, ingested_at, text, analysis';

function nowIso(): string { return new Date().toISOString(); }

/** PostgreSQL text cannot hold NUL: it becomes U+FFFD (one code unit for one, so offsets stay valid). */
function clean(v: unknown): unknown {
  if (typeof v === 'string') return v.includes('\u0000') ? v.replace(/\u0000/g, '\uFFFD') : v;
  if (Array.isArray(v)) return v.map(clean);
  return v;
}

function hashLockKey(s: string): number {
  return POSTGRES_RULES.hashLockBase + parseInt(createHash('sha1').update(s).digest('hex').slice(0, 12), 16);
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The write path's statements. Data-modifying CTEs share one snapshot, so counts are refreshed by a later
 * statement (`refresh`) that sees the rows the earlier ones wrote. */
const SQL = {
  lock: 'SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k',
  known: `SELECT 'id' AS how, a.n, a.id, a.story_id, NULL::bytea AS signature FROM articles a WHERE a.id = $1
    UNION ALL SELECT 'copy', a.n, a.id, a.story_id, NULL FROM article_copies c JOIN articles a ON a.n = c.article WHERE c.id = $1
    UNION ALL SELECT 'hash', a.n, a.id, a.story_id, NULL FROM articles a WHERE a.content_hash = $2
    UNION ALL SELECT 'cand', a.n, a.id, a.story_id, a.signature FROM (
        SELECT article, count(*) AS shared FROM lsh_bands WHERE key = ANY($3::bigint[])
        GROUP BY article ORDER BY shared DESC, article LIMIT $4) AS c
      JOIN articles a ON a.n = c.article`,
  copy: 'INSERT INTO article_copies (id, article, url, outlet, published, source, ingested_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
  article: `WITH a AS (
      INSERT INTO articles (id, url, title, byline, published, source, outlet, story_id, content_hash, language, ingested_at, text, raw,
        analysis, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING n),
    b AS (INSERT INTO lsh_bands (key, article) SELECT DISTINCT k, a.n FROM a, unnest($16::bigint[]) AS k),
    s AS (INSERT INTO article_search (article, title, body) SELECT a.n, $17, $18 FROM a)
    SELECT n FROM a`,
  entities: `WITH u AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
        AS u (key, type, name, fold, country, iso3, hs, codes, mentions)),
    ent AS (
      INSERT INTO entities (key, type, name, fold, country, iso3, hs, codes, articles, mentions)
      SELECT key, type, name, fold, country, iso3, hs, codes, 1, mentions FROM u
      ON CONFLICT (key) DO UPDATE SET articles = entities.articles + 1, mentions = entities.mentions + excluded.mentions,
        country = coalesce(entities.country, excluded.country), hs = coalesce(entities.hs, excluded.hs)
      RETURNING n, key),
    ae AS (
      INSERT INTO article_entities (article, local_id, entity)
      SELECT $10, l.local_id, ent.n FROM unnest($11::text[], $12::text[]) AS l (local_id, key) JOIN ent ON ent.key = l.key),
    m AS (
      INSERT INTO mentions (article, span_start, span_end, entity, form)
      SELECT $10, x.s, x.e, ent.n, x.f FROM unnest($13::int[], $14::int[], $15::text[], $16::text[]) AS x (s, e, key, f)
        JOIN ent ON ent.key = x.key
      ON CONFLICT DO NOTHING),
    q AS (
      INSERT INTO quotes (article, idx, story_id, qkey, first_in_story, kind, speaker, speaker_text, text, span_start, span_end, published)
      SELECT $10, x.idx, $17, x.qkey,
        CASE WHEN row_number() OVER (PARTITION BY x.qkey ORDER BY x.idx) = 1
          AND NOT EXISTS (SELECT 1 FROM quotes o WHERE o.story_id = $17 AND o.qkey = x.qkey) THEN 1 ELSE 0 END,
        x.kind, ent.n, x.st, x.t, x.s, x.e, $18
      FROM unnest($19::int[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::int[], $26::int[])
        AS x (idx, qkey, kind, skey, st, t, s, e)
      LEFT JOIN ent ON ent.key = x.skey)
    SELECT count(*) AS entities FROM ent`,
  events: `WITH se AS (
      INSERT INTO story_events (story_id, key, article, idx, plover, cameo, modality, trigger_text, date_start, date_end,
        evidence_start, evidence_end, evidence)
      SELECT $1, g.key, $2, g.idx, g.plover, g.cameo, g.modality, g.tr, g.ds, g.de, g.es, g.ee, g.ev
      FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[],
        $12::int[], $13::text[]) AS g (key, idx, plover, cameo, modality, tr, ds, de, es, ee, ev)
      ON CONFLICT (story_id, key) DO UPDATE SET story_id = excluded.story_id
      RETURNING n, key),
    l AS (SELECT * FROM unnest($14::text[], $15::text[], $16::text[], $17::int[]) AS l (sekey, role, entkey, pos)),
    act AS (
      INSERT INTO story_event_actors (entity, role, story_event, pos)
      SELECT e.n, l.role, se.n, l.pos FROM l JOIN se ON se.key = l.sekey JOIN entities e ON e.key = l.entkey
      WHERE l.role <> 'commodity' ON CONFLICT DO NOTHING),
    com AS (
      INSERT INTO story_event_commodities (entity, story_event, pos)
      SELECT e.n, se.n, l.pos FROM l JOIN se ON se.key = l.sekey JOIN entities e ON e.key = l.entkey
      WHERE l.role = 'commodity' ON CONFLICT DO NOTHING),
    ev AS (
      INSERT INTO events (article, idx, story_event, plover, cameo, modality, date_start, date_end)
      SELECT $2, x.idx, se.n, x.plover, x.cameo, x.modality, x.ds, x.de
      FROM unnest($18::int[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[])
        AS x (idx, key, plover, cameo, modality, ds, de)
      JOIN se ON se.key = x.key)
    SELECT n FROM se`,
  /** Recounts the given story events and the story ($3: the title when the story is new). */
  refresh: `WITH r AS (
      SELECT DISTINCT story_event, article FROM events WHERE story_event = ANY($1::bigint[])),
    m AS (
      SELECT x.se, count(*) AS articles, count(DISTINCT coalesce(x.outlet, '')) AS outlets FROM (
        SELECT r.story_event AS se, a.outlet FROM r JOIN articles a ON a.n = r.article
        UNION ALL SELECT r.story_event, c.outlet FROM r JOIN article_copies c ON c.article = r.article) AS x
      GROUP BY x.se),
    upd AS (
      UPDATE story_events se SET num_articles = m.articles, num_sources = m.outlets FROM m WHERE se.n = m.se),
    members AS (
      SELECT outlet, published FROM articles WHERE story_id = $2
      UNION ALL SELECT c.outlet, c.published FROM article_copies c JOIN articles a ON a.n = c.article WHERE a.story_id = $2)
    INSERT INTO stories (id, title, articles, outlets, first_published, last_published)
    SELECT $2, $3::text, count(*), count(DISTINCT coalesce(outlet, '')), min(published), max(published) FROM members
    ON CONFLICT (id) DO UPDATE SET articles = excluded.articles, outlets = excluded.outlets,
      first_published = excluded.first_published, last_published = excluded.last_published`,
} as const;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly schema: string | null;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(url: string, options: StoreOptions = {}) {
    const parsed = new URL(url);
    const schema = options.schema ?? parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    if (schema && !SCHEMA_NAME.test(schema)) throw new Error(`schema name "${schema}" must be lower-case letters, digits and _`);
    this.schema = schema || null;
    this.pool = new pg.Pool({
      connectionString: parsed.toString(), max: POSTGRES_RULES.poolSize,
      options: `${POSTGRES_RULES.session}${this.schema ? ` -c search_path=${this.schema}` : ''}`,
    });
    // An idle client's network error must not crash the process; the next query reports it.
    this.pool.on('error', () => {});
    this.leaseMs = options.leaseMs ?? STORE_DEFAULTS.leaseMs;
    this.maxAttempts = options.maxAttempts ?? STORE_DEFAULTS.maxAttempts;
  }

  private async q(db: Queryable, text: string, params: unknown[] = []): Promise<Row[]> {
    const res = await db.query(text, params.map(clean));
    return res.rows as Row[];
  }

  private run(query: SqlQuery): Promise<Row[]> {
    return this.q(this.pool, numbered(query.text), query.params);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [POSTGRES_RULES.migrationLock]);
      try {
        if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
        const current = await this.versionOf(client);
        if (current > LATEST_VERSION) {
          throw new Error(`database schema version ${current} is newer than this Lodestone knows (${LATEST_VERSION}); upgrade Lodestone`);
        }
        for (const m of MIGRATIONS) {
          if (m.version <= current) continue;
          await client.query('BEGIN');
          try {
            await client.query(m.up('postgres'));
            await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, nowIso()]);
            await client.query('COMMIT');
          } catch (e) {
            await client.query('ROLLBACK');
            throw e;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [POSTGRES_RULES.migrationLock]);
      }
    } finally {
      client.release();
    }
  }

  private async versionOf(db: Queryable): Promise<number> {
    const rows = await this.q(db, 'SELECT max(version) AS v FROM schema_version');
    return Number(rows[0]?.['v'] ?? 0);
  }

  async schemaVersion(): Promise<number> {
    const rows = await this.q(this.pool, "SELECT to_regclass('schema_version') IS NOT NULL AS present");
    return rows[0]?.['present'] ? this.versionOf(this.pool) : 0;
  }

  async putArticle(article: ArticleInput): Promise<PutResult> {
    const plan = planArticle(article);
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await this.putPlanned(client, plan, nowIso());
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        const code = (e as { code?: string }).code;
        if (attempt < POSTGRES_RULES.retries && code && POSTGRES_RULES.retryable.has(code)) continue;
        throw e;
      } finally {
        client.release();
      }
    }
  }

  /** Writes one article in a handful of statements (data-modifying CTEs), each a named prepared statement. */
  private async putPlanned(db: Queryable, plan: ArticlePlan, now: string): Promise<PutResult> {
    const inp = plan.input;
    const locks = [...new Set([...plan.bandKeys, hashLockKey('content:' + plan.contentHash), hashLockKey('id:' + inp.id)])].sort((a, b) => a - b);
    await this.named(db, 'lock', SQL.lock, [locks]);

    const known = await this.named(db, 'known', SQL.known, [inp.id, plan.contentHash, plan.bandKeys, MINHASH_RULES.maxCandidates]);
    const byId = known.find((r) => r['how'] === 'id' || r['how'] === 'copy');
    if (byId) return { ok: true, status: 'duplicate', reason: 'same-id', existingId: byId['id'] as string, storyId: byId['story_id'] as string };
    const same = known.find((r) => r['how'] === 'hash');
    if (same) {
      await this.named(db, 'copy', SQL.copy, [inp.id, same['n'], inp.url, inp.outlet, inp.published, inp.source, now]);
      const ses = await this.named(db, 'events-of', 'SELECT DISTINCT story_event FROM events WHERE article = $1', [same['n']]);
      await this.named(db, 'refresh', SQL.refresh, [ses.map((r) => r['story_event']), same['story_id'], null]);
      return { ok: true, status: 'duplicate', reason: 'same-text', existingId: same['id'] as string, storyId: same['story_id'] as string };
    }

    let storyId = inp.id;
    let similarity: number | null = null;
    if (plan.signature) {
      const candidates: StoryCandidate[] = known
        .filter((r) => r['how'] === 'cand' && r['signature'])
        .sort((x, y) => Number(x['n']) - Number(y['n']))
        .map((r) => ({ articleId: r['id'] as string, storyId: r['story_id'] as string, signature: signatureFromBytes(r['signature'] as Buffer) }));
      const choice = chooseStory(plan.signature, candidates, plan.joinThreshold);
      if (choice.joined) { storyId = choice.storyId; similarity = choice.similarity; }
    }

    const inserted = await this.named(db, 'article', SQL.article, [inp.id, inp.url, inp.title, inp.byline, inp.published, inp.source,
      inp.outlet, storyId, plan.contentHash, plan.language, now, plan.text, inp.raw, plan.analysisJson,
      plan.signature ? signatureToBytes(plan.signature) : null, plan.bandKeys, inp.title ?? '', searchBody(plan)]);
    const n = inserted[0]!['n'] as string;

    const es = plan.entities;
    const locals = [...plan.localKeys];
    const ms = plan.mentions;
    const qs = plan.quotes;
    await this.named(db, 'entities', SQL.entities, [
      es.map((e) => e.key), es.map((e) => e.type), es.map((e) => e.name), es.map((e) => e.fold), es.map((e) => e.country),
      es.map((e) => e.iso3), es.map((e) => e.hs), es.map((e) => e.codes), es.map((e) => e.mentions),
      n, locals.map(([l]) => l), locals.map(([, k]) => k),
      ms.map((m) => m.start), ms.map((m) => m.end), ms.map((m) => m.entityKey), ms.map((m) => m.form),
      storyId, inp.published, qs.map((q) => q.idx), qs.map((q) => q.qkey), qs.map((q) => q.kind), qs.map((q) => q.speakerKey),
      qs.map((q) => q.speakerText), qs.map((q) => q.text), qs.map((q) => q.start), qs.map((q) => q.end)]);

    let ses: unknown[] = [];
    if (plan.storyEvents.length) {
      const gs = plan.storyEvents;
      const f = gs.map((g) => g.first);
      const links: [string, string, string, number][] = [];
      for (const g of gs) {
        g.sources.forEach((k, i) => links.push([g.key, 'source', k, i]));
        g.targets.forEach((k, i) => links.push([g.key, 'target', k, i]));
        g.commodities.forEach((k, i) => links.push([g.key, 'commodity', k, i]));
      }
      const evs = plan.events;
      const rows = await this.named(db, 'events', SQL.events, [storyId, n,
        gs.map((g) => g.key), f.map((e) => e.idx), f.map((e) => e.plover), f.map((e) => e.cameo), f.map((e) => e.modality),
        f.map((e) => e.trigger), f.map((e) => e.dateStart), f.map((e) => e.dateEnd), f.map((e) => e.evidenceStart),
        f.map((e) => e.evidenceEnd), f.map((e) => e.evidence),
        links.map((l) => l[0]), links.map((l) => l[1]), links.map((l) => l[2]), links.map((l) => l[3]),
        evs.map((e) => e.idx), evs.map((e) => e.key), evs.map((e) => e.plover), evs.map((e) => e.cameo), evs.map((e) => e.modality),
        evs.map((e) => e.dateStart), evs.map((e) => e.dateEnd)]);
      ses = rows.map((r) => r['n']).sort((a, b) => Number(a) - Number(b));
    }
    await this.named(db, 'refresh', SQL.refresh, [ses, storyId, plan.headline]);
    return { ok: true, status: 'stored', storyId, similarity };
  }

  /** A named prepared statement: parsed and planned once per connection. */
  private async named(db: Queryable, name: string, text: string, params: unknown[]): Promise<Row[]> {
    const res = await db.query({ name: `lodestone-${name}`, text, values: params.map(clean) });
    return res.rows as Row[];
  }

  private async toArticles(rows: Row[]): Promise<StoredArticle[]> {
    if (!rows.length) return [];
    const copies = await this.q(this.pool, `SELECT article, id, url, outlet, published, source, ingested_at FROM article_copies
      WHERE article = ANY($1::bigint[]) ORDER BY ingested_at, id`, [rows.map((r) => r['n'])]);
    return rows.map((r) => ({
      id: r['id'] as string, url: r['url'] as string | null, title: r['title'] as string | null, byline: r['byline'] as string | null,
      published: r['published'] as string | null, source: r['source'] as string, outlet: r['outlet'] as string | null,
      storyId: r['story_id'] as string, ingestedAt: r['ingested_at'] as string,
      analysis: restoreAnalysis(r['analysis'] as string, r['text'] as string),
      copies: copies.filter((c) => c['article'] === r['n']).map((c): ArticleCopy => ({
        id: c['id'] as string, url: c['url'] as string | null, outlet: c['outlet'] as string | null,
        published: c['published'] as string | null, source: c['source'] as string, ingestedAt: c['ingested_at'] as string,
      })),
    }));
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const rows = await this.q(this.pool, `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1
      UNION ALL SELECT ${ARTICLE_COLUMNS.split(', ').map((c) => 'a.' + c).join(', ')} FROM article_copies c JOIN articles a ON a.n = c.article WHERE c.id = $1`, [id]);
    return (await this.toArticles(rows.slice(0, 1)))[0] ?? null;
  }

  async listArticles(opts: ArticleListOptions = {}): Promise<StoredArticle[]> {
    const { limit, offset } = pageOf(opts);
    const rows = opts.storyId
      ? await this.q(this.pool, `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE story_id = $1 ORDER BY n LIMIT $2 OFFSET $3`, [opts.storyId, limit, offset])
      : await this.q(this.pool, `SELECT ${ARTICLE_COLUMNS} FROM articles ORDER BY n LIMIT $1 OFFSET $2`, [limit, offset]);
    return this.toArticles(rows);
  }

  async hasArticle(id: string): Promise<boolean> {
    const rows = await this.q(this.pool, 'SELECT EXISTS (SELECT 1 FROM articles WHERE id = $1) OR EXISTS (SELECT 1 FROM article_copies WHERE id = $1) AS found', [id]);
    return rows[0]?.['found'] === true;
  }

  async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    if (!toFts5Query(query)) return []; // nothing positive to find ("-copper" alone finds nothing, as in SQLite)
    const { limit, offset } = pageOf(opts);
    const options = `StartSel=${QUERY_RULES.markOpen}, StopSel=${QUERY_RULES.markClose}, ${POSTGRES_RULES.headline}`;
    // Rank within article_search alone (ts_rank: a third of ts_rank_cd's cost), join and headline one page.
    const rows = await this.q(this.pool, `SELECT a.id, a.story_id, a.title, a.published, hit.score,
        ts_headline('english', hit.body, websearch_to_tsquery('english', $1), $2) AS snip
      FROM (SELECT s.article, s.body, ts_rank(s.fts, websearch_to_tsquery('english', $1)) AS score FROM article_search s
            WHERE s.fts @@ websearch_to_tsquery('english', $1) ORDER BY score DESC, s.article LIMIT $3 OFFSET $4) AS hit
      JOIN articles a ON a.n = hit.article
      ORDER BY hit.score DESC, hit.article`, [query, options, limit, offset]);
    return rows.map((r) => ({
      articleId: r['id'] as string, storyId: r['story_id'] as string, title: r['title'] as string | null,
      published: r['published'] as string | null, ...parseSnippet(r['snip'] as string), rank: Number(r['score']),
    }));
  }

  async events(filter: EventFilter = {}): Promise<EventRow[]> {
    const rows = await this.run(eventsQuery(filter));
    if (!rows.length) return [];
    const ids = rows.map((r) => r['n']);
    const links = await this.q(this.pool, `SELECT x.story_event, x.role, e.key, e.name, e.type, e.iso3, e.country, e.codes, x.pos
        FROM story_event_actors x JOIN entities e ON e.n = x.entity WHERE x.story_event = ANY($1::bigint[])
      UNION ALL
      SELECT c.story_event, 'commodity', e.key, e.name, e.type, e.iso3, e.country, e.codes, c.pos
        FROM story_event_commodities c JOIN entities e ON e.n = c.entity WHERE c.story_event = ANY($1::bigint[])
      ORDER BY story_event, role, pos, name`, [ids]);
    return rows.map((r) => toEventRow(r, links.filter((l) => l['story_event'] === r['n'])));
  }

  async quotes(filter: QuoteFilter = {}): Promise<QuoteRow[]> {
    return (await this.run(quotesQuery(filter, POSTGRES_DIALECT))).map(toQuoteRow);
  }

  async entities(filter: EntityFilter = {}): Promise<EntityRow[]> {
    return (await this.run(entitiesQuery(filter))).map(toEntityRow);
  }

  async stories(filter: StoryFilter = {}): Promise<StoryRow[]> {
    return (await this.run(storiesQuery(filter))).map(toStoryRow);
  }

  async enqueue(payloads: readonly string[]): Promise<number> {
    const unique = [...new Set(payloads)];
    if (!unique.length) return 0;
    const res = await this.pool.query(`INSERT INTO jobs (payload, payload_hash, state, attempts, available_at, created_at)
      SELECT p, h, 'pending', 0, clock_timestamp(), clock_timestamp() FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u (p, h, i) ORDER BY i
      ON CONFLICT (payload_hash) DO UPDATE SET state = 'pending', attempts = 0, error = NULL, worker = NULL, claimed_at = NULL,
        finished_at = NULL, available_at = excluded.available_at WHERE jobs.state = 'failed'`,
    [clean(unique), unique.map(payloadHash)]);
    return res.rowCount ?? 0;
  }

  async claim(worker: string): Promise<Job | null> {
    for (;;) {
      const rows = await this.q(this.pool, `WITH next AS (
          SELECT id FROM jobs WHERE state = 'pending' AND available_at <= clock_timestamp()
          ORDER BY available_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        UPDATE jobs j SET attempts = j.attempts + 1, worker = $1, claimed_at = clock_timestamp(),
          available_at = clock_timestamp() + make_interval(secs => $2::float8 / 1000)
        FROM next WHERE j.id = next.id RETURNING j.id, j.payload, j.attempts`, [worker, this.leaseMs]);
      const row = rows[0];
      if (!row) return null;
      const attempts = Number(row['attempts']);
      if (attempts > this.maxAttempts) {
        await this.q(this.pool, `UPDATE jobs SET state = 'failed', error = $1, finished_at = clock_timestamp() WHERE id = $2`,
          [abandonedMessage(attempts - 1), row['id']]);
        continue;
      }
      return { id: Number(row['id']), payload: row['payload'] as string, attempts };
    }
  }

  async renewLease(jobId: number, worker: string): Promise<boolean> {
    const res = await this.pool.query(`UPDATE jobs SET available_at = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
      WHERE id = $1 AND state = 'pending' AND worker = $2`, [jobId, clean(worker), this.leaseMs]);
    return res.rowCount === 1;
  }

  async complete(jobId: number, error?: string, worker?: string): Promise<boolean> {
    const res = await this.pool.query(`UPDATE jobs SET state = $1, error = $2, finished_at = clock_timestamp()
      WHERE id = $3 AND state = 'pending' AND ($4::text IS NULL OR worker = $4)`,
    [error === undefined ? 'done' : 'failed', clean(error ?? null), jobId, worker === undefined ? null : clean(worker)]);
    return res.rowCount === 1;
  }

  async failedJobs(opts: { limit?: number } = {}): Promise<{ id: number; payload: string; error: string; attempts: number }[]> {
    const rows = await this.q(this.pool, `SELECT id, payload, error, attempts FROM jobs WHERE state = 'failed'
      ORDER BY finished_at DESC, id DESC LIMIT $1`, [pageOf(opts).limit]);
    return rows.map((r) => ({ id: Number(r['id']), payload: r['payload'] as string, error: (r['error'] as string | null) ?? '', attempts: Number(r['attempts']) }));
  }

  async counts(): Promise<StoreCounts> {
    const rows = await this.q(this.pool, countsSql('clock_timestamp()'));
    const r = rows[0]!;
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as unknown as StoreCounts;
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
