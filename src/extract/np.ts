// Noun phrases next to a verb, read from parts of speech: the subject before a speech verb ("The New York
// businessman says"), or the inverted subject after it ('said David Plouffe, the architect of ...'). A
// chunker by hand because no maintained JavaScript library gives noun chunks with offsets on our tokens.
import type { Token } from '../document.js';

export const NP_RULES = {
  /** Parts of speech a noun phrase is made of. */
  inside: new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']),
  /** Prepositions that may join a phrase to its complement: "a spokesman for the State Department". */
  joiners: new Set(['of', 'for', 'at', 'from', 'with', 'in']),
  /** Adverbs and auxiliaries that may stand between a subject and its verb: "Trump has repeatedly said". */
  betweenSubjectAndVerb: new Set(['ADV', 'AUX', 'PART']),
  /** Punctuation inside names and possessives: "the ad’s narrator", "Rep. Gwen Moore", "D-Wis.". */
  innerPunct: /^['’.\-&]$|^['’]s$/,
  pronouns: new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you']),
  maxTokens: 12,
  /** Longest aside between a subject and its verb: "Benjamin J. Rhodes, one of the president's closest aides, recalled". */
  maxAside: 16,
};

export interface Phrase {
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  pronoun: boolean;
}

function isInside(t: Token): boolean {
  return NP_RULES.inside.has(t.pos) || NP_RULES.innerPunct.test(t.value) || t.lower === "'s" || t.lower === '’s';
}

function phrase(tokens: readonly Token[], a: number, b: number): Phrase | null {
  // trim joiners and determiners-only edges
  while (a < b && (NP_RULES.joiners.has(tokens[a]!.lower) || tokens[a]!.pos === 'PUNCT')) a++;
  while (b > a && (NP_RULES.joiners.has(tokens[b - 1]!.lower) || (tokens[b - 1]!.pos === 'PUNCT' && tokens[b - 1]!.value !== '.'))) b--;
  if (b <= a) return null;
  const slice = tokens.slice(a, b);
  if (!slice.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || NP_RULES.pronouns.has(t.lower))) return null;
  return { tokenStart: a, tokenEnd: b, start: tokens[a]!.start, end: tokens[b - 1]!.end, pronoun: slice.length === 1 && NP_RULES.pronouns.has(slice[0]!.lower) };
}

/** The subject phrase ending right before token `v` (a verb), not reaching before token `from`. */
export function subjectBefore(tokens: readonly Token[], v: number, from: number, afterAside = false): Phrase | null {
  let i = v - 1;
  if (afterAside) {
    // v is the comma that opens the aside; the subject ends right before it
    return collectBefore(tokens, v - 1, from);
  }
  while (i >= from && NP_RULES.betweenSubjectAndVerb.has(tokens[i]!.pos) && v - i <= 4) i--;
  // a parenthesis between the name and its verb: "Rep. Gwen Moore (D-Wis.) said"
  if (i >= from && tokens[i]!.value === ')') {
    let j = i;
    while (j >= from && tokens[j]!.value !== '(' && i - j < 8) j--;
    if (j >= from && tokens[j]!.value === '(') i = j - 1;
  }
  if (i < from) return null;
  // an appositive or aside between subject and verb: "Scott Pruitt, the attorney general of Oklahoma, said",
  // "Hillary Clinton, at a later press gaggle, said": the subject ends at the comma before the aside
  if (tokens[i]!.value === ',') {
    let j = i - 1;
    while (j >= from && i - j <= NP_RULES.maxAside && tokens[j]!.value !== ',' && !/^["\u201C\u201D]$/.test(tokens[j]!.value)) j--;
    if (j > from && tokens[j]!.value === ',') return subjectBefore(tokens, j, from, true);
    return null;
  }
  return collectBefore(tokens, i, from);
}

/** The phrase whose last token is i, read backwards. */
function collectBefore(tokens: readonly Token[], i: number, from: number): Phrase | null {
  if (i < from) return null;
  if (NP_RULES.pronouns.has(tokens[i]!.lower)) return phrase(tokens, i, i + 1);
  const end = i + 1;
  let start = end;
  while (i >= from && end - i <= NP_RULES.maxTokens) {
    const t = tokens[i]!;
    if (isInside(t)) start = i;
    else if (NP_RULES.joiners.has(t.lower) && i > from && isInside(tokens[i - 1]!)) start = i;
    else break;
    i--;
  }
  return start < end ? phrase(tokens, start, end) : null;
}

/** The phrase starting right after token `v` (inverted subject: 'said David Plouffe'), up to token `to`. */
export function subjectAfter(tokens: readonly Token[], v: number, to: number): Phrase | null {
  let i = v + 1;
  if (i < to && NP_RULES.pronouns.has(tokens[i]!.lower)) return phrase(tokens, i, i + 1);
  const start = i;
  while (i < to && i - start < NP_RULES.maxTokens) {
    const t = tokens[i]!;
    if (isInside(t)) i++;
    else if (NP_RULES.joiners.has(t.lower) && i + 1 < to && isInside(tokens[i + 1]!)) i++;
    else break;
  }
  return i > start ? phrase(tokens, start, i) : null;
}
