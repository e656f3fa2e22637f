// A phrase matcher over tokens: longest match first, case rules per phrase. Written by hand because the
// matches must land on token boundaries of our own tokenizer and keep original offsets; the phrase sets are
// small (tens of thousands), so a map keyed by the normalised phrase is enough.
import type { Token } from '../document.js';

export interface PhraseMatch<T> {
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  /** Every payload registered under the matched phrase (several when a name is ambiguous). */
  payloads: T[];
}

export type CaseRule = 'insensitive' | 'capitalized' | 'exact';

interface Entry<T> {
  payload: T;
  caseRule: CaseRule;
  /** The phrase as registered (for case checks). */
  phrase: string;
}

/** Lower case, hyphens and runs of white space folded to one space, curly apostrophes straightened. */
export function normalizePhrase(s: string): string {
  return s.toLowerCase().replace(/[\u2019\u2018]/g, "'").replace(/\s*[-\u2010\u2011\u2013]\s*|\s+/g, ' ').trim();
}

const FIRST_WORD = /^[^\s]+/;

/** Is the character at `i` a letter or digit? ASCII by its code (this runs for every character of every
 *  phrase at start-up), anything else by the Unicode test. */
function isAlnum(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return ALNUM.test(s[i]!);
}
const ALNUM = /[\p{L}\p{N}]/u;
const HYPHENS = new Set(['-', '\u2010', '\u2011', '\u2013']);

export class PhraseGazetteer<T> {
  private readonly phrases = new Map<string, Entry<T>[]>();
  /** Lower-cased forms a first token can take, to skip most tokens at once. */
  private readonly firsts = new Set<string>();
  private maxTokens = 1;
  private maxKeyLength = 1;
  /** Every prefix of a key that ends where letters/digits meet other characters: a window whose key is not
   *  among them can grow into no phrase, so the scan stops there. */
  private readonly prefixes = new Set<string>();

  add(phrase: string, payload: T, caseRule: CaseRule): void {
    const key = normalizePhrase(phrase);
    if (!key) return;
    const list = this.phrases.get(key);
    const entry = { payload, caseRule, phrase };
    if (list) list.push(entry);
    else this.phrases.set(key, [entry]);
    this.maxKeyLength = Math.max(this.maxKeyLength, key.length);
    let prevAlnum = isAlnum(key, 0);
    for (let c = 1; c < key.length; c++) {
      const alnum = isAlnum(key, c);
      if (alnum !== prevAlnum) this.prefixes.add(key.slice(0, c).trimEnd());
      prevAlnum = alnum;
    }
    const first = FIRST_WORD.exec(key)![0];
    this.firsts.add(first);
    // the tokenizer splits trailing punctuation and possessives off a word ("OPEC+" -> "OPEC" "+")
    const alnum = /^[\p{L}\p{N}]+/u.exec(first);
    if (alnum) this.firsts.add(alnum[0]);
    // a generous bound on the number of tokens the phrase can span
    this.maxTokens = Math.max(this.maxTokens, key.split(/[\s.'&+/]+/).length * 2 + 1);
  }

  /** All longest, non-overlapping matches, left to right, within tokens [from, to). */
  match(text: string, tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    let i = from;
    while (i < to) {
      const first = tokens[i]!;
      if (!this.firsts.has(first.lower)) {
        i++;
        continue;
      }
      let best: PhraseMatch<T> | null = null;
      const limit = Math.min(to, i + this.maxTokens);
      // the key is built token by token the way normalizePhrase folds a phrase (no regex per window: this
      // loop runs for every candidate token of every article)
      let key = '';
      for (let j = i; j < limit; j++) {
        const tok = tokens[j]!;
        if (j > i) {
          const gap = text.slice(tokens[j - 1]!.end, tok.start);
          // a phrase never crosses a paragraph break
          if (gap.includes('\n\n')) break;
          if (gap.length > 0 && !key.endsWith(' ')) key += ' ';
        }
        if (HYPHENS.has(tok.value)) {
          if (!key.endsWith(' ')) key += ' ';
        } else key += tok.lower.includes('\u2019') || tok.lower.includes('\u2018') ? tok.lower.replace(/[\u2019\u2018]/g, "'") : tok.lower;
        if (key.length > this.maxKeyLength) break;
        const trimmed = key.trimEnd();
        const entries = this.phrases.get(trimmed);
        if (!entries) {
          if (!this.prefixes.has(trimmed)) break;
          continue;
        }
        const surface = text.slice(first.start, tok.end);
        const ok = entries.filter((e) => caseMatches(surface, e));
        if (ok.length) best = { tokenStart: i, tokenEnd: j + 1, start: first.start, end: tok.end, payloads: ok.map((e) => e.payload) };
      }
      if (best) {
        out.push(best);
        i = best.tokenEnd;
      } else i++;
    }
    return out;
  }
}

function caseMatches(surface: string, e: Entry<unknown>): boolean {
  if (e.caseRule === 'insensitive') return true;
  if (e.caseRule === 'exact') return surface.replace(/\s+/g, ' ') === e.phrase.replace(/\s+/g, ' ');
  // capitalized: every word the phrase writes with a capital is capitalised in the text too
  const a = surface.split(/[\s-]+/);
  const b = e.phrase.split(/[\s-]+/);
  if (a.length !== b.length) return surface[0] === e.phrase[0];
  for (let k = 0; k < a.length; k++) {
    const p = b[k]![0]!;
    if (p !== p.toLowerCase() && a[k]![0] !== p) return false;
  }
  return true;
}
