// Statistical named-entity recogniser: a greedy left-to-right averaged perceptron over BIO labels (PER, ORG,
// LOC, MISC), trained in this project on CoNLL-2003 eng.train by eval/train-ner.ts (provenance and scores in
// data/ner-model.README.md). Features use only the token strings (wink-nlp tokens at run time): the word,
// its shape, affixes, capitalisation, word clusters, gazetteer membership (name lists from the training
// data), the same for neighbours, previous labels, and document context (how the same word is written and
// was tagged elsewhere in the document).
//
// Speed: every distinct word's atoms (word id, shape id, affix ids, ...) are computed once per call; a
// feature is a (template, atom, atom) triple of small integers found in an open-addressing hash table, and
// its nine label weights sit side by side in one Float32Array.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../knowledge/paths.js';

export type NerType = 'PER' | 'ORG' | 'LOC' | 'MISC';
export interface NerSpan {
  /** first token index */
  start: number;
  /** token index after the last, exclusive */
  end: number;
  type: NerType;
  /** mean label probability over the span's tokens (softmax of the perceptron scores), 0..1 */
  score: number;
}
export interface NerModel {
  /** Tags one sentence of token strings (prefer tagDocument when the whole document is at hand). */
  tag(words: readonly string[]): NerSpan[];
  /** Tags the sentences of one document together: the same word written or tagged elsewhere in the document
   *  informs each mention (headlines in capitals, sentence-initial names). */
  tagDocument(sentences: readonly (readonly string[])[]): NerSpan[][];
}

export const NER_TYPES: readonly NerType[] = ['PER', 'ORG', 'LOC', 'MISC'];
/** Labels: 0 = O, then B-T, I-T for each type T in NER_TYPES order. */
export const NER_LABELS: readonly string[] = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];
export const NL = 9;
const START_LABEL = NL; // previous-label value before the first token

/** Label index of a BIO tag ("B-PER" -> 1); unknown -> 0. */
export function labelIndex(tag: string): number {
  const i = NER_LABELS.indexOf(tag);
  return i < 0 ? 0 : i;
}

/** Constants of the feature extractor and decoder. The committed model was trained with these values:
 *  changing one means retraining (eval/train-ner.ts). */
export const NER_CONFIG = {
  /** Longest gazetteer phrase tried, in tokens ("Organisation of Petroleum Exporting Countries" has 5). */
  maxPhrase: 6,
  /** Affix lengths used as features ("-ski" in Kowalski, "-stan" in Kazakhstan). */
  affixLengths: 4,
  /** A sentence whose cased letters are mostly capitals is a headline ("SOCCER - JAPAN GET LUCKY WIN"). */
  headlineCapsShare: 0.6,
  /** A sentence of at least this many cased words, all capitalised but for minor words, is a Title Case
   *  headline ("Lithium Prices Slump As Chinese Demand Cools"). */
  titleHeadlineMinWords: 4,
  /** Affix features only for words unknown to the model (speed; Ratnaparkhi's rare-word features). */
  affixesOnlyForUnknown: true,
  /** No name starts at an all-lower-case word ("state uranium miner Kazatomprom": "miner" is no name). */
  noLowercaseStarts: true,
};

/** Word tables of the tagger and its post-processing. */
export const NER_RULES = {
  /** Lower-case words a Title Case headline keeps ("China Tightens Grip on Rare Earths"). */
  titleCaseMinor: new Set(['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'vs', 'vs.', 'via', 'into', 'over', 'per', 'than', 'up', 'off', 'out', 'amid', 'after']),
  /** Titles that CoNLL-style person spans leave out: "Mr. Xi met Mr. Putin" -> PER "Xi", PER "Putin". */
  honorifics: new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'prof', 'prof.']),
  /** Lower-case particles inside personal names: "Mohammed bin Salman", "Ursula von der Leyen". */
  nameParticles: new Set(['bin', 'bint', 'ibn', 'al', 'el', 'von', 'van', 'der', 'den', 'de', 'da', 'di', 'del', 'della', 'du', 'dos', 'das', 'ben', 'abu', 'ter']),
};

// ---------------------------------------------------------------------------------------------------------
// Feature templates. Each feature is (template, a, b); the kinds of a and b are fixed by the template.
// kinds: w word, s shape, p prefix, x suffix, c cluster, k constant (flag bits, labels, ...), - none.

export type AtomKind = 'w' | 's' | 'p' | 'x' | 'c' | 'k' | '-';
export const TEMPLATES: readonly (readonly [name: string, a: AtomKind, b: AtomKind])[] = [
  ['bias', 'k', '-'], // 0
  ['w0', 'w', '-'], // 1
  ['s0', 's', '-'], // 2
  ['p0', 'p', '-'], // 3 prefixes of every length (the length is in the string)
  ['x0', 'x', '-'], // 4 suffixes
  ['f0', 'k', '-'], // 5 flag bit
  ['c0', 'c', '-'], // 6 cluster (each level)
  ['g0', 'k', '-'], // 7 gazetteer bit
  ['d0', 'k', '-'], // 8 document bit
  ['w-1', 'w', '-'], // 9
  ['w+1', 'w', '-'], // 10
  ['w-2', 'w', '-'], // 11
  ['w+2', 'w', '-'], // 12
  ['s-1', 's', '-'], // 13
  ['s+1', 's', '-'], // 14
  ['s-2', 's', '-'], // 15
  ['s+2', 's', '-'], // 16
  ['c-1', 'c', '-'], // 17
  ['c+1', 'c', '-'], // 18
  ['g-1', 'k', '-'], // 19
  ['g+1', 'k', '-'], // 20
  ['f-1', 'k', '-'], // 21
  ['f+1', 'k', '-'], // 22
  ['w-1w0', 'w', 'w'], // 23
  ['w0w+1', 'w', 'w'], // 24
  ['s-1s0', 's', 's'], // 25
  ['s0s+1', 's', 's'], // 26
  ['x-1', 'x', '-'], // 27 suffix of the previous word
  ['x+1', 'x', '-'], // 28
  ['w-1s0', 'w', 's'], // 29
  ['s0w+1', 's', 'w'], // 30
  ['t-1', 'k', '-'], // 31 previous label
  ['t-2t-1', 'k', 'k'], // 32
  ['t-1w0', 'k', 'w'], // 33
  ['t-1s0', 'k', 's'], // 34
  ['h0', 'k', '-'], // 35 document history bit
  ['h0s0', 'k', 's'], // 36 majority history type x shape
  ['g0s0', 'k', 's'], // 37 gazetteer bit x shape
  ['c-1c0', 'c', 'c'], // 38
  ['c0c+1', 'c', 'c'], // 39
  ['e0', 'k', '-'], // 40 external gazetteer bit
  ['e-1', 'k', '-'], // 41
  ['e+1', 'k', '-'], // 42
];
const T = {
  bias: 0, w0: 1, s0: 2, p0: 3, x0: 4, f0: 5, c0: 6, g0: 7, d0: 8, wm1: 9, wp1: 10, wm2: 11, wp2: 12, sm1: 13, sp1: 14,
  sm2: 15, sp2: 16, cm1: 17, cp1: 18, gm1: 19, gp1: 20, fm1: 21, fp1: 22, wm1w0: 23, w0wp1: 24, sm1s0: 25, s0sp1: 26,
  xm1: 27, xp1: 28, wm1s0: 29, s0wp1: 30, tm1: 31, tm2tm1: 32, tm1w0: 33, tm1s0: 34, h0: 35, h0s0: 36, g0s0: 37,
  cm1c0: 38, c0cp1: 39, e0: 40, em1: 41, ep1: 42,
} as const;

// Word flag bits (word-intrinsic: 0..12; positional: 13..)
const F_INITCAP = 1 << 0;
const F_ALLCAPS = 1 << 1;
const F_HASDIGIT = 1 << 2;
const F_ALLDIGIT = 1 << 3;
const F_HYPHEN = 1 << 4;
const F_PERIOD = 1 << 5;
const F_PUNCT = 1 << 6;
const F_ONECAP = 1 << 7;
const F_INNERCAP = 1 << 8;
const F_LOWER = 1 << 9;
const F_APOS = 1 << 10;
const F_SHORT = 1 << 11; // 1-2 characters
const F_LONG = 1 << 12; // 9+ characters
const F_FIRST = 1 << 13;
const F_HEADLINE = 1 << 14;
const F_CAP_FIRST = 1 << 15;
const F_CAP_MID = 1 << 16;
const F_AFTER_QUOTE = 1 << 17; // previous token is a quote or opening bracket

// Document bits
const D_LOWER_SEEN = 1 << 0; // the word occurs in lower case elsewhere in the document
const D_TITLE_MID_SEEN = 1 << 1; // the word occurs capitalised mid-sentence in a non-headline sentence
const D_UNINF_LOWER = 1 << 2; // capitalised only by position (first word, headline) and seen in lower case
const D_UNINF_TITLE = 1 << 3; // capitalised only by position and seen capitalised mid-sentence
const D_UNINF_NONE = 1 << 4; // capitalised only by position, no other evidence
const D_REPEATED = 1 << 5; // capitalised 2+ times in the document
const D_PART_OF_LONGER = 1 << 6; // a capitalised sequence elsewhere in the document contains this word with neighbours

// Gazetteer bits: for type t, (t*4 + 0) phrase start, +1 inside, +2 whole single-token phrase, +3 word in a phrase

// ---------------------------------------------------------------------------------------------------------
// Feature index: (template, a, b) -> row, open addressing on Int32Arrays.

export class FeatureIndex {
  private cap: number;
  private mask: number;
  private ka: Int32Array;
  private kb: Int32Array;
  private val: Int32Array;
  size = 0;
  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap <<= 1;
    this.cap = cap;
    this.mask = cap - 1;
    this.ka = new Int32Array(cap);
    this.kb = new Int32Array(cap);
    this.val = new Int32Array(cap).fill(-1);
  }
  private static hash(ka: number, kb: number): number {
    let h = Math.imul(ka, 0x9e3779b1) ^ Math.imul(kb + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h;
  }
  get(t: number, a: number, b: number): number {
    const ka = (t << 23) | a;
    const kb = b + 1;
    let i = FeatureIndex.hash(ka, kb) & this.mask;
    for (;;) {
      const v = this.val[i]!;
      if (v < 0) return -1;
      if (this.ka[i] === ka && this.kb[i] === kb) return v;
      i = (i + 1) & this.mask;
    }
  }
  add(t: number, a: number, b: number): number {
    const ka = (t << 23) | a;
    const kb = b + 1;
    let i = FeatureIndex.hash(ka, kb) & this.mask;
    for (;;) {
      const v = this.val[i]!;
      if (v < 0) break;
      if (this.ka[i] === ka && this.kb[i] === kb) return v;
      i = (i + 1) & this.mask;
    }
    const id = this.size++;
    this.ka[i] = ka;
    this.kb[i] = kb;
    this.val[i] = id;
    if (this.size * 2 > this.cap) this.grow();
    return id;
  }
  /** All keys as [template, a, b] in row order. */
  keys(): Int32Array {
    const out = new Int32Array(this.size * 3);
    for (let i = 0; i < this.cap; i++) {
      const v = this.val[i]!;
      if (v < 0) continue;
      out[v * 3] = this.ka[i]! >>> 23;
      out[v * 3 + 1] = this.ka[i]! & 0x7fffff;
      out[v * 3 + 2] = this.kb[i]! - 1;
    }
    return out;
  }
  private grow(): void {
    const { ka, kb, val } = this;
    this.cap <<= 1;
    this.mask = this.cap - 1;
    this.ka = new Int32Array(this.cap);
    this.kb = new Int32Array(this.cap);
    this.val = new Int32Array(this.cap).fill(-1);
    for (let j = 0; j < ka.length; j++) {
      const v = val[j]!;
      if (v < 0) continue;
      let i = FeatureIndex.hash(ka[j]!, kb[j]!) & this.mask;
      while (this.val[i]! >= 0) i = (i + 1) & this.mask;
      this.ka[i] = ka[j]!;
      this.kb[i] = kb[j]!;
      this.val[i] = v;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Gazetteer: a trie over lower-cased tokens; each node that ends a phrase carries a bit per type.

export interface GazNode {
  types: number;
  next: Map<string, GazNode> | null;
}
export interface Gazetteer {
  root: Map<string, GazNode>;
  /** word (lower case) -> bit per type of the phrases that contain it */
  words: Map<string, number>;
}

export function buildGazetteer(phrases: Iterable<readonly [phrase: readonly string[], types: number]>): Gazetteer {
  const root = new Map<string, GazNode>();
  const words = new Map<string, number>();
  for (const [phrase, types] of phrases) {
    if (phrase.length === 0 || phrase.length > NER_CONFIG.maxPhrase) continue;
    let map = root;
    let node: GazNode | undefined;
    for (let i = 0; i < phrase.length; i++) {
      const key = phrase[i]!.toLowerCase();
      words.set(key, (words.get(key) ?? 0) | types);
      node = map.get(key);
      if (!node) map.set(key, (node = { types: 0, next: null }));
      if (i < phrase.length - 1) map = node.next ??= new Map();
    }
    node!.types |= types;
  }
  return { root, words };
}

/** The phrases of a gazetteer, as [tokens joined by single spaces, type bits]. */
export function gazetteerPhrases(g: Gazetteer): [string, number][] {
  const out: [string, number][] = [];
  const walk = (map: Map<string, GazNode>, prefix: string) => {
    for (const [k, node] of map) {
      const p = prefix === '' ? k : `${prefix} ${k}`;
      if (node.types !== 0) out.push([p, node.types]);
      if (node.next) walk(node.next, p);
    }
  };
  walk(g.root, '');
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Atoms of a word (computed once per distinct word form in a call).

export interface Dicts {
  w: Map<string, number>;
  s: Map<string, number>;
  p: Map<string, number>;
  x: Map<string, number>;
  c: Map<string, number>;
}
/** word (as written) -> cluster path strings, coarse to fine */
export type Clusters = Map<string, readonly string[]>;
/** word -> its cluster atom ids packed in one number, 10 bits a level (id + 1, 0 for none): one Map entry per word
 *  instead of a typed array each, which made loading the model ~60 ms slower. */
type ClusterIds = Map<string, number>;
const CLUSTER_BITS = 10;
const CLUSTER_MASK = (1 << CLUSTER_BITS) - 1;

interface WordAtoms {
  lower: string;
  w: number;
  s: number;
  flags: number;
  p1: number;
  p2: number;
  p3: number;
  p4: number;
  x1: number;
  x2: number;
  x3: number;
  x4: number;
  /** cluster ids, coarse to fine (-1 when unknown) */
  c1: number;
  c2: number;
  c3: number;
  /** starts with an upper-case letter */
  cap: boolean;
  /** all cased letters are capitals */
  allCaps: boolean;
  letters: number;
}

const isUpper = (ch: string) => ch !== ch.toLowerCase();
const isLower = (ch: string) => ch !== ch.toUpperCase();

/** Word shape: upper X, lower x, digit d, other kept; runs of 3+ of a class cut to 2 ("Paris" -> "Xxx",
 *  "1996-08-22" -> "dd-dd-dd", "U.S." -> "X.X.", "IBM" -> "XX"). */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    let c: string;
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else if (code < 128) c = word[i]!;
    else {
      const ch = word[i]!;
      c = isUpper(ch) ? 'X' : isLower(ch) ? 'x' : ch;
    }
    if (c === last) {
      run++;
      if (run >= 3) continue;
    } else {
      last = c;
      run = 1;
    }
    out += c;
  }
  return out;
}

/** Number of cluster levels a model may use (c1..c3). */
export const MAX_CLUSTER_LEVELS = 3;

function wordAtoms(word: string, dicts: Dicts, clusters: ClusterIds | null): WordAtoms {
  const lower = word.toLowerCase();
  let flags = 0;
  let upper = 0;
  let lowerN = 0;
  let digits = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 65 && code <= 90) upper++;
    else if (code >= 97 && code <= 122) lowerN++;
    else if (code >= 48 && code <= 57) digits++;
    else if (code >= 128) {
      const ch = word[i]!;
      if (isUpper(ch)) upper++;
      else if (isLower(ch)) lowerN++;
    } else if (code === 45) flags |= F_HYPHEN;
    else if (code === 46) flags |= F_PERIOD;
    else if (code === 39) flags |= F_APOS;
  }
  const cap = upper > 0 && isUpper(word.charAt(0));
  const letters = upper + lowerN;
  const allCaps = upper > 0 && lowerN === 0;
  if (cap) flags |= F_INITCAP;
  if (allCaps && upper > 1) flags |= F_ALLCAPS;
  if (upper === 1 && letters === 1) flags |= F_ONECAP;
  if (cap && upper > 1 && lowerN > 0) flags |= F_INNERCAP;
  if (digits > 0) flags |= F_HASDIGIT;
  if (digits > 0 && letters === 0) flags |= F_ALLDIGIT;
  if (letters === 0 && digits === 0) flags |= F_PUNCT;
  if (upper === 0 && lowerN > 0) flags |= F_LOWER;
  if (word.length <= 2) flags |= F_SHORT;
  if (word.length >= 9) flags |= F_LONG;
  const L = lower.length;
  const pd = dicts.p;
  const xd = dicts.x;
  let c1 = -1;
  let c2 = -1;
  let c3 = -1;
  if (clusters) {
    const ids = clusters.get(word) ?? clusters.get(lower);
    if (ids !== undefined) {
      c1 = (ids & CLUSTER_MASK) - 1;
      c2 = ((ids >>> CLUSTER_BITS) & CLUSTER_MASK) - 1;
      c3 = ((ids >>> (2 * CLUSTER_BITS)) & CLUSTER_MASK) - 1;
    }
  }
  const w = dicts.w.get(lower) ?? -1;
  // affixes stand in for the word itself only when it is unknown (rare in the training data)
  const affixes = w < 0 || !NER_CONFIG.affixesOnlyForUnknown;
  return {
    lower,
    w,
    s: dicts.s.get(wordShape(word)) ?? -1,
    flags,
    p1: affixes && L >= 1 ? (pd.get(lower.slice(0, 1)) ?? -1) : -1,
    p2: affixes && L >= 2 ? (pd.get(lower.slice(0, 2)) ?? -1) : -1,
    p3: affixes && L >= 3 ? (pd.get(lower.slice(0, 3)) ?? -1) : -1,
    p4: affixes && L >= 4 ? (pd.get(lower.slice(0, 4)) ?? -1) : -1,
    x1: affixes && L >= 1 ? (xd.get(lower.slice(L - 1)) ?? -1) : -1,
    x2: affixes && L >= 2 ? (xd.get(lower.slice(L - 2)) ?? -1) : -1,
    x3: affixes && L >= 3 ? (xd.get(lower.slice(L - 3)) ?? -1) : -1,
    x4: affixes && L >= 4 ? (xd.get(lower.slice(L - 4)) ?? -1) : -1,
    c1,
    c2,
    c3,
    cap,
    allCaps,
    letters,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Document context: per token atoms, positional flags, gazetteer and document bits (label-independent).

export interface SentenceContext {
  n: number;
  atoms: WordAtoms[];
  flags: Int32Array;
  /** gazetteer bits from the training-data name lists */
  gz: Int32Array;
  /** gazetteer bits from the external name lists */
  ez: Int32Array;
  /** document bits */
  db: Int32Array;
  /** history key of a capitalised token (index into the document's key table), -1 otherwise */
  hist: Int32Array;
}
export interface DocumentContext {
  sentences: SentenceContext[];
  /** number of history keys */
  keys: number;
}

export interface FeatureSpace {
  dicts: Dicts;
  /** word -> cluster atom ids (MAX_CLUSTER_LEVELS, -1 for none) */
  clusters: ClusterIds | null;
  index: FeatureIndex;
  /** add unseen features to the index (training) instead of skipping them */
  grow: boolean;
  /** row of a feature (t, x, y), -1 when x < 0 or unknown (added when growing); y = -1 for one-atom templates */
  look: (t: number, x: number, y: number) => number;
  /** atom ids of the padding word and shape, before and after the sentence */
  padW: readonly [number, number];
  padS: readonly [number, number];
  /** Word atoms computed so far, shared across documents (words repeat across articles); cleared when it
   *  grows past WORD_CACHE_LIMIT. Only for a fixed (not growing) space. */
  wordCache: Map<string, WordAtoms>;
}

const WORD_CACHE_LIMIT = 200_000;

const PAD_L = '<S>';
const PAD_R = '</S>';
export const PAD_WORDS = [PAD_L, PAD_R];

export function featureSpace(dicts: Dicts, clusters: Clusters | null, index: FeatureIndex, grow: boolean): FeatureSpace {
  let ids: ClusterIds | null = null;
  if (clusters && clusters.size > 0) {
    ids = new Map();
    if (dicts.c.size >= CLUSTER_MASK) throw new Error(`NER: ${dicts.c.size} cluster atoms do not fit in ${CLUSTER_BITS} bits`);
    for (const [word, paths] of clusters) {
      let packed = 0;
      for (let k = 0; k < MAX_CLUSTER_LEVELS && k < paths.length; k++) packed |= ((dicts.c.get(paths[k]!) ?? -1) + 1) << (k * CLUSTER_BITS);
      if (packed !== 0) ids.set(word, packed);
    }
  }
  return {
    dicts,
    clusters: ids,
    index,
    grow,
    look: grow ? (t, x, y) => (x < 0 ? -1 : index.add(t, x, y)) : (t, x, y) => (x < 0 ? -1 : index.get(t, x, y)),
    padW: [dicts.w.get(PAD_L) ?? -1, dicts.w.get(PAD_R) ?? -1],
    padS: [dicts.s.get(PAD_L) ?? -1, dicts.s.get(PAD_R) ?? -1],
    wordCache: new Map(),
  };
}

const OPENERS = new Set(['"', '(', '`', '``', "'", '[', '“', '‘', '«']);

function matchGazetteer(atoms: readonly WordAtoms[], gaz: Gazetteer | null, out: Int32Array): void {
  const n = atoms.length;
  out.fill(0, 0, n);
  if (!gaz || gaz.words.size === 0) return;
  for (let i = 0; i < n; i++) {
    const a = atoms[i]!;
    if (!(a.cap || a.flags & F_HASDIGIT)) continue;
    const wb = gaz.words.get(a.lower);
    if (wb !== undefined) for (let t = 0; t < 4; t++) if (wb & (1 << t)) out[i]! |= 1 << (t * 4 + 3);
  }
  // longest phrase of each type from each capitalised start (one trie walk per start)
  const best = new Int32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const a0 = atoms[i]!;
    if (!(a0.cap || a0.flags & F_HASDIGIT)) continue;
    let map: Map<string, GazNode> | null = gaz.root;
    for (let j = i; j < n && j - i < NER_CONFIG.maxPhrase && map; j++) {
      const node: GazNode | undefined = map.get(atoms[j]!.lower);
      if (!node) break;
      const types = node.types;
      if (types !== 0) for (let t = 0; t < 4; t++) if (types & (1 << t)) best[i * 4 + t] = j - i + 1;
      map = node.next;
    }
  }
  // per type, longest matches left to right without overlap
  for (let t = 0; t < 4; t++) {
    let i = 0;
    while (i < n) {
      const len = best[i * 4 + t]!;
      if (len === 0) {
        i++;
        continue;
      }
      if (len === 1) out[i]! |= 1 << (t * 4 + 2);
      else {
        out[i]! |= 1 << (t * 4);
        for (let k = i + 1; k < i + len; k++) out[k]! |= 1 << (t * 4 + 1);
      }
      i += len;
    }
  }
}

function isTitleCaseHeadline(words: readonly string[], atoms: readonly WordAtoms[]): boolean {
  let capitalised = 0;
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (a.letters === 0) continue;
    if (a.cap) capitalised++;
    else if (!NER_RULES.titleCaseMinor.has(words[i]!)) return false;
  }
  return capitalised >= NER_CONFIG.titleHeadlineMinWords;
}

/** Label-independent context of a document's sentences under the given name lists. */
export function documentContext(
  sentences: readonly (readonly string[])[],
  space: FeatureSpace,
  gaz: Gazetteer | null,
  ext: Gazetteer | null,
): DocumentContext {
  const { dicts, clusters } = space;
  if (space.wordCache.size > WORD_CACHE_LIMIT) space.wordCache.clear();
  const cache = space.grow ? new Map<string, WordAtoms>() : space.wordCache;
  const docAtoms: WordAtoms[][] = [];
  const headline: boolean[] = [];
  const docBits = new Map<string, number>();
  const capCount = new Map<string, number>();
  for (const words of sentences) {
    const atoms: WordAtoms[] = new Array(words.length);
    let capsWords = 0;
    let casedWords = 0;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      let a = cache.get(word);
      if (!a) cache.set(word, (a = wordAtoms(word, dicts, clusters)));
      atoms[i] = a;
      if (a.letters > 1) {
        casedWords++;
        if (a.allCaps) capsWords++;
      }
    }
    docAtoms.push(atoms);
    const isHeadline = (casedWords >= 2 && capsWords >= NER_CONFIG.headlineCapsShare * casedWords) || isTitleCaseHeadline(words, atoms);
    headline.push(isHeadline);
    for (let i = 0; i < atoms.length; i++) {
      const a = atoms[i]!;
      if (a.flags & F_LOWER) docBits.set(a.lower, (docBits.get(a.lower) ?? 0) | D_LOWER_SEEN);
      else if (a.cap) {
        capCount.set(a.lower, (capCount.get(a.lower) ?? 0) + 1);
        if (i > 0 && !isHeadline && !a.allCaps) docBits.set(a.lower, (docBits.get(a.lower) ?? 0) | D_TITLE_MID_SEEN);
      }
    }
  }
  // words that occur inside longer capitalised runs elsewhere ("Clinton" after "Bill Clinton")
  const inLonger = new Set<string>();
  for (let s = 0; s < docAtoms.length; s++) {
    if (headline[s]) continue;
    const atoms = docAtoms[s]!;
    let i = 0;
    while (i < atoms.length) {
      if (!atoms[i]!.cap) {
        i++;
        continue;
      }
      let j = i;
      while (j < atoms.length && atoms[j]!.cap) j++;
      if (j - i >= 2) for (let k = i; k < j; k++) inLonger.add(atoms[k]!.lower);
      i = j;
    }
  }

  const keyOf = new Map<string, number>();
  const out: SentenceContext[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const atoms = docAtoms[s]!;
    const n = atoms.length;
    const words = sentences[s]!;
    const isHeadline = headline[s]!;
    const flags = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const a = atoms[i]!;
      let f = a.flags;
      if (i === 0) f |= F_FIRST;
      if (isHeadline) f |= F_HEADLINE;
      if (a.cap) f |= i === 0 ? F_CAP_FIRST : F_CAP_MID;
      if (i > 0 && OPENERS.has(words[i - 1]!)) f |= F_AFTER_QUOTE;
      flags[i] = f;
    }
    const gz = new Int32Array(n);
    matchGazetteer(atoms, gaz, gz);
    const ez = new Int32Array(n);
    matchGazetteer(atoms, ext, ez);
    const db = new Int32Array(n);
    const hist = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const a = atoms[i]!;
      if (!a.cap) continue;
      let b = (docBits.get(a.lower) ?? 0) & (D_LOWER_SEEN | D_TITLE_MID_SEEN);
      if (i === 0 || isHeadline || a.allCaps) {
        if (b & D_LOWER_SEEN) b |= D_UNINF_LOWER;
        if (b & D_TITLE_MID_SEEN) b |= D_UNINF_TITLE;
        if (!(b & (D_LOWER_SEEN | D_TITLE_MID_SEEN))) b |= D_UNINF_NONE;
      }
      if ((capCount.get(a.lower) ?? 0) >= 2) b |= D_REPEATED;
      if (inLonger.has(a.lower)) b |= D_PART_OF_LONGER;
      db[i] = b;
      let k = keyOf.get(a.lower);
      if (k === undefined) keyOf.set(a.lower, (k = keyOf.size));
      hist[i] = k;
    }
    out.push({ n, atoms, flags, gz, ez, db, hist });
  }
  return { sentences: out, keys: keyOf.size };
}

/** Writes the static feature rows of token i into rows[n..]; returns the new count. rows must have room for
 *  MAX_STATIC_ROWS more entries. */
export const MAX_STATIC_ROWS = 320;
export function staticRows(ctx: SentenceContext, i: number, space: FeatureSpace, rows: Int32Array, n: number): number {
  const { look: f, padW, padS } = space;
  const atoms = ctx.atoms;
  const len = ctx.n;
  const a = atoms[i]!;
  const prev = i > 0 ? atoms[i - 1]! : null;
  const next = i + 1 < len ? atoms[i + 1]! : null;
  const wm1 = prev ? prev.w : padW[0];
  const wm2 = i > 1 ? atoms[i - 2]!.w : padW[0];
  const wp1 = next ? next.w : padW[1];
  const wp2 = i + 2 < len ? atoms[i + 2]!.w : padW[1];
  const sm1 = prev ? prev.s : padS[0];
  const sm2 = i > 1 ? atoms[i - 2]!.s : padS[0];
  const sp1 = next ? next.s : padS[1];
  const sp2 = i + 2 < len ? atoms[i + 2]!.s : padS[1];
  const w0 = a.w;
  const s0 = a.s;
  let r: number;
  if ((r = f(T.bias, 0, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.w0, w0, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.s0, s0, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.p0, a.p1, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.p0, a.p2, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.p0, a.p3, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.p0, a.p4, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.x0, a.x1, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.x0, a.x2, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.x0, a.x3, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.x0, a.x4, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.c0, a.c1, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.c0, a.c2, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.c0, a.c3, -1)) >= 0) rows[n++] = r;
  for (let bits = ctx.flags[i]!; bits !== 0; bits &= bits - 1) if ((r = f(T.f0, 31 - Math.clz32(bits & -bits), -1)) >= 0) rows[n++] = r;
  for (let bits = ctx.gz[i]!; bits !== 0; bits &= bits - 1) {
    const k = 31 - Math.clz32(bits & -bits);
    if ((r = f(T.g0, k, -1)) >= 0) rows[n++] = r;
    if (s0 >= 0 && (r = f(T.g0s0, k, s0)) >= 0) rows[n++] = r;
  }
  for (let bits = ctx.ez[i]!; bits !== 0; bits &= bits - 1) {
    const k = 31 - Math.clz32(bits & -bits);
    if ((r = f(T.e0, k, -1)) >= 0) rows[n++] = r;
  }
  for (let bits = ctx.db[i]!; bits !== 0; bits &= bits - 1) if ((r = f(T.d0, 31 - Math.clz32(bits & -bits), -1)) >= 0) rows[n++] = r;
  if ((r = f(T.wm1, wm1, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.wp1, wp1, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.wm2, wm2, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.wp2, wp2, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.sm1, sm1, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.sp1, sp1, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.sm2, sm2, -1)) >= 0) rows[n++] = r;
  if ((r = f(T.sp2, sp2, -1)) >= 0) rows[n++] = r;
  if (prev) {
    if ((r = f(T.cm1, prev.c1, -1)) >= 0) rows[n++] = r;
    if ((r = f(T.cm1, prev.c2, -1)) >= 0) rows[n++] = r;
    if ((r = f(T.cm1, prev.c3, -1)) >= 0) rows[n++] = r;
    for (let bits = ctx.gz[i - 1]!; bits !== 0; bits &= bits - 1) if ((r = f(T.gm1, 31 - Math.clz32(bits & -bits), -1)) >= 0) rows[n++] = r;
    for (let bits = ctx.ez[i - 1]!; bits !== 0; bits &= bits - 1) if ((r = f(T.em1, 31 - Math.clz32(bits & -bits), -1)) >= 0) rows[n++] = r;
    for (let bits = ctx.flags[i - 1]!; bits !== 0; bits &= bits - 1) if ((r = f(T.fm1, 31 - Math.clz32(bits & -bits), -1)) >= 0) rows[n++] = r;
    if ((r = f(T.xm1, prev.x3, -1)) >= 0) rows[n++] = r;
    if (a.c1 >= 0 && (r = f(T.cm1c0, prev.c1, a.c1)) >= 0) rows[n++] = r;
  }
  if (next) {
    if ((r = f(T.cp1, next.c1, -1)) >= 0) rows[n++] = r;
    if ((r = f(T.cp1, next.c2, -1)) >= 0) rows[n++] = r;
    if ((r = f(T.cp1, next.c3, -1)) >= 0) rows[n++] = r;
    for (let bits = ctx.gz[i + 1]!; bits !== 0; bits &= bits - 1) if ((r = f(T.gp1, 31 - Math.clz32(bits & -bits), -1)) >= 0) rows[n++] = r;
    for (let bits = ctx.ez[i + 1]!; bits !== 0; bits &= bits - 1) if ((r = f(T.ep1, 31 - Math.clz32(bits & -bits), -1)) >= 0) rows[n++] = r;
    for (let bits = ctx.flags[i + 1]!; bits !== 0; bits &= bits - 1) if ((r = f(T.fp1, 31 - Math.clz32(bits & -bits), -1)) >= 0) rows[n++] = r;
    if ((r = f(T.xp1, next.x3, -1)) >= 0) rows[n++] = r;
    if (a.c1 >= 0 && (r = f(T.c0cp1, a.c1, next.c1)) >= 0) rows[n++] = r;
  }
  if (w0 >= 0 && wm1 >= 0 && (r = f(T.wm1w0, wm1, w0)) >= 0) rows[n++] = r;
  if (w0 >= 0 && wp1 >= 0 && (r = f(T.w0wp1, w0, wp1)) >= 0) rows[n++] = r;
  if (s0 >= 0 && sm1 >= 0 && (r = f(T.sm1s0, sm1, s0)) >= 0) rows[n++] = r;
  if (s0 >= 0 && sp1 >= 0 && (r = f(T.s0sp1, s0, sp1)) >= 0) rows[n++] = r;
  if (s0 >= 0 && wm1 >= 0 && (r = f(T.wm1s0, wm1, s0)) >= 0) rows[n++] = r;
  if (s0 >= 0 && wp1 >= 0 && (r = f(T.s0wp1, s0, wp1)) >= 0) rows[n++] = r;
  return n;
}

/** Static feature rows of every token, stored once (training decodes each document many times). */
export interface PreparedDocument {
  context: DocumentContext;
  /** per sentence: rows of token i in feats[offs[i]..offs[i+1]) */
  feats: Int32Array[];
  offs: Int32Array[];
}

export function prepareDocument(ctx: DocumentContext, space: FeatureSpace): PreparedDocument {
  const feats: Int32Array[] = [];
  const offs: Int32Array[] = [];
  const buf = new Int32Array(MAX_STATIC_ROWS);
  for (const s of ctx.sentences) {
    const parts: number[] = [];
    const o = new Int32Array(s.n + 1);
    for (let i = 0; i < s.n; i++) {
      o[i] = parts.length;
      const n = staticRows(s, i, space, buf, 0);
      for (let k = 0; k < n; k++) parts.push(buf[k]!);
    }
    o[s.n] = parts.length;
    feats.push(Int32Array.from(parts));
    offs.push(o);
  }
  return { context: ctx, feats, offs };
}

// ---------------------------------------------------------------------------------------------------------
// Greedy decoding with label history.

export interface Learner {
  /** gold labels per sentence */
  gold: readonly Uint8Array[];
  /** called when the guess is wrong; rows are the active feature rows */
  update(rows: Int32Array, n: number, gold: number, guess: number): void;
  /** make sure weights cover every row of the index (called after features were added) */
  ensure(): void;
}

const typeOfLabel = (l: number) => (l === 0 ? 0 : ((l - 1) >> 1) + 1); // 0 = O, 1..4 = type
const isInside = (l: number) => l > 0 && (l - 1) % 2 === 1;

/** Tags a document greedily (left to right, sentence by sentence). Static rows come from `prepared` when
 *  given, else are computed on the fly. Fills `scoresOut` (per sentence, NL scores per token) when given.
 *  With a learner, updates the weights on mistakes (training). */
export function decodeDocument(
  ctx: DocumentContext,
  space: FeatureSpace,
  weights: () => Float32Array | Float64Array,
  prepared?: PreparedDocument,
  learner?: Learner,
  scoresOut?: Float32Array[],
): Uint8Array[] {
  const get = space.look;
  const histCounts = new Int32Array(ctx.keys * 5);
  let rows = new Int32Array(MAX_STATIC_ROWS + 32);
  const scores = new Float64Array(NL);
  const result: Uint8Array[] = [];
  for (let si = 0; si < ctx.sentences.length; si++) {
    const sent = ctx.sentences[si]!;
    const labels = new Uint8Array(sent.n);
    const sc = scoresOut ? new Float32Array(sent.n * NL) : null;
    const feats = prepared?.feats[si];
    const offs = prepared?.offs[si];
    let pm1 = START_LABEL;
    let pm2 = START_LABEL;
    for (let i = 0; i < sent.n; i++) {
      let n = 0;
      if (feats && offs) {
        const from = offs[i]!;
        const to = offs[i + 1]!;
        if (rows.length < to - from + 32) rows = new Int32Array((to - from + 32) * 2);
        for (let k = from; k < to; k++) rows[n++] = feats[k]!;
      } else n = staticRows(sent, i, space, rows, 0);
      const w0 = sent.atoms[i]!.w;
      const s0 = sent.atoms[i]!.s;
      let r = get(T.tm1, pm1, -1);
      if (r >= 0) rows[n++] = r;
      r = get(T.tm2tm1, pm2, pm1);
      if (r >= 0) rows[n++] = r;
      if (w0 >= 0) {
        r = get(T.tm1w0, pm1, w0);
        if (r >= 0) rows[n++] = r;
      }
      if (s0 >= 0) {
        r = get(T.tm1s0, pm1, s0);
        if (r >= 0) rows[n++] = r;
      }
      const hk = sent.hist[i]!;
      if (hk >= 0) {
        const base = hk * 5;
        let best = -1;
        let bestN = 0;
        for (let t = 0; t < 5; t++) {
          const c = histCounts[base + t]!;
          if (c > 0) {
            r = get(T.h0, t, -1);
            if (r >= 0) rows[n++] = r;
            if (c > bestN) {
              bestN = c;
              best = t;
            }
          }
        }
        if (best >= 0) {
          r = get(T.h0, 5 + best, -1);
          if (r >= 0) rows[n++] = r;
          if (s0 >= 0) {
            r = get(T.h0s0, best, s0);
            if (r >= 0) rows[n++] = r;
          }
        }
      }
      if (learner) learner.ensure();
      const W = weights();
      let s0_ = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
      for (let k = 0; k < n; k++) {
        const base = rows[k]! * NL;
        s0_ += W[base]!;
        s1 += W[base + 1]!;
        s2 += W[base + 2]!;
        s3 += W[base + 3]!;
        s4 += W[base + 4]!;
        s5 += W[base + 5]!;
        s6 += W[base + 6]!;
        s7 += W[base + 7]!;
        s8 += W[base + 8]!;
      }
      scores[0] = s0_;
      scores[1] = s1;
      scores[2] = s2;
      scores[3] = s3;
      scores[4] = s4;
      scores[5] = s5;
      scores[6] = s6;
      scores[7] = s7;
      scores[8] = s8;
      // BIO: I-T only after B-T or I-T
      // names do not start with a plain lower-case word (19 of 23,499 in eng.train: "serie A", "de Boer")
      const noStart = NER_CONFIG.noLowercaseStarts && (sent.atoms[i]!.flags & (F_LOWER | F_HASDIGIT)) === F_LOWER;
      let guess = 0;
      let best = -Infinity;
      for (let l = 0; l < NL; l++) {
        if (isInside(l) ? !(pm1 === l || pm1 === l - 1) : noStart && l > 0) {
          scores[l] = -Infinity;
          continue;
        }
        if (scores[l]! > best) {
          best = scores[l]!;
          guess = l;
        }
      }
      if (sc) for (let l = 0; l < NL; l++) sc[i * NL + l] = scores[l]!;
      if (learner) {
        const gold = learner.gold[si]![i]!;
        if (gold !== guess && scores[gold] !== -Infinity) learner.update(rows, n, gold, guess);
      }
      labels[i] = guess;
      if (hk >= 0) histCounts[hk * 5 + typeOfLabel(guess)]!++;
      pm2 = pm1;
      pm1 = guess;
    }
    result.push(labels);
    if (sc && scoresOut) scoresOut.push(sc);
  }
  return result;
}

/** Spans of a BIO label sequence (label indices); an I-T without a preceding B-T/I-T opens a span. Scores are 0. */
export function labelSpans(labels: ArrayLike<number>): NerSpan[] {
  const out: NerSpan[] = [];
  let open = -1;
  let openType = 0;
  for (let i = 0; i <= labels.length; i++) {
    const l = i < labels.length ? labels[i]! : 0;
    const t = typeOfLabel(l);
    const continues = open >= 0 && isInside(l) && t === openType;
    if (open >= 0 && !continues) {
      out.push({ start: open, end: i, type: NER_TYPES[openType - 1]!, score: 0 });
      open = -1;
    }
    if (l !== 0 && !continues) {
      open = i;
      openType = t;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Model file: gzip of [u32 header length][JSON header][binary sections]. The header holds the dictionaries,
// gazetteer and clusters; the binary part holds the feature keys (Int32 triples) and Int16 weights.

export interface NerModelFile {
  about: string;
  labels: readonly string[];
  templates: readonly string[];
  dicts: Record<keyof Dicts, string[]>;
  /** names from the training data: phrase (lower-case tokens joined by spaces) and type bits (1 PER, 2 ORG,
   *  4 LOC, 8 MISC) */
  gazetteer: [string, number][];
  /** names from other lists (countries, places, organisations), same layout */
  external: [string, number][];
  /** word -> cluster path strings, coarse to fine */
  clusters: Record<string, string[]>;
  features: number;
  /** weight = int16 * scale */
  scale: number;
  /** span confidence = softmax(score / temperature) over the allowed labels, averaged over the span */
  temperature: number;
  provenance: Record<string, unknown>;
}

export function encodeModel(header: NerModelFile, keys: Int32Array, weights: Int16Array): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length, 0);
  const k = Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength);
  const w = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
  return Buffer.concat([len, json, k, w]);
}

export function decodeModel(raw: Buffer): { header: NerModelFile; keys: Int32Array; weights: Int16Array } {
  const len = raw.readUInt32LE(0);
  const header = JSON.parse(raw.subarray(4, 4 + len).toString('utf8')) as NerModelFile;
  let at = 4 + len;
  const keyBytes = header.features * 3 * 4;
  const keys = new Int32Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + keyBytes));
  at += keyBytes;
  const weights = new Int16Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + header.features * NL * 2));
  return { header, keys, weights };
}

const toMap = (arr: readonly string[]) => new Map(arr.map((s, i) => [s, i] as [string, number]));
const gazFrom = (list: readonly [string, number][]) => buildGazetteer(list.map(([p, t]) => [p.split(' '), t] as const));

/** Mean softmax probability (at a temperature, over the allowed labels) of the chosen labels in [start, end). */
export function spanConfidence(sc: Float32Array, labels: ArrayLike<number>, start: number, end: number, temperature: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    let max = -Infinity;
    for (let l = 0; l < NL; l++) max = Math.max(max, sc[i * NL + l]!);
    let z = 0;
    for (let l = 0; l < NL; l++) {
      const v = sc[i * NL + l]!;
      if (v !== -Infinity) z += Math.exp((v - max) / temperature);
    }
    sum += Math.exp((sc[i * NL + labels[i]!]! - max) / temperature) / z;
  }
  return sum / (end - start);
}

/** Person spans as CoNLL draws them: without a leading "Mr."/"Dr.", and across lower-case name particles
 *  ("Mohammed bin Salman" tagged "Mohammed" + "Salman" becomes one person). */
const STARTS_UPPER = /^\p{Lu}/u;
export function tidyPersons(words: readonly string[], spans: NerSpan[]): NerSpan[] {
  const out: NerSpan[] = [];
  for (let k = 0; k < spans.length; k++) {
    let sp = spans[k]!;
    if (sp.type === 'PER' && sp.end - sp.start > 1 && NER_RULES.honorifics.has(words[sp.start]!.toLowerCase())) sp = { ...sp, start: sp.start + 1 };
    if (sp.type === 'PER') {
      let j = sp.end;
      while (j < words.length && j - sp.end < 2 && NER_RULES.nameParticles.has(words[j]!)) j++;
      const next = spans[k + 1];
      if (j > sp.end && j < words.length && STARTS_UPPER.test(words[j]!) && (!next || next.start >= j)) {
        let end = j;
        while (end < words.length && STARTS_UPPER.test(words[end]!)) end++;
        let score = sp.score;
        while (spans[k + 1] && spans[k + 1]!.start < end) {
          const nx = spans[++k]!;
          end = Math.max(end, nx.end);
          score = (score + nx.score) / 2;
        }
        sp = { ...sp, end, score };
      }
    }
    out.push(sp);
  }
  return out;
}

class PerceptronNer implements NerModel {
  private space: FeatureSpace;
  private gaz: Gazetteer;
  private ext: Gazetteer;
  private weights: Float32Array;
  private temperature: number;
  constructor(header: NerModelFile, keys: Int32Array, q: Int16Array) {
    const dicts: Dicts = { w: toMap(header.dicts.w), s: toMap(header.dicts.s), p: toMap(header.dicts.p), x: toMap(header.dicts.x), c: toMap(header.dicts.c) };
    const index = new FeatureIndex(header.features);
    for (let r = 0; r < header.features; r++) index.add(keys[r * 3]!, keys[r * 3 + 1]!, keys[r * 3 + 2]!);
    const entries = Object.entries(header.clusters);
    const clusters: Clusters | null = entries.length > 0 ? new Map(entries) : null;
    this.space = featureSpace(dicts, clusters, index, false);
    this.gaz = gazFrom(header.gazetteer);
    this.ext = gazFrom(header.external);
    this.weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) this.weights[i] = q[i]! * header.scale;
    this.temperature = header.temperature;
  }
  tag(words: readonly string[]): NerSpan[] {
    return this.tagDocument([words])[0]!;
  }
  tagDocument(sentences: readonly (readonly string[])[]): NerSpan[][] {
    const ctx = documentContext(sentences, this.space, this.gaz, this.ext);
    const scores: Float32Array[] = [];
    const W = this.weights;
    const labels = decodeDocument(ctx, this.space, () => W, undefined, undefined, scores);
    const out: NerSpan[][] = new Array(labels.length);
    for (let s = 0; s < labels.length; s++) {
      const ls = labels[s]!;
      const spans = labelSpans(ls);
      for (const span of spans) span.score = spanConfidence(scores[s]!, ls, span.start, span.end, this.temperature);
      out[s] = spans.length > 0 ? tidyPersons(sentences[s]!, spans) : spans;
    }
    return out;
  }
}

/** A model from the bytes of a model file (gzip'd or not). */
export function nerModelFromBuffer(buf: Buffer): NerModel {
  const raw = buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf;
  const { header, keys, weights } = decodeModel(raw);
  return new PerceptronNer(header, keys, weights);
}

export const NER_MODEL_FILE = 'ner-model.bin.gz';

let loaded: NerModel | null = null;
/** The committed model (data/ner-model.bin.gz), loaded on first use. */
export function loadNerModel(): NerModel {
  if (loaded === null) loaded = nerModelFromBuffer(readFileSync(dataPath(NER_MODEL_FILE)));
  return loaded;
}
