// CoNLL-U reading and writing (https://universaldependencies.org/format.html). A sentence keeps its comment
// lines and every token line as its ten raw fields, so writing a sentence back gives the same bytes; the
// syntactic words (no multiword-token ranges "1-2", no empty nodes "8.1") and the surface tokens are derived
// from those lines.

export interface ConlluWord {
  /** 1-based word index in the sentence */
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** 1-based head index, 0 = root, -1 when the field is "_" */
  head: number;
  deprel: string;
  deps: string;
  misc: string;
}

/** A surface token: a multiword token ("don't" over the words "do" "n't") or a single word. */
export interface ConlluToken {
  form: string;
  /** index in `words` of the first word, and one past the last */
  wordStart: number;
  wordEnd: number;
  /** false when MISC has SpaceAfter=No */
  spaceAfter: boolean;
  misc: string;
}

export interface ConlluSentence {
  /** comment lines, with their leading "#" */
  comments: string[];
  /** every token line as its ten fields, in file order (words, multiword ranges, empty nodes) */
  lines: string[][];
  words: ConlluWord[];
  tokens: ConlluToken[];
}

const hasNoSpace = (misc: string) => misc.split('|').includes('SpaceAfter=No');

function wordOf(f: readonly string[]): ConlluWord {
  return {
    id: Number(f[0]),
    form: f[1]!,
    lemma: f[2]!,
    upos: f[3]!,
    xpos: f[4]!,
    feats: f[5]!,
    head: f[6] === '_' ? -1 : Number(f[6]),
    deprel: f[7]!,
    deps: f[8]!,
    misc: f[9]!,
  };
}

/** Builds a sentence from its comment lines and token lines (ten fields each). */
export function makeSentence(comments: string[], lines: string[][]): ConlluSentence {
  const words: ConlluWord[] = [];
  const tokens: ConlluToken[] = [];
  let rangeEnd = 0; // last word id covered by the open multiword token
  for (const f of lines) {
    const id = f[0]!;
    if (id.includes('.')) continue;
    const dash = id.indexOf('-');
    if (dash >= 0) {
      const a = Number(id.slice(0, dash));
      const b = Number(id.slice(dash + 1));
      tokens.push({ form: f[1]!, wordStart: words.length, wordEnd: words.length + (b - a + 1), spaceAfter: !hasNoSpace(f[9]!), misc: f[9]! });
      rangeEnd = b;
      continue;
    }
    const w = wordOf(f);
    words.push(w);
    if (w.id > rangeEnd) tokens.push({ form: w.form, wordStart: words.length - 1, wordEnd: words.length, spaceAfter: !hasNoSpace(w.misc), misc: w.misc });
  }
  return { comments, lines, words, tokens };
}

/** Parses CoNLL-U text into sentences. Tolerates CRLF line ends and a missing final blank line. */
export function readConllu(text: string): ConlluSentence[] {
  const out: ConlluSentence[] = [];
  let comments: string[] = [];
  let lines: string[][] = [];
  const flush = () => {
    if (lines.length > 0 || comments.length > 0) out.push(makeSentence(comments, lines));
    comments = [];
    lines = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      flush();
      continue;
    }
    if (line.startsWith('#') && lines.length === 0) {
      comments.push(line);
      continue;
    }
    const f = line.split('\t');
    if (f.length !== 10) throw new Error(`CoNLL-U: expected 10 fields, got ${f.length}: ${line.slice(0, 80)}`);
    lines.push(f);
  }
  flush();
  return out;
}

/** Writes sentences back as CoNLL-U (each sentence ends with a blank line). */
export function writeConllu(sentences: readonly ConlluSentence[]): string {
  let s = '';
  for (const sent of sentences) {
    for (const c of sent.comments) s += `${c}\n`;
    for (const f of sent.lines) s += `${f.join('\t')}\n`;
    s += '\n';
  }
  return s;
}

/** The value of a "# key = value" comment, or null. */
export function sentenceMeta(sent: Pick<ConlluSentence, 'comments'>, key: string): string | null {
  const prefix = `# ${key} =`;
  for (const c of sent.comments) {
    if (c.startsWith(prefix)) return c.slice(prefix.length).trim();
  }
  return null;
}

/** Character offsets of every surface token in the sentence text (`# text`), found by walking the text with the
 *  token forms; null when a form cannot be found in order. */
export function tokenOffsets(text: string, tokens: readonly Pick<ConlluToken, 'form'>[]): { start: number; end: number }[] | null {
  const out: { start: number; end: number }[] = [];
  let at = 0;
  for (const t of tokens) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith(t.form, at)) {
      out.push({ start: at, end: at + t.form.length });
      at += t.form.length;
      continue;
    }
    const found = text.indexOf(t.form, at);
    if (found < 0) return null;
    out.push({ start: found, end: found + t.form.length });
    at = found + t.form.length;
  }
  return out;
}

// --- writing parser output -------------------------------------------------------------------------------

export interface ParsedToken {
  text: string;
  lemma: string;
  upos: string;
  /** Penn tag, "_" when absent */
  xpos?: string;
  /** 1-based head index, 0 = root */
  head: number;
  deprel: string;
  /** false when the next token follows without a space */
  spaceAfter: boolean;
}

const field = (s: string | undefined) => {
  if (s === undefined || s === '') return '_';
  return s.replace(/[\t\r\n]+/g, ' ');
};

/** One sentence of parser output as a CoNLL-U block (comments, word lines, blank line). Token text containing
 *  spaces is kept as it is (CoNLL-U 2 allows spaces in FORM and LEMMA); tabs and line breaks become spaces. */
export function formatParsedSentence(sent: { sentId?: string; text?: string; tokens: readonly ParsedToken[] }): string {
  let s = '';
  if (sent.sentId !== undefined) s += `# sent_id = ${sent.sentId.replace(/\s+/g, '_')}\n`;
  if (sent.text !== undefined) s += `# text = ${sent.text.replace(/\s+/g, ' ').trim()}\n`;
  sent.tokens.forEach((t, i) => {
    const misc = t.spaceAfter || i === sent.tokens.length - 1 ? '_' : 'SpaceAfter=No';
    s += [String(i + 1), field(t.text), field(t.lemma), field(t.upos), field(t.xpos), '_', String(t.head), field(t.deprel), '_', misc].join('\t') + '\n';
  });
  return `${s}\n`;
}
