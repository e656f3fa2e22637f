// The syntax layer of a document: part of speech, lemma and dependency head of each token of a sentence, from
// the tagger and parser trained on UD English EWT (src/nlp/syntax/). Sentences are parsed on demand and kept:
// the quote and event extractors ask for the sentences they read (those with a cue or a trigger), and
// `analyze --syntax` asks for all of them. Lodestone's tokens are the parser's words (wink-nlp splits "don't"
// into "do" "n't" and "Russia's" into "Russia" "'s", as UD does).
import type { LodestoneDocument, ParsedToken } from '../document.js';

export type { ParsedToken } from '../document.js';
import { loadSyntaxModel, type SyntaxModel } from './syntax/index.js';

export const PARSE_RULES = {
  /** Characters of a token the parser sees (a long token is a URL or a code, never a word it knows). */
  maxWordChars: 40,
  /** Verbs of intention the tagger (trained on web text, where "plans" is mostly a noun) reads as nouns in news
   *  headlines and ledes: "Rio Tinto plans to build a refinery", "Vale aims to sell". Read as verbs when a noun
   *  phrase stands before them and "to" and a verb follow. */
  intentionVerbs: new Set(['plan', 'plans', 'aim', 'aims', 'hope', 'hopes', 'want', 'wants', 'vow', 'vows', 'pledge', 'pledges',
    'promise', 'promises', 'offer', 'offers', 'seek', 'seeks', 'intend', 'intends', 'need', 'needs', 'bid', 'bids']),
} as const;

/** Tag ids with the intention verbs a news subject governs set to verbs (see PARSE_RULES.intentionVerbs). */
function retagIntentionVerbs(model: SyntaxModel, words: readonly string[], ids: Int32Array): Int32Array {
  const vbz = model.parts.tags.indexOf('VERB VBZ');
  const vbp = model.parts.tags.indexOf('VERB VBP');
  if (vbz < 0 || vbp < 0) return ids;
  for (let i = 1; i + 2 < words.length; i++) {
    if (model.upos[ids[i]!] !== 'NOUN' || !PARSE_RULES.intentionVerbs.has(words[i]!.toLowerCase())) continue;
    if (words[i + 1]!.toLowerCase() !== 'to' || model.upos[ids[i + 2]!] !== 'VERB') continue;
    const before = model.upos[ids[i - 1]!];
    if (before !== 'PROPN' && before !== 'NOUN' && before !== 'PRON') continue;
    // "the company's plans to ..." and "its plans to ..." are nouns
    if (/^(?:'s|’s|its|their|his|her|our|my|your|the|a|an|these|those)$/i.test(words[i - 1]!)) continue;
    ids[i] = /s$/i.test(words[i]!) ? vbz : vbp;
  }
  return ids;
}

/** The parse of sentence `si` of the document (token-aligned with doc.tokens), computed once and cached. */
export function parsedSentence(doc: LodestoneDocument, si: number): readonly ParsedToken[] {
  const cached = doc.syntax[si];
  if (cached) return cached;
  const s = doc.sentences[si]!;
  const words: string[] = [];
  for (let t = s.tokenStart; t < s.tokenEnd; t++) words.push(doc.tokens[t]!.value.replace(/\s+/g, ' ').slice(0, PARSE_RULES.maxWordChars));
  const model = loadSyntaxModel();
  const parsed = model.parse(words, retagIntentionVerbs(model, words, model.tagIds(words)));
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
