// Quotes: direct quotes between quote marks (cue before or after, split around the cue, colon-introduced,
// several sentences or paragraphs long) and reported speech ("X said that ...", "..., according to X"),
// each with its speaker resolved to an entity. Scare quotes around a term are not quotes.
import { SpanIndex, firstStartingAt, type Entity, type LodestoneDocument, type Quote, type Sentence, type Span, type Token } from '../document.js';
import type { EntityRegistry } from './registry.js';
import { allMentions, bySentence, type MentionRef } from './registry.js';
import { ENTITY_RULES } from './entities.js';
import { paragraphs } from '../nlp/paragraphs.js';
import { subjectAfter, subjectBefore, type Phrase } from './np.js';
import { attributionsIn } from './attribution.js';

export const QUOTE_RULES = {
  /** Opening and closing double quote marks: straight, curly, guillemets, low-9 ("„Wir" in German-style text). */
  open: new Set(['"', '\u201C', '\u00AB', '\u201E']),
  close: new Set(['"', '\u201D', '\u00BB', '\u201C']),
  /** A quoted term of at most this many words with no sentence punctuation is a scare quote ("mineral agreement"). */
  scareQuoteMaxWords: 3,
  /** Speech verbs (lemmas) that introduce or close a quote: "said", "added", "told reporters", "clarified". */
  speechLemmas: ENTITY_RULES.speechLemmas,
  /** Verbs that attach a direct quote to its speaker when next to it, beyond the speech verbs of reported
   *  speech: '"That makes me smart," Trump boasted', 'Blige sings to Clinton, "..."', 'Vitter demanded'. */
  directCueLemmas: new Set(['boast', 'demand', 'cite', 'rule', 'label', 'sing', 'tweet', 'post', 'read', 'quip', 'joke', 'shout',
    'exclaim', 'scream', 'yell', 'complain', 'concede', 'vow', 'promise', 'pledge', 'threaten', 'accuse', 'blast', 'slam', 'mock',
    'dismiss', 'praise', 'dub', 'brand', 'term', 'continue', 'conclude', 'recall', 'recount', 'testify', 'assert', 'allege',
    'charge', 'counter', 'retort', 'answer', 'observe', 'plead', 'caution', 'forecast', 'elaborate', 'maintain', 'contend',
    'propose', 'recommend', 'advise', 'confess', 'question', 'wonder', 'inquire', 'muse', 'mention', 'whisper', 'mutter', 'cry',
    'chant', 'publish', 'quote', 'inform', 'disclose', 'affirm', 'assure', 'swear', 'characterize', 'type', 'announce', 'tell',
    'hail', 'decry', 'lament', 'acknowledge', 'remark', 'interject', 'declare', 'point', 'add', 'insist', 'say', 'write']),
  /** Verbs that put their subject after them in news style: '"...," said Robert McAtee'. */
  invertingLemmas: new Set(['say', 'add', 'write', 'continue', 'explain', 'note', 'recall', 'insist', 'declare', 'argue', 'reply',
    'respond', 'answer', 'conclude', 'warn', 'report', 'state', 'remark', 'observe', 'comment', 'tweet', 'quip', 'joke']),
  /** A dash before a name after a quote attributes it: '"...we matter." ― Krystal Correa'. */
  dashAttribution: /^\s*[\u2015\u2014\u2013-]{1,2}\s*$/u,
  /** Extra cue lemmas that only work with a following colon: "He emphasized opportunities ..., expressing:". */
  colonCueLemmas: new Set(['express', 'put', 'write', 'tweet', 'post', 'downplay', 'continue']),
  pronouns: new Set(['he', 'she']),
  /** Speech verbs whose content may follow without "that": "Putin said the talks were useful". */
  bareClauseLemmas: new Set(['say', 'add', 'claim', 'argue', 'insist', 'believe', 'think', 'warn', 'predict', 'estimate', 'suggest', 'report', 'write', 'state', 'confirm', 'tell']),
  /** Reported speech from the dependency parse (src/extract/attribution.ts); the word-order rules below are
   *  the fallback for sentences where the parse finds no attribution. */
  parseReportedSpeech: 'fallback' as 'off' | 'fallback' | 'always',
  /** Longest stretch after a description in which a name in apposition is looked for ("the minister, Paul Kabuswe"). */
  apposChars: 60,
  /** Words that may sit between a closing quote and its cue: '..." the minister later added'. */
  maxTailTokens: 12,
};

interface QuoteMarkSpan {
  open: number; // index of the opening mark
  close: number; // index of the closing mark, or the paragraph end when the quote runs on
  runsOn: boolean; // no closing mark before the paragraph ends (a multi-paragraph quote)
}

/** Pairs quote marks paragraph by paragraph (paragraphs end at hard line breaks, see nlp/paragraphs.ts). */
export function findQuoteMarks(text: string, skip: readonly Span[]): QuoteMarkSpan[] {
  const out: QuoteMarkSpan[] = [];
  for (const para of paragraphs(text)) {
    let open = -1;
    for (let i = para.start; i < para.end; i++) {
      const ch = text[i]!;
      if (open < 0 && QUOTE_RULES.open.has(ch)) {
        // a straight quote after a letter is a closing mark or an inch sign, not an opening
        if (ch === '"' && i > para.start && /[\p{L}\p{N}]/u.test(text[i - 1]!)) continue;
        open = i;
      } else if (open >= 0 && QUOTE_RULES.close.has(ch) && !(ch === '\u201C' && text[open] === '\u201C')) {
        out.push({ open, close: i, runsOn: false });
        open = -1;
      }
    }
    if (open >= 0 && para.end - open > 20) out.push({ open, close: para.end, runsOn: true });
  }
  const skipped = new SpanIndex(skip);
  return out.filter((q) => !skipped.has(q.open));
}

function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

export function extractQuotes(doc: LodestoneDocument, reg: EntityRegistry): void {
  const { text, tokens } = doc;
  const mentions = allMentions(doc);
  /** First token starting at or after pos. */
  const tokenAt = (pos: number): number => firstStartingAt(tokens, pos);
  const sentenceOf = (pos: number): Sentence | undefined => {
    const t = tokens[Math.min(tokenAt(pos), tokens.length - 1)];
    return t ? doc.sentences[t.sentence] : undefined;
  };
  /** Outermost mention of a person, organization or country starting in [from, to). */
  const actorsIn = (from: number, to: number): MentionRef[] => {
    const out: MentionRef[] = [];
    for (let i = firstStartingAt(mentions, from); i < mentions.length && mentions[i]!.start < to; i++) {
      const m = mentions[i]!;
      if (m.entity.type === 'commodity' || m.entity.type === 'place') continue;
      if (out.length && out[out.length - 1]!.end > m.start) continue; // nested inside the previous one
      out.push(m);
    }
    return out;
  };
  /** The speaker named by a phrase: its person, else its organization, else a country that is the phrase's
   *  head ("Washington said"); a description with no name ("the announcer") is kept as words only. */
  const speakerOfPhrase = (p: Phrase | null): Speaker | null => {
    if (!p) return null;
    if (p.pronoun) {
      // "he" and "she" were resolved by the coreference stage (src/extract/pronouns.ts)
      const t = tokens[p.tokenStart]!;
      const owner = reg.mentionOverlapping(t);
      const e = owner && owner.type === 'person' ? owner : null;
      return { entity: e, span: { start: p.start, end: p.end } };
    }
    const actors = actorsIn(p.start, p.end).filter((m) => m.end <= p.end);
    // a country speaks only as the head of the phrase ("Washington said", "the Kremlin denied"); in "the Zambian
    // mines minister" or "U.S. officials" it only says where the speaker is from
    const head = actors[actors.length - 1];
    const pick = actors.find((a) => a.entity.type === 'person') ?? actors.find((a) => a.entity.type === 'organization')
      ?? (head && !/[\p{L}\p{N}]/u.test(text.slice(head.end, p.end)) ? head : undefined);
    if (pick) return { entity: pick.entity, span: { start: pick.start, end: pick.end } };
    // a description with a name in apposition: "the Zambian mines minister, Paul Kabuswe"
    const appos = actorsIn(p.end, Math.min(text.length, p.end + QUOTE_RULES.apposChars))[0];
    if (appos && appos.entity.type === 'person' && /^\s*,\s*$/.test(text.slice(p.end, appos.start)) && !/[\p{L}\p{N}]/u.test(text.slice(appos.end, (/[,.;:!?]/.exec(text.slice(appos.end)) ?? { index: 0 }).index + appos.end))) {
      return { entity: appos.entity, span: { start: appos.start, end: appos.end } };
    }
    return { entity: null, span: { start: p.start, end: p.end } };
  };
  /** The speaker of a cue verb at token index v: its subject before it, else the inverted subject after it. */
  /** The subject of the first verb of the sentence that has one (the main clause's subject), outside quotes. */
  const mainSubject = (from: number, to: number): Speaker | null => {
    for (let u = to - 1; u > from; u--) {
      if (/^["\u201D]$/.test(tokens[u]!.value)) {
        from = u + 1;
        break;
      }
    }
    for (let u = from; u < to; u++) {
      if (tokens[u]!.pos !== 'VERB' && tokens[u]!.pos !== 'AUX') continue;
      const p = speakerOfPhrase(subjectBefore(tokens, u, from));
      if (p) return p;
    }
    return null;
  };
  const speakerOfCue = (v: number, from: number, to: number): Speaker | null => {
    const cueTok = tokens[v]!;
    const prev = tokens[v - 1];
    // "Trump returned the compliment, telling Reuters, "..."", "Clinton celebrated ..., declaring it ...": a
    // participle after a comma speaks for the main clause's subject; so does a verb coordinated with an
    // earlier one ("Roberts said Friday that ... but said "the question is the timing."")
    const sentStart = doc.sentences[cueTok.sentence]?.tokenStart ?? from;
    if ((/ing$/.test(cueTok.lower) && prev && (prev.value === ',' || prev.pos === 'NOUN' || prev.pos === 'PROPN' || prev.pos === 'ADV')) || (prev && prev.pos === 'CCONJ')) {
      const main = mainSubject(sentStart, v);
      if (main) return main;
    }
    const before = speakerOfPhrase(subjectBefore(tokens, v, from));
    if (before) return before;
    // the inverted order ('said David Plouffe, the architect of ...') comes with saying verbs only; after
    // "asked" or "told" the phrase is the one spoken to
    if (QUOTE_RULES.invertingLemmas.has(tokens[v]!.lemma)) return speakerOfPhrase(subjectAfter(tokens, v, to));
    return null;
  };
  /** The last cue verb in [from, to): the one closest to the quote ("Claiming ..., Trump told Fox that "..."). */
  const cueIn = (from: number, to: number, lemmas: ReadonlySet<string>): Token | null => {
    let found: Token | null = null;
    for (let i = tokenAt(from); i < tokens.length && tokens[i]!.start < to; i++) {
      const t = tokens[i]!;
      if (lemmas.has(t.lemma) && (t.pos === 'VERB' || t.pos === 'AUX')) found = t;
    }
    return found;
  };

  const headCues = new Set([...QUOTE_RULES.speechLemmas, ...QUOTE_RULES.colonCueLemmas, ...QUOTE_RULES.directCueLemmas]);
  const paras = paragraphs(text);
  /** The paragraph holding `pos` (binary search; paragraphs are in order). */
  const paragraphAt = (pos: number): Span | undefined => {
    let lo = 0;
    let hi = paras.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (paras[mid]!.start <= pos) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const p = found >= 0 ? paras[found]! : undefined;
    return p && pos <= p.end ? p : undefined;
  };
  const entityOfId = new Map(doc.entities.map((e) => [e.id, e]));
  const marks = findQuoteMarks(text, doc.removed);
  const direct: Quote[] = [];
  const shortTerms: Span[] = [];
  let previous: Quote | null = null;
  for (let qi = 0; qi < marks.length; qi++) {
    const q = marks[qi]!;
    let cs = q.open + 1;
    let ce = q.close;
    while (cs < ce && /\s/.test(text[cs]!)) cs++;
    while (ce > cs && /\s/.test(text[ce - 1]!)) ce--;
    const content = text.slice(cs, ce);
    const words = wordCount(content);
    if (words === 0) continue;
    const sentenceLike = /[.!?,;:]$/.test(content) || words > QUOTE_RULES.scareQuoteMaxWords;
    const sent = sentenceOf(q.open);
    const sentStart = sent ? sent.start : q.open;
    const para = paragraphAt(q.open) ?? { start: 0, end: text.length };
    const lineStart = para.start;
    const lineEnd = para.end;
    const headFrom = Math.max(sentStart, lineStart);
    const head = text.slice(headFrom, q.open);
    // a cue right before a short quoted term makes it a quote: 'called the plan "a disaster"'
    // ...but 'a so-called "strategic partnership"' is the classic scare quote
    const soCalled = /so-?\s*called\s*$/i.test(head);
    const shortCue = !sentenceLike && !soCalled && cueIn(Math.max(headFrom, q.open - 40), q.open, QUOTE_RULES.speechLemmas);
    if ((!sentenceLike && !shortCue) || (soCalled && words <= QUOTE_RULES.scareQuoteMaxWords)) {
      // scare quotes: 'signed a major "mineral agreement" with Ukraine' -- unless reported speech quotes them (below)
      if (!soCalled) shortTerms.push({ start: cs, end: ce });
      continue;
    }

    let speaker: Speaker | null = null;
    let cue: Token | null = null;
    // (a) cue after the quote, in the same line: '"...," the Russian Deputy Prime Minister added.'
    if (!q.runsOn) {
      const tailEnd = (() => {
        let nextOpen: QuoteMarkSpan | undefined;
        for (let k = qi + 1; k < marks.length && !nextOpen; k++) if (marks[k]!.open > q.close) nextOpen = marks[k];
        const sentEnd = (() => { const s2 = sentenceOf(q.close + 1); return s2 && s2.start <= q.close + 2 ? s2.end : lineEnd; })();
        return Math.min(lineEnd, nextOpen ? nextOpen.open : lineEnd, Math.max(sentEnd, q.close + 1));
      })();
      const tailTokens = tokens.slice(tokenAt(q.close + 1), tokenAt(tailEnd)).slice(0, QUOTE_RULES.maxTailTokens);
      const c = tailTokens.find((t) => (QUOTE_RULES.speechLemmas.has(t.lemma) || QUOTE_RULES.directCueLemmas.has(t.lemma)) && (t.pos === 'VERB' || t.pos === 'AUX'));
      // '"...we matter." ― Krystal Correa': a dash and a name
      const firstWord = tailTokens.find((t) => /[\p{L}]/u.test(t.value));
      if (firstWord && QUOTE_RULES.dashAttribution.test(text.slice(q.close + 1, firstWord.start))) {
        const p = subjectAfter(tokens, tokenAt(firstWord.start) - 1, tokenAt(tailEnd));
        if (p) speaker = speakerOfPhrase(p);
      }
      // '..." and said it was ...' starts a new clause: not a tail attribution
      const startsClause = tailTokens[0] !== undefined && tailTokens[0].pos === 'CCONJ';
      if (!speaker && c && !startsClause && /^[\s,]*$/.test(text.slice(q.close + 1, tailTokens[0]?.start ?? q.close + 1))) {
        cue = c;
        const ci = tokenAt(c.start);
        speaker = speakerOfCue(ci, tokenAt(q.close + 1), tokenAt(tailEnd));
      }
      // any verb right after a quote attributes it when a name stands beside it: '"Go back to Univision," Trump
      // barked', '"This is fantastic!" beamed Donald Hartley'
      if (!speaker && !c && !startsClause && /[,!?]\s*["\u201D]?$/.test(text.slice(q.open, q.close + 1).replace(/["\u201D]$/, '').trimEnd() + text[q.close])) {
        const v = tailTokens.slice(0, 6).find((t) => t.pos === 'VERB');
        if (v) {
          const vi = tokenAt(v.start);
          const before = subjectBefore(tokens, vi, tokenAt(q.close + 1));
          const after = vi === tokenAt(q.close + 1) || tokens[vi - 1]!.pos === 'PUNCT' ? subjectAfter(tokens, vi, tokenAt(tailEnd)) : null;
          const p = before ?? after;
          if (p && tokens.slice(p.tokenStart, p.tokenEnd).some((t) => t.pos === 'PROPN' || p.pronoun)) {
            cue = v;
            speaker = speakerOfPhrase(p);
          }
        }
      }
    }
    // (b) cue before the quote, in the same sentence: 'Putin said: "..."', 'said Jones, "..."'
    if (!speaker && head.trim()) {
      const c = cueIn(headFrom, q.open, headCues);
      if (c) {
        cue = c;
        speaker = speakerOfCue(tokenAt(c.start), tokenAt(headFrom), tokenAt(q.open));
      } else if (/:\s*$/.test(head)) {
        // a label before a colon: 'Pollsters agree - Carl Bialik: "One of the biggest lessons ..."'
        const colon = tokenAt(head.lastIndexOf(':') + headFrom);
        speaker = speakerOfPhrase(subjectBefore(tokens, colon, tokenAt(headFrom)));
      }
      // no cue word, but the quote sits inside a sentence: its subject chose the words ('Bush referred to Rubio
      // as "a bright, charismatic leader"', 'The Sanders campaign projects that "imposing a tax ..."')
      if (!speaker && sent && sent.start < q.open) speaker = mainSubject(sent.tokenStart, tokenAt(q.open));
    }
    // (c) colon-introduced, from the previous sentence: 'the Kremlin leader clarified ... Ukraine:\n"We are ..."'
    if (!speaker && !head.trim()) {
      let beforeEnd = lineStart;
      while (beforeEnd > 0 && /\s/.test(text[beforeEnd - 1]!)) beforeEnd--;
      if (text[beforeEnd - 1] === ':') {
        const prev = sentenceOf(beforeEnd - 1);
        if (prev) {
          cue = cueIn(prev.start, prev.end, new Set([...QUOTE_RULES.speechLemmas, ...QUOTE_RULES.colonCueLemmas]));
          // the subject of the introducing sentence: the subject of its first verb that has one
          // ("When asked to comment, the US president tried to downplay ...:")
          for (let v = prev.tokenStart; v < prev.tokenEnd && !speaker; v++) {
            if (tokens[v]!.pos !== 'VERB') continue;
            speaker = speakerOfPhrase(subjectBefore(tokens, v, prev.tokenStart));
          }
          // "The New York Times reports:" (the verb read as a noun): the sentence's opening phrase
          if (!speaker) speaker = speakerOfPhrase(subjectAfter(tokens, prev.tokenStart - 1, prev.tokenEnd));
        }
      }
    }
    // (d) a quote that continues the previous one (next paragraph, or split around its cue)
    if (!speaker && previous && (previous.speaker || previous.speakerMention) && (q.open - previous.end < 400)) {
      const prevEntity = (previous.speaker ? entityOfId.get(previous.speaker) : undefined) ?? null;
      speaker = { entity: prevEntity, span: previous.speakerMention ?? { start: 0, end: 0 } };
    }
    const quote: Quote = {
      start: cs,
      end: ce,
      kind: 'direct',
      speaker: speaker?.entity ? speaker.entity.id : null,
      speakerMention: speaker ? speaker.span : null,
      cue: cue ? { start: cue.start, end: cue.end, text: cue.value } : null,
    };
    direct.push(quote);
    previous = quote;
  }

  const indirect = extractReportedSpeech(doc, direct, { tokenAt, actorsIn, speakerOfCue, speakerOfPhrase });
  // a quoted term inside reported speech is the speaker's own words: 'Trump said the NFL has gone "soft"'
  const hosts = bySentence(doc.sentences, indirect);
  for (const t of shortTerms) {
    const si = tokens[tokenAt(t.start)]?.sentence ?? -1;
    const host = (hosts[si] ?? []).find((q) => q.start <= t.start && t.end <= q.end);
    if (host) direct.push({ ...t, kind: 'direct', speaker: host.speaker, speakerMention: host.speakerMention, cue: host.cue });
  }
  doc.quotes = [...direct, ...indirect].sort((a, b) => a.start - b.start);
}

interface Speaker {
  /** null when the words name nobody we know ("the announcer", "a person familiar with the talks"). */
  entity: Entity | null;
  span: Span;
}

interface Helpers {
  tokenAt(pos: number): number;
  actorsIn(from: number, to: number): MentionRef[];
  speakerOfCue(v: number, from: number, to: number): Speaker | null;
  speakerOfPhrase(p: Phrase | null): Speaker | null;
}

/** Reported speech, sentence by sentence: "..., according to X", "According to X, ...", "X said (that) ...", "..., X said." */
function extractReportedSpeech(doc: LodestoneDocument, direct: readonly Quote[], h: Helpers): Quote[] {
  const { text, tokens } = doc;
  const out: Quote[] = [];
  // a position within a direct quote or right beside one
  const directIndex = new SpanIndex(direct.map((q) => ({ start: q.start - 1, end: q.end + 2 })));
  const insideDirect = (p: number) => directIndex.has(p);
  const directBySentence = bySentence(doc.sentences, direct);
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    if (s.removed) continue;
    const sTokens = tokens.slice(s.tokenStart, s.tokenEnd);
    if (sTokens.every((t) => insideDirect(t.start))) continue;
    const fromRules = out.length;
    // "according to X"
    let accordingFound = false;
    const acc = sTokens.findIndex((t, i) => t.lower === 'according' && sTokens[i + 1]?.lower === 'to' && !insideDirect(t.start));
    if (acc >= 0) {
      const accTok = sTokens[acc]!;
      const sentEnd = s.end - (/[.!?]$/.test(text.slice(s.start, s.end)) ? 1 : 0);
      const comma = text.indexOf(',', sTokens[acc + 1]!.end);
      const xEnd = acc === 0 || (comma >= 0 && comma < sentEnd && acc < 2) ? (comma >= 0 && comma < sentEnd ? comma : sentEnd) : sentEnd;
      const who = chooseSource(h.actorsIn(sTokens[acc + 1]!.end, xEnd), text, sTokens[acc + 1]!.end);
      let content: Span;
      if (acc <= 1) content = { start: xEnd + 1, end: sentEnd };
      else content = { start: s.start, end: text.lastIndexOf(',', accTok.start) > s.start ? text.lastIndexOf(',', accTok.start) : accTok.start };
      content = trimSpan(text, content);
      if (content.end > content.start) {
        out.push({ ...content, kind: 'indirect', speaker: who ? who.entity.id : null, speakerMention: who ? { start: who.start, end: who.end } : trimSpan(text, { start: sTokens[acc + 1]!.end, end: xEnd }), cue: { start: accTok.start, end: sTokens[acc + 1]!.end, text: text.slice(accTok.start, sTokens[acc + 1]!.end) } });
        accordingFound = true;
      }
    }
    if (!accordingFound) {
      const q = reportedByWordOrder(doc, si, sTokens, h, insideDirect, directBySentence[si]!.length > 0);
      if (q) out.push(q);
    }
    // read from the parse: the subject of an attribution predicate and its complement clause; added after the
    // word-order rules above have had the sentence, unless they found the same report
    const parsed: Quote[] = [];
    if (QUOTE_RULES.parseReportedSpeech === 'always' || (QUOTE_RULES.parseReportedSpeech === 'fallback' && out.length === fromRules)) {
      // "according to" is read from the words above (that survives parser errors around it)
      for (const a of attributionsIn(doc, si)) {
        if (a.kind === 'according' || insideDirect(a.cue.start) || directIndex.covers(a.content)) continue;
        // a relative pronoun names the speaker of its antecedent ("Romney, who said that ..."); the words are its own
        const src = a.antecedent ?? a.source;
        const who = src ? h.speakerOfPhrase(phraseOfSpan(tokens, h.tokenAt, src)) : null;
        const mention = a.antecedent && a.source ? a.source : who ? who.span : null;
        parsed.push({ ...a.content, kind: 'indirect', speaker: who?.entity?.id ?? null, speakerMention: mention, cue: { start: a.cue.start, end: a.cue.end, text: text.slice(a.cue.start, a.cue.end) } });
      }
    }
    // the parse's reports that the rules did not give: not with the same cue, and cut before a speaker the rules
    // found in the same sentence ("to sell copper to China, | the state mining company said")
    const ruled = out.slice(fromRules);
    for (const q of parsed) {
      if (ruled.some((r) => r.cue && q.cue && r.cue.start === q.cue.start)) continue;
      let end = q.end;
      for (const r of ruled) {
        const sm = r.speakerMention;
        if (sm && sm.start >= q.start && sm.start < end) {
          const comma = text.lastIndexOf(',', sm.start);
          end = comma > q.start ? comma : sm.start;
        }
      }
      const content = trimSpan(text, { start: q.start, end });
      if (wordCount(text.slice(content.start, content.end)) < 2) continue;
      out.push({ ...q, ...content });
    }
  }
  return out;
}

/** Reported speech by word order around a verb of saying: "S, X said [on Tuesday]." and "X said (that) S". */
function reportedByWordOrder(doc: LodestoneDocument, si: number, sTokens: readonly Token[], h: Helpers, insideDirect: (p: number) => boolean, hasDirect: boolean): Quote | null {
  const { text, tokens } = doc;
  const s = doc.sentences[si]!;
  // a speech verb outside direct quotes
  const vi = sTokens.findIndex((t) => QUOTE_RULES.speechLemmas.has(t.lemma) && t.pos === 'VERB' && !insideDirect(t.start) && t.lemma !== 'call' && t.lemma !== 'ask');
  if (vi < 0) return null;
  const verb = sTokens[vi]!;
  const before = text.slice(s.start, verb.start);
  const lastComma = before.lastIndexOf(',');
  const sentEnd = s.end - (/[.!?]$/.test(text.slice(s.start, s.end)) ? 1 : 0);
  // "S, X said [on Tuesday]."  -- the speaker sits between the comma and the verb, or right after the verb
  if (lastComma > 0 && vi >= 1 && !insideDirect(s.start + lastComma)) {
    const vi2 = h.tokenAt(verb.start);
    const who = h.speakerOfCue(vi2, h.tokenAt(s.start + lastComma + 1), s.tokenEnd);
    const tailWords = wordCount(text.slice(verb.end, sentEnd));
    if (who && tailWords <= 8 && !hasDirect) {
      const content = trimSpan(text, { start: s.start, end: s.start + lastComma });
      return { ...content, kind: 'indirect', speaker: who.entity?.id ?? null, speakerMention: who.span, cue: { start: verb.start, end: verb.end, text: verb.value } };
    }
  }
  // "X said (that) S": the content is a clause ("that ..." or, after verbs that take one bare, a clause with a verb)
  const who = h.speakerOfPhrase(subjectBefore(tokens, h.tokenAt(verb.start), s.tokenStart));
  if (!who) return null;
  let cs = verb.end;
  // "told reporters that ...", "told VOA on Monday that ...": the content starts after "that"
  const thatAt = sTokens.slice(vi + 1, vi + 7).findIndex((t, k, arr) => t.lower === 'that' && !arr.slice(0, k).some((u) => u.pos === 'VERB'));
  const hasThat = thatAt >= 0;
  if (hasThat) cs = sTokens[vi + 1 + thatAt]!.end;
  else if (!QUOTE_RULES.bareClauseLemmas.has(verb.lemma)) return null;
  if (/:\s*$/.test(text.slice(s.start, s.end))) return null; // "..., expressing:" introduces a direct quote
  const content = trimSpan(text, { start: cs, end: sentEnd });
  if (wordCount(text.slice(content.start, content.end)) < 3) return null;
  const contentTokens = sTokens.filter((t) => t.start >= content.start && t.end <= content.end);
  if (!contentTokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return null;
  return { ...content, kind: 'indirect', speaker: who.entity?.id ?? null, speakerMention: who.span, cue: { start: verb.start, end: verb.end, text: verb.value } };
}

/** The noun phrase over a span of tokens (a source read from the parse). */
function phraseOfSpan(tokens: readonly Token[], tokenAt: (pos: number) => number, span: Span): Phrase {
  const a = tokenAt(span.start);
  let b = a;
  while (b < tokens.length && tokens[b]!.end <= span.end) b++;
  const one = b - a === 1 ? tokens[a]!.lower : '';
  return { tokenStart: a, tokenEnd: b, start: span.start, end: span.end, pronoun: QUOTE_RULES.pronouns.has(one) };
}

/** The source named after "according to": a person or organization inside a description ("a report from the
 *  Telegraph"), a country only when it is the whole source ("according to Washington"). */
function chooseSource(actors: MentionRef[], text: string, from: number): MentionRef | null {
  const person = actors.find((a) => a.entity.type === 'person');
  if (person) return person;
  const org = actors.find((a) => a.entity.type === 'organization');
  if (org) return org;
  // a country only when it is the whole source ("according to Washington"), not in "the Congolese mines ministry"
  const first = actors[0];
  if (first && /^\s*(the\s+)?$/i.test(text.slice(from, first.start)) && !/^\s*(?:'s\s+|’s\s+)?[\p{Ll}\p{Lu}]/u.test(text.slice(first.end, first.end + 20).replace(/^\s*(?:,|\.|$).*/su, ''))) return first;
  return null;
}

function trimSpan(text: string, s: Span): Span {
  let a = s.start;
  let b = s.end;
  while (a < b && /[\s,;:]/.test(text[a]!)) a++;
  while (b > a && /[\s,;:]/.test(text[b - 1]!)) b--;
  return { start: a, end: b };
}
