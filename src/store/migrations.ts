// Versioned schema migrations, written once for both back ends: column types that differ are placeholders,
// and each back end adds its own full-text search. Each migration is applied once, in a transaction, and
// recorded in schema_version. Add a migration at the end; never edit one that has shipped.
export type SqlDialectName = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  /** The DDL in the given dialect. */
  up(dialect: SqlDialectName): string;
}

/** What differs between SQLite and PostgreSQL in the shared tables. */
const TYPES: Record<SqlDialectName, Record<'KEY' | 'REF' | 'BYTES' | 'TIME' | 'NOROWID' | 'DESC_NULLS_LAST' | 'PREFIX_OPS', string>> = {
  sqlite: {
    KEY: 'INTEGER PRIMARY KEY', REF: 'INTEGER', BYTES: 'BLOB', TIME: 'INTEGER', NOROWID: ' WITHOUT ROWID',
    DESC_NULLS_LAST: 'DESC', PREFIX_OPS: '',
  },
  postgres: {
    KEY: 'BIGSERIAL PRIMARY KEY', REF: 'BIGINT', BYTES: 'BYTEA', TIME: 'TIMESTAMPTZ', NOROWID: '',
    DESC_NULLS_LAST: 'DESC NULLS LAST', PREFIX_OPS: ' text_pattern_ops',
  },
};

const TABLES_V1 = `
CREATE TABLE articles (
  n            $KEY,
  id           TEXT NOT NULL UNIQUE,
  url          TEXT,
  title        TEXT,
  byline       TEXT,
  published    TEXT,
  source       TEXT NOT NULL,
  outlet       TEXT,
  story_id     TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  language     TEXT NOT NULL,
  ingested_at  TEXT NOT NULL,
  text         TEXT NOT NULL,
  raw          TEXT,
  analysis     TEXT NOT NULL,
  signature    $BYTES
);
CREATE INDEX articles_story ON articles (story_id, n);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE article_copies (
  id          TEXT PRIMARY KEY,
  article     $REF NOT NULL REFERENCES articles (n),
  url         TEXT,
  outlet      TEXT,
  published   TEXT,
  source      TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX article_copies_article ON article_copies (article);

CREATE TABLE lsh_bands (
  key     $REF NOT NULL,
  article $REF NOT NULL REFERENCES articles (n),
  PRIMARY KEY (key, article)
)$NOROWID;

CREATE TABLE stories (
  id              TEXT PRIMARY KEY,
  title           TEXT,
  articles        INTEGER NOT NULL,
  outlets         INTEGER NOT NULL,
  first_published TEXT,
  last_published  TEXT
);
CREATE INDEX stories_size ON stories (articles, last_published);

CREATE TABLE entities (
  n        $KEY,
  key      TEXT NOT NULL UNIQUE,
  type     TEXT NOT NULL,
  name     TEXT NOT NULL,
  fold     TEXT NOT NULL,
  country  TEXT,
  iso3     TEXT,
  hs       TEXT,
  codes    TEXT NOT NULL,
  articles INTEGER NOT NULL DEFAULT 0,
  mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_country ON entities (country);
CREATE INDEX entities_hs ON entities (hs$PREFIX_OPS) WHERE hs IS NOT NULL;
CREATE INDEX entities_rank ON entities (articles, mentions);
CREATE INDEX entities_type_rank ON entities (type, articles, mentions);

CREATE TABLE article_entities (
  article  $REF NOT NULL REFERENCES articles (n),
  local_id TEXT NOT NULL,
  entity   $REF NOT NULL REFERENCES entities (n),
  PRIMARY KEY (article, local_id)
)$NOROWID;
CREATE INDEX article_entities_entity ON article_entities (entity, article);

CREATE TABLE mentions (
  article    $REF NOT NULL REFERENCES articles (n),
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  entity     $REF NOT NULL REFERENCES entities (n),
  form       TEXT NOT NULL,
  PRIMARY KEY (article, span_start, span_end)
)$NOROWID;

CREATE TABLE quotes (
  n              $KEY,
  article        $REF NOT NULL REFERENCES articles (n),
  idx            INTEGER NOT NULL,
  story_id       TEXT NOT NULL,
  qkey           TEXT NOT NULL,
  first_in_story INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  speaker        $REF REFERENCES entities (n),
  speaker_text   TEXT,
  text           TEXT NOT NULL,
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL,
  published      TEXT,$QUOTE_COLUMNS
  UNIQUE (article, idx)
);
CREATE INDEX quotes_story_key ON quotes (story_id, qkey);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX quotes_recent ON quotes (published $DESC_NULLS_LAST, article DESC, idx) WHERE first_in_story = 1;

CREATE TABLE story_events (
  n              $KEY,
  story_id       TEXT NOT NULL,
  key            TEXT NOT NULL,
  article        $REF NOT NULL REFERENCES articles (n),
  idx            INTEGER NOT NULL,
  plover         TEXT NOT NULL,
  cameo          TEXT NOT NULL,
  modality       TEXT NOT NULL,
  trigger_text   TEXT NOT NULL,
  date_start     TEXT,
  date_end       TEXT,
  evidence_start INTEGER NOT NULL,
  evidence_end   INTEGER NOT NULL,
  evidence       TEXT NOT NULL,
  num_articles   INTEGER NOT NULL DEFAULT 0,
  num_sources    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (story_id, key)
);
CREATE INDEX story_events_date ON story_events (date_start);
CREATE INDEX story_events_plover_date ON story_events (plover, date_start);

CREATE TABLE events (
  article     $REF NOT NULL REFERENCES articles (n),
  idx         INTEGER NOT NULL,
  story_event $REF NOT NULL REFERENCES story_events (n),
  plover      TEXT NOT NULL,
  cameo       TEXT NOT NULL,
  modality    TEXT NOT NULL,
  date_start  TEXT,
  date_end    TEXT,
  PRIMARY KEY (article, idx)
)$NOROWID;
CREATE INDEX events_story_event ON events (story_event, article);

CREATE TABLE story_event_actors (
  entity      $REF NOT NULL REFERENCES entities (n),
  role        TEXT NOT NULL,
  story_event $REF NOT NULL REFERENCES story_events (n),
  pos         INTEGER NOT NULL,
  PRIMARY KEY (entity, role, story_event)
)$NOROWID;
CREATE INDEX story_event_actors_event ON story_event_actors (story_event);

CREATE TABLE story_event_commodities (
  entity      $REF NOT NULL REFERENCES entities (n),
  story_event $REF NOT NULL REFERENCES story_events (n),
  pos         INTEGER NOT NULL,
  PRIMARY KEY (entity, story_event)
)$NOROWID;
CREATE INDEX story_event_commodities_event ON story_event_commodities (story_event);

CREATE TABLE jobs (
  id           $JOB_KEY,
  payload      TEXT NOT NULL,
  payload_hash TEXT NOT NULL UNIQUE,
  state        TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  worker       TEXT,
  available_at $TIME NOT NULL,
  claimed_at   $TIME,
  finished_at  $TIME,
  error        TEXT,
  created_at   $TIME NOT NULL
);
CREATE INDEX jobs_pending ON jobs (available_at, id) WHERE state = 'pending';
CREATE INDEX jobs_state ON jobs (state);
`;

/** Full-text search, each back end its own way. The indexed body is the cleaned text (promotional and
 * boilerplate spans left out); quotes are indexed for the first of each (story, speaker, words) only. */
const SEARCH_V1: Record<SqlDialectName, { quoteColumns: string; tables: string }> = {
  sqlite: {
    quoteColumns: '',
    tables: `
-- rowid = articles.n
CREATE VIRTUAL TABLE article_search USING fts5 (title, body, tokenize = 'porter unicode61 remove_diacritics 2');
-- rowid = quotes.n
CREATE VIRTUAL TABLE quote_search USING fts5 (text, speaker, tokenize = 'porter unicode61 remove_diacritics 2');
`,
  },
  postgres: {
    quoteColumns: `
  text_fts       tsvector GENERATED ALWAYS AS (to_tsvector('english', left(text, 100000))) STORED,
  speaker_fts    tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(speaker_text, ''))) STORED,`,
    // A tsvector holds at most 1 MB, so only the first 500,000 characters of a body are indexed.
    tables: `
CREATE TABLE article_search (
  article BIGINT PRIMARY KEY REFERENCES articles (n),
  title   TEXT NOT NULL,
  body    TEXT NOT NULL,
  fts     tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', left(body, 500000)), 'B')) STORED
);
CREATE INDEX article_search_fts ON article_search USING GIN (fts);
CREATE INDEX quotes_text_fts ON quotes USING GIN (text_fts) WHERE first_in_story = 1;
CREATE INDEX quotes_speaker_fts ON quotes USING GIN (speaker_fts) WHERE first_in_story = 1;
`,
  },
};

/** Schema version 1 in the given dialect. */
export function schemaV1(dialect: SqlDialectName): string {
  const t = TYPES[dialect];
  const search = SEARCH_V1[dialect];
  const tables = TABLES_V1
    .replaceAll('$QUOTE_COLUMNS', search.quoteColumns)
    .replaceAll('$JOB_KEY', dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY')
    .replace(/\$(KEY|REF|BYTES|TIME|NOROWID|DESC_NULLS_LAST|PREFIX_OPS)\b/g, (_, k: keyof typeof t) => t[k]);
  return tables + search.tables;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'articles, copies, stories, entities, mentions, quotes, events, full-text search, queue', up: schemaV1 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
