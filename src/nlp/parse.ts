// The syntax layer of a document: part of speech, lemma and dependency head of each token of a sentence, from
// the tagger and parser trained on UD English EWT (src/nlp/syntax/). Sentences are parsed on demand and kept:
// the quote and event extractors ask for the sentences they read (those with a cue or a trigger), and
// `analyze --syntax` asks for all of them. Lodestone's tokens are the parser's words (wink-nlp splits "don't"
// into "do" "n't" and "Russia's" into "Russia" "'s", as UD does).
import type { LodestoneDocument, ParsedToken } from '../document.js';

export type { ParsedToken } from '../document.js';
import { loadSyntaxModel } from './syntax/index.js';

export const PARSE_RULES = {
  /** Characters of a token the parser sees (a long token is a URL or a code, never a word it knows). */
  maxWordChars: 40,
} as const;

/** The parse of sentence `si` of the document (token-aligned with doc.tokens), computed once and cached. */
export function parsedSentence(doc: LodestoneDocument, si: number): readonly ParsedToken[] {
  const cached = doc.syntax[si];
  if (cached) return cached;
  const s = doc.sentences[si]!;
  const words: string[] = [];
  for (let t = s.tokenStart; t < s.tokenEnd; t++) words.push(doc.tokens[t]!.value.replace(/\s+/g, ' ').slice(0, PARSE_RULES.maxWordChars));
  const parsed = loadSyntaxModel().parse(words);
  const out: ParsedToken[] = parsed.map((p) => ({
    upos: p.upos,
    xpos: p.xpos,
    lemma: p.lemma,
    head: p.head === 0 ? -1 : s.tokenStart + p.head - 1,
    deprel: p.deprel,
  }));
  doc.syntax[si] = out;
  return out;
}

/** The parsed token at doc-level index `t` (its sentence is parsed if it was not). */
export function parsedToken(doc: LodestoneDocument, t: number): ParsedToken {
  const si = doc.tokens[t]!.sentence;
  return parsedSentence(doc, si)[t - doc.sentences[si]!.tokenStart]!;
}

/** Parses every sentence (for `--syntax` output). */
export function parseAll(doc: LodestoneDocument): void {
  for (let si = 0; si < doc.sentences.length; si++) parsedSentence(doc, si);
}

/** Token indexes of the dependents of token `t` (in order), within its sentence. */
export function dependents(doc: LodestoneDocument, t: number): number[] {
  const si = doc.tokens[t]!.sentence;
  const s = doc.sentences[si]!;
  const parse = parsedSentence(doc, si);
  const out: number[] = [];
  for (let k = 0; k < parse.length; k++) if (parse[k]!.head === t) out.push(s.tokenStart + k);
  return out;
}
