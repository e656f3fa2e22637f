// Hard and soft line breaks. Web articles put each paragraph, heading, list item and quote on a line of its
// own; 1987 newswire (Reuters-21578) wraps its paragraphs at about 70 columns. A line break ends a sentence
// only when it is a hard one.

export const PARAGRAPH_RULES = {
  /** A line this short is a heading, a dateline or a list item: its break is hard. */
  shortLine: 40,
  /** A line ending with one of these ends its paragraph ("...nuclear trade, expressing:" / "...lives.\""). */
  finalPunctuation: /[.!?:;"\u201D)\]]\s*$/,
  /** A line starting with one of these starts a new block (list items, quotes, bullets). */
  blockStart: /^\s*([-*\u2022\u2013]|["\u201C\u00AB]|\d+[.)]\s)/,
};

/** True when the line break at `nl` (index of a "\n") is a hard break. */
export function isHardBreak(text: string, nl: number): boolean {
  const prevStart = text.lastIndexOf('\n', nl - 1) + 1;
  const prevLine = text.slice(prevStart, nl);
  let nextEnd = text.indexOf('\n', nl + 1);
  if (nextEnd < 0) nextEnd = text.length;
  const nextLine = text.slice(nl + 1, nextEnd);
  if (prevLine.trim() === '' || nextLine.trim() === '') return true;
  if (PARAGRAPH_RULES.finalPunctuation.test(prevLine)) return true;
  if (prevLine.trim().length < PARAGRAPH_RULES.shortLine) return true;
  if (PARAGRAPH_RULES.blockStart.test(nextLine)) return true;
  // an indented line starts a newswire paragraph ("    The company said ...")
  if (/^\s{2,}\S/.test(nextLine)) return true;
  return false;
}

/** Paragraph spans [start, end) of `text`, split at hard line breaks. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (isHardBreak(text, i)) {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  out.push({ start, end: text.length });
  return out;
}
