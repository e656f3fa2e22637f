// MinHash signatures and LSH bands over word shingles of an article's cleaned text (the text minus its
// `removed` spans), so syndicated copies with other headers, footers, spam or light edits find each other.
// Broder's MinHash with 32-bit integer hashing (FNV-1a for words, MurmurHash3's fmix32 as the seeded
// permutation family); no crypto, no per-token allocation beyond the word list.
import type { Span } from '../document.js';

/** The clustering constants in one place. */
export const MINHASH_RULES = {
  /** Word 5-shingles: one changed word alters at most five shingles (a light edit stays close). */
  shingleWords: 5,
  /** 128 permutations: the Jaccard estimate's standard error is about 0.04 at J = 0.7. */
  permutations: 128,
  /** 32 bands x 4 rows: a pair at J = 0.7 shares a band with probability 0.9998, at J = 0.3 with 0.23. */
  bands: 32,
  rowsPerBand: 4,
  /** Estimated Jaccard similarity needed to join an existing story (a wire story re-published with a new
   * header and footer scores 0.9+, two Reuters earnings tables from different companies stay below 0.5). */
  joinThreshold: 0.7,
  /** Below this many shingles (about 50 words) one changed number is a different fact, not an edit: two
   * Reuters dividend notices that differ only in the record date ("Record March 13" / "Record March 20")
   * estimate 0.76, so short texts join only at shortJoinThreshold. */
  shortTextShingles: 50,
  shortJoinThreshold: 0.9,
  /** At most this many band-sharing candidates are compared (the ones sharing the most bands). */
  maxCandidates: 50,
} as const;

/** Words as the shingles see them: letters and digits, lower-cased ("U.S." -> "u", "s"). */
const WORD = /[\p{L}\p{N}]+/gu;

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The seeds of the permutation family, derived once (immutable). */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(MINHASH_RULES.permutations);
  for (let i = 0; i < seeds.length; i++) seeds[i] = fmix32(Math.imul(i + 1, 0x9e3779b9));
  return seeds;
})();

/** The text outside the removed spans, pieces joined by a newline (offsets are not kept: this is for hashing
 * and search only). */
export function cleanedText(text: string, removed: readonly Span[]): string {
  if (removed.length === 0) return text;
  const spans = [...removed].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const r of spans) {
    if (r.start > at) parts.push(text.slice(at, r.start));
    if (r.end > at) at = r.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.join('\n');
}

/** Hashes of the word k-shingles of a text (a text shorter than k words is one shingle). */
export function shingleHashes(cleaned: string): Uint32Array {
  const k = MINHASH_RULES.shingleWords;
  const words: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(cleaned); m; m = WORD.exec(cleaned)) words.push(fnv1a32(m[0].toLowerCase()));
  if (words.length === 0) return new Uint32Array(0);
  const count = Math.max(1, words.length - k + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + k && j < words.length; j++) h = Math.imul(h ^ words[j]!, 0x01000193);
    out[i] = fmix32(h);
  }
  return out;
}

/** The MinHash signature of a cleaned text, or null when it has no words. */
export function minhashSignature(cleaned: string): Uint32Array | null {
  return signatureOfShingles(shingleHashes(cleaned));
}

/** The MinHash signature of a set of shingle hashes, or null when it is empty. */
export function signatureOfShingles(shingles: Uint32Array): Uint32Array | null {
  if (shingles.length === 0) return null;
  const n = MINHASH_RULES.permutations;
  const mins = new Uint32Array(n).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!;
    for (let i = 0; i < n; i++) {
      const v = fmix32(x ^ SEEDS[i]!);
      if (v < mins[i]!) mins[i] = v;
    }
  }
  return mins;
}

/** The similarity a text with this many shingles needs to join a story. */
export function joinThresholdFor(shingleCount: number): number {
  return shingleCount < MINHASH_RULES.shortTextShingles ? MINHASH_RULES.shortJoinThreshold : MINHASH_RULES.joinThreshold;
}

/** What identifies an article's story: its cleaned text, plus its headline when the text is short (a short
 * item's headline is much of what it says: Reuters dividend notices share one body, "Qtly div four cts vs four
 * cts prior", and differ in the company named in the headline). Long texts leave the headline out, since
 * outlets re-headline syndicated copies. */
export interface StoryIdentity {
  /** The text that is hashed for exact duplicates and shingled for near ones. */
  text: string;
  signature: Uint32Array | null;
  /** The estimated similarity needed to join a story. */
  joinThreshold: number;
}

export function storyIdentity(title: string | null, cleaned: string): StoryIdentity {
  const body = shingleHashes(cleaned);
  const short = body.length < MINHASH_RULES.shortTextShingles;
  const text = short && title && title.trim() ? `${title.trim()}\n${cleaned}` : cleaned;
  const shingles = text === cleaned ? body : shingleHashes(text);
  return { text, signature: signatureOfShingles(shingles), joinThreshold: joinThresholdFor(body.length) };
}

/** LSH band keys: band index times 2^32 plus a 32-bit hash of the band's rows (a safe integer < 2^37). */
export function bandKeys(signature: Uint32Array): number[] {
  const { bands, rowsPerBand } = MINHASH_RULES;
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < rowsPerBand; r++) h = Math.imul(h ^ signature[b * rowsPerBand + r]!, 0x01000193);
    keys.push(b * 2 ** 32 + fmix32(h));
  }
  return keys;
}

/** The fraction of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** A signature as stored: 4 bytes per value, little-endian. */
export function signatureToBytes(signature: Uint32Array): Buffer {
  const buf = Buffer.alloc(signature.length * 4);
  for (let i = 0; i < signature.length; i++) buf.writeUInt32LE(signature[i]!, i * 4);
  return buf;
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(Math.floor(buf.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
