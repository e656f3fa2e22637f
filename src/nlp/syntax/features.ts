// Shared machinery of the tagger and the parser: word normalisation and atoms (string hashes, shapes,
// affixes), feature keys (a template number and up to three atoms mixed into one 32-bit key), an
// open-addressing table from keys to weight rows, and sparse weight rows (CSR) for scoring.

/** Characters of a word that the feature extractor looks at: longer tokens are cut to their first and last
 *  MAX_WORD / 2 characters, so a pathological token (a 1 MB string without spaces) costs no more than a word. */
export const MAX_WORD = 40;

/** The word with its middle cut out when it is longer than MAX_WORD characters. */
export function capWord(w: string): string {
  return w.length <= MAX_WORD ? w : w.slice(0, MAX_WORD / 2) + w.slice(w.length - MAX_WORD / 2);
}

/** Lower case, digits as 0 ("1,200" -> "0,000"), capped: the form behind word features and cluster look-ups. */
export function normWord(w: string): string {
  return capWord(w).toLowerCase().replace(/[0-9]/g, '0');
}

/** The murmur3 finaliser: a bijective mix of 32 bits. */
function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** FNV-1a of a string, mixed with a seed (strings hashed under different seeds do not collide more often than
 *  chance), as an unsigned 32-bit number. */
export function strHash(s: string, seed = 0): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h ^ fmix32(Math.imul(seed + 1, 0x9e3779b1))) >>> 0;
}

/** The feature key of template `t` with atoms a, b, c (unsigned 32-bit, never 0). */
export function fkey(t: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(t + 0x3c6ef372, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0xc2b2ae3d);
  h ^= h >>> 13;
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

/** Word shape: "Xxxx", "dd-dd", "X.X.", "xxx'x"; runs of one kind are kept up to 3 characters, so "Xx" and
 *  "Xxx" differ but "Xxxxxxx" and "Xxxx" do not. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  let run = 0;
  const n = Math.min(w.length, MAX_WORD);
  for (let i = 0; i < n; i++) {
    const ch = w[i]!;
    let k: string;
    if (ch >= 'a' && ch <= 'z') k = 'x';
    else if (ch >= 'A' && ch <= 'Z') k = 'X';
    else if (ch >= '0' && ch <= '9') k = 'd';
    else if (/\p{Ll}/u.test(ch)) k = 'x';
    else if (/\p{Lu}/u.test(ch)) k = 'X';
    else if (/\p{N}/u.test(ch)) k = 'd';
    else if (/\p{L}/u.test(ch)) k = 'x';
    else k = ch;
    if (k === last) {
      run++;
      if (run > 3) continue;
    } else {
      last = k;
      run = 1;
    }
    out += k;
  }
  return out;
}

/** Mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place with a seeded PRNG. */
export function shuffle<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = t;
  }
  return arr;
}

/** Open-addressing hash table from non-zero 32-bit keys to row numbers 0..size-1 (in insertion order). */
export class KeyTable {
  keys: Uint32Array;
  rows: Int32Array;
  mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Row of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const mask = this.mask;
    let i = (key ^ (key >>> 16)) & mask;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.rows[i]!;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Row of `key`, added as a new row when absent. */
  add(key: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = this.mask;
    let i = (key ^ (key >>> 16)) & mask;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.rows[i]!;
      if (k === 0) {
        keys[i] = key;
        this.rows[i] = this.size;
        return this.size++;
      }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    const cap = oldKeys.length * 2;
    this.keys = new Uint32Array(cap);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j]!;
      if (key === 0) continue;
      let i = (key ^ (key >>> 16)) & this.mask;
      while (this.keys[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.rows[i] = oldRows[j]!;
    }
  }

  /** Keys in row order. */
  keyList(): Uint32Array {
    const out = new Uint32Array(this.size);
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) out[this.rows[i]!] = this.keys[i]!;
    return out;
  }

  static fromKeys(keys: Uint32Array): KeyTable {
    const t = new KeyTable(keys.length);
    for (let i = 0; i < keys.length; i++) t.add(keys[i]!);
    return t;
  }
}

/**
 * Sparse weight rows for decoding, laid out for few cache misses: an open-addressing table (linear probing) whose slots hold the
 * key and, packed into the next 32 bits, the row's first entry (high 24 bits) and entry count (low 8 bits); each
 * entry is one 32-bit word, the class in the high 16 bits and the weight as a 16-bit integer (× scale) in the low
 * 16. Scores are summed in weight units; `scale` converts them back when needed (comparisons do not need it).
 */
export class SparseWeights {
  readonly slots: Uint32Array;
  /** number of slots (any size: a key's first slot is floor(key × cap / 2^32)) */
  readonly cap: number;
  readonly ent: Int32Array;
  readonly scale: number;
  /** row keys in row order and entry offsets (start[r]..start[r+1]), for saving */
  readonly keys: Uint32Array;
  readonly start: Int32Array;
  /** scratch: the slot metadata of the rows found by one score() call */
  private metas = new Uint32Array(256);

  /** The stored form: the slot table and entries as saved (no rebuilding at load time). Rows (keys, start)
   *  are not kept: such weights can be scored and saved again, not merged. */
  static fromTables(slots: Uint32Array, ent: Int32Array, scale: number): SparseWeights {
    const sw = Object.create(SparseWeights.prototype) as { -readonly [K in keyof SparseWeights]: SparseWeights[K] };
    sw.slots = slots;
    sw.cap = slots.length / 2;
    sw.ent = ent;
    sw.scale = scale;
    sw.keys = new Uint32Array(0);
    sw.start = new Int32Array(1);
    (sw as unknown as { metas: Uint32Array }).metas = new Uint32Array(256);
    return sw as SparseWeights;
  }

  /** `w` are real weights, or, with `scale` given, int16 weight units. */
  constructor(keys: Uint32Array, start: Int32Array, cls: ArrayLike<number>, w: ArrayLike<number>, scale?: number) {
    const rows = keys.length;
    const nnz = start[rows] ?? 0;
    if (nnz >= 1 << 24) throw new Error('SparseWeights: too many weights');
    // load factor 3/4 (not rounded up to a power of two): a small table keeps more of it in cache, and probes
    // stay in one cache line mostly
    const cap = Math.max(64, Math.ceil((rows * 4) / 3));
    this.slots = new Uint32Array(cap * 2);
    this.cap = cap;
    this.keys = keys;
    this.start = start;
    let q = 1;
    if (scale === undefined) {
      let maxAbs = 0;
      for (let j = 0; j < nnz; j++) maxAbs = Math.max(maxAbs, Math.abs(w[j]!));
      this.scale = maxAbs > 0 ? maxAbs / 32767 : 1;
      q = 1 / this.scale;
    } else this.scale = scale;
    this.ent = new Int32Array(nnz);
    for (let j = 0; j < nnz; j++) {
      const x = Math.max(-32767, Math.min(32767, Math.round(w[j]! * q)));
      this.ent[j] = (cls[j]! << 16) | (x & 0xffff);
    }
    for (let r = 0; r < rows; r++) {
      const key = keys[r]!;
      const cnt = start[r + 1]! - start[r]!;
      if (cnt > 255) throw new Error('SparseWeights: a row holds more than 255 classes');
      let i = Math.floor((key * cap) / 4294967296);
      while (this.slots[2 * i] !== 0 && this.slots[2 * i] !== key) i = i + 1 === cap ? 0 : i + 1;
      this.slots[2 * i] = key;
      this.slots[2 * i + 1] = ((start[r]! << 8) | cnt) >>> 0;
    }
  }

  get rows(): number {
    return this.keys.length;
  }

  /** Number of entries (weights). */
  get size(): number {
    return this.ent.length;
  }

  /** Adds the weights (in units of `scale`) of the features keys[0..n) to scores. Two passes: first every key's
   *  slot (independent memory reads the processor can overlap), then the entries of the rows found. */
  score(keys: Uint32Array, n: number, scores: Float32Array): void {
    const slots = this.slots;
    const cap = this.cap;
    const ent = this.ent;
    const metas = this.metas.length >= n ? this.metas : (this.metas = new Uint32Array(n * 2));
    let found = 0;
    for (let k = 0; k < n; k++) {
      const key = keys[k]!;
      let i = Math.floor((key * cap) / 4294967296);
      for (;;) {
        const sk = slots[2 * i]!;
        if (sk === key) {
          metas[found++] = slots[2 * i + 1]!;
          break;
        }
        if (sk === 0) break;
        i = i + 1 === cap ? 0 : i + 1;
      }
    }
    for (let f = 0; f < found; f++) {
      const meta = metas[f]!;
      const a = meta >>> 8;
      const e = a + (meta & 255);
      for (let j = a; j < e; j++) {
        const x = ent[j]!;
        scores[x >>> 16]! += (x << 16) >> 16;
      }
    }
  }

  entryClass(j: number): number {
    return this.ent[j]! >>> 16;
  }
  /** Weight of entry j (int16 units × scale). */
  entryWeight(j: number): number {
    return ((this.ent[j]! << 16) >> 16) * this.scale;
  }
  entryUnits(j: number): number {
    return (this.ent[j]! << 16) >> 16;
  }
}

/**
 * Averaged perceptron weights for training: dense rows of `classes` weights per feature key. The average is kept
 * lazily (w - u / c, with u the time-weighted sum of updates).
 */
export class PerceptronTrainer {
  readonly table = new KeyTable(1 << 16);
  w: Float32Array;
  u: Float64Array;
  /** number of instances seen (the clock of the lazy average) */
  c = 1;
  /** when true, unknown keys get no row (scoring ignores them, updates skip them) */
  frozen = false;

  constructor(readonly classes: number) {
    this.w = new Float32Array(classes * 1024);
    this.u = new Float64Array(classes * 1024);
  }

  private ensure(rows: number): void {
    if (rows * this.classes <= this.w.length) return;
    let n = this.w.length;
    while (n < rows * this.classes) n *= 2;
    const w = new Float32Array(n);
    w.set(this.w);
    this.w = w;
    const u = new Float64Array(n);
    u.set(this.u);
    this.u = u;
  }

  /** Row of a key: existing, new (when not frozen) or -1. */
  row(key: number): number {
    if (this.frozen) return this.table.get(key);
    const r = this.table.add(key);
    this.ensure(r + 1);
    return r;
  }

  /** Rows of keys[0..n), into rows (-1 for absent). */
  rowsOf(keys: Uint32Array, n: number, rows: Int32Array): void {
    for (let k = 0; k < n; k++) rows[k] = this.row(keys[k]!);
  }

  score(rows: Int32Array, n: number, scores: Float32Array): void {
    const C = this.classes;
    const w = this.w;
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      if (r < 0) continue;
      const base = r * C;
      for (let j = 0; j < C; j++) scores[j]! += w[base + j]!;
    }
  }

  update(rows: Int32Array, n: number, cls: number, delta: number): void {
    const C = this.classes;
    const cd = this.c * delta;
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      if (r < 0) continue;
      this.w[r * C + cls]! += delta;
      this.u[r * C + cls]! += cd;
    }
  }

  tick(): void {
    this.c++;
  }

  /** The averaged weights (dense, rows × classes). */
  averaged(): Float32Array {
    const n = this.table.size * this.classes;
    const out = new Float32Array(n);
    const inv = 1 / this.c;
    for (let i = 0; i < n; i++) out[i] = this.w[i]! - this.u[i]! * inv;
    return out;
  }

  /** Sparse weights of dense averaged rows, dropping weights below `minAbs` and rows left empty. */
  sparse(avg: Float32Array, minAbs: number): SparseWeights {
    return denseToSparse(this.table.keyList(), avg, this.classes, minAbs);
  }
}

/** Sparse rows from dense rows (keys in row order), dropping |w| < minAbs and empty rows. */
export function denseToSparse(keys: Uint32Array, dense: Float32Array, classes: number, minAbs: number): SparseWeights {
  const rows = keys.length;
  let nnz = 0;
  let kept = 0;
  for (let r = 0; r < rows; r++) {
    let any = false;
    for (let j = 0; j < classes; j++) {
      if (Math.abs(dense[r * classes + j]!) >= minAbs && dense[r * classes + j] !== 0) {
        nnz++;
        any = true;
      }
    }
    if (any) kept++;
  }
  const outKeys = new Uint32Array(kept);
  const start = new Int32Array(kept + 1);
  const cls = new Uint8Array(nnz);
  const w = new Float32Array(nnz);
  let e = 0;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    const s = e;
    for (let j = 0; j < classes; j++) {
      const x = dense[r * classes + j]!;
      if (x !== 0 && Math.abs(x) >= minAbs) {
        cls[e] = j;
        w[e] = x;
        e++;
      }
    }
    if (e > s) {
      outKeys[o] = keys[r]!;
      start[o + 1] = e;
      o++;
    }
  }
  return new SparseWeights(outKeys, start, cls, w);
}

/** One weight set from two: rows of equal keys joined, the classes of `b` shifted by `offset`. */
export function mergeSparse(a: SparseWeights, b: SparseWeights, offset: number): SparseWeights {
  const byKey = new Map<number, [number, number][]>();
  const add = (sw: SparseWeights, off: number) => {
    for (let r = 0; r < sw.rows; r++) {
      const key = sw.keys[r]!;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      for (let j = sw.start[r]!; j < sw.start[r + 1]!; j++) list.push([sw.entryClass(j) + off, sw.entryWeight(j)]);
    }
  };
  add(a, 0);
  add(b, offset);
  const keys = new Uint32Array(byKey.size);
  const start = new Int32Array(byKey.size + 1);
  const cls: number[] = [];
  const w: number[] = [];
  let r = 0;
  for (const [key, list] of byKey) {
    keys[r] = key;
    for (const [c, x] of list) {
      cls.push(c);
      w.push(x);
    }
    start[++r] = cls.length;
  }
  return new SparseWeights(keys, start, cls, w);
}
