// Part-of-speech tagger: a greedy left-to-right averaged perceptron (Collins 2002; Honnibal's "A good POS
// tagger in about 200 lines") over combined UPOS+XPOS tags ("VERB VBD"), with the word, its shape, prefixes
// and suffixes, its neighbours, the two previous tags, the word's ambiguity class (the tags it had in
// training) and word clusters (exchange clustering of unlabelled text) of the word and its neighbours.
import { capWord, fkey, normWord, strHash, wordShape, type KeyTable, type PerceptronTrainer, type SparseWeights } from './features.js';

/** What the tagger and parser know of a word type beyond its spelling: cluster ids and ambiguity class. */
export interface Lexicon {
  /** normWord hash -> row */
  table: KeyTable;
  /** three cluster ids per row (coarse, middle, fine; 0 = none) */
  clusters: Uint16Array;
  /** ambiguity class per row (0 = none) */
  amb: Uint16Array;
}

/** Per-position atoms of a sentence, shared by the tagger and the parser. Index i is word i (0-based). */
export interface Atoms {
  n: number;
  /** hash of the normalised word */
  w: Uint32Array;
  shape: Uint32Array;
  /** prefixes of 1..3 and suffixes of 1..4 characters (hashes), 3 and 4 per word */
  pre: Uint32Array;
  suf: Uint32Array;
  /** cluster ids, 3 per word */
  c: Uint32Array;
  amb: Uint32Array;
  /** hash of the part after the last hyphen, 0 when none */
  hy: Uint32Array;
}

const PAD_W = [strHash('<s-2>'), strHash('<s-1>'), strHash('</s+1>'), strHash('</s+2>')] as const;

/** Computes the atoms of every word of a sentence. */
export function sentenceAtoms(words: readonly string[], lex: Lexicon): Atoms {
  const n = words.length;
  const a: Atoms = {
    n,
    w: new Uint32Array(n),
    shape: new Uint32Array(n),
    pre: new Uint32Array(n * 3),
    suf: new Uint32Array(n * 4),
    c: new Uint32Array(n * 3),
    amb: new Uint32Array(n),
    hy: new Uint32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const raw = capWord(words[i]!);
    const nw = normWord(raw);
    const h = strHash(nw);
    a.w[i] = h;
    a.shape[i] = strHash(wordShape(raw), 7);
    for (let k = 1; k <= 3; k++) a.pre[i * 3 + k - 1] = nw.length >= k ? strHash(nw.slice(0, k), 11) : 0;
    for (let k = 1; k <= 4; k++) a.suf[i * 4 + k - 1] = nw.length >= k ? strHash(nw.slice(nw.length - k), 13) : 0;
    const r = lex.table.get(h);
    if (r >= 0) {
      a.c[i * 3] = lex.clusters[r * 3]!;
      a.c[i * 3 + 1] = lex.clusters[r * 3 + 1]!;
      a.c[i * 3 + 2] = lex.clusters[r * 3 + 2]!;
      a.amb[i] = lex.amb[r]!;
    }
    const dash = nw.lastIndexOf('-');
    a.hy[i] = dash > 0 && dash < nw.length - 1 ? strHash(nw.slice(dash + 1), 17) : 0;
  }
  return a;
}

/** Number of feature templates (upper bound of keys written by taggerFeatures). */
export const TAGGER_MAX_FEATURES = 48;
/** Tag id used for positions before the sentence. */
export const TAG_START = 0xffff;

/** Template numbers and atoms of the features of one word, hashed in one loop at the end of taggerFeatures. */
const TA = new Uint32Array(4 * TAGGER_MAX_FEATURES);

/** Writes the feature keys of word i into out, given the two previous tags (p1 the nearer); returns the count. */
export function taggerFeatures(a: Atoms, i: number, p1: number, p2: number, out: Uint32Array): number {
  const n = a.n;
  const W = a.w;
  const w0 = W[i]!;
  const wm1 = i > 0 ? W[i - 1]! : PAD_W[1];
  const wm2 = i > 1 ? W[i - 2]! : i > 0 ? PAD_W[1] : PAD_W[0];
  const wp1 = i + 1 < n ? W[i + 1]! : PAD_W[2];
  const wp2 = i + 2 < n ? W[i + 2]! : i + 1 < n ? PAD_W[2] : PAD_W[3];
  const shm1 = i > 0 ? a.shape[i - 1]! : 1;
  const shp1 = i + 1 < n ? a.shape[i + 1]! : 2;
  const ambp1 = i + 1 < n ? a.amb[i + 1]! : 0xfffe;
  const ambp2 = i + 2 < n ? a.amb[i + 2]! : 0xfffe;
  const cm1 = i > 0 ? a.c[(i - 1) * 3 + 1]! : 0xfffd;
  const cp1 = i + 1 < n ? a.c[(i + 1) * 3 + 1]! : 0xfffe;
  const cm1f = i > 0 ? a.c[(i - 1) * 3 + 2]! : 0xfffd;
  const cp1f = i + 1 < n ? a.c[(i + 1) * 3 + 2]! : 0xfffe;
  const sufp1 = i + 1 < n ? a.suf[(i + 1) * 4 + 2]! : 3;
  const sufm1 = i > 0 ? a.suf[(i - 1) * 4 + 2]! : 3;
  const sh0 = a.shape[i]!;
  const amb0 = a.amb[i]!;
  let k = 0;
  { TA[k * 4] = 0; TA[k * 4 + 1] = 0; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 1; TA[k * 4 + 1] = w0; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 2; TA[k * 4 + 1] = sh0; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  for (let s = 0; s < 4; s++) {
    const x = a.suf[i * 4 + s]!;
    if (x) { TA[k * 4] = 3 + s; TA[k * 4 + 1] = x; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  }
  for (let s = 0; s < 3; s++) {
    const x = a.pre[i * 3 + s]!;
    if (x) { TA[k * 4] = 7 + s; TA[k * 4 + 1] = x; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  }
  { TA[k * 4] = 10; TA[k * 4 + 1] = wm1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 11; TA[k * 4 + 1] = wp1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 12; TA[k * 4 + 1] = wm2; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 13; TA[k * 4 + 1] = wp2; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 14; TA[k * 4 + 1] = p1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 15; TA[k * 4 + 1] = p1; TA[k * 4 + 2] = p2; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 16; TA[k * 4 + 1] = p1; TA[k * 4 + 2] = w0; TA[k * 4 + 3] = 0; k++; }
  for (let s = 0; s < 3; s++) {
    const x = a.c[i * 3 + s]!;
    if (x) { TA[k * 4] = 17 + s; TA[k * 4 + 1] = x; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  }
  { TA[k * 4] = 20; TA[k * 4 + 1] = cm1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 21; TA[k * 4 + 1] = cp1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 22; TA[k * 4 + 1] = wm1; TA[k * 4 + 2] = w0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 23; TA[k * 4 + 1] = w0; TA[k * 4 + 2] = wp1; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 24; TA[k * 4 + 1] = amb0; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 25; TA[k * 4 + 1] = ambp1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 26; TA[k * 4 + 1] = ambp2; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 27; TA[k * 4 + 1] = shm1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 28; TA[k * 4 + 1] = shp1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 29; TA[k * 4 + 1] = sufp1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 30; TA[k * 4 + 1] = sufm1; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 31; TA[k * 4 + 1] = i === 0 ? 1 : 0; TA[k * 4 + 2] = sh0; TA[k * 4 + 3] = 0; k++; }
  if (a.hy[i]) { TA[k * 4] = 32; TA[k * 4 + 1] = a.hy[i]!; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 33; TA[k * 4 + 1] = p1; TA[k * 4 + 2] = a.suf[i * 4 + 2]!; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 34; TA[k * 4 + 1] = p1; TA[k * 4 + 2] = ambp1; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 35; TA[k * 4 + 1] = amb0; TA[k * 4 + 2] = ambp1; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 36; TA[k * 4 + 1] = p1; TA[k * 4 + 2] = amb0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 37; TA[k * 4 + 1] = cm1f; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 38; TA[k * 4 + 1] = cp1f; TA[k * 4 + 2] = 0; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 39; TA[k * 4 + 1] = p1; TA[k * 4 + 2] = cp1; TA[k * 4 + 3] = 0; k++; }
  { TA[k * 4] = 40; TA[k * 4 + 1] = sh0; TA[k * 4 + 2] = shp1; TA[k * 4 + 3] = 0; k++; }
  for (let j = 0; j < k; j++) out[j] = fkey(TA[4 * j]!, TA[4 * j + 1]!, TA[4 * j + 2]!, TA[4 * j + 3]!);
  return k;
}

/** A weight source for decoding: either training weights (dense) or the shipped sparse weights. */
export interface TagScorer {
  readonly classes: number;
  scoreKeys(keys: Uint32Array, n: number, scores: Float32Array): void;
}

export function sparseScorer(sw: SparseWeights, classes: number): TagScorer {
  return { classes, scoreKeys: (keys, n, scores) => sw.score(keys, n, scores) };
}

/** Scoring through a trainer's current weights (rows looked up without adding). */
export function trainerScorer(tr: PerceptronTrainer, avg?: Float32Array): TagScorer {
  return {
    classes: tr.classes,
    scoreKeys(keys, n, scores) {
      const C = tr.classes;
      const w = avg ?? tr.w;
      for (let k = 0; k < n; k++) {
        const r = tr.table.get(keys[k]!);
        if (r < 0) continue;
        const base = r * C;
        for (let j = 0; j < C; j++) scores[j]! += w[base + j]!;
      }
    },
  };
}

/** Greedy tagging of one sentence: tag ids. */
export function tagAtoms(a: Atoms, scorer: TagScorer): Int32Array {
  const out = new Int32Array(a.n);
  const keys = tagKeys;
  if (tagScores.length !== scorer.classes) tagScores = new Float32Array(scorer.classes);
  const scores = tagScores;
  let p1 = TAG_START;
  let p2 = TAG_START;
  for (let i = 0; i < a.n; i++) {
    const nk = taggerFeatures(a, i, p1, p2, keys);
    scores.fill(0);
    scorer.scoreKeys(keys, nk, scores);
    let best = 0;
    for (let j = 1; j < scores.length; j++) if (scores[j]! > scores[best]!) best = j;
    out[i] = best;
    p2 = p1;
    p1 = best;
  }
  return out;
}

/** Buffers reused by tagAtoms (tagging is synchronous). */
const tagKeys = new Uint32Array(TAGGER_MAX_FEATURES);
let tagScores = new Float32Array(0);

/** One training pass over a sentence: greedy decoding with perceptron updates; returns the number of errors. */
export function trainTaggerSentence(a: Atoms, gold: ArrayLike<number>, tr: PerceptronTrainer): number {
  const keys = new Uint32Array(TAGGER_MAX_FEATURES);
  const rows = new Int32Array(TAGGER_MAX_FEATURES);
  const scores = new Float32Array(tr.classes);
  let p1 = TAG_START;
  let p2 = TAG_START;
  let errors = 0;
  for (let i = 0; i < a.n; i++) {
    const nk = taggerFeatures(a, i, p1, p2, keys);
    tr.rowsOf(keys, nk, rows);
    scores.fill(0);
    tr.score(rows, nk, scores);
    let best = 0;
    for (let j = 1; j < scores.length; j++) if (scores[j]! > scores[best]!) best = j;
    const g = gold[i]!;
    if (best !== g) {
      errors++;
      tr.update(rows, nk, g, 1);
      tr.update(rows, nk, best, -1);
    }
    tr.tick();
    p2 = p1;
    p1 = best; // predicted history, as at run time
  }
  return errors;
}
