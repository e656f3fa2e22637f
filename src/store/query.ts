// Query building shared by both back ends: filters become SQL with `?` placeholders (PostgreSQL numbers
// them), so SQLite and PostgreSQL answer the same question the same way.
import type { EventFilter, QuoteFilter, EntityFilter, StoryFilter, SearchHit } from './types.js';
import { countryByIso3 } from '../knowledge/countries.js';

export const QUERY_RULES = {
  defaultLimit: 100,
  maxLimit: 10_000,
  /** Snippet highlight markers: control characters that never occur in cleaned article text. */
  markOpen: '\u0002',
  markClose: '\u0003',
  /** Words around the best match in a snippet (SQLite snippet() tokens; PostgreSQL MaxWords). */
  snippetWords: 24,
} as const;

/** Where the back ends' SQL differs inside the shared queries: word search over quotes (FTS5 vs tsvector). */
export interface Dialect {
  /** A condition on quotes `q` that its words (`text`) or its unresolved speaker's words (`speaker`) match
   * the web-search query bound to the placeholder. */
  quoteMatch(column: 'text' | 'speaker'): string;
  /** The value bound for that placeholder, or null when the query has no words to look for. */
  quoteMatchParam(column: 'text' | 'speaker', query: string): string | null;
}

export const SQLITE_DIALECT: Dialect = {
  quoteMatch: () => 'q.n IN (SELECT rowid FROM quote_search WHERE quote_search MATCH ?)',
  quoteMatchParam: (column, query) => {
    const fts = toFts5Query(query);
    return fts ? `${column} : (${fts})` : null;
  },
};

export const POSTGRES_DIALECT: Dialect = {
  quoteMatch: (column) => `q.${column}_fts @@ websearch_to_tsquery('english', ?)`,
  quoteMatchParam: (_column, query) => (toFts5Query(query) ? query : null),
};

export interface SqlQuery { text: string; params: unknown[] }

export function pageOf(opts: { limit?: number; offset?: number } | undefined): { limit: number; offset: number } {
  const limit = Math.min(Math.max(0, Math.floor(opts?.limit ?? QUERY_RULES.defaultLimit)), QUERY_RULES.maxLimit);
  const offset = Math.max(0, Math.floor(opts?.offset ?? 0));
  return { limit, offset };
}

/** "%rare earth%" with LIKE's wildcards in the input escaped (used with ESCAPE '\'). */
export function likeContains(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** An ISO3 code of a known country ("RUS", "SUN"), upper-cased, else null. */
export function asIso3(s: string): string | null {
  const t = s.trim();
  return /^[A-Za-z]{3}$/.test(t) && countryByIso3(t.toUpperCase()) ? t.toUpperCase() : null;
}

/** Entities an actor filter means: an ISO3 code means actors of that country; anything else a name substring. */
function actorEntities(value: string, params: unknown[]): string {
  const iso = asIso3(value);
  if (iso && value.trim() === value.trim().toUpperCase()) { params.push(iso); return `SELECT n FROM entities WHERE country = ?`; }
  params.push(likeContains(value.trim()));
  return `SELECT n FROM entities WHERE fold LIKE ? ESCAPE '\\'`;
}

export function eventsQuery(f: EventFilter): SqlQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.plover) { where.push('se.plover = ?'); params.push(f.plover.trim().toUpperCase()); }
  if (f.storyId) { where.push('se.story_id = ?'); params.push(f.storyId); }
  if (f.from) { where.push('se.date_end >= ?'); params.push(f.from); }
  if (f.to) { where.push('se.date_start <= ?'); params.push(f.to); }
  if (f.actor) {
    const sub = actorEntities(f.actor, params);
    where.push(`se.n IN (SELECT x.story_event FROM story_event_actors x WHERE x.role = 'source' AND x.entity IN (${sub}))`);
  }
  if (f.target) {
    const sub = actorEntities(f.target, params);
    where.push(`se.n IN (SELECT x.story_event FROM story_event_actors x WHERE x.role = 'target' AND x.entity IN (${sub}))`);
  }
  if (f.country) {
    params.push(f.country.trim().toUpperCase());
    where.push(`se.n IN (SELECT x.story_event FROM story_event_actors x WHERE x.entity IN (SELECT n FROM entities WHERE country = ?))`);
  }
  if (f.commodity) {
    const c = f.commodity.trim();
    if (/^\d[\d.\s]*$/.test(c)) {
      params.push(c.replace(/\D/g, '') + '%');
      where.push(`se.n IN (SELECT c.story_event FROM story_event_commodities c WHERE c.entity IN (SELECT n FROM entities WHERE type = 'commodity' AND hs LIKE ?))`);
    } else {
      params.push(likeContains(c));
      where.push(`se.n IN (SELECT c.story_event FROM story_event_commodities c WHERE c.entity IN (SELECT n FROM entities WHERE type = 'commodity' AND fold LIKE ? ESCAPE '\\'))`);
    }
  }
  const { limit, offset } = pageOf(f);
  params.push(limit, offset);
  return {
    text: `SELECT se.n, se.story_id, se.key, a.id AS article_id, se.idx, se.plover, se.cameo, se.modality, se.trigger_text,
        se.date_start, se.date_end, se.evidence_start, se.evidence_end, se.evidence, se.num_articles, se.num_sources
      FROM story_events se JOIN articles a ON a.n = se.article
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY se.date_start DESC NULLS LAST, se.n DESC LIMIT ? OFFSET ?`,
    params,
  };
}

export function quotesQuery(f: QuoteFilter, d: Dialect): SqlQuery {
  const where: string[] = ['q.first_in_story = 1'];
  const params: unknown[] = [];
  if (f.speaker) {
    // A resolved speaker by name (substring), an unresolved one by the words that describe it.
    const words = d.quoteMatchParam('speaker', f.speaker);
    params.push(likeContains(f.speaker.trim()));
    if (words) params.push(words);
    where.push(`(q.speaker IN (SELECT n FROM entities WHERE fold LIKE ? ESCAPE '\\')${words ? ` OR ${d.quoteMatch('speaker')}` : ''})`);
  }
  if (f.text) {
    const words = d.quoteMatchParam('text', f.text);
    if (words) { params.push(words); where.push(d.quoteMatch('text')); } else where.push('1 = 0');
  }
  if (f.storyId) { params.push(f.storyId); where.push('q.story_id = ?'); }
  const { limit, offset } = pageOf(f);
  params.push(limit, offset);
  // The page is chosen first; the copy counts are computed for its rows only.
  return {
    text: `SELECT a.id AS article_id, p.story_id, p.idx, p.kind, e.key AS speaker_key, e.name AS speaker_name, p.speaker_text,
        p.text, p.span_start, p.span_end, p.published,
        (SELECT count(DISTINCT q2.article) FROM quotes q2 WHERE q2.story_id = p.story_id AND q2.qkey = p.qkey)
          + (SELECT count(*) FROM article_copies c WHERE c.article IN
              (SELECT q3.article FROM quotes q3 WHERE q3.story_id = p.story_id AND q3.qkey = p.qkey)) AS num_articles
      FROM (SELECT q.article, q.idx, q.story_id, q.qkey, q.kind, q.speaker, q.speaker_text, q.text, q.span_start, q.span_end, q.published
            FROM quotes q WHERE ${where.join(' AND ')}
            ORDER BY q.published DESC NULLS LAST, q.article DESC, q.idx LIMIT ? OFFSET ?) AS p
      JOIN articles a ON a.n = p.article LEFT JOIN entities e ON e.n = p.speaker
      ORDER BY p.published DESC NULLS LAST, p.article DESC, p.idx`,
    params,
  };
}

export function entitiesQuery(f: EntityFilter): SqlQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.type) { where.push('type = ?'); params.push(f.type.trim().toLowerCase()); }
  if (f.name) { where.push(`fold LIKE ? ESCAPE '\\'`); params.push(likeContains(f.name.trim())); }
  const { limit, offset } = pageOf(f);
  params.push(limit, offset);
  return {
    text: `SELECT key, type, name, codes, country, articles, mentions FROM entities
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY articles DESC, mentions DESC, n LIMIT ? OFFSET ?`,
    params,
  };
}

export function storiesQuery(f: StoryFilter): SqlQuery {
  const { limit, offset } = pageOf(f);
  return {
    text: `SELECT id, title, articles, outlets, first_published, last_published FROM stories
      WHERE articles >= ? ORDER BY articles DESC, last_published DESC NULLS LAST, id LIMIT ? OFFSET ?`,
    params: [Math.max(1, Math.floor(f.minArticles ?? 1)), limit, offset],
  };
}

/** Everything counts() reports, in one statement; `now` is the clock expression (SQLite binds it as a
 * parameter in epoch milliseconds; PostgreSQL uses the server's clock_timestamp()). */
export function countsSql(now: string): string {
  return `SELECT
      (SELECT count(*) FROM articles) AS articles,
      (SELECT count(*) FROM article_copies) AS copies,
      (SELECT count(*) FROM stories) AS stories,
      (SELECT count(*) FROM story_events) AS events,
      (SELECT count(*) FROM quotes WHERE first_in_story = 1) AS quotes,
      (SELECT count(*) FROM entities) AS entities,
      (SELECT count(*) FROM jobs WHERE state = 'pending' AND (claimed_at IS NULL OR available_at <= ${now})) AS queued,
      (SELECT count(*) FROM jobs WHERE state = 'pending' AND claimed_at IS NOT NULL AND available_at > ${now}) AS running,
      (SELECT count(*) FROM jobs WHERE state = 'done') AS done,
      (SELECT count(*) FROM jobs WHERE state = 'failed') AS failed`;
}

/** Numbers `?` placeholders as $1, $2, ... (the shared queries put no `?` inside literals). */
export function numbered(text: string): string {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}

/** Turns web-search syntax into an FTS5 query: words become quoted terms (all required), "phrases" stay
 * phrases, OR joins alternatives, -word excludes. Null when nothing positive is left. */
export function toFts5Query(query: string): string | null {
  const groups: string[][] = [[]];
  const excluded: string[] = [];
  const TOKEN = /(-?)"([^"]*)"|(\S+)/g;
  for (let m = TOKEN.exec(query); m; m = TOKEN.exec(query)) {
    const negate = m[1] === '-' || (m[3]?.startsWith('-') ?? false);
    const raw = m[2] ?? (m[3]!.startsWith('-') ? m[3]!.slice(1) : m[3]!);
    if (m[3] === 'OR') { if (groups[groups.length - 1]!.length) groups.push([]); continue; }
    const words = raw.match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    const term = `"${words.join(' ')}"`;
    if (negate) excluded.push(term); else groups[groups.length - 1]!.push(term);
  }
  const alternatives = groups.filter((g) => g.length).map((g) => (g.length > 1 ? `(${g.join(' AND ')})` : g[0]!));
  if (!alternatives.length) return null;
  const positive = alternatives.length > 1 ? `(${alternatives.join(' OR ')})` : alternatives[0]!;
  return excluded.length ? `${positive} NOT (${excluded.join(' OR ')})` : positive;
}

/** Splits a snippet with highlight markers into plain text and highlight offsets. */
export function parseSnippet(marked: string): Pick<SearchHit, 'snippet' | 'highlights'> {
  const highlights: [number, number][] = [];
  let out = '';
  let open = -1;
  for (const ch of marked) {
    if (ch === QUERY_RULES.markOpen) { open = out.length; continue; }
    if (ch === QUERY_RULES.markClose) { if (open >= 0) highlights.push([open, out.length]); open = -1; continue; }
    out += ch;
  }
  const snippet = out.replace(/\s+/g, ' ');
  // Whitespace folding shifts offsets: recompute them on the folded text.
  if (snippet.length === out.length) return { snippet, highlights };
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < out.length; i++) {
    map[i] = j;
    if (/\s/.test(out[i]!)) { while (i + 1 < out.length && /\s/.test(out[i + 1]!)) { i++; map[i] = j; } }
    j++;
  }
  map[out.length] = j;
  return { snippet, highlights: highlights.map(([s, e]) => [map[s]!, map[e]!]) };
}

/** Wraps a hit's highlights in the given markers ("\x1b[1m", "\x1b[0m" on a terminal; "<mark>" in HTML after
 * escaping). */
export function markSnippet(hit: Pick<SearchHit, 'snippet' | 'highlights'>, open: string, close: string,
  escape: (s: string) => string = (s) => s): string {
  let out = '';
  let at = 0;
  for (const [s, e] of hit.highlights) {
    out += escape(hit.snippet.slice(at, s)) + open + escape(hit.snippet.slice(s, e)) + close;
    at = e;
  }
  return out + escape(hit.snippet.slice(at));
}
