// `lodestone parse`: a text's sentences tagged and parsed, as the `sentences` of `analyze --syntax` and as
// CoNLL-U (https://universaldependencies.org/format.html) with `# sent_id` and `# text` lines, so the trees load
// in any UD tool. Only tokenisation and the parser run (no entities, quotes or events).
import { analyzeText, contentId, stageNames } from '../pipeline.js';
import { syntaxJson, type SyntaxSentenceJson } from '../output.js';
import { formatParsedSentence } from './syntax/conllu.js';

export interface ParsedText {
  id: string;
  sentences: SyntaxSentenceJson[];
  conllu: string;
}

/** The stages `parse` needs; the rest are switched off. */
const PARSE_STAGES = new Set(['tokens', 'syntax', 'ids']);

export function parseText(text: string, options: { id?: string } = {}): ParsedText {
  const id = options.id ?? contentId(text);
  const doc = analyzeText(text, { id, syntax: true, disable: stageNames().filter((n) => !PARSE_STAGES.has(n)) });
  const sentences = syntaxJson(doc);
  // every sentence is parsed here, so sentences[k] is doc.sentences[k]
  const conllu = sentences.map((s, k) => formatParsedSentence({
    sentId: `${id}-${k + 1}`,
    text: text.slice(s.start, s.end),
    tokens: s.tokens.map((t, i) => ({
      text: t.text, lemma: t.lemma, upos: t.upos, xpos: doc.syntax[k]![i]!.xpos, head: t.head, deprel: t.deprel,
      spaceAfter: i + 1 < s.tokens.length ? s.tokens[i + 1]!.start > t.end : true,
    })),
  })).join('');
  return { id, sentences, conllu };
}
