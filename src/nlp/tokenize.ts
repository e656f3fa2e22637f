// Tokens, sentences and parts of speech from wink-nlp (small, fast, lossless tokenisation), mapped back
// onto offsets of the original text. wink-nlp does not report character offsets itself, so each token is
// located in the text from a running cursor (its tokenisation is lossless, so the search never jumps).
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Sentence, Span, Token } from '../document.js';

type Wink = ReturnType<typeof winkNLP>;

let winkInstance: Wink | null = null;
/** The wink-nlp instance, created on first use (loading the model takes ~100 ms). */
export function wink(): Wink {
  if (winkInstance === null) winkInstance = winkNLP(model, ['sbd', 'pos']);
  return winkInstance;
}

export interface Tokenized {
  tokens: Token[];
  sentences: Sentence[];
}

import { isHardBreak } from './paragraphs.js';

export function tokenize(text: string, removed: readonly Span[] = []): Tokenized {
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const all: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let at = text.indexOf(v, cursor);
    // wink may normalise a token (rare); fall back to skipping whitespace from the cursor
    if (at < 0 || at - cursor > 64) {
      at = cursor;
      while (at < text.length && /\s/.test(text[at]!)) at++;
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
  const winkSpans = doc.sentences().out(its.span) as unknown as [number, number][];
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
      if (open >= 0 && hardBreakIn(tokens[tokens.length - 1]!.end, tok.start)) close();
      if (open < 0) open = tokens.length;
      tokens.push(tok);
    }
  }
  close();
  sentences.forEach((s, k) => {
    for (let t = s.tokenStart; t < s.tokenEnd; t++) tokens[t]!.sentence = k;
    s.removed = removed.some((r) => r.start <= s.start && s.end <= r.end);
  });
  return { tokens, sentences };
}
