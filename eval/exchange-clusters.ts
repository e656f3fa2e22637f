// Word clusters from unlabelled text (training only): predictive exchange clustering (Uszkoreit & Brants 2008). A
// word's class is chosen to best predict the words that follow it (or precede it, for a left-context run),
// maximising sum N(c,w) log N(c,w) - sum N(c) log N(c). Shared by the entity recogniser's training
// (eval/train-ner.ts) and the tagger's and parser's (eval/train-syntax.ts).

export interface ClusterCorpus {
  vocab: string[];
  /** token ids; 0 = sentence boundary, 1 = rare word */
  ids: Int32Array;
}

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
