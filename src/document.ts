// The document that travels through the pipeline: the original text plus layers of spans.
// Every span is a pair of offsets (JavaScript string indices, end exclusive) into `text`;
// no stage rewrites the text (spaCy's Doc/Span idea, LangExtract's source grounding).

export interface Span {
  start: number;
  end: number;
}

export type RemovedReason = 'promotional' | 'boilerplate' | 'repeated';

export interface RemovedSpan extends Span {
  reason: RemovedReason;
  /** Which rule marked it (for the report and for debugging), e.g. "referral-link". */
  rule: string;
}

export interface Token extends Span {
  /** The token's characters, as in the text. */
  value: string;
  /** Lower-cased value. */
  lower: string;
  /** Universal part of speech (wink-nlp's tag set: PROPN, NOUN, VERB, ...). */
  pos: string;
  /** Lemma (lower case): "offers" -> "offer". */
  lemma: string;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

/** A token as the dependency parser reads it (src/nlp/parse.ts). */
export interface ParsedToken {
  /** Universal part of speech (UD), from the trained tagger. */
  upos: string;
  /** Penn Treebank tag. */
  xpos: string;
  lemma: string;
  /** Index in doc.tokens of the head, -1 for the root of the sentence. */
  head: number;
  /** UD relation ("nsubj", "ccomp", "obl:tmod"). */
  deprel: string;
}

export interface Sentence extends Span {
  /** First token index (inclusive) and last token index (exclusive) in `doc.tokens`. */
  tokenStart: number;
  tokenEnd: number;
  /** True when the sentence lies inside a removed span (it feeds no extraction). */
  removed: boolean;
}

export type EntityType = 'person' | 'organization' | 'country' | 'place' | 'commodity' | 'nationality' | 'other';
export type MentionForm = 'name' | 'alias' | 'title' | 'pronoun' | 'demonym' | 'metonym';

export interface Mention extends Span {
  form: MentionForm;
  /** Id of the entity this mention belongs to (set by the entities and coreference stages). */
  entity?: string;
}

export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  mentions: Mention[];
  attributes: Record<string, string | string[]>;
  codes: Record<string, string>;
}

export interface DateValue {
  /** ISO dates, inclusive (YYYY-MM-DD). */
  start: string;
  end: string;
}

export interface DateSpan extends Span {
  text: string;
  /** null when it cannot be resolved (no publication date for a relative expression). */
  value: DateValue | null;
}

export interface Quote extends Span {
  kind: 'direct' | 'indirect';
  speaker: string | null;
  speakerMention: Span | null;
  cue: (Span & { text: string }) | null;
}

export type Modality = 'asserted' | 'reported' | 'intended' | 'hypothetical' | 'negated';

export interface EventRecord {
  plover: string;
  cameo: string;
  mode: string;
  context: string;
  source: string[];
  target: string[];
  commodities: string[];
  place: string | null;
  date: (DateValue & { text: string }) | null;
  modality: Modality;
  attributedTo: string | null;
  evidence: Span;
  /** The words that triggered the event (e.g. "offers", "signed"). */
  trigger: Span & { text: string };
}

export interface Summary {
  commodities: string[];
  countries: string[];
}

export interface LodestoneDocument {
  id: string;
  text: string;
  published: string | null;
  language: string;
  removed: RemovedSpan[];
  sentences: Sentence[];
  tokens: Token[];
  entities: Entity[];
  quotes: Quote[];
  dates: DateSpan[];
  events: EventRecord[];
  summary: Summary;
  /** Parses of sentences, by sentence index, filled on demand (src/nlp/parse.ts); absent = not parsed. */
  syntax: (ParsedToken[] | undefined)[];
  /** Non-fatal notes for the user ("language looks like German: entity rules are English-only"). */
  warnings: string[];
}

export function createDocument(text: string, options: { id: string; published?: string | null }): LodestoneDocument {
  return {
    id: options.id,
    text,
    published: options.published ?? null,
    language: 'en',
    removed: [],
    sentences: [],
    tokens: [],
    entities: [],
    quotes: [],
    dates: [],
    events: [],
    summary: { commodities: [], countries: [] },
    syntax: [],
    warnings: [],
  };
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Index of the first of `items` (sorted by start) that starts at or after `pos`; items.length when none. The one
 *  binary search the extractors use to find tokens, mentions and sentences by position. */
export function firstStartingAt(items: readonly { start: number }[], pos: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A set of spans (possibly overlapping) asked "does one of them overlap / cover this?" in O(log n): sorted by
 * start with the running maximum end. The extractors ask once per token, mention or quote, so a scan of every
 * span per question would make them quadratic on long documents.
 */
export class SpanIndex {
  private readonly starts: number[];
  private readonly maxEnd: number[];

  constructor(spans: readonly Span[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.maxEnd = [];
    let m = -Infinity;
    for (const s of sorted) this.maxEnd.push((m = Math.max(m, s.end)));
  }

  /** Index of the last span starting at or before `pos` (when `strict`, before it), or -1. */
  private lastStartingBy(pos: number, strict: boolean): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? this.starts[mid]! < pos : this.starts[mid]! <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Some span shares a character with `span`. */
  overlaps(span: Span): boolean {
    const i = this.lastStartingBy(span.end, true);
    return i >= 0 && this.maxEnd[i]! > span.start;
  }

  /** Some span holds all of `span`. */
  covers(span: Span): boolean {
    const i = this.lastStartingBy(span.start, false);
    return i >= 0 && this.maxEnd[i]! >= span.end;
  }

  /** Some span holds the character at `pos`. */
  has(pos: number): boolean {
    return this.covers({ start: pos, end: pos + 1 });
  }
}

/** True when any part of `span` lies in a removed span. */
export function isRemoved(doc: Pick<LodestoneDocument, 'removed'>, span: Span): boolean {
  return doc.removed.some((r) => overlaps(r, span));
}
