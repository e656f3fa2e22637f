// Word clusters from unlabelled text for the tagger and parser (training only): predictive exchange clustering
// (Uszkoreit & Brants 2008), the same algorithm as the NER model's (eval/train-ner.ts), over lower-cased words
// with digits as 0 (normWord). A word's class is chosen to best predict the words that follow it (or precede
// it, for a left-context run), maximising sum N(c,w) log N(c,w) - sum N(c) log N(c). Runs at several sizes
// serve as coarse-to-fine levels.
import { normWord } from './features.js';

/** Tokens much as UD and wink-nlp cut them: words keep inner . - ' & ("U.S.", "Coca-Cola", "AT&T"), clitics
 *  ('s, n't, 're, 've, 'll, 'd, 'm) stand apart, other punctuation is one token per character. Sentence ends
 *  (line breaks, or . ! ? before a capital) are "". */
const CLUSTER_TOKEN =
  /\n|['’]s\b|n['’]t\b|['’](?:re|ve|ll|d|m)\b|[\p{L}\p{N}](?:[\p{L}\p{N}&-]|(?!['’]s\b|n['’]t\b|['’](?:re|ve|ll|d|m)\b)[.'’](?=[\p{L}\p{N}])|(?<=\p{N}),(?=\p{N}))*\.?(?<=\p{Lu}\.|[^.])|[^\s\p{L}\p{N}]/gu;

export function clusterTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(/\r/g, '').replace(/([.!?])\s+(?=[A-Z"])/g, '$1\n').matchAll(CLUSTER_TOKEN)) out.push(m[0] === '\n' ? '' : normWord(m[0]));
  return out;
}

export interface ClusterCorpus {
  vocab: string[];
  /** token ids; 0 = sentence boundary, 1 = rare word */
  ids: Int32Array;
}

/** Vocabulary (words seen at least minCount times, most frequent first, ties by spelling) and token ids. Each
 *  element of `sentences` is a list of normalised tokens ("" = sentence boundary). */
export function clusterCorpus(sentences: readonly (readonly string[])[], minCount: number): ClusterCorpus {
  const freq = new Map<string, number>();
  for (const toks of sentences) for (const t of toks) if (t !== '') freq.set(t, (freq.get(t) ?? 0) + 1);
  const vocab = ['<s>', '<unk>', ...[...freq].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w)];
  const id = new Map(vocab.map((w, i) => [w, i]));
  let n = 0;
  for (const toks of sentences) n += toks.length + 1;
  const ids = new Int32Array(n);
  let k = 0;
  for (const toks of sentences) {
    ids[k++] = 0;
    for (const t of toks) ids[k++] = t === '' ? 0 : (id.get(t) ?? 1);
  }
  return { vocab, ids };
}

/** Flat classes of every vocabulary word; `right` clusters by following words, else by preceding words. */
export function exchangeClusters(corpus: ClusterCorpus, K: number, passes: number, right: boolean, log: (s: string) => void = () => {}): Int32Array {
  const V = corpus.vocab.length;
  const ids = corpus.ids;
  // bigram list (v -> context word u, count), sorted by v
  const keys = new Float64Array(ids.length - 1);
  for (let i = 0; i + 1 < ids.length; i++) keys[i] = right ? ids[i]! * V + ids[i + 1]! : ids[i + 1]! * V + ids[i]!;
  keys.sort();
  const start = new Int32Array(V + 1);
  const ctx: number[] = [];
  const cnt: number[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j < keys.length && keys[j] === keys[i]) j++;
    const v = Math.floor(keys[i]! / V);
    ctx.push(keys[i]! - v * V);
    cnt.push(j - i);
    start[v + 1]!++;
    i = j;
  }
  for (let v = 0; v < V; v++) start[v + 1]! += start[v]!;
  const ctxA = Int32Array.from(ctx);
  const cntA = Int32Array.from(cnt);
  const nv = new Float64Array(V);
  for (let v = 0; v < V; v++) for (let e = start[v]!; e < start[v + 1]!; e++) nv[v]! += cntA[e]!;

  const cls = new Int32Array(V);
  for (let v = 0; v < V; v++) cls[v] = v % K;
  const N = new Float64Array(V * K);
  const Nc = new Float64Array(K);
  for (let v = 0; v < V; v++) {
    const c = cls[v]!;
    Nc[c]! += nv[v]!;
    for (let e = start[v]!; e < start[v + 1]!; e++) N[ctxA[e]! * K + c]! += cntA[e]!;
  }
  const TABLE = 1 << 16;
  const xlx = new Float64Array(TABLE);
  for (let x = 1; x < TABLE; x++) xlx[x] = x * Math.log(x);
  const f = (x: number) => (x < TABLE ? xlx[x]! : x * Math.log(x));
  const gain = new Float64Array(K);
  for (let pass = 0; pass < passes; pass++) {
    let moved = 0;
    for (let v = 2; v < V; v++) {
      const a = cls[v]!;
      Nc[a]! -= nv[v]!;
      for (let e = start[v]!; e < start[v + 1]!; e++) N[ctxA[e]! * K + a]! -= cntA[e]!;
      for (let c = 0; c < K; c++) gain[c] = f(Nc[c]!) - f(Nc[c]! + nv[v]!);
      for (let e = start[v]!; e < start[v + 1]!; e++) {
        const base = ctxA[e]! * K;
        const n = cntA[e]!;
        for (let c = 0; c < K; c++) {
          const x = N[base + c]!;
          gain[c]! += f(x + n) - f(x);
        }
      }
      let best = a;
      for (let c = 0; c < K; c++) if (gain[c]! > gain[best]! + 1e-9) best = c;
      if (best !== a) moved++;
      cls[v] = best;
      Nc[best]! += nv[v]!;
      for (let e = start[v]!; e < start[v + 1]!; e++) N[ctxA[e]! * K + best]! += cntA[e]!;
    }
    log(`  clusters K=${K} ${right ? 'right' : 'left'} pass ${pass + 1}: ${moved} words moved`);
  }
  return cls;
}
