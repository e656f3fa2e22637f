// PolNeAR (dev compartment): quotes and their speakers in 2016 US political news. Gold attributions whose
// content holds a quote mark are the direct quotes; the rest are reported speech (indirect). A gold content is
// found when a predicted quote of the same kind overlaps it by half of the shorter span; the speaker is right
// when the predicted speaker mention, or any mention of the predicted speaker entity, overlaps the gold Source.
import { analyze, type AnalysisJson } from '../../src/index.js';
import {
  ErrorLog, anyOverlap, clip, datasetFile, excerpt, halfShorterMatch, pct, readMaybeGz, overlapLength,
  type BenchmarkResult, type Span, type Headline,
} from './common.js';

interface RawRole {
  spans: [number, number][];
  text: string;
}
interface RawAttribution {
  id: string;
  source?: RawRole[];
  cue?: RawRole[];
  content?: RawRole[];
  has_quote_mark_in_content: boolean;
}
export interface PolnearRecord {
  compartment: string;
  filename: string;
  annotator: string;
  publication_date: string;
  text: string;
  attributions: RawAttribution[];
}

/** A gold attribution with UTF-16 offsets. */
export interface GoldAttribution {
  id: string;
  direct: boolean;
  content: Span[];
  source: Span[];
  cue: Span[];
}

/** A predicted quote reduced to what the scorer needs. */
export interface PredQuote extends Span {
  kind: string;
  speaker: string | null;
  speakerMention: Span | null;
}

/** Patterns of the scorer and of its error analysis. */
const PATTERNS = {
  // a content is "direct" when it holds a quote mark, as has_quote_mark_in_content says: “feeling great.”
  quoteMark: /["\u201c\u201d\u201e\u201f\u00ab\u00bb]/,
  // cues of reported speech proper ("an aide said"); PolNeAR also annotates beliefs and plans ("Trump wants ...")
  speechCue: /\b(?:say|says|said|saying|tell|tells|told|telling|add|adds|added|according|note|notes|noted|claim|claims|claimed|state|states|stated|argue|argues|argued|insist|insists|insisted|explain|explains|explained|write|writes|wrote|announce|announces|announced|report|reports|reported|ask|asks|asked|warn|warns|warned|suggest|suggests|suggested|acknowledge|acknowledges|acknowledged|admit|admits|admitted|declare|declares|declared|confirm|confirms|confirmed|deny|denies|denied|tweet|tweets|tweeted|predict|predicts|predicted|promise|promises|promised|call|calls|called)\b/i,
  // a gold Source that is a pronoun: "he said"
  pronounSource: /^(?:he|she|they|i|we|you|it|him|her|them|his|their)$/i,
  // a gold Source that is a description: "a senior campaign official", "The New York Post"
  descriptionSource: /^(?:the|a|an|one|some|many|two|three|several|his|her|their|its|other|senior|top)\b/i,
  // a quote mark that opens or closes quoted words, for naming missed direct quotes
  openQuote: /["\u201c]/,
  anyQuote: /["\u201c\u201d]/g,
} as const;

/**
 * A function from Python code-point offsets to JavaScript UTF-16 offsets for `text`. The identity when the
 * text has no astral characters (emoji, some CJK), which is almost always.
 */
export function codePointToUtf16(text: string): (cp: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[Math.min(cp, map.length - 1)]!;
}

/** The gold attributions of a record in UTF-16 offsets. */
export function goldAttributions(rec: Pick<PolnearRecord, 'text' | 'attributions'>): GoldAttribution[] {
  const conv = codePointToUtf16(rec.text);
  const spans = (roles: RawRole[] | undefined): Span[] =>
    (roles ?? []).flatMap((r) => r.spans.map(([s, e]) => ({ start: conv(s), end: conv(e) })));
  return rec.attributions
    .map((a) => {
      const content = spans(a.content);
      const direct = a.has_quote_mark_in_content ?? content.some((c) => PATTERNS.quoteMark.test(rec.text.slice(c.start, c.end)));
      return { id: a.id, direct, content, source: spans(a.source), cue: spans(a.cue) };
    })
    .filter((a) => a.content.length > 0);
}

/** One annotator per article: the first .ann file (by annotator id) of each dev article. */
export function pickDevArticles(records: readonly PolnearRecord[], compartment = 'dev'): PolnearRecord[] {
  const byFile = new Map<string, PolnearRecord>();
  for (const r of records) {
    if (r.compartment !== compartment) continue;
    const have = byFile.get(r.filename);
    if (!have || r.annotator < have.annotator) byFile.set(r.filename, r);
  }
  return [...byFile.keys()].sort().map((k) => byFile.get(k)!);
}

export interface KindCounts {
  /** gold contents of this kind */
  gold: number;
  /** of them, found by a predicted quote of the same kind */
  found: number;
  /** predicted quotes of this kind */
  predicted: number;
  /** of them, overlapping some gold content (any kind) */
  correct: number;
  /** found gold quotes with a gold Source span */
  withSource: number;
  /** of them, with the right speaker */
  speakerRight: number;
  /** of them, with no predicted speaker */
  speakerNull: number;
}

export function emptyCounts(): KindCounts {
  return { gold: 0, found: 0, predicted: 0, correct: 0, withSource: 0, speakerRight: 0, speakerNull: 0 };
}

export function addCounts(a: KindCounts, b: KindCounts): KindCounts {
  return {
    gold: a.gold + b.gold, found: a.found + b.found, predicted: a.predicted + b.predicted, correct: a.correct + b.correct,
    withSource: a.withSource + b.withSource, speakerRight: a.speakerRight + b.speakerRight, speakerNull: a.speakerNull + b.speakerNull,
  };
}

export type QuoteOutcome =
  | { kind: 'missed'; gold: GoldAttribution; otherKind: PredQuote | null }
  | { kind: 'speaker-null'; gold: GoldAttribution; pred: PredQuote }
  | { kind: 'speaker-wrong'; gold: GoldAttribution; pred: PredQuote }
  | { kind: 'spurious'; pred: PredQuote };

/**
 * Scores one article for one kind ("direct" gold = content with quote marks, against predicted kind "direct";
 * "indirect" = the others, against kind "indirect"). `mentionsOf` gives the mention spans of a predicted entity.
 */
export function scoreArticle(
  gold: readonly GoldAttribution[],
  pred: readonly PredQuote[],
  mentionsOf: (entity: string) => readonly Span[],
  kind: 'direct' | 'indirect',
): { counts: KindCounts; outcomes: QuoteOutcome[] } {
  const counts = emptyCounts();
  const outcomes: QuoteOutcome[] = [];
  const mine = pred.filter((p) => p.kind === kind);
  const others = pred.filter((p) => p.kind !== kind);
  for (const g of gold) {
    if (g.direct !== (kind === 'direct')) continue;
    counts.gold++;
    const matches = mine.filter((p) => halfShorterMatch(p, g.content));
    if (matches.length === 0) {
      outcomes.push({ kind: 'missed', gold: g, otherKind: others.find((p) => halfShorterMatch(p, g.content)) ?? null });
      continue;
    }
    counts.found++;
    if (g.source.length === 0) continue;
    counts.withSource++;
    const best = matches.reduce((a, b) => (overlapLength(b, g.content) > overlapLength(a, g.content) ? b : a));
    const right = (best.speakerMention !== null && anyOverlap(best.speakerMention, g.source))
      || (best.speaker !== null && mentionsOf(best.speaker).some((m) => anyOverlap(m, g.source)));
    if (right) counts.speakerRight++;
    else if (best.speaker === null) {
      counts.speakerNull++;
      outcomes.push({ kind: 'speaker-null', gold: g, pred: best });
    } else outcomes.push({ kind: 'speaker-wrong', gold: g, pred: best });
  }
  for (const p of mine) {
    counts.predicted++;
    if (gold.some((g) => halfShorterMatch(p, g.content))) counts.correct++;
    else outcomes.push({ kind: 'spurious', pred: p });
  }
  return { counts, outcomes };
}

function predQuotes(result: AnalysisJson): PredQuote[] {
  return result.quotes.map((q) => ({ start: q.start, end: q.end, kind: q.kind, speaker: q.speaker, speakerMention: q.speakerMention }));
}

/** How a gold Source names the speaker: a pronoun ("he"), a name ("Trump") or a description ("a source"). */
export function sourceForm(text: string): 'pronoun' | 'name' | 'description' {
  const t = text.trim();
  if (PATTERNS.pronounSource.test(t)) return 'pronoun';
  if (PATTERNS.descriptionSource.test(t) || !/^[A-Z]/.test(t)) return 'description';
  return 'name';
}

/** A short name for why a gold direct quote was missed, from its text. */
function missedDirectKind(text: string, g: GoldAttribution, otherKind: PredQuote | null): string {
  if (otherKind) return 'direct: found only as kind "indirect"';
  const c = g.content[0]!;
  const content = text.slice(c.start, g.content[g.content.length - 1]!.end);
  const marks = (content.match(PATTERNS.anyQuote) ?? []).length;
  const first = content.trimStart()[0] ?? '';
  if (!PATTERNS.openQuote.test(first)) return marks <= 2 ? 'direct: missed, partial quote inside reported speech' : 'direct: missed, mixed quote and paraphrase';
  return 'direct: missed, fully quoted content';
}

export function runPolnear(): BenchmarkResult | null {
  const file = datasetFile('polnear/polnear-train-dev.jsonl.gz');
  if (!file) return null;
  const records = readMaybeGz(file).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as PolnearRecord);
  const articles = pickDevArticles(records);
  let direct = emptyCounts();
  let indirect = emptyCounts();
  let speech = emptyCounts();
  const errors = new ErrorLog(3);
  let chars = 0;
  for (const rec of articles) {
    chars += rec.text.length;
    const result = analyze(rec.text, { id: rec.filename, published: rec.publication_date || null });
    const gold = goldAttributions(rec);
    const pred = predQuotes(result);
    const mentions = new Map(result.entities.map((e) => [e.id, e.mentions.map((m) => ({ start: m.start, end: m.end }))]));
    const mentionsOf = (id: string) => mentions.get(id) ?? [];
    const names = new Map(result.entities.map((e) => [e.id, e.name]));
    const t = rec.text;
    const isSpeech = (g: GoldAttribution) => PATTERNS.speechCue.test(g.cue.map((c) => t.slice(c.start, c.end)).join(' '));
    speech = addCounts(speech, scoreArticle(gold.filter((g) => !g.direct && isSpeech(g)), pred, mentionsOf, 'indirect').counts);
    for (const kind of ['direct', 'indirect'] as const) {
      const { counts, outcomes } = scoreArticle(gold, pred, mentionsOf, kind);
      if (kind === 'direct') direct = addCounts(direct, counts);
      else indirect = addCounts(indirect, counts);
      for (const o of outcomes) {
        const where = `[${rec.filename.slice(0, 40)}]`;
        if (o.kind === 'missed') {
          const cue = o.gold.cue.map((c) => t.slice(c.start, c.end)).join(' ');
          const type = kind === 'direct'
            ? missedDirectKind(t, o.gold, o.otherKind)
            : o.otherKind ? 'indirect: found only as kind "direct"' : PATTERNS.speechCue.test(cue) ? 'indirect: missed, speech cue ("said", "told", "according to")' : 'indirect: missed, other cue (belief, plan, feeling, ...)';
          errors.add(type, () => `${where} ${excerpt(t, { start: o.gold.content[0]!.start, end: o.gold.content[o.gold.content.length - 1]!.end }, 40, 110)}`);
        } else if (o.kind === 'spurious') {
          errors.add(`${kind}: spurious quote`, () => `${where} ${excerpt(t, o.pred, 40, 110)}`);
        } else {
          const goldSrc = o.gold.source.map((s) => t.slice(s.start, s.end)).join(' … ');
          const predSrc = o.pred.speaker ? `${names.get(o.pred.speaker) ?? o.pred.speaker}${o.pred.speakerMention ? ` ("${t.slice(o.pred.speakerMention.start, o.pred.speakerMention.end)}")` : ''}` : 'none';
          const form = sourceForm(goldSrc);
          errors.add(`${kind}: speaker ${o.kind === 'speaker-null' ? 'missing' : 'wrong'}, gold source a ${form}`, () =>
            `${where} ${clip(t.slice(o.gold.content[0]!.start, o.gold.content[0]!.end), 90)} — gold source "${clip(goldSrc, 40)}", predicted ${predSrc}`);
        }
      }
    }
  }
  const line = (name: string, c: KindCounts) => [
    name, String(c.gold), `${pct(c.found, c.gold).toFixed(1)}% (${c.found})`, `${pct(c.correct, c.predicted).toFixed(1)}% (${c.correct}/${c.predicted})`,
    `${pct(c.speakerRight, c.withSource).toFixed(1)}% (${c.speakerRight}/${c.withSource})`, `${pct(c.speakerNull, c.withSource).toFixed(1)}% (${c.speakerNull})`,
  ];
  const headlines: Headline[] = [
    { key: 'direct.recall', label: 'PolNeAR direct-quote recall', value: pct(direct.found, direct.gold), unit: 'pct', target: 90 },
    { key: 'direct.precision', label: 'PolNeAR direct-quote precision', value: pct(direct.correct, direct.predicted), unit: 'pct' },
    { key: 'direct.speaker', label: 'PolNeAR direct-quote speaker accuracy', value: pct(direct.speakerRight, direct.withSource), unit: 'pct', target: 85 },
    { key: 'indirect.recall', label: 'PolNeAR indirect recall', value: pct(indirect.found, indirect.gold), unit: 'pct' },
    { key: 'indirect.precision', label: 'PolNeAR indirect precision', value: pct(indirect.correct, indirect.predicted), unit: 'pct' },
    { key: 'indirect.speaker', label: 'PolNeAR indirect speaker accuracy', value: pct(indirect.speakerRight, indirect.withSource), unit: 'pct' },
  ];
  return {
    name: 'polnear',
    title: 'PolNeAR quotes and speakers (dev compartment)',
    data: `dev: ${articles.length} articles (one annotator each), ${chars.toLocaleString('en-US')} characters, ${direct.gold} direct and ${indirect.gold} indirect gold attributions`,
    headlines,
    tables: [
      {
        title: 'Attributions',
        header: ['kind', 'gold', 'recall (found)', 'precision', 'speaker accuracy', 'speaker null'],
        rows: [line('direct', direct), line('indirect', indirect), [...line('indirect, speech cues only (diagnostic)', speech).slice(0, 3), '—', ...line('', speech).slice(4)]],
        note: 'The diagnostic row keeps only indirect attributions whose cue is a verb of saying ("said", "told", "according to", ...); PolNeAR also annotates beliefs, plans and feelings ("wants", "believes", "mocked") as attributions. Peers: PolNeAR\'s authors report that CoreNLP\'s quote attribution leaves about a quarter of news quotes without a speaker (issue #3).',
      },
    ],
    method: [
      'Dev compartment; articles annotated by several annotators are scored once, with the first annotator in sorted order. Each article is analysed with its publication date.',
      'Direct = gold attributions whose content contains a quote mark (`has_quote_mark_in_content`), which includes partly quoted content and scare quotes; indirect = the others. Attributions without a content span are skipped.',
      'Recall: a gold content (all its spans together) is found when a predicted quote of the same kind overlaps it by at least half of the shorter of the two. Precision: a predicted quote of that kind is right when it overlaps any gold content (of either kind) the same way.',
      'Speaker accuracy, over found gold quotes with a Source span: right when the predicted speakerMention overlaps the gold Source, or any mention of the predicted speaker entity does. "Speaker null" is the share of those quotes whose predicted speaker is null.',
      'PolNeAR offsets are Python code-point offsets; they are converted to UTF-16 offsets (this only matters for texts with astral characters).',
    ],
    errorTypes: errors.types(),
    examples: errors.examples(5),
    seconds: 0,
  };
}
