// Scoring of tagged and parsed sentences against UD gold trees: gold tokenisation (word by word) and system
// tokenisation through the CoNLL 2018 shared-task alignment (words aligned by character spans, multiword
// regions by the longest common subsequence of their lower-cased forms).
import type { ConlluSentence, ConlluWord } from '../src/nlp/syntax/conllu.js';
import { tokenOffsets } from '../src/nlp/syntax/conllu.js';

/** Document index of each sentence (a new document starts at "# newdoc"). */
export function docIndex(sents: readonly ConlluSentence[]): number[] {
  let d = -1;
  return sents.map((s) => {
    if (d < 0 || s.comments.some((c) => c.startsWith('# newdoc'))) d++;
    return d;
  });
}

/** The first document of dev half B: half A is the documents before it, about half of the dev words. */
export function devHalfDoc(dev: readonly ConlluSentence[]): number {
  const docs = docIndex(dev);
  let total = 0;
  for (const s of dev) total += s.words.length;
  let acc = 0;
  for (let i = 0; i < dev.length; i++) {
    if (acc >= total / 2 && (i === 0 || docs[i] !== docs[i - 1])) return docs[i]!;
    acc += dev[i]!.words.length;
  }
  return docs[docs.length - 1]! + 1;
}

export interface PredWord {
  upos: string;
  /** 1-based head, 0 = root */
  head: number;
  deprel: string;
  lemma?: string;
}

export interface GoldTokScore {
  words: number;
  upos: number;
  uas: number;
  /** universal part of the relation (before ":") */
  las: number;
  /** full relation with subtype */
  lasFull: number;
  uasNoPunct: number;
  lasNoPunct: number;
  lemma: number;
}

const universal = (r: string) => {
  const i = r.indexOf(':');
  return i < 0 ? r : r.slice(0, i);
};

/** Percentages over syntactic words (multiword tokens expanded, empty nodes skipped); punctuation included in
 *  UAS/LAS (CoNLL 2018), and also reported without it (words whose gold UPOS is PUNCT left out). */
export function scoreGoldTok(gold: readonly (readonly ConlluWord[])[], pred: readonly (readonly PredWord[])[]): GoldTokScore {
  let n = 0, upos = 0, uas = 0, las = 0, lasFull = 0, np = 0, uasNp = 0, lasNp = 0, lemma = 0;
  gold.forEach((g, s) => {
    const p = pred[s]!;
    g.forEach((w, i) => {
      const q = p[i];
      n++;
      if (!q) return;
      const punct = w.upos === 'PUNCT';
      if (!punct) np++;
      if (q.upos === w.upos) upos++;
      if (q.lemma !== undefined && q.lemma === w.lemma) lemma++;
      if (q.head === w.head) {
        uas++;
        if (!punct) uasNp++;
        if (universal(q.deprel) === universal(w.deprel)) {
          las++;
          if (!punct) lasNp++;
        }
        if (q.deprel === w.deprel) lasFull++;
      }
    });
  });
  const pc = (x: number, d = n) => (d > 0 ? (100 * x) / d : 0);
  return { words: n, upos: pc(upos), uas: pc(uas), las: pc(las), lasFull: pc(lasFull), uasNoPunct: pc(uasNp, np), lasNoPunct: pc(lasNp, np), lemma: pc(lemma) };
}

// --- CoNLL 2018 alignment --------------------------------------------------------------------------------------

/** A word with its character span in the sentence text; words of one multiword token share the token's span. */
export interface SpanWord {
  start: number;
  end: number;
  form: string;
  upos: string;
  /** index of the head word in the same list, -1 = root */
  head: number;
  deprel: string;
  /** true for the words of a multiword token */
  mwt: boolean;
}

/** Gold words of a sentence with spans from walking `# text` with the token forms; null when the forms cannot
 *  be found in the text in order. */
export function goldSpanWords(sent: ConlluSentence, text: string): SpanWord[] | null {
  const offs = tokenOffsets(text, sent.tokens);
  if (!offs) return null;
  const out: SpanWord[] = [];
  sent.tokens.forEach((t, k) => {
    for (let i = t.wordStart; i < t.wordEnd; i++) {
      const w = sent.words[i]!;
      out.push({ start: offs[k]!.start, end: offs[k]!.end, form: w.form, upos: w.upos, head: w.head - 1, deprel: w.deprel, mwt: t.wordEnd - t.wordStart > 1 });
    }
  });
  return out;
}

export interface AlignedCounts {
  goldTokens: number;
  sysTokens: number;
  tokens: number;
  goldWords: number;
  sysWords: number;
  words: number;
  upos: number;
  uas: number;
  las: number;
}

export function emptyCounts(): AlignedCounts {
  return { goldTokens: 0, sysTokens: 0, tokens: 0, goldWords: 0, sysWords: 0, words: 0, upos: 0, uas: 0, las: 0 };
}

/**
 * Adds the counts of one text: gold and system words (with spans in the same text), aligned as the CoNLL 2018
 * evaluation script does. Tokens: a gold token (a multiword token or a plain word) matches a system token with
 * the same span (system words never form multiword tokens here). Words: outside multiword regions by equal
 * spans; in a region (a gold multiword token together with the system words overlapping it, extended while
 * spans overlap), by the LCS of lower-cased forms.
 */
export function alignAndCount(gold: readonly SpanWord[], sys: readonly SpanWord[], c: AlignedCounts): void {
  // tokens
  const goldTok = new Set<string>();
  let gPrev = '';
  for (const w of gold) {
    const key = `${w.start}:${w.end}`;
    if (w.mwt && key === gPrev) continue;
    gPrev = key;
    goldTok.add(key);
  }
  c.goldTokens += goldTok.size;
  const sysTok = new Set(sys.map((w) => `${w.start}:${w.end}`));
  c.sysTokens += sysTok.size;
  for (const k of sysTok) if (goldTok.has(k)) c.tokens++;
  c.goldWords += gold.length;
  c.sysWords += sys.length;

  // word alignment: gold index -> system index
  const g2s = new Int32Array(gold.length).fill(-1);
  const s2g = new Int32Array(sys.length).fill(-1);
  let gi = 0;
  let si = 0;
  while (gi < gold.length && si < sys.length) {
    const g = gold[gi]!;
    const s = sys[si]!;
    if (g.mwt || s.mwt) {
      // a multiword region, found as the official script's find_multiword_span does
      let end: number;
      if (g.mwt) {
        end = g.end;
        if (!s.mwt && s.start < g.start) si++;
      } else {
        end = s.end;
        if (!g.mwt && g.start < s.start) gi++;
      }
      const gs = gi;
      const ss = si;
      const beyond = (ws: readonly SpanWord[], i: number) => i >= ws.length || ws[i]!.start >= end;
      while (!beyond(gold, gi) || !beyond(sys, si)) {
        if (gi < gold.length && (si >= sys.length || gold[gi]!.start <= sys[si]!.start)) {
          if (gold[gi]!.mwt && gold[gi]!.end > end) end = gold[gi]!.end;
          gi++;
        } else {
          if (sys[si]!.mwt && sys[si]!.end > end) end = sys[si]!.end;
          si++;
        }
      }
      const gEnd = gi;
      const sEnd = si;
      gi = gs;
      si = ss;
      // LCS over lower-cased forms
      const gl = gEnd - gi;
      const sl = sEnd - si;
      const L = new Int32Array((gl + 1) * (sl + 1));
      for (let a = gl - 1; a >= 0; a--) {
        for (let b = sl - 1; b >= 0; b--) {
          L[a * (sl + 1) + b] =
            gold[gi + a]!.form.toLowerCase() === sys[si + b]!.form.toLowerCase()
              ? 1 + L[(a + 1) * (sl + 1) + b + 1]!
              : Math.max(L[(a + 1) * (sl + 1) + b]!, L[a * (sl + 1) + b + 1]!);
        }
      }
      let a = 0;
      let b = 0;
      while (a < gl && b < sl) {
        if (gold[gi + a]!.form.toLowerCase() === sys[si + b]!.form.toLowerCase()) {
          g2s[gi + a] = si + b;
          s2g[si + b] = gi + a;
          a++;
          b++;
        } else if (L[(a + 1) * (sl + 1) + b]! >= L[a * (sl + 1) + b + 1]!) a++;
        else b++;
      }
      gi = gEnd;
      si = sEnd;
      continue;
    }
    if (g.start === s.start && g.end === s.end) {
      g2s[gi] = si;
      s2g[si] = gi;
      gi++;
      si++;
    } else if (g.start < s.start || (g.start === s.start && g.end < s.end)) gi++;
    else si++;
  }
  for (let i = 0; i < gold.length; i++) {
    const j = g2s[i]!;
    if (j < 0) continue;
    const g = gold[i]!;
    const s = sys[j]!;
    c.words++;
    if (g.upos === s.upos) c.upos++;
    const headOk = g.head < 0 ? s.head < 0 : s.head >= 0 && s2g[s.head] === g.head;
    if (headOk) {
      c.uas++;
      if (universal(g.deprel) === universal(s.deprel)) c.las++;
    }
  }
}

/** F1 (percent) of a count of correct items against gold and system totals. */
export function f1(correct: number, gold: number, sys: number): number {
  return gold + sys > 0 ? (200 * correct) / (gold + sys) : 0;
}
