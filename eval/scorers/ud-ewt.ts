// UD English EWT dev: the part-of-speech tagger and dependency parser of src/nlp/syntax/ on gold tokenisation
// (UPOS, UAS, LAS over syntactic words, the parser running on the tagger's tags), and through Lodestone's own
// tokenizer (each sentence's `# text` tokenised by tokenize(), scored with the CoNLL 2018 alignment), plus
// speed and model load time.
import { readFileSync } from 'node:fs';
import { tokenize } from '../../src/nlp/tokenize.js';
import { readConllu, sentenceMeta, type ConlluSentence } from '../../src/nlp/syntax/conllu.js';
import { loadSyntaxModel, syntaxModelFromBuffer, SYNTAX_MODEL_FILE, type SyntaxModel, type SyntaxToken } from '../../src/nlp/syntax/index.js';
import { dataPath } from '../../src/knowledge/paths.js';
import { alignAndCount, devHalfDoc, docIndex, emptyCounts, f1, goldSpanWords, scoreGoldTok, type GoldTokScore, type SpanWord } from '../ud-score.js';
import { datasetFile, ErrorLog, readMaybeGz, type BenchmarkResult } from './common.js';

/** Published English-EWT figures of other systems, with their source. Test-set figures of other UD versions:
 *  indicative only, not comparable point for point with dev figures of v2.16. */
const PEERS: readonly { system: string; data: string; tok: string; upos: string; uas: string; las: string; source: string }[] = [
  {
    system: 'UDPipe 1.2 (UD 2.5 models)',
    data: 'UD v2.5 EWT test',
    tok: 'gold',
    upos: '94.4',
    uas: '84.4',
    las: '81.1',
    source: 'as published by ÚFAL for UD v2.5 (ufal/udpipe, doc/manual_model_ud-2.5.t2t, "Gold tok" row)',
  },
  {
    system: 'UDPipe 1.2 (UD 2.5 models)',
    data: 'UD v2.5 EWT test',
    tok: 'own (raw text)',
    upos: '93.3',
    uas: '80.2',
    las: '77.0',
    source: 'as published by ÚFAL for UD v2.5 (same table, "Raw text" row; words F1 98.9)',
  },
  {
    system: 'spaCy en_udv25_englishewt_trf (transformer)',
    data: 'UD v2.5 EWT (split not stated)',
    tok: 'own (raw text)',
    upos: '96.9',
    uas: '91.9',
    las: '89.4',
    source: 'as published by Explosion for UD v2.5 (Hugging Face model card explosion/en_udv25_englishewt_trf)',
  },
];

function parseAll(model: SyntaxModel, sents: readonly ConlluSentence[]): { score: GoldTokScore; preds: SyntaxToken[][] } {
  const preds = sents.map((s) => model.parse(s.words.map((w) => w.form)));
  return {
    score: scoreGoldTok(
      sents.map((s) => s.words),
      preds,
    ),
    preds,
  };
}

/** Words per second over all sentences, best of three timed passes after a warm-up pass: by the wall clock and by
 *  the process's CPU time (steadier on a shared machine). */
function wordsPerSecond(sents: readonly string[][], fn: (w: string[]) => unknown): { wall: number; cpu: number } {
  let words = 0;
  for (const s of sents) words += s.length;
  for (const s of sents) fn(s);
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    for (const s of sents) fn(s);
    const used = process.cpuUsage(c);
    wall = Math.min(wall, Number(process.hrtime.bigint() - t) / 1e9);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
  }
  return { wall: words / wall, cpu: words / cpu };
}

export function runUdEwt(): BenchmarkResult | null {
  const file = datasetFile('ud-english-ewt/en_ewt-ud-dev.conllu.gz');
  if (!file) return null;
  const dev = readConllu(readMaybeGz(file));

  // load time of the model file (read, gunzip, decode), measured on a fresh copy
  const tl = process.hrtime.bigint();
  syntaxModelFromBuffer(readFileSync(dataPath(SYNTAX_MODEL_FILE)));
  const loadMs = Number(process.hrtime.bigint() - tl) / 1e6;
  const model = loadSyntaxModel();

  const docs = docIndex(dev);
  const half = devHalfDoc(dev);
  const devA = dev.filter((_, i) => docs[i]! < half);
  const devB = dev.filter((_, i) => docs[i]! >= half);
  const all = parseAll(model, dev);
  const a = parseAll(model, devA).score;
  const b = parseAll(model, devB).score;

  // errors on gold tokenisation
  const errors = new ErrorLog(3);
  dev.forEach((s, si) => {
    const p = all.preds[si]!;
    const text = sentenceMeta(s, 'text') ?? s.words.map((w) => w.form).join(' ');
    s.words.forEach((w, i) => {
      const q = p[i]!;
      const where = () => {
        const ws = s.words.map((x, k) => (k === i ? `«${x.form}»` : x.form));
        const from = Math.max(0, i - 8);
        return `${from > 0 ? '… ' : ''}${ws.slice(from, i + 9).join(' ')}${i + 9 < ws.length ? ' …' : ''}`;
      };
      if (q.upos !== w.upos) errors.add(`UPOS ${w.upos} tagged ${q.upos}`, () => where());
      else if (q.head !== w.head) {
        const gh = w.head === 0 ? 'root' : s.words[w.head - 1]!.form;
        const ph = q.head === 0 ? 'root' : s.words[q.head - 1]!.form;
        errors.add(`wrong head of ${w.deprel.split(':')[0]}`, () => `${where()} (head "${gh}", parsed "${ph}")`);
      } else if (q.deprel.split(':')[0] !== w.deprel.split(':')[0]) errors.add(`label ${w.deprel.split(':')[0]} as ${q.deprel.split(':')[0]}`, () => where());
    });
    void text;
  });

  // through Lodestone's tokenizer
  const counts = emptyCounts();
  let skipped = 0;
  for (const s of dev) {
    const text = sentenceMeta(s, 'text');
    const gold = text === null ? null : goldSpanWords(s, text);
    if (text === null || gold === null) {
      skipped++;
      continue;
    }
    const tk = tokenize(text);
    const sys: SpanWord[] = [];
    for (const sent of tk.sentences) {
      const toks = tk.tokens.slice(sent.tokenStart, sent.tokenEnd);
      const base = sys.length;
      const parsed = model.parse(toks.map((t) => t.value));
      parsed.forEach((p, k) => {
        sys.push({ start: toks[k]!.start, end: toks[k]!.end, form: toks[k]!.value, upos: p.upos, head: p.head === 0 ? -1 : base + p.head - 1, deprel: p.deprel, mwt: false });
      });
    }
    alignAndCount(gold, sys, counts);
  }
  const tokF1 = f1(counts.tokens, counts.goldTokens, counts.sysTokens);
  const wordF1 = f1(counts.words, counts.goldWords, counts.sysWords);
  const uposF1 = f1(counts.upos, counts.goldWords, counts.sysWords);
  const uasF1 = f1(counts.uas, counts.goldWords, counts.sysWords);
  const lasF1 = f1(counts.las, counts.goldWords, counts.sysWords);

  // speed
  const sentWords = dev.map((s) => s.words.map((w) => w.form));
  const tagWps = wordsPerSecond(sentWords, (w) => model.tagIds(w));
  const parseWps = wordsPerSecond(sentWords, (w) => model.parse(w));

  const p2 = (x: number) => x.toFixed(2);
  const row = (name: string, x: GoldTokScore) => [name, String(x.words), p2(x.upos), p2(x.uas), p2(x.las), p2(x.lasFull), p2(x.uasNoPunct), p2(x.lasNoPunct), p2(x.lemma)];
  const info = model.parts.info as { parseEpoch?: number; tagEpoch?: number };
  return {
    name: 'syntax',
    title: 'UD English EWT dev: part-of-speech tags and dependency parses',
    data: `UD English EWT v2.16 dev: ${new Set(docs).size} documents, ${dev.length} sentences, ${all.score.words} words (half A: documents before ${half + 1}, ${a.words} words; half B: ${b.words} words)`,
    headlines: [
      { key: 'upos', label: 'EWT dev UPOS (gold tokens)', value: all.score.upos, unit: 'pct', target: 95 },
      { key: 'uas', label: 'EWT dev UAS (gold tokens, predicted tags)', value: all.score.uas, unit: 'pct', target: 88 },
      { key: 'las', label: 'EWT dev LAS (gold tokens, predicted tags)', value: all.score.las, unit: 'pct', target: 85 },
      { key: 'las.full', label: 'EWT dev LAS with subtypes', value: all.score.lasFull, unit: 'pct' },
      { key: 'tok.tokens', label: 'EWT dev tokens F1 (Lodestone tokenizer)', value: tokF1, unit: 'pct' },
      { key: 'tok.upos', label: 'EWT dev UPOS F1 (Lodestone tokenizer)', value: uposF1, unit: 'pct' },
      { key: 'tok.uas', label: 'EWT dev UAS F1 (Lodestone tokenizer)', value: uasF1, unit: 'pct' },
      { key: 'tok.las', label: 'EWT dev LAS F1 (Lodestone tokenizer)', value: lasF1, unit: 'pct' },
    ],
    tables: [
      {
        title: 'Gold tokenisation (syntactic words; the parser reads the tagger\'s tags)',
        header: ['part', 'words', 'UPOS', 'UAS', 'LAS', 'LAS (full labels)', 'UAS no punct', 'LAS no punct', 'lemma'],
        rows: [row('dev', all.score), row('dev half A (epochs chosen here)', a), row('dev half B (held out from all choices)', b)],
        note: `Epochs were chosen on half A (tagger epoch ${info.tagEpoch ?? '?'}, parser epoch ${info.parseEpoch ?? '?'}); half B took part in no choice.`,
      },
      {
        title: "Through Lodestone's tokenizer (CoNLL 2018 alignment, F1)",
        header: ['tokens', 'words', 'UPOS', 'UAS', 'LAS'],
        rows: [[p2(tokF1), p2(wordF1), p2(uposF1), p2(uasF1), p2(lasF1)]],
        note: `Each dev sentence's # text is tokenised and split into sentences by tokenize() (wink-nlp) and parsed sentence by sentence; ${counts.goldWords} gold words, ${counts.sysWords} system words${skipped ? `, ${skipped} sentences skipped (no text)` : ''}.`,
      },
      {
        title: 'Speed and size (this machine, one thread)',
        header: ['measure', 'tagger alone, words/s', 'tagger + parser, words/s'],
        rows: [
          ['wall clock', String(Math.round(tagWps.wall)), String(Math.round(parseWps.wall))],
          ['CPU time of the process', String(Math.round(tagWps.cpu)), String(Math.round(parseWps.cpu))],
        ],
        note: `Over the dev words (gold tokens), best of three passes after a warm-up, lemmas included. Model file ${(readFileSync(dataPath(SYNTAX_MODEL_FILE)).length / 1e6).toFixed(2)} MB; loading it (read, gunzip, decode) took ${loadMs.toFixed(0)} ms.`,
      },
      {
        title: 'Published English-EWT figures of other systems (for orientation)',
        header: ['system', 'data', 'tokenisation', 'UPOS', 'UAS', 'LAS', 'source'],
        rows: PEERS.map((p) => [p.system, p.data, p.tok, p.upos, p.uas, p.las, p.source]),
        note: 'Other UD versions and the test split: guidelines changed between releases (2.15 merged nmod:tmod/npmod into :unmarked; 2.16 added nmod:desc), and EWT test is usually a little harder than dev, so these are not point-for-point comparable with the dev v2.16 figures above.',
      },
    ],
    method: [
      'Gold tokenisation: the dev words (multiword tokens expanded, empty nodes skipped) are tagged by the averaged-perceptron tagger and parsed by the greedy arc-hybrid parser on the predicted tags. UPOS, UAS and LAS are over all words, punctuation included (CoNLL 2018); LAS compares the universal part of the relation (before ":"), "full labels" the whole relation.',
      'Through the tokenizer: gold words get character spans by walking # text with the token forms (SpaceAfter=No); system words are tokenize() tokens; words are aligned as in the CoNLL 2018 evaluation script (equal spans, LCS of forms inside multiword regions) and scored as F1 over gold and system words.',
      'The model is trained on EWT train only (eval/train-syntax.ts); half A of dev (the first documents, about half the words) chose the epochs; half B took part in no choice. The test split is held out and was never read.',
      'Peers: figures as published, on other UD versions and mostly on test; see the table note.',
    ],
    errorTypes: errors.types(),
    examples: errors.examples(5),
    seconds: 0,
  };
}
