// Lemmas: a table learned from the training treebank, (lower-case form, tag) -> lemma for the forms whose lemma
// is not simply the form (proper nouns) or its lower case (everything else), and suffix rules per tag for words
// the table does not know ("-ies" NNS -> "-y", "-ed" VBD -> ""), also learned from the treebank.
import { strHash, KeyTable } from './features.js';

export interface LemmaTables {
  /** keys: strHash(lower form, tag) */
  table: KeyTable;
  /** lemma per row, as an index into strings */
  lemma: Uint32Array;
  /** rule keys: strHash(suffix, 1000 + tag) */
  rules: KeyTable;
  /** per rule row: characters to strip and string index of the ending to add */
  ruleStrip: Uint8Array;
  ruleAdd: Uint32Array;
  strings: readonly string[];
  /** tags whose default lemma is the form itself (proper nouns) */
  keepCase: Uint8Array;
}

export const LEMMA_MAX_SUFFIX = 5;

const tableKey = (lower: string, tag: number) => strHash(lower, 0x5bd1e995 + tag) || 1;
const ruleKey = (suffix: string, tag: number) => strHash(suffix, 1000 + tag) || 1;

/** The lemma of a word with its tag id. */
export function lemmatize(t: LemmaTables, form: string, tag: number): string {
  if (form.length > 60) return t.keepCase[tag] ? form : form.toLowerCase();
  const lower = form.toLowerCase();
  const r = t.table.get(tableKey(lower, tag));
  if (r >= 0) return t.strings[t.lemma[r]!]!;
  const base = t.keepCase[tag] ? form : lower;
  for (let k = Math.min(LEMMA_MAX_SUFFIX, lower.length - 1); k >= 1; k--) {
    const rr = t.rules.get(ruleKey(lower.slice(lower.length - k), tag));
    if (rr < 0) continue;
    const strip = t.ruleStrip[rr]!;
    if (strip >= base.length) break;
    return base.slice(0, base.length - strip) + t.strings[t.ruleAdd[rr]!]!;
  }
  return base;
}

/** Learns the tables from (form, tag id, lemma) triples of the training data. */
export function learnLemmas(items: Iterable<{ form: string; tag: number; lemma: string }>, tagCount: number, keepCase: Uint8Array): LemmaTables {
  const byKey = new Map<string, Map<string, number>>();
  const ruleCounts = new Map<string, Map<string, number>>();
  const inc = (m: Map<string, Map<string, number>>, k: string, v: string) => {
    let x = m.get(k);
    if (!x) m.set(k, (x = new Map()));
    x.set(v, (x.get(v) ?? 0) + 1);
  };
  for (const { form, tag, lemma } of items) {
    if (lemma === '_' || form.length > 60) continue;
    const lower = form.toLowerCase();
    inc(byKey, `${tag}\t${lower}`, lemma);
    const base = keepCase[tag] ? form : lower;
    // the transformation base -> lemma as (strip, add), when the lemma shares a prefix with the base
    let p = 0;
    while (p < base.length && p < lemma.length && base[p] === lemma[p]) p++;
    if (p === 0) continue;
    const rule = `${base.length - p}\t${lemma.slice(p)}`;
    for (let k = 1; k <= LEMMA_MAX_SUFFIX && k < lower.length; k++) inc(ruleCounts, `${tag}\t${lower.slice(lower.length - k)}`, rule);
  }
  const strings: string[] = [''];
  const strIndex = new Map<string, number>([['', 0]]);
  const str = (s: string) => {
    let i = strIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      strIndex.set(s, i);
    }
    return i;
  };
  const table = new KeyTable(1024);
  const lemma: number[] = [];
  const entries = [...byKey].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [key, lemmas] of entries) {
    const tab = key.indexOf('\t');
    const tag = Number(key.slice(0, tab));
    const lower = key.slice(tab + 1);
    const best = [...lemmas].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    // skip entries the rules or the default already give
    if (!keepCase[tag] && best === lower) continue;
    const r = table.add(tableKey(lower, tag));
    lemma[r] = str(best);
  }
  // rules: for each (tag, suffix), the most frequent transformation when it covers at least 3 words and 70%
  // of them; a rule that does what the next shorter suffix (or the default, no change) does already is left out
  const chosen = new Map<string, string>();
  const ruleEntries = [...ruleCounts].sort((a, b) => a[0].length - b[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rules = new KeyTable(1024);
  const ruleStrip: number[] = [];
  const ruleAdd: number[] = [];
  for (const [key, counts] of ruleEntries) {
    let total = 0;
    for (const c of counts.values()) total += c;
    const [best, c] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    if (total < 3 || c < 0.7 * total) continue;
    const tab = key.indexOf('\t');
    const tag = Number(key.slice(0, tab));
    const suffix = key.slice(tab + 1);
    let inherited = '0\t';
    for (let k = suffix.length - 1; k >= 1; k--) {
      const x = chosen.get(`${tag}\t${suffix.slice(suffix.length - k)}`);
      if (x !== undefined) {
        inherited = x;
        break;
      }
    }
    chosen.set(key, best);
    if (best === inherited) continue;
    const [strip, add] = best.split('\t') as [string, string];
    const r = rules.add(ruleKey(suffix, tag));
    ruleStrip[r] = Number(strip);
    ruleAdd[r] = str(add);
  }
  void tagCount;
  return {
    table,
    lemma: Uint32Array.from(lemma),
    rules,
    ruleStrip: Uint8Array.from(ruleStrip),
    ruleAdd: Uint32Array.from(ruleAdd),
    strings,
    keepCase,
  };
}
