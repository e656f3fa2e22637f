// The storage interface. SQLite (embedded, the default) and PostgreSQL implement it; nothing above this layer
// writes SQL. Both pass the same contract test suite (test/store-contract.ts).
import type { AnalysisJson } from '../output.js';

/** Where an article came from and what its page says of it (shared by ingest's SourceItem). */
export interface ArticleMeta {
  url: string | null;
  title: string | null;
  byline: string | null;
  /** YYYY-MM-DD, or null. */
  published: string | null;
  /** Where it came from: a file path, feed URL or page URL ("file.jsonl:12"). */
  source: string;
  /** Host or outlet name ("reuters.com", "VOA"). */
  outlet: string | null;
}

/** An article as ingested: its source and the text that was analysed. */
export interface ArticleInput extends ArticleMeta {
  /** Stable id: given by the source, else a hash of the cleaned text. */
  id: string;
  /** The raw input (HTML or text) is kept so extraction can be rerun; may be null for plain text. */
  raw: string | null;
  analysis: AnalysisJson;
}

/** Another id under which the same cleaned text arrived (a syndicated copy, or the same page under two URLs):
 * recorded, counted in numArticles/numSources, but not stored or analysed twice. */
export interface ArticleCopy {
  id: string;
  url: string | null;
  outlet: string | null;
  published: string | null;
  source: string;
  ingestedAt: string;
}

export interface StoredArticle extends ArticleMeta {
  id: string;
  /** The story (near-duplicate cluster): the id of its first article. */
  storyId: string;
  ingestedAt: string;
  analysis: AnalysisJson;
  copies: ArticleCopy[];
}

/** Why an article was not stored again. `same-id`: that id is already stored (or recorded as a copy);
 * `same-text`: another id with the same cleaned text (whitespace folded; for a text under about 50 words, the
 * same headline too) is stored, this id is now its copy. */
export type DuplicateReason = 'same-id' | 'same-text';

export type PutResult =
  | { ok: true; status: 'stored'; storyId: string; /** estimated Jaccard similarity to the story's closest article, when it joined one */ similarity: number | null }
  | { ok: true; status: 'duplicate'; reason: DuplicateReason; existingId: string; storyId: string };

export interface EventFilter {
  actor?: string;          // entity name (case-insensitive substring), or an ISO3 code (actors of that country) among sources
  target?: string;         // same, among targets
  country?: string;        // ISO3 code of an actor (country, or a person/organization/place of that country), either side
  commodity?: string;      // commodity name substring, or HS code prefix ("2805", "27", "2711.11")
  plover?: string;         // PLOVER category (case-insensitive)
  from?: string;           // YYYY-MM-DD: the event's date range (else the article's publication date) ends on or after it
  to?: string;             // YYYY-MM-DD: ... starts on or before it
  storyId?: string;
  limit?: number;          // default 100
  offset?: number;
}

export interface QuoteFilter {
  speaker?: string;        // speaker entity name (case-insensitive substring), or words of an unresolved speaker's description
  text?: string;           // words of the quote (web-search syntax as in search(): all words, "phrase", OR, -word; stemmed)
  storyId?: string;
  limit?: number;
  offset?: number;
}
export interface EntityFilter { type?: string; name?: string; limit?: number; offset?: number }
export interface StoryFilter { minArticles?: number; limit?: number; offset?: number }
export interface ArticleListOptions { storyId?: string; limit?: number; offset?: number }
export interface SearchOptions { limit?: number; offset?: number }

/** An actor or commodity as events report it. `id` is the collection-wide entity key ("country:USA",
 * "person:vladimir putin", "commodity:uranium"), not the per-article "e3". */
export interface EventEntity { id: string; name: string; type: string; iso3: string | null; country: string | null; hs: string | null }

/** One event per story: copies of it in other articles of the story are merged into this row. */
export interface EventRow {
  /** The article the row's evidence comes from (the first in the story that reported it). */
  articleId: string;
  storyId: string;
  /** Position in that article's events. */
  index: number;
  /** The cross-article identity: "PLOVER|sources|targets" (see src/stories/cluster.ts). */
  key: string;
  plover: string;
  cameo: string;
  source: EventEntity[];
  target: EventEntity[];
  /** Union over the story's copies of the event. */
  commodities: EventEntity[];
  /** Start and end of the event's date range, else the article's publication date. */
  date: string | null;
  dateEnd: string | null;
  modality: string;
  trigger: string;
  /** The evidence sentence(s), with offsets into `articleId`'s text. */
  evidence: { start: number; end: number; text: string };
  /** How many articles (stored ones and their recorded copies) in the story report this event, and from how
   * many distinct outlets (an unknown outlet counts as one). */
  numArticles: number;
  numSources: number;
}

/** One quote per story (copies merged); offsets are into `articleId`'s text. */
export interface QuoteRow {
  articleId: string;
  storyId: string;
  index: number;
  kind: string;
  /** Collection-wide entity key of the speaker, or null when the speaker is unresolved. */
  speakerId: string | null;
  speaker: string | null;
  /** The words naming the speaker in the text ("a senior official in the Moscow government"), or null. */
  speakerText: string | null;
  text: string;
  start: number;
  end: number;
  published: string | null;
  numArticles: number;
}

export interface EntityRow {
  id: string;
  name: string;
  type: string;
  codes: Record<string, string>;
  /** ISO3 of the entity's country (itself for a country). */
  country: string | null;
  articles: number;
  mentions: number;
}

export interface StoryRow { id: string; title: string | null; articles: number; outlets: number; first: string | null; last: string | null }

/** A full-text hit. `snippet` is plain text; `highlights` are [start, end) offsets of matched words in it. */
export interface SearchHit {
  articleId: string;
  storyId: string;
  title: string | null;
  published: string | null;
  snippet: string;
  highlights: [number, number][];
  /** Higher is better (SQLite: -bm25; PostgreSQL: ts_rank); comparable within one result list only. */
  rank: number;
}

export interface Job { id: number; payload: string; attempts: number }

export interface StoreCounts {
  /** Stored (analysed) articles; `copies` are the extra ids recorded as same-text duplicates. */
  articles: number;
  copies: number;
  stories: number;
  /** Event rows as events() returns them (one per story and event), and quote rows likewise. */
  events: number;
  quotes: number;
  entities: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
}

export interface StoreOptions {
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** How long a claimed (or renewed) job stays with its worker before another may claim it (default 60 s). */
  leaseMs?: number;
  /** A job whose lease expired this many times is failed instead of handed out again (default 3). */
  maxAttempts?: number;
  /** PostgreSQL only: the schema to use (created if missing); default the connection's search_path. */
  schema?: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending schema migrations (idempotent; safe when several processes start at once). */
  migrate(): Promise<void>;
  /** The schema version the database is at. */
  schemaVersion(): Promise<number>;
  /** Stores an article and its analysis in one transaction and assigns its story; the same id or cleaned text
   * twice is stored once (see DuplicateReason). */
  putArticle(article: ArticleInput): Promise<PutResult>;
  /** By id, or by the id of a recorded copy (then the stored article comes back, under its own id). */
  getArticle(id: string): Promise<StoredArticle | null>;
  /** In ingest order. */
  listArticles(opts?: ArticleListOptions): Promise<StoredArticle[]>;
  /** True for a stored id and for a recorded copy's id (ingest skips both). */
  hasArticle(id: string): Promise<boolean>;
  /** Full-text search over title and cleaned text; web-search syntax: words (all required), "a phrase",
   * OR, -excluded. Best first. */
  search(query: string, opts?: SearchOptions): Promise<SearchHit[]>;
  /** Newest first (by date, then ingest order). */
  events(filter?: EventFilter): Promise<EventRow[]>;
  /** Newest first. */
  quotes(filter?: QuoteFilter): Promise<QuoteRow[]>;
  /** Most reported first. */
  entities(filter?: EntityFilter): Promise<EntityRow[]>;
  /** Largest first, then most recent. */
  stories(filter?: StoryFilter): Promise<StoryRow[]>;
  /** A shared ingest queue (PostgreSQL: FOR UPDATE SKIP LOCKED), so several workers take each job once.
   * A payload already queued, running or done is not added again; a failed one is queued again.
   * Returns how many were (re)queued. */
  enqueue(payloads: readonly string[]): Promise<number>;
  /** The oldest available job, leased to `worker` for leaseMs; null when there is none. */
  claim(worker: string): Promise<Job | null>;
  /** Extends the lease of a job `worker` holds to leaseMs from now: the heartbeat of a worker still at it.
   * False when the job is no longer that worker's (its lease ran out and another worker claimed it, or it was
   * completed or failed): the worker should drop it. */
  renewLease(jobId: number, worker: string): Promise<boolean>;
  /** Marks a claimed job done, or failed with `error`. With `worker`, only while the job is still that worker's
   * (one that lost its lease does not report the job a second time). True when the job was marked. */
  complete(jobId: number, error?: string, worker?: string): Promise<boolean>;
  /** Failed jobs with their errors, newest first. */
  failedJobs(opts?: { limit?: number }): Promise<{ id: number; payload: string; error: string; attempts: number }[]>;
  counts(): Promise<StoreCounts>;
  close(): Promise<void>;
}
