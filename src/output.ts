// The contract's JSON shape (../shared/CONTRACT.md), produced from the document. Fields are only ever added.
import type { LodestoneDocument } from './document.js';

export interface AnalysisJson {
  id: string;
  text: string;
  published: string | null;
  language: string;
  removed: { start: number; end: number; reason: string; rule: string; text: string }[];
  entities: {
    id: string; type: string; name: string;
    mentions: { start: number; end: number; text: string; form: string }[];
    attributes: Record<string, string | string[]>;
    codes: Record<string, string>;
  }[];
  quotes: {
    start: number; end: number; text: string; kind: string;
    speaker: string | null; speakerName: string | null;
    speakerMention: { start: number; end: number; text: string } | null;
    cue: { start: number; end: number; text: string } | null;
  }[];
  events: (Omit<LodestoneDocument['events'][number], 'evidence'> & { evidence: { start: number; end: number; text: string } })[];
  dates: { start: number; end: number; text: string; value: { start: string; end: string } | null }[];
  summary: { commodities: string[]; countries: string[] };
  warnings: string[];
  /** Set by ingest when the text is less than the article (a feed's teaser whose page was out of reach). */
  partial?: boolean;
  /** With `syntax: true` (`analyze --syntax`): every sentence with its tokens' part of speech, lemma and
   *  dependency head (1-based within the sentence, 0 for the root, as in CoNLL-U). */
  sentences?: SyntaxSentenceJson[];
}

export interface SyntaxSentenceJson {
  start: number;
  end: number;
  tokens: { start: number; end: number; text: string; lemma: string; upos: string; head: number; deprel: string }[];
}

/** The parsed sentences of a document in the output's shape (only sentences that were parsed). */
export function syntaxJson(doc: LodestoneDocument): SyntaxSentenceJson[] {
  const out: SyntaxSentenceJson[] = [];
  doc.sentences.forEach((s, si) => {
    const parse = doc.syntax[si];
    if (!parse) return;
    out.push({
      start: s.start,
      end: s.end,
      tokens: parse.map((p, k) => {
        const tok = doc.tokens[s.tokenStart + k]!;
        return { start: tok.start, end: tok.end, text: tok.value, lemma: p.lemma, upos: p.upos, head: p.head < 0 ? 0 : p.head - s.tokenStart + 1, deprel: p.deprel };
      }),
    });
  });
  return out;
}

export function toJson(doc: LodestoneDocument, options: { syntax?: boolean } = {}): AnalysisJson {
  const t = doc.text;
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));
  return {
    id: doc.id,
    text: t,
    published: doc.published,
    language: doc.language,
    removed: doc.removed.map((r) => ({ start: r.start, end: r.end, reason: r.reason, rule: r.rule, text: t.slice(r.start, r.end) })),
    entities: doc.entities.map((e) => ({
      id: e.id, type: e.type, name: e.name,
      mentions: e.mentions.map((m) => ({ start: m.start, end: m.end, text: t.slice(m.start, m.end), form: m.form })),
      attributes: e.attributes, codes: e.codes,
    })),
    quotes: doc.quotes.map((q) => ({
      start: q.start, end: q.end, text: t.slice(q.start, q.end), kind: q.kind,
      speaker: q.speaker, speakerName: q.speaker ? names.get(q.speaker) ?? null : null,
      speakerMention: q.speakerMention ? { ...q.speakerMention, text: t.slice(q.speakerMention.start, q.speakerMention.end) } : null,
      cue: q.cue,
    })),
    events: doc.events.map((e) => ({ ...e, evidence: { ...e.evidence, text: t.slice(e.evidence.start, e.evidence.end) } })),
    dates: doc.dates.map((d) => ({ start: d.start, end: d.end, text: d.text, value: d.value })),
    summary: doc.summary,
    warnings: doc.warnings,
    ...(options.syntax ? { sentences: syntaxJson(doc) } : {}),
  };
}
