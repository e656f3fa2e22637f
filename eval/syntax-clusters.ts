// Word clusters from unlabelled text for the tagger and parser (training only): exchange clustering
// (eval/exchange-clusters.ts, shared with the NER model's training) over lower-cased words
// with digits as 0 (normWord). A word's class is chosen to best predict the words that follow it (or precede
// it, for a left-context run), maximising sum N(c,w) log N(c,w) - sum N(c) log N(c). Runs at several sizes
// serve as coarse-to-fine levels.
import { normWord } from '../src/nlp/syntax/features.js';
import type { ClusterCorpus } from './exchange-clusters.js';

export { exchangeClusters, type ClusterCorpus } from './exchange-clusters.js';

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
