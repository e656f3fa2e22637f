// Entities of one document and their mentions: the entities stage creates them, coreference adds mentions.
import { firstStartingAt, type Entity, type EntityType, type LodestoneDocument, type MentionForm, type Sentence, type Span } from '../document.js';

export interface MentionRef extends Span {
  form: MentionForm;
  entity: Entity;
}

export class EntityRegistry {
  private readonly byKey = new Map<string, Entity>();
  /** Which entity owns each character (index into doc.entities + 1; 0 = free). */
  private readonly owner: Int32Array;
  private counter = 0;
  constructor(private readonly doc: LodestoneDocument) {
    this.owner = new Int32Array(doc.text.length);
  }

  get(key: string): Entity | undefined {
    return this.byKey.get(key);
  }

  /** The entity under `key`, created (with the next id) when new. */
  ensure(key: string, init: { type: EntityType; name: string; codes?: Record<string, string>; attributes?: Record<string, string | string[]> }): Entity {
    let e = this.byKey.get(key);
    if (!e) {
      e = { id: `x${++this.counter}`, type: init.type, name: init.name, mentions: [], attributes: { ...(init.attributes ?? {}) }, codes: { ...(init.codes ?? {}) } };
      this.byKey.set(key, e);
      this.doc.entities.push(e);
    }
    return e;
  }

  /** Adds a mention unless one already covers part of the span. `nested`: a description may contain other
   *  mentions ("the Kremlin leader" contains the mention of Russia); it is refused only when the same entity
   *  already has a mention there. Returns false when refused. */
  addMention(entity: Entity, span: Span, form: MentionForm, nested = false): boolean {
    if (nested ? entity.mentions.some((m) => m.start < span.end && span.start < m.end) : this.mentionOverlapping(span)) return false;
    entity.mentions.push({ start: span.start, end: span.end, form });
    const idx = this.doc.entities.indexOf(entity) + 1;
    for (let i = span.start; i < span.end; i++) if (this.owner[i] === 0) this.owner[i] = idx;
    return true;
  }

  /** The entity owning any character of `span`, if one does. */
  mentionOverlapping(span: Span): Entity | null {
    for (let i = span.start; i < span.end; i++) {
      const o = this.owner[i]!;
      if (o > 0) return this.doc.entities[o - 1]!;
    }
    return null;
  }

  /** The entity whose mention covers exactly or contains `span`. */
  entityAt(span: Span): Entity | null {
    return this.mentionOverlapping(span);
  }

  /** Moves every mention of `from` to `into` (as aliases) and copies attributes `into` lacks; `from` is left
   *  without mentions and dropped at finalize. */
  merge(from: Entity, into: Entity): void {
    const idx = this.doc.entities.indexOf(into) + 1;
    const fromIdx = this.doc.entities.indexOf(from) + 1;
    for (const m of from.mentions) {
      into.mentions.push({ ...m, form: m.form === 'name' ? 'alias' : m.form });
      for (let i = m.start; i < m.end; i++) if (this.owner[i] === fromIdx) this.owner[i] = idx;
    }
    from.mentions = [];
    for (const [k, v] of Object.entries(from.attributes)) if (into.attributes[k] === undefined) into.attributes[k] = v;
    for (const [k, v] of Object.entries(from.codes)) if (into.codes[k] === undefined) into.codes[k] = v;
    for (const [key, e] of this.byKey) if (e === from) this.byKey.set(key, into);
  }

  /** Sets ids in order of first mention and sorts mentions; call once, after the last stage that adds mentions. */
  finalize(): Map<string, string> {
    const mentioned = this.doc.entities.filter((e) => e.mentions.length > 0);
    // a country never named but implied by a named place, organization or person ("Houston", "the U.S.
    // Agriculture Department") is kept, without mentions, marked implied: summaries and events can use it
    const implied = new Set<Entity>();
    for (const e of mentioned) {
      const c = e.attributes.country;
      const target = typeof c === 'string' ? this.doc.entities.find((x) => x.id === c) : undefined;
      if (target && target.mentions.length === 0 && target.type === 'country') implied.add(target);
    }
    for (const e of implied) e.attributes.implied = 'true';
    const ents = [...mentioned, ...implied];
    for (const e of ents) e.mentions.sort((a, b) => a.start - b.start);
    const firstAt = (e: Entity) => e.mentions[0]?.start ?? Number.MAX_SAFE_INTEGER;
    ents.sort((a, b) => firstAt(a) - firstAt(b));
    const newIds = new Map<string, string>();
    ents.forEach((e, i) => {
      if (e.id) newIds.set(e.id, `e${i + 1}`);
      e.id = `e${i + 1}`;
    });
    // attribute references to an entity dropped (never mentioned, not a country) become its ISO code or name
    const dropped = new Map(this.doc.entities.filter((e) => !ents.includes(e)).map((e) => [e.id, e.codes.iso3 ?? e.name]));
    for (const e of ents) {
      for (const [k, v] of Object.entries(e.attributes)) {
        if (typeof v !== 'string') continue;
        if (newIds.has(v)) e.attributes[k] = newIds.get(v)!;
        else if (dropped.has(v)) e.attributes[k] = dropped.get(v)!;
      }
    }
    this.doc.entities.splice(0, this.doc.entities.length, ...ents);
    for (const e of ents) for (const m of e.mentions) m.entity = e.id;
    return newIds;
  }
}

/** Every mention in the document with its entity, sorted by position. */
export function allMentions(doc: LodestoneDocument): MentionRef[] {
  const out: MentionRef[] = [];
  for (const e of doc.entities) for (const m of e.mentions) out.push({ start: m.start, end: m.end, form: m.form, entity: e });
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}

export function entityById(doc: LodestoneDocument, id: string | null | undefined): Entity | undefined {
  return id ? doc.entities.find((e) => e.id === id) : undefined;
}

/** Index of the sentence whose span holds `pos` (the last sentence starting at or before it), or -1. Binary
 * search: the extractors look positions up once per mention or trigger, never by scanning the document. */
export function sentenceAt(sentences: readonly Sentence[], pos: number): number {
  return firstStartingAt(sentences, pos + 1) - 1;
}

/** Spans bucketed by the sentence that holds them whole (a span across sentences is in none), each bucket in
 * the input's order. One pass with a binary search per span: linear in the document, whatever its length. */
export function bySentence<T extends Span>(sentences: readonly Sentence[], spans: readonly T[]): T[][] {
  const buckets: T[][] = sentences.map(() => []);
  for (const sp of spans) {
    const i = sentenceAt(sentences, sp.start);
    if (i >= 0 && sp.end <= sentences[i]!.end) buckets[i]!.push(sp);
  }
  return buckets;
}

/** Spans bucketed by every sentence they overlap (a quote across three sentences is in all three). */
export function overlappingBySentence<T extends Span>(sentences: readonly Sentence[], spans: readonly T[]): T[][] {
  const buckets: T[][] = sentences.map(() => []);
  for (const sp of spans) {
    let i = Math.max(0, sentenceAt(sentences, sp.start));
    for (; i < sentences.length && sentences[i]!.start < sp.end; i++) if (sentences[i]!.end > sp.start) buckets[i]!.push(sp);
  }
  return buckets;
}
