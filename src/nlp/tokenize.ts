// Tokens, sentences and parts of speech from wink-nlp (small, fast, lossless tokenisation), mapped back
// onto offsets of the original text. wink-nlp does not report character offsets itself, so each token is
// located in the text from a running cursor (its tokenisation is lossless, so the search never jumps).
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { SpanIndex, type Sentence, type Span, type Token } from '../document.js';

type Wink = ReturnType<typeof winkNLP>;

export const TOKEN_RULES = {
  /** A run of more characters than this without a space (a base64 blob, a minified script, a 128 KB "word")
   *  is one opaque stretch: it yields no tokens, so the tokenizer's per-token patterns never see it. */
  maxTokenChars: 100,
  /** A sentence is closed after this many tokens (a table or list scraped without punctuation would otherwise
   *  be one sentence of thousands of tokens, and the per-sentence work of the extractors would grow with its
   *  square). Real news sentences stay far below it. */
  maxSentenceTokens: 250,
  /** wink-nlp remembers every unknown word it has seen; after this many the instance is rebuilt (~140 ms) so
   *  a long-running process does not grow without bound. */
  recycleAfterLearnedWords: 200_000,
} as const;

/** The part of wink-nlp's model that grows as it reads: its lexeme table (a word -> index hash and a list). */
interface LexemeTable {
  hash: Record<string, number>;
  list: string[];
  intrinsicSize: number;
}

interface WinkInstance {
  nlp: Wink;
  lexemes: LexemeTable;
  /** Entries of `lexemes.list` already forgotten. */
  forgotten: number;
}

let instance: WinkInstance | null = null;

/** A wink-nlp instance, created on first use (loading the model takes ~140 ms). */
function winkInstance(): WinkInstance {
  if (instance === null) {
    let core: { features: { lexeme: LexemeTable } } | null = null;
    // the model's core() builds a fresh lexeme table for each instance; keep a handle on it to forget words
    const m = model as unknown as Record<string, unknown> & { core: () => typeof core };
    const nlp = winkNLP({ ...m, core: () => (core = m.core()) } as unknown as typeof model, ['sbd', 'pos']);
    const lexemes = core!.features.lexeme;
    instance = { nlp, lexemes, forgotten: lexemes.list.length };
  }
  return instance;
}

export function wink(): Wink {
  return winkInstance().nlp;
}

/**
 * Makes wink-nlp forget the words it learned from the last document. wink adds every unknown word to its
 * lexicon, and a word found there is no longer split: "Poor's" read once is one token ever after, so the same
 * article came out differently depending on what the process had read before (75 of 15,389 Reuters articles).
 * Dropping the learned words from the lookup hash (their list entries stay, so the indexes wink keeps beside
 * them stay aligned) gives every document the tokenizer of a fresh instance.
 */
function forgetLearnedWords(w: WinkInstance): void {
  const { hash, list, intrinsicSize } = w.lexemes;
  for (let i = w.forgotten; i < list.length; i++) {
    const word = list[i]!;
    const at = hash[word];
    if (at !== undefined && at >= intrinsicSize) delete hash[word];
  }
  w.forgotten = list.length;
  if (list.length - intrinsicSize > TOKEN_RULES.recycleAfterLearnedWords) instance = null;
}

/** The text with every over-long run of non-space characters blanked out (same length, so offsets hold). */
function maskLongRuns(text: string): string {
  const re = new RegExp(`\\S{${TOKEN_RULES.maxTokenChars + 1},}`, 'g');
  if (!re.test(text)) return text;
  re.lastIndex = 0;
  return text.replace(re, (run) => ' '.repeat(run.length));
}

export interface Tokenized {
  tokens: Token[];
  sentences: Sentence[];
}

import { isHardBreak } from './paragraphs.js';

export function tokenize(text: string, removed: readonly Span[] = []): Tokenized {
  const w = winkInstance();
  const its = w.nlp.its;
  const masked = maskLongRuns(text);
  let values: string[];
  let pos: string[];
  let lemmas: string[];
  let winkSpans: [number, number][];
  try {
    const doc = w.nlp.readDoc(masked);
    values = doc.tokens().out(its.value) as string[];
    pos = doc.tokens().out(its.pos) as string[];
    lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
    winkSpans = doc.sentences().out(its.span) as unknown as [number, number][];
  } finally {
    forgetLearnedWords(w);
  }
  const all: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // the next token starts after white space (a blanked-out run counts as white space); wink may normalise a
    // token (rare), so look a little further, never across the rest of the text
    let at = cursor;
    if (v.trim() === '') {
      // a run of white space (wink keeps line breaks as tokens; they are dropped below): all of it
      let end = cursor;
      while (end < masked.length && /\s/.test(masked[end]!)) end++;
      all.push({ start: cursor, end, value: masked.slice(cursor, end), lower: '', pos: 'SPACE', lemma: '', sentence: -1 });
      cursor = end;
      continue;
    }
    const near = masked.slice(cursor, cursor + 64 + v.length).indexOf(v);
    if (near >= 0) at = cursor + near;
    else {
      while (at < masked.length && /\s/.test(masked[at]!)) at++;
      const after = masked.slice(at, at + 64 + v.length).indexOf(v);
      if (after >= 0) at += after;
    }
    const end = Math.min(text.length, at + v.length);
    const value = text.slice(at, end);
    all.push({ start: at, end, value, lower: value.toLowerCase(), pos: pos[i] ?? 'X', lemma: (lemmas[i] ?? value).toLowerCase(), sentence: -1 });
    cursor = end;
  }

  // wink's sentence spans are token index ranges [first, last]; wink keeps line breaks as tokens, which are
  // dropped here, and a hard line break always ends a sentence (web articles put headings, list items and
  // quotes on lines of their own: "...nuclear trade, expressing:\n\"In traditional industries..."), while a
  // soft one (newswire wrapped at 70 columns) does not.
  const hardBreakIn = (from: number, to: number) => {
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) if (isHardBreak(text, i)) return true;
    return false;
  };
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let open = -1; // index in `tokens` where the current sentence starts
  const close = () => {
    if (open >= 0 && tokens.length > open) {
      sentences.push({ start: tokens[open]!.start, end: tokens[tokens.length - 1]!.end, tokenStart: open, tokenEnd: tokens.length, removed: false });
    }
    open = -1;
  };
  for (const [first, last] of winkSpans) {
    close();
    for (let t = first; t <= last; t++) {
      const tok = all[t]!;
      if (tok.value.trim() === '') continue;
      if (open >= 0 && (hardBreakIn(tokens[tokens.length - 1]!.end, tok.start) || tokens.length - open >= TOKEN_RULES.maxSentenceTokens)) close();
      if (open < 0) open = tokens.length;
      tokens.push(tok);
    }
  }
  close();
  const removedIndex = new SpanIndex(removed);
  sentences.forEach((s, k) => {
    for (let t = s.tokenStart; t < s.tokenEnd; t++) tokens[t]!.sentence = k;
    s.removed = removedIndex.covers(s);
  });
  return { tokens, sentences };
}
