// What an article becomes in the database, computed once in TypeScript so both back ends store the same rows:
// cleaned text and its hash, MinHash signature and LSH bands, collection-wide entity keys, quotes and events
// with their cross-article keys. The back ends only execute it.
import { createHash } from 'node:crypto';
import type { AnalysisJson } from '../output.js';
import type { ArticleInput } from './types.js';
import { cleanedText, storyIdentity, bandKeys, actorKey, eventKey } from '../stories/index.js';
import { countryByIso3 } from '../knowledge/countries.js';

/** Constants of the stored shape. */
export const PLAN_RULES = {
  /** A story title falls back to the first line of cleaned text, cut to this many characters. */
  headlineChars: 160,
} as const;

export interface PlannedEntity {
  /** Collection-wide key: "type:identity" ("country:USA", "person:vladimir putin"). */
  key: string;
  type: string;
  name: string;
  /** Lower-cased name, for case-insensitive substring filters that behave the same on both back ends. */
  fold: string;
  country: string | null;
  iso3: string | null;
  /** HS code digits only ("2805.30" -> "280530"), so "2805" is a plain prefix. */
  hs: string | null;
  codes: string;
  mentions: number;
}

export interface PlannedMention { start: number; end: number; entityKey: string; form: string }

export interface PlannedQuote {
  idx: number;
  kind: string;
  speakerKey: string | null;
  speakerText: string | null;
  text: string;
  start: number;
  end: number;
  /** Identity within a story: speaker (key, else words) and the quoted words, whitespace and case folded. */
  qkey: string;
}

export interface PlannedEvent {
  idx: number;
  key: string;
  plover: string;
  cameo: string;
  modality: string;
  trigger: string;
  dateStart: string | null;
  dateEnd: string | null;
  evidenceStart: number;
  evidenceEnd: number;
  evidence: string;
  sources: string[];
  targets: string[];
  commodities: string[];
}

/** The events of one article merged by event key: the first occurrence represents them. */
export interface PlannedStoryEvent {
  key: string;
  first: PlannedEvent;
  sources: string[];
  targets: string[];
  commodities: string[];
}

export interface ArticlePlan {
  input: ArticleInput;
  text: string;
  language: string;
  cleaned: string;
  /** Hash of the story identity text (cleaned text, whitespace folded; with the headline when short). */
  contentHash: string;
  signature: Uint32Array | null;
  /** The estimated similarity this article needs to join a story (stricter for short texts). */
  joinThreshold: number;
  bandKeys: number[];
  /** The analysis JSON without `text` (kept once, in its own column). */
  analysisJson: string;
  headline: string | null;
  entities: PlannedEntity[];
  /** Local entity id ("e3") -> collection-wide key. */
  localKeys: Map<string, string>;
  mentions: PlannedMention[];
  quotes: PlannedQuote[];
  events: PlannedEvent[];
  storyEvents: PlannedStoryEvent[];
}

const WS = /\s+/g;

export function foldText(s: string): string {
  return s.toLowerCase().replace(WS, ' ').trim();
}

export function contentHashOf(cleaned: string): string {
  return createHash('sha1').update(cleaned.replace(WS, ' ').trim()).digest('hex');
}

type AnalysedEntity = AnalysisJson['entities'][number];

/** ISO3 of the country an entity belongs to: its own code for a country or place, else its `country`
 * attribute (an entity id or an ISO code), else the country prefix of its CAMEO actor code ("RUSGOV"). */
function countryOf(e: AnalysedEntity, byId: ReadonlyMap<string, AnalysedEntity>): string | null {
  const own = e.codes['iso3'];
  if (own) return own.toUpperCase();
  const attr = e.attributes['country'];
  const value = Array.isArray(attr) ? attr[0] : attr;
  if (value) {
    if (/^[A-Z]{3}$/.test(value)) return value;
    const ref = byId.get(value)?.codes['iso3'];
    if (ref) return ref.toUpperCase();
  }
  const cameo = e.codes['cameo'];
  if (cameo && cameo.length >= 3) {
    const prefix = cameo.slice(0, 3).toUpperCase();
    if (countryByIso3(prefix)) return prefix;
  }
  return null;
}

function entityKeyOf(e: AnalysedEntity): string {
  return `${e.type}:${actorKey(e)}`;
}

/** First line of cleaned text that has words, as a fallback title. */
function headlineOf(cleaned: string): string | null {
  for (const line of cleaned.split('\n')) {
    const t = line.replace(WS, ' ').trim();
    if (/[\p{L}]/u.test(t)) return t.length > PLAN_RULES.headlineChars ? t.slice(0, PLAN_RULES.headlineChars - 1) + '…' : t;
  }
  return null;
}

export function planArticle(input: ArticleInput): ArticlePlan {
  const a = input.analysis;
  const text = a.text;
  const cleaned = cleanedText(text, a.removed);
  const identity = storyIdentity(input.title, cleaned);
  const signature = identity.signature;
  const byId = new Map(a.entities.map((e) => [e.id, e]));

  const localKeys = new Map<string, string>();
  const merged = new Map<string, PlannedEntity>();
  for (const e of a.entities) {
    const key = entityKeyOf(e);
    localKeys.set(e.id, key);
    const seen = merged.get(key);
    if (seen) { seen.mentions += e.mentions.length; continue; }
    const hs = e.codes['hs'] ? e.codes['hs'].replace(/\D/g, '') || null : null;
    merged.set(key, {
      key, type: e.type, name: e.name, fold: foldText(e.name), country: countryOf(e, byId),
      iso3: e.codes['iso3'] && e.type === 'country' ? e.codes['iso3'].toUpperCase() : null,
      hs, codes: JSON.stringify(e.codes), mentions: e.mentions.length,
    });
  }
  // Sorted keys give every writer the same lock order on shared entity rows (no deadlocks in PostgreSQL).
  const entities = [...merged.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));

  const mentions: PlannedMention[] = [];
  const mentionSeen = new Set<string>();
  for (const e of a.entities) {
    for (const m of e.mentions) {
      const k = `${m.start}:${m.end}`;
      if (mentionSeen.has(k)) continue;
      mentionSeen.add(k);
      mentions.push({ start: m.start, end: m.end, entityKey: localKeys.get(e.id)!, form: m.form });
    }
  }

  const quotes: PlannedQuote[] = a.quotes.map((q, idx) => {
    const speakerKey = q.speaker ? localKeys.get(q.speaker) ?? null : null;
    const speakerText = q.speakerMention?.text ?? null;
    return {
      idx, kind: q.kind, speakerKey, speakerText, text: q.text, start: q.start, end: q.end,
      qkey: `${speakerKey ?? foldText(speakerText ?? '')}|${foldText(q.text)}`,
    };
  });

  const actorKeys = (ids: readonly string[]) => ids.map((id) => byId.get(id)).filter((e): e is AnalysedEntity => !!e);
  const events: PlannedEvent[] = a.events.map((ev, idx) => {
    const src = actorKeys(ev.source);
    const tgt = actorKeys(ev.target);
    return {
      idx,
      key: eventKey(ev.plover, src.map(actorKey), tgt.map(actorKey)),
      plover: ev.plover.toUpperCase(), cameo: ev.cameo, modality: ev.modality, trigger: ev.trigger?.text ?? '',
      dateStart: ev.date?.start ?? input.published ?? a.published ?? null,
      dateEnd: ev.date?.end ?? input.published ?? a.published ?? null,
      evidenceStart: ev.evidence.start, evidenceEnd: ev.evidence.end, evidence: ev.evidence.text,
      sources: [...new Set(src.map(entityKeyOf))],
      targets: [...new Set(tgt.map(entityKeyOf))],
      commodities: [...new Set(actorKeys(ev.commodities).map(entityKeyOf))],
    };
  });

  const groups = new Map<string, PlannedStoryEvent>();
  for (const ev of events) {
    const g = groups.get(ev.key);
    if (!g) { groups.set(ev.key, { key: ev.key, first: ev, sources: [...ev.sources], targets: [...ev.targets], commodities: [...ev.commodities] }); continue; }
    for (const c of ev.commodities) if (!g.commodities.includes(c)) g.commodities.push(c);
  }
  const storyEvents = [...groups.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));

  const { text: _omit, ...rest } = a;
  return {
    input, text, language: a.language, cleaned, contentHash: contentHashOf(identity.text), signature,
    joinThreshold: identity.joinThreshold,
    bandKeys: signature ? bandKeys(signature) : [],
    analysisJson: JSON.stringify(rest), headline: input.title ?? headlineOf(cleaned),
    entities, localKeys, mentions, quotes, events, storyEvents,
  };
}

/** The analysis JSON as stored, with the text put back (key order as the contract prints it). */
export function restoreAnalysis(json: string, text: string): AnalysisJson {
  const { id, ...rest } = JSON.parse(json) as Omit<AnalysisJson, 'text'>;
  return { id, text, ...rest };
}

/** The FTS body: cleaned text, so promotional spans are never search hits. */
export function searchBody(plan: ArticlePlan): string {
  return plan.cleaned;
}
