// The storage interface. SQLite (embedded, the default) and PostgreSQL implement it; nothing above this layer
// writes SQL. Both pass the same contract test suite (test/store-contract.ts).
import type { AnalysisJson } from '../output.js';

/** An article as ingested: its source and the text that was analysed. */
export interface ArticleInput {
  /** Stable id: given by the source, else a hash of the cleaned text. */
  id: string;
  url: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  /** Where it came from: a file path, feed URL or page URL. */
  source: string;
  /** Host or outlet name ("reuters.com", "VOA"). */
  outlet: string | null;
  /** The raw input (HTML or text) is kept so extraction can be rerun; may be null for plain text. */
  raw: string | null;
  analysis: AnalysisJson;
}

export interface StoredArticle {
  id: string;
  url: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  source: string;
  outlet: string | null;
  storyId: string | null;
  ingestedAt: string;
  analysis: AnalysisJson;
}

export type PutResult = { ok: true; status: 'stored' } | { ok: true; status: 'duplicate'; existingId: string };

export interface EventFilter {
  actor?: string;          // entity name (case-insensitive substring) or ISO3 code among sources
  target?: string;         // same, among targets
  country?: string;        // ISO3 code among sources or targets
  commodity?: string;      // commodity name substring or HS code prefix ("2805", "27")
  plover?: string;         // PLOVER category
  from?: string;           // YYYY-MM-DD, on the event date, else the article's publication date
  to?: string;
  limit?: number;
  offset?: number;
}

export interface QuoteFilter { speaker?: string; text?: string; limit?: number; offset?: number }
export interface EntityFilter { type?: string; name?: string; limit?: number; offset?: number }

export interface EventRow {
  articleId: string;
  storyId: string | null;
  index: number;                  // position in the article's events
  plover: string;
  cameo: string;
  source: { id: string; name: string; iso3: string | null }[];
  target: { id: string; name: string; iso3: string | null }[];
  commodities: { id: string; name: string; hs: string | null }[];
  date: string | null;            // start of the event's date range, else the article's publication date
  modality: string;
  evidence: string;
  /** How many articles and outlets report the same event (same story cluster merges copies). */
  numArticles: number;
  numSources: number;
}

export interface QuoteRow { articleId: string; speaker: string | null; kind: string; text: string; published: string | null }
export interface EntityRow { name: string; type: string; codes: Record<string, string>; articles: number; mentions: number }
export interface StoryRow { id: string; title: string | null; articles: number; outlets: number; first: string | null; last: string | null }
export interface SearchHit { articleId: string; title: string | null; published: string | null; snippet: string; rank: number }

export interface Job { id: number; payload: string; attempts: number }

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending schema migrations (idempotent). */
  migrate(): Promise<void>;
  /** Stores an article and its analysis in one transaction; the same id or content twice is stored once. */
  putArticle(article: ArticleInput): Promise<PutResult>;
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(opts?: { limit?: number; offset?: number }): Promise<StoredArticle[]>;
  hasArticle(id: string): Promise<boolean>;
  search(query: string, opts?: { limit?: number; offset?: number }): Promise<SearchHit[]>;
  events(filter: EventFilter): Promise<EventRow[]>;
  quotes(filter: QuoteFilter): Promise<QuoteRow[]>;
  entities(filter: EntityFilter): Promise<EntityRow[]>;
  stories(opts?: { limit?: number; offset?: number }): Promise<StoryRow[]>;
  /** Near-duplicate support: the signatures of stored articles whose LSH bands match. */
  candidatesFor(bands: readonly string[]): Promise<{ id: string; storyId: string | null; signature: number[] }[]>;
  /** A shared ingest queue (PostgreSQL: FOR UPDATE SKIP LOCKED), so several workers take each job once. */
  enqueue(payloads: readonly string[]): Promise<number>;
  claim(worker: string): Promise<Job | null>;
  complete(jobId: number, error?: string): Promise<void>;
  counts(): Promise<{ articles: number; events: number; quotes: number; stories: number; queued: number; failed: number }>;
  close(): Promise<void>;
}
