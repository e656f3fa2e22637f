// Greedy transition-based dependency parser: the arc-hybrid system (Kuhlmann et al. 2011) with the root token
// at the end of the buffer, labels predicted jointly with the transitions, trained as an averaged perceptron
// with the dynamic oracle and error exploration of Goldberg & Nivre (2012, 2013), over a Zhang & Nivre (2011)
// style feature set (words, tags, clusters of the stack and buffer, pairs and triples, distance, valency,
// leftmost/rightmost children and their labels, label sets).
//
// Scores are factored: score(SHIFT) = T[SHIFT], score(LEFT-l) = T[LEFT] + L[LEFT-l], score(RIGHT-l) =
// T[RIGHT] + L[RIGHT-l], with T over the full transition feature set and L over a smaller set centred on the
// dependent (always s0 in arc-hybrid) and its two possible heads (s1 and b0). The best labelled transition is
// taken over the sum, and both parts are updated together, so transitions and labels are chosen jointly.
//
// Transition templates (86; the numbers in transitionFeatures are template ids): word (w), tag (p, the tagger's
// combined UPOS+XPOS tag) and word+tag of s0, s1, n0, n1; tags of s2, n2; Zhang & Nivre's s0-n0 and s1-s0 pairs
// (word+tag, word, tag combinations); n0-n1 and s1-n0 tags; tag triples over s2 s1 s0 n0 n1 n2 and the
// leftmost/rightmost children of s0, s1, n0; distance (s0-n0, s1-s0) with words, tags and the s0-n0 word pair;
// valency (child counts) of s0, n0, s1; words, tags and labels of the leftmost/rightmost children of s0 and n0
// (tags and labels of the second ones) and of s1's outer children; label pairs of those children; left/right
// label sets of s0, n0, s1; word clusters (256 classes) of s0 and n0 alone, paired and with the other's tag, and of
// s0 with s1's tag. Label templates (35): the dependent s0 and both candidate heads (s1, n0): words, tags,
// word/tag pairs, tag triples, distance, valency, label sets, s0's outer children, clusters (28 shared with the
// transition templates, 7 of their own).
//
// Every word is shifted once and popped once: 2n transitions, linear time in the sentence length.
import { fkey, strHash, type PerceptronTrainer, type SparseWeights } from './features.js';
import type { Atoms } from './tagger.js';

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;

const NONE_P = 0xfff1;
const ROOT_P = 0xfff0;
const NONE_W = strHash('<none>');
const ROOT_W = strHash('<root>');
const NONE_L = 0xff;

/** Parser configuration over a sentence of n words; position n is the root, n + 1 stands for "none". */
export class ParseState {
  /** sentence length (the arrays may be longer: a state is reused for shorter sentences) */
  n = 0;
  stack: Int32Array;
  sp = 0;
  /** front of the buffer (n = only the root left) */
  b = 0;
  heads: Int32Array;
  labels: Int32Array;
  /** leftmost, second leftmost, rightmost, second rightmost child (n + 1 when none) */
  lc1: Int32Array;
  lc2: Int32Array;
  rc1: Int32Array;
  rc2: Int32Array;
  nl: Uint16Array;
  nr: Uint16Array;
  /** left / right label sets as two 32-bit masks each */
  lsetA: Uint32Array;
  lsetB: Uint32Array;
  rsetA: Uint32Array;
  rsetB: Uint32Array;
  onStack: Uint8Array;

  constructor(n: number) {
    const m = n + 2;
    this.stack = new Int32Array(m);
    this.heads = new Int32Array(m);
    this.labels = new Int32Array(m);
    this.lc1 = new Int32Array(m);
    this.lc2 = new Int32Array(m);
    this.rc1 = new Int32Array(m);
    this.rc2 = new Int32Array(m);
    this.nl = new Uint16Array(m);
    this.nr = new Uint16Array(m);
    this.lsetA = new Uint32Array(m);
    this.lsetB = new Uint32Array(m);
    this.rsetA = new Uint32Array(m);
    this.rsetB = new Uint32Array(m);
    this.onStack = new Uint8Array(m);
    this.reset(n);
  }

  /** The initial configuration of a sentence of n words (n must not exceed the length given at construction). */
  reset(n: number): void {
    if (n + 2 > this.heads.length) throw new Error('ParseState: sentence longer than the state');
    this.n = n;
    this.sp = 0;
    this.b = 0;
    const m = n + 2;
    this.heads.fill(-1, 0, m);
    this.labels.fill(NONE_L, 0, m);
    this.lc1.fill(n + 1, 0, m);
    this.lc2.fill(n + 1, 0, m);
    this.rc1.fill(n + 1, 0, m);
    this.rc2.fill(n + 1, 0, m);
    this.nl.fill(0, 0, m);
    this.nr.fill(0, 0, m);
    this.lsetA.fill(0, 0, m);
    this.lsetB.fill(0, 0, m);
    this.rsetA.fill(0, 0, m);
    this.rsetB.fill(0, 0, m);
    this.onStack.fill(0, 0, m);
  }

  get done(): boolean {
    return this.b >= this.n && this.sp === 0;
  }

  canShift(): boolean {
    return this.b < this.n;
  }
  canLeft(): boolean {
    return this.sp > 0 && (this.b < this.n || this.sp === 1);
  }
  canRight(): boolean {
    return this.sp > 1;
  }

  apply(type: number, label: number): void {
    if (type === SHIFT) {
      this.stack[this.sp++] = this.b;
      this.onStack[this.b] = 1;
      this.b++;
      return;
    }
    const d = this.stack[--this.sp]!;
    this.onStack[d] = 0;
    const h = type === LEFT ? this.b : this.stack[this.sp - 1]!;
    this.heads[d] = h;
    this.labels[d] = label;
    if (type === LEFT) {
      this.lc2[h] = this.lc1[h]!;
      this.lc1[h] = d;
      this.nl[h]!++;
      if (label < 32) this.lsetA[h]! |= 1 << label;
      else this.lsetB[h]! |= 1 << (label - 32);
    } else {
      this.rc2[h] = this.rc1[h]!;
      this.rc1[h] = d;
      this.nr[h]!++;
      if (label < 32) this.rsetA[h]! |= 1 << label;
      else this.rsetB[h]! |= 1 << (label - 32);
    }
  }
}

/** Word, tag and cluster atoms of the sentence, with slots n (root) and n + 1 (none). */
export interface ParserAtoms {
  w: Uint32Array;
  p: Uint32Array;
  c: Uint32Array;
}

export function parserAtoms(a: Atoms, tags: ArrayLike<number>): ParserAtoms {
  const n = a.n;
  const w = new Uint32Array(n + 2);
  const p = new Uint32Array(n + 2);
  const c = new Uint32Array(n + 2);
  for (let i = 0; i < n; i++) {
    w[i] = a.w[i]!;
    p[i] = tags[i]!;
    c[i] = a.c[i * 3 + 1]! | 0x10000;
  }
  w[n] = ROOT_W;
  p[n] = ROOT_P;
  c[n] = ROOT_P;
  w[n + 1] = NONE_W;
  p[n + 1] = NONE_P;
  c[n + 1] = NONE_P;
  return { w, p, c };
}

const dist = (d: number) => (d <= 4 ? d : d <= 7 ? 5 : d <= 12 ? 6 : 7);

export const PARSER_MAX_FEATURES = 128;
export const LABEL_MAX_FEATURES = 48;

/** Template number and atoms of each feature, written by the feature functions and then hashed in one loop (one
 *  call site of fkey, which the compiler inlines, instead of one per template). */
const ATOMS = new Uint32Array(4 * (PARSER_MAX_FEATURES + LABEL_MAX_FEATURES));

function hashAtoms(out: Uint32Array, from: number, to: number): void {
  const A = ATOMS;
  for (let j = from; j < to; j++) out[j] = fkey(A[4 * j]!, A[4 * j + 1]!, A[4 * j + 2]!, A[4 * j + 3]!);
}

/** Transition features of a configuration; returns the count. */
export function transitionFeatures(st: ParseState, at: ParserAtoms, out: Uint32Array): number {
  const n = st.n;
  const NONE = n + 1;
  const { w: W, p: P, c: C } = at;
  const sp = st.sp;
  const S0 = sp > 0 ? st.stack[sp - 1]! : NONE;
  const S1 = sp > 1 ? st.stack[sp - 2]! : NONE;
  const S2 = sp > 2 ? st.stack[sp - 3]! : NONE;
  const N0 = st.b <= n ? st.b : NONE;
  const N1 = st.b + 1 <= n ? st.b + 1 : NONE;
  const N2 = st.b + 2 <= n ? st.b + 2 : NONE;
  const L = st.labels;
  const s0w = W[S0]!, s0p = P[S0]!, s1w = W[S1]!, s1p = P[S1]!, s2p = P[S2]!;
  const n0w = W[N0]!, n0p = P[N0]!, n1w = W[N1]!, n1p = P[N1]!, n2p = P[N2]!;
  const s0c = C[S0]!, n0c = C[N0]!;
  const S0L = st.lc1[S0]!, S0L2 = st.lc2[S0]!, S0R = st.rc1[S0]!, S0R2 = st.rc2[S0]!;
  const S1L = st.lc1[S1]!, S1R = st.rc1[S1]!;
  const N0L = st.lc1[N0]!, N0L2 = st.lc2[N0]!;
  const d1 = S0 !== NONE && N0 !== NONE ? (N0 === n ? 8 : dist(N0 - S0)) : 0;
  const d2 = S1 !== NONE ? dist(S0 - S1) : 0;
  const s0vl = st.nl[S0]!, s0vr = st.nr[S0]!, s1vl = st.nl[S1]!, s1vr = st.nr[S1]!, n0vl = st.nl[N0]!;
  const s0wp = Math.imul(s0w, 31) ^ s0p;
  const n0wp = Math.imul(n0w, 31) ^ n0p;
  const s1wp = Math.imul(s1w, 31) ^ s1p;
  let k = 0;
  ATOMS[k * 4] = 0; ATOMS[k * 4 + 1] = 0; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  // single words
  ATOMS[k * 4] = 1; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 2; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 3; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 4; ATOMS[k * 4 + 1] = n0w; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 5; ATOMS[k * 4 + 1] = n0w; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 6; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 7; ATOMS[k * 4 + 1] = n1w; ATOMS[k * 4 + 2] = n1p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 8; ATOMS[k * 4 + 1] = n1w; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 9; ATOMS[k * 4 + 1] = n1p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 11; ATOMS[k * 4 + 1] = n2p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 12; ATOMS[k * 4 + 1] = s1w; ATOMS[k * 4 + 2] = s1p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 13; ATOMS[k * 4 + 1] = s1w; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 14; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 15; ATOMS[k * 4 + 1] = s2p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  // pairs
  ATOMS[k * 4] = 17; ATOMS[k * 4 + 1] = s0wp; ATOMS[k * 4 + 2] = n0wp; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 18; ATOMS[k * 4 + 1] = s0wp; ATOMS[k * 4 + 2] = n0w; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 19; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = n0wp; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 20; ATOMS[k * 4 + 1] = s0wp; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 21; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0wp; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 22; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = n0w; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 23; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 24; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = n1p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 25; ATOMS[k * 4 + 1] = s1wp; ATOMS[k * 4 + 2] = s0wp; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 26; ATOMS[k * 4 + 1] = s1w; ATOMS[k * 4 + 2] = s0w; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 27; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 28; ATOMS[k * 4 + 1] = s1wp; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 29; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0wp; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 30; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = 0; k++;
  // triples of tags
  ATOMS[k * 4] = 32; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = n1p; ATOMS[k * 4 + 3] = n2p; k++;
  ATOMS[k * 4] = 33; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = n1p; k++;
  ATOMS[k * 4] = 34; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = n0p; k++;
  ATOMS[k * 4] = 35; ATOMS[k * 4 + 1] = s2p; ATOMS[k * 4 + 2] = s1p; ATOMS[k * 4 + 3] = s0p; k++;
  ATOMS[k * 4] = 36; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = P[S0L]!; ATOMS[k * 4 + 3] = n0p; k++;
  ATOMS[k * 4] = 37; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = P[S0R]!; ATOMS[k * 4 + 3] = n0p; k++;
  ATOMS[k * 4] = 38; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = P[N0L]!; k++;
  ATOMS[k * 4] = 39; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = P[S1L]!; ATOMS[k * 4 + 3] = s0p; k++;
  ATOMS[k * 4] = 40; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = P[S1R]!; ATOMS[k * 4 + 3] = s0p; k++;
  ATOMS[k * 4] = 41; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = P[S0R]!; k++;
  ATOMS[k * 4] = 42; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = P[S0L]!; k++;
  // distance
  ATOMS[k * 4] = 45; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = d1; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 46; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = d1; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 47; ATOMS[k * 4 + 1] = n0w; ATOMS[k * 4 + 2] = d1; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 48; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = d1; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 49; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = n0w; ATOMS[k * 4 + 3] = d1; k++;
  ATOMS[k * 4] = 50; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = d1; k++;
  ATOMS[k * 4] = 51; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = d2; k++;
  ATOMS[k * 4] = 54; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = d2; ATOMS[k * 4 + 3] = 0; k++;
  // valency
  ATOMS[k * 4] = 55; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = s0vr; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 56; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = s0vr; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 57; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = s0vl; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 58; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = s0vl; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 59; ATOMS[k * 4 + 1] = n0w; ATOMS[k * 4 + 2] = n0vl; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 60; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = n0vl; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 61; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s1vr; ATOMS[k * 4 + 3] = 0; k++;
  // children
  ATOMS[k * 4] = 64; ATOMS[k * 4 + 1] = W[S0L]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 65; ATOMS[k * 4 + 1] = P[S0L]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 66; ATOMS[k * 4 + 1] = L[S0L]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 67; ATOMS[k * 4 + 1] = W[S0R]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 68; ATOMS[k * 4 + 1] = P[S0R]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 69; ATOMS[k * 4 + 1] = L[S0R]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 70; ATOMS[k * 4 + 1] = W[N0L]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 71; ATOMS[k * 4 + 1] = P[N0L]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 72; ATOMS[k * 4 + 1] = L[N0L]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 73; ATOMS[k * 4 + 1] = P[S1L]!; ATOMS[k * 4 + 2] = L[S1L]!; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 75; ATOMS[k * 4 + 1] = P[S1R]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 76; ATOMS[k * 4 + 1] = L[S1R]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 78; ATOMS[k * 4 + 1] = P[S0L2]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 79; ATOMS[k * 4 + 1] = L[S0L2]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 81; ATOMS[k * 4 + 1] = P[S0R2]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 82; ATOMS[k * 4 + 1] = L[S0R2]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 84; ATOMS[k * 4 + 1] = P[N0L2]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 85; ATOMS[k * 4 + 1] = L[N0L2]!; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 86; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = L[S0L]!; ATOMS[k * 4 + 3] = L[S0L2]!; k++;
  ATOMS[k * 4] = 87; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = L[S0R]!; ATOMS[k * 4 + 3] = L[S0R2]!; k++;
  ATOMS[k * 4] = 88; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = L[N0L]!; ATOMS[k * 4 + 3] = L[N0L2]!; k++;
  // label sets
  ATOMS[k * 4] = 91; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = st.lsetA[S0]!; ATOMS[k * 4 + 3] = st.lsetB[S0]!; k++;
  ATOMS[k * 4] = 93; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = st.rsetA[S0]!; ATOMS[k * 4 + 3] = st.rsetB[S0]!; k++;
  ATOMS[k * 4] = 95; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = st.lsetA[N0]!; ATOMS[k * 4 + 3] = st.lsetB[N0]!; k++;
  ATOMS[k * 4] = 96; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = st.rsetA[S1]!; ATOMS[k * 4 + 3] = st.rsetB[S1]!; k++;
  // clusters
  ATOMS[k * 4] = 97; ATOMS[k * 4 + 1] = s0c; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 98; ATOMS[k * 4 + 1] = n0c; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 101; ATOMS[k * 4 + 1] = s0c; ATOMS[k * 4 + 2] = n0c; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 102; ATOMS[k * 4 + 1] = s0c; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 103; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0c; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 106; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0c; ATOMS[k * 4 + 3] = 0; k++;
  hashAtoms(out, 0, k);
  return k;
}

/**
 * Label features: the dependent is always s0; its head is b0 (LEFT) or s1 (RIGHT). Most are transition templates
 * with the same keys (so the shipped model keeps one row per key with both transition and label weights, and
 * decoding looks each key up once); labelOnlyFeatures adds the rest.
 */
export function labelFeatures(st: ParseState, at: ParserAtoms, out: Uint32Array): number {
  const n = st.n;
  const NONE = n + 1;
  const { w: W, p: P, c: C } = at;
  const sp = st.sp;
  const S0 = sp > 0 ? st.stack[sp - 1]! : NONE;
  const S1 = sp > 1 ? st.stack[sp - 2]! : NONE;
  const N0 = st.b <= n ? st.b : NONE;
  const N1 = st.b + 1 <= n ? st.b + 1 : NONE;
  const s0w = W[S0]!, s0p = P[S0]!, s1w = W[S1]!, s1p = P[S1]!, n0w = W[N0]!, n0p = P[N0]!, n1p = P[N1]!;
  const s0c = C[S0]!;
  const d1 = S0 !== NONE && N0 !== NONE ? (N0 === n ? 8 : dist(N0 - S0)) : 0;
  const d2 = S1 !== NONE ? dist(S0 - S1) : 0;
  const s0wp = Math.imul(s0w, 31) ^ s0p;
  const n0wp = Math.imul(n0w, 31) ^ n0p;
  const s1wp = Math.imul(s1w, 31) ^ s1p;
  let k = 0;
  // shared with transitionFeatures (same template numbers and atoms)
  ATOMS[k * 4] = 0; ATOMS[k * 4 + 1] = 0; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 1; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 2; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 3; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 5; ATOMS[k * 4 + 1] = n0w; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 6; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 13; ATOMS[k * 4 + 1] = s1w; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 14; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 20; ATOMS[k * 4 + 1] = s0wp; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 21; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0wp; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 22; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = n0w; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 23; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 26; ATOMS[k * 4 + 1] = s1w; ATOMS[k * 4 + 2] = s0w; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 27; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 28; ATOMS[k * 4 + 1] = s1wp; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 29; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0wp; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 33; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = n1p; k++;
  ATOMS[k * 4] = 34; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = n0p; k++;
  ATOMS[k * 4] = 38; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = P[st.lc1[N0]!]!; k++;
  ATOMS[k * 4] = 46; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = d1; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 54; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = d2; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 91; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = st.lsetA[S0]!; ATOMS[k * 4 + 3] = st.lsetB[S0]!; k++;
  ATOMS[k * 4] = 93; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = st.rsetA[S0]!; ATOMS[k * 4 + 3] = st.rsetB[S0]!; k++;
  ATOMS[k * 4] = 95; ATOMS[k * 4 + 1] = n0p; ATOMS[k * 4 + 2] = st.lsetA[N0]!; ATOMS[k * 4 + 3] = st.lsetB[N0]!; k++;
  ATOMS[k * 4] = 96; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = st.rsetA[S1]!; ATOMS[k * 4 + 3] = st.rsetB[S1]!; k++;
  ATOMS[k * 4] = 97; ATOMS[k * 4 + 1] = s0c; ATOMS[k * 4 + 2] = 0; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 102; ATOMS[k * 4 + 1] = s0c; ATOMS[k * 4 + 2] = n0p; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 106; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = s0c; ATOMS[k * 4 + 3] = 0; k++;
  hashAtoms(out, 0, k);
  return labelOnlyFeatures(st, at, out, k);
}

/** The label templates that are no transition templates, written from out[k]; returns the new count. */
export function labelOnlyFeatures(st: ParseState, at: ParserAtoms, out: Uint32Array, k: number): number {
  const k0 = k;
  const n = st.n;
  const NONE = n + 1;
  const { w: W, p: P } = at;
  const sp = st.sp;
  const S0 = sp > 0 ? st.stack[sp - 1]! : NONE;
  const S1 = sp > 1 ? st.stack[sp - 2]! : NONE;
  const L = st.labels;
  const s0w = W[S0]!, s0p = P[S0]!, s1p = P[S1]!;
  const S0L = st.lc1[S0]!;
  const S0R = st.rc1[S0]!;
  ATOMS[k * 4] = 216; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = L[S0L]!; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 217; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = L[S0R]!; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 228; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = st.nl[S0]!; ATOMS[k * 4 + 3] = st.nr[S0]!; k++;
  ATOMS[k * 4] = 229; ATOMS[k * 4 + 1] = s0p; ATOMS[k * 4 + 2] = P[S0L]!; ATOMS[k * 4 + 3] = P[S0R]!; k++;
  ATOMS[k * 4] = 230; ATOMS[k * 4 + 1] = s1p; ATOMS[k * 4 + 2] = st.lsetA[S1]!; ATOMS[k * 4 + 3] = st.lsetB[S1]!; k++;
  ATOMS[k * 4] = 233; ATOMS[k * 4 + 1] = s0w; ATOMS[k * 4 + 2] = P[S0L]!; ATOMS[k * 4 + 3] = 0; k++;
  ATOMS[k * 4] = 234; ATOMS[k * 4 + 1] = W[S0L]!; ATOMS[k * 4 + 2] = s0p; ATOMS[k * 4 + 3] = 0; k++;
  hashAtoms(out, k0, k);
  return k;
}

/** Label constraints and names shared by training and decoding. */
export interface LabelSpace {
  labels: readonly string[];
  /** index of "root" */
  root: number;
  /** allowed[type - 1][label]: 1 when the label was seen in that direction in training */
  allowedLeft: Uint8Array;
  allowedRight: Uint8Array;
}

/** Scores of one configuration: T (3) and L (2 × labels). */
export interface ParserScorer {
  scoreT(keys: Uint32Array, n: number, scores: Float32Array): void;
  scoreL(keys: Uint32Array, n: number, scores: Float32Array): void;
}

export function sparseParserScorer(T: SparseWeights, L: SparseWeights): ParserScorer {
  return { scoreT: (k, n, s) => T.score(k, n, s), scoreL: (k, n, s) => L.score(k, n, s) };
}

export function trainerParserScorer(T: PerceptronTrainer, L: PerceptronTrainer, avgT?: Float32Array, avgL?: Float32Array): ParserScorer {
  const dense = (tr: PerceptronTrainer, avg: Float32Array | undefined) => (keys: Uint32Array, n: number, scores: Float32Array) => {
    const C = tr.classes;
    const w = avg ?? tr.w;
    for (let k = 0; k < n; k++) {
      const r = tr.table.get(keys[k]!);
      if (r < 0) continue;
      const base = r * C;
      for (let j = 0; j < C; j++) scores[j]! += w[base + j]!;
    }
  };
  return { scoreT: dense(T, avgT), scoreL: dense(L, avgL) };
}

/** The best allowed labelled transition under the scores: [type, label]. */
export function bestTransition(st: ParseState, ls: LabelSpace, sT: Float32Array, sL: Float32Array, out: Int32Array): void {
  const NL = ls.labels.length;
  let bestType = -1;
  let bestLabel = 0;
  let best = -Infinity;
  if (st.canShift()) {
    best = sT[SHIFT]!;
    bestType = SHIFT;
  }
  if (st.canLeft()) {
    if (st.b === st.n) {
      const s = sT[LEFT]! + sL[ls.root]!;
      if (bestType < 0 || s > best) {
        best = s;
        bestType = LEFT;
        bestLabel = ls.root;
      }
    } else {
      const base = sT[LEFT]!;
      for (let l = 0; l < NL; l++) {
        if (l === ls.root || !ls.allowedLeft[l]) continue;
        const s = base + sL[l]!;
        if (bestType < 0 || s > best) {
          best = s;
          bestType = LEFT;
          bestLabel = l;
        }
      }
    }
  }
  if (st.canRight()) {
    const base = sT[RIGHT]!;
    for (let l = 0; l < NL; l++) {
      if (l === ls.root || !ls.allowedRight[l]) continue;
      const s = base + sL[NL + l]!;
      if (bestType < 0 || s > best) {
        best = s;
        bestType = RIGHT;
        bestLabel = l;
      }
    }
  }
  out[0] = bestType;
  out[1] = bestLabel;
}

/** Parses a sentence: heads (0-based, n = root) and label ids. */
export function parseAtoms(at: ParserAtoms, n: number, ls: LabelSpace, scorer: ParserScorer): { heads: Int32Array; labels: Int32Array } {
  const st = new ParseState(n);
  const keysT = new Uint32Array(PARSER_MAX_FEATURES);
  const keysL = new Uint32Array(LABEL_MAX_FEATURES);
  const sT = new Float32Array(3);
  const sL = new Float32Array(2 * ls.labels.length);
  const tr = new Int32Array(2);
  while (!st.done) {
    sT.fill(0);
    sL.fill(0);
    const nt = transitionFeatures(st, at, keysT);
    scorer.scoreT(keysT, nt, sT);
    if (st.sp > 0) {
      const nl = labelFeatures(st, at, keysL);
      scorer.scoreL(keysL, nl, sL);
    }
    bestTransition(st, ls, sT, sL, tr);
    st.apply(tr[0]!, tr[1]!);
  }
  return { heads: st.heads.subarray(0, n), labels: st.labels.subarray(0, n) };
}

/**
 * Parses a sentence with the shipped weights: one table whose rows hold transition weights (classes 0-2) and label
 * weights (3 + LEFT labels, then RIGHT labels), so each feature key is looked up once. Gives the same parses as
 * parseAtoms with the separate weight sets. Steps with a single possible move (SHIFT on an empty stack; the root
 * arc at the end) are taken without scoring.
 */
export function parseAtomsMerged(at: ParserAtoms, n: number, ls: LabelSpace, weights: SparseWeights): { heads: Int32Array; labels: Int32Array } {
  const NL2 = 2 * ls.labels.length;
  if (scratch === null || scratch.scores.length !== 3 + NL2) {
    const scores = new Float32Array(3 + NL2);
    scratch = { state: new ParseState(64), keys: new Uint32Array(PARSER_MAX_FEATURES + LABEL_MAX_FEATURES), scores, sT: scores.subarray(0, 3), sL: scores.subarray(3), tr: new Int32Array(2) };
  }
  if (scratch.state.heads.length < n + 2) scratch.state = new ParseState(Math.max(n, 2 * (scratch.state.heads.length - 2)));
  const { keys, scores, sT, sL, tr } = scratch;
  const st = scratch.state;
  st.reset(n);
  while (!st.done) {
    if (st.sp === 0) {
      st.apply(SHIFT, 0);
      continue;
    }
    if (st.b === n && st.sp === 1) {
      st.apply(LEFT, ls.root);
      continue;
    }
    scores.fill(0);
    let nk = transitionFeatures(st, at, keys);
    nk = labelOnlyFeatures(st, at, keys, nk);
    weights.score(keys, nk, scores);
    bestTransition(st, ls, sT, sL, tr);
    st.apply(tr[0]!, tr[1]!);
  }
  return { heads: st.heads.slice(0, n), labels: st.labels.slice(0, n) };
}

/** Buffers reused by parseAtomsMerged (decoding is synchronous, so one set serves every call). */
let scratch: { state: ParseState; keys: Uint32Array; scores: Float32Array; sT: Float32Array; sL: Float32Array; tr: Int32Array } | null = null;

// --- training ------------------------------------------------------------------------------------------------

/** Lifts non-projective arcs (to the head's head, shortest arc first) until the tree is projective. Heads are
 *  0-based with n for the root. Returns the number of lifts. */
export function projectivize(heads: Int32Array): number {
  const n = heads.length;
  const dominates = (h: number, k: number) => {
    let x = k;
    for (let guard = 0; guard <= n + 1 && x !== n && x >= 0; guard++) {
      if (x === h) return true;
      x = heads[x]!;
    }
    return x === h;
  };
  let lifts = 0;
  for (;;) {
    let pick = -1;
    let pickLen = Infinity;
    for (let d = 0; d < n; d++) {
      const h = heads[d]!;
      if (h === n) continue;
      const a = Math.min(h, d);
      const b = Math.max(h, d);
      if (b - a >= pickLen) continue;
      for (let k = a + 1; k < b; k++) {
        if (!dominates(h, k)) {
          pick = d;
          pickLen = b - a;
          break;
        }
      }
    }
    if (pick < 0) return lifts;
    heads[pick] = heads[heads[pick]!]!;
    lifts++;
  }
}

/** Costs of the three transitions under the dynamic oracle of arc-hybrid (gold heads 0-based, n = root). */
export function transitionCosts(st: ParseState, gh: Int32Array, out: Int32Array): void {
  const n = st.n;
  const sp = st.sp;
  const b = st.b;
  const s0 = sp > 0 ? st.stack[sp - 1]! : -1;
  const s1 = sp > 1 ? st.stack[sp - 2]! : -1;
  out[SHIFT] = out[LEFT] = out[RIGHT] = 1 << 20;
  if (st.canShift()) {
    let c = 0;
    const h = gh[b]!;
    if (h !== s0 && h < n && st.onStack[h]) c++;
    for (let i = 0; i < sp; i++) if (gh[st.stack[i]!] === b) c++;
    out[SHIFT] = c;
  }
  if (s0 >= 0) {
    let deps = 0;
    for (let j = b; j < n; j++) if (gh[j] === s0) deps++;
    const h = gh[s0]!;
    if (st.canLeft()) out[LEFT] = deps + (h !== b && (h === s1 || h > b) ? 1 : 0);
    if (st.canRight()) out[RIGHT] = deps + (h !== s1 && h >= b ? 1 : 0);
  }
}

/** Scratch buffers of one training step. */
export interface ParserTrainBuffers {
  keysT: Uint32Array;
  keysL: Uint32Array;
  rowsT: Int32Array;
  rowsL: Int32Array;
  sT: Float32Array;
  sL: Float32Array;
  costs: Int32Array;
  pred: Int32Array;
}

export function parserTrainBuffers(labels: number): ParserTrainBuffers {
  return {
    keysT: new Uint32Array(PARSER_MAX_FEATURES),
    keysL: new Uint32Array(LABEL_MAX_FEATURES),
    rowsT: new Int32Array(PARSER_MAX_FEATURES),
    rowsL: new Int32Array(LABEL_MAX_FEATURES),
    sT: new Float32Array(3),
    sL: new Float32Array(2 * labels),
    costs: new Int32Array(3),
    pred: new Int32Array(2),
  };
}

/**
 * One training pass over a sentence with the dynamic oracle: at each step the model's best transition is compared
 * with the best-scoring transition of least cost (with the gold label of s0 for arcs); on a mistake both score
 * parts are updated. With `explore`, a wrong prediction is followed with probability `pExplore` (error
 * exploration), otherwise the oracle's choice is. Gold heads must be projective (0-based, n = root).
 * Returns [mistakes, steps].
 */
export function trainParserSentence(
  at: ParserAtoms,
  n: number,
  gh: Int32Array,
  gl: Int32Array,
  ls: LabelSpace,
  T: PerceptronTrainer,
  Lw: PerceptronTrainer,
  buf: ParserTrainBuffers,
  explore: number,
  rand: () => number,
): [number, number] {
  const st = new ParseState(n);
  const NL = ls.labels.length;
  const { keysT, keysL, rowsT, rowsL, sT, sL, costs, pred } = buf;
  let mistakes = 0;
  let steps = 0;
  while (!st.done) {
    const nt = transitionFeatures(st, at, keysT);
    T.rowsOf(keysT, nt, rowsT);
    let nl = 0;
    if (st.sp > 0) {
      nl = labelFeatures(st, at, keysL);
      Lw.rowsOf(keysL, nl, rowsL);
    }
    sT.fill(0);
    sL.fill(0);
    T.score(rowsT, nt, sT);
    if (nl > 0) Lw.score(rowsL, nl, sL);
    bestTransition(st, ls, sT, sL, pred);
    const pType = pred[0]!;
    const pLabel = pred[1]!;
    transitionCosts(st, gh, costs);
    let minCost = Infinity;
    for (let t = 0; t < 3; t++) if (costs[t]! < minCost) minCost = costs[t]!;
    const s0 = st.sp > 0 ? st.stack[st.sp - 1]! : -1;
    // the label an arc transition should carry (-1: any)
    const goldLabel = (type: number) => {
      if (type === LEFT && st.b === n) return ls.root;
      const l = s0 >= 0 ? gl[s0]! : -1;
      if (l < 0 || l === ls.root) return -1;
      if (type === LEFT ? !ls.allowedLeft[l] : !ls.allowedRight[l]) return -1;
      return l;
    };
    const okType = (t: number) => costs[t] === minCost;
    const predOk = okType(pType) && (pType === SHIFT || goldLabel(pType) < 0 || goldLabel(pType) === pLabel);
    let gType = pType;
    let gLabel = pLabel;
    if (!predOk) {
      mistakes++;
      let best = -Infinity;
      gType = -1;
      for (let t = 0; t < 3; t++) {
        if (!okType(t)) continue;
        let lab = 0;
        let s = sT[t]!;
        if (t !== SHIFT) {
          const off = t === LEFT ? 0 : NL;
          lab = goldLabel(t);
          if (lab < 0) {
            // any label will do: the best-scoring allowed one
            let bl = -1;
            for (let l = 0; l < NL; l++) {
              if (l === ls.root || !(t === LEFT ? ls.allowedLeft[l] : ls.allowedRight[l])) continue;
              if (bl < 0 || sL[off + l]! > sL[off + bl]!) bl = l;
            }
            lab = bl < 0 ? 0 : bl;
          }
          s += sL[off + lab]!;
        }
        if (gType < 0 || s > best) {
          best = s;
          gType = t;
          gLabel = lab;
        }
      }
      if (gType !== pType) {
        T.update(rowsT, nt, gType, 1);
        T.update(rowsT, nt, pType, -1);
      }
      if (nl > 0) {
        if (gType !== SHIFT) Lw.update(rowsL, nl, (gType === LEFT ? 0 : NL) + gLabel, 1);
        if (pType !== SHIFT) Lw.update(rowsL, nl, (pType === LEFT ? 0 : NL) + pLabel, -1);
      }
    }
    T.tick();
    Lw.tick();
    steps++;
    if (predOk || (explore > 0 && rand() < explore)) st.apply(pType, pLabel);
    else st.apply(gType, gLabel);
  }
  return [mistakes, steps];
}
