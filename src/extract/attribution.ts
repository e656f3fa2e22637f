// Attribution read from the parse: who is reported as saying, believing, wanting or claiming what. The source is
// a grammatical relation (the subject of the predicate, the agent of a passive, the object of "according to"),
// the content is the predicate's complement clause (its `ccomp`, or the infinitive of "wants to", "urged X to"),
// so word order no longer decides it: "Washington, which Moscow accuses of stalling the talks, said on Monday
// that ..." gives Washington as the speaker of the that-clause.
//
// The predicates are grouped by what kind of report they make. The lists are general English (verbs of
// communication, cognition, intention and evidence, as Levin's and FrameNet's classes have them), not words
// seen in a benchmark.
import type { LodestoneDocument, Span } from '../document.js';
import { parsedSentence, PARSE_RULES, type ParsedToken } from '../nlp/parse.js';

export type AttributionKind = 'speech' | 'belief' | 'intention' | 'evidence' | 'according';

export const ATTRIBUTION_RULES = {
  /** Verbs of saying: "said that", "told reporters", "warned", "insisted", "denied". */
  speech: new Set([
    'say', 'tell', 'add', 'state', 'note', 'explain', 'announce', 'declare', 'report', 'write', 'tweet', 'post', 'reply',
    'respond', 'answer', 'remark', 'comment', 'mention', 'observe', 'assert', 'claim', 'allege', 'insist', 'argue', 'contend',
    'maintain', 'stress', 'emphasize', 'emphasise', 'reiterate', 'repeat', 'acknowledge', 'admit', 'concede', 'confirm', 'deny',
    'reveal', 'disclose', 'predict', 'forecast', 'warn', 'caution', 'promise', 'vow', 'threaten', 'suggest',
    'propose', 'recommend', 'urge', 'ask', 'demand', 'recall', 'conclude', 'complain', 'boast', 'joke', 'testify', 'inform',
    'assure', 'signal', 'hint', 'imply', 'counter', 'retort', 'lament', 'accuse', 'charge', 'clarify', 'specify', 'brief',
    'agree', 'estimate', 'guarantee', 'swear', 'concur', 'instruct', 'order', 'advise', 'remind', 'notify', 'allege', 'proclaim',
  ]),
  /** Verbs of belief and knowledge: "believes that", "expects the deal to close", "fears", "doubts". */
  belief: new Set([
    'believe', 'think', 'feel', 'expect', 'hope', 'fear', 'worry', 'doubt', 'suspect', 'know', 'assume', 'reckon',
    'understand', 'realize', 'realise', 'recognize', 'recognise', 'consider', 'judge', 'imagine', 'anticipate', 'acknowledge', 'insist',
  ]),
  /** Verbs of intention and desire: "wants to", "plans to", "refused to", "seeks to". */
  intention: new Set([
    'want', 'plan', 'intend', 'aim', 'seek', 'wish', 'prefer', 'decide', 'refuse', 'decline', 'offer', 'vow',
    'promise', 'threaten', 'agree', 'choose', 'opt',
  ]),
  /** Evidence: "a report showed that", "the survey found", "data suggest". */
  evidence: new Set(['show', 'indicate', 'suggest', 'reveal', 'demonstrate', 'prove', 'confirm', 'estimate']),
  /** Verbs whose object is the content of a request or a stance when it is a clause: "urged Russia to", "asked him to". */
  objectControl: new Set(['urge', 'ask', 'tell', 'order', 'instruct', 'advise', 'remind', 'call', 'press', 'encourage', 'persuade', 'invite']),
  /** Verbs of stance whose object is what the source holds a view of: "criticized the tariffs", "praised the deal".
   *  (Left out after a count on the tuning part of PolNeAR's train compartment, where their object was seldom a
   *  report: "pledged", "spoke", "backed", "embraced", "opposed", "commented", "found", "see".) */
  stance: new Set([
    'criticize', 'criticise', 'praise', 'support', 'endorse', 'defend', 'attack', 'reject', 'mock',
    'thank', 'blame', 'condemn', 'welcome', 'applaud', 'slam', 'denounce', 'dismiss', 'question', 'challenge', 'prefer',
    'favor', 'favour', 'fault', 'hail', 'decry', 'lambaste', 'ridicule', 'champion', 'tout', 'accuse',
    'want', 'demand', 'propose', 'call', 'urge',
  ]),
  /** Verbs of communication whose object is what was said: "announced a ban", "discussed sanctions", "cited
   *  security concerns" (not "warned investors" or "asked him": there the object is the listener). */
  topic: new Set([
    'announce', 'discuss', 'mention', 'describe', 'cite', 'tweet', 'claim', 'express', 'reveal', 'declare', 'report',
    'outline', 'unveil', 'detail', 'predict', 'forecast', 'estimate', 'show', 'indicate', 'confirm', 'acknowledge',
    'admit', 'note', 'highlight', 'recommend', 'suggest', 'deny', 'dispute',
  ]),
  /** Verbs whose content comes only in a phrase: "talked about", "spoke of", "asked about", "warned of", "referred to". */
  topicPhrase: new Set(['talk', 'ask', 'point', 'refer', 'warn', 'write', 'tweet', 'complain', 'argue', 'joke', 'worry', 'boast', 'testify', 'speculate']),
  /** Prepositions that introduce the content of a verb of communication or stance ("talked about", "called for",
   *  "warned of"); "to" only after the verbs that take their topic with it ("referred to", "pointed to"), since after
   *  "spoke" or "said" it names the listener. */
  topicCases: new Set(['about', 'for', 'on', 'of', 'against', 'regarding', 'concerning']),
  topicToVerbs: new Set(['refer', 'point', 'respond', 'reply', 'object', 'allude']),
  /** Prepositions of phrases that go on with a topic: "an end | to the tariffs", "a ban | on exports". */
  topicContinuations: new Set(['to', 'of', 'on', 'for', 'against', 'with', 'over', 'from']),
  /** Subordinators of an elliptical passive clause: "when asked", "if told", "once questioned". */
  ellipticalSubordinators: new Set(['when', 'if', 'once', 'unless', 'until', 'though', 'although', 'whenever']),
  /** Relative pronouns as subjects: "the senator, who said ...". */
  relativePronouns: new Set(['who', 'which', 'that']),
  /** Subjects that are no sources: expletives ("It seems that", "There is"). */
  expletives: new Set(['it', 'there']),
  /** Relations of a predicate that carry its content. */
  contentRelations: new Set(['ccomp', 'xcomp', 'parataxis']),
  /** Relations of a subject's subtree left out of the speaker phrase ("the minister, who ..."). */
  speakerCut: new Set(['acl:relcl', 'acl', 'appos', 'punct', 'parataxis', 'advcl', 'conj', 'cc']),
  /** Content shorter than this many words is no report ("said so", "thinks not"). */
  minContentWords: 2,
} as const;

export interface Attribution {
  kind: AttributionKind;
  /** The predicate ("said", "according to"). */
  cue: Span & { token: number };
  /** The reported content: the complement clause, without its complementiser ("that"). */
  content: Span;
  /** Head token of the source phrase, when there is one. */
  sourceHead: number | null;
  /** The source phrase (the subject without its relative clauses and appositions). */
  source: Span | null;
  /** When the source is a relative pronoun ("the senator, who said that ..."), the phrase it stands for. */
  antecedent: Span | null;
}

/** The source after "according to" without its preposition ("according to | the ministry"). */
const SOURCE_OF_ACCORDING_CUT: ReadonlySet<string> = new Set([...ATTRIBUTION_RULES.speakerCut, 'case', 'fixed']);

/** The kinds of report a lemma can make, most specific first. */
function kindsOf(lemma: string): AttributionKind[] {
  const out: AttributionKind[] = [];
  if (ATTRIBUTION_RULES.speech.has(lemma)) out.push('speech');
  if (ATTRIBUTION_RULES.belief.has(lemma)) out.push('belief');
  if (ATTRIBUTION_RULES.intention.has(lemma)) out.push('intention');
  if (ATTRIBUTION_RULES.evidence.has(lemma)) out.push('evidence');
  return out;
}

/** Could the sentence hold an attribution? A cheap test on the tokenizer's lemmas, before any parsing. */
export function mayAttribute(doc: LodestoneDocument, si: number): boolean {
  const s = doc.sentences[si]!;
  for (let t = s.tokenStart; t < s.tokenEnd; t++) {
    const tok = doc.tokens[t]!;
    if (tok.lower === 'according') return true;
    // a verb (to the tokenizer's tagger; the parser's own tags decide later) of one of the classes, or an
    // intention verb the taggers take for a noun ("Rio Tinto plans to build", see PARSE_RULES.intentionVerbs)
    if (tok.pos !== 'VERB' && !(PARSE_RULES.intentionVerbs.has(tok.lower) && doc.tokens[t + 1]?.lower === 'to')) continue;
    if (kindsOf(tok.lemma).length > 0 || ATTRIBUTION_RULES.stance.has(tok.lemma) || ATTRIBUTION_RULES.topic.has(tok.lemma) || ATTRIBUTION_RULES.topicPhrase.has(tok.lemma)) return true;
  }
  return false;
}

interface SentenceTree {
  doc: LodestoneDocument;
  base: number;
  parse: readonly ParsedToken[];
  children: number[][];
}

function treeOf(doc: LodestoneDocument, si: number): SentenceTree {
  const s = doc.sentences[si]!;
  const parse = parsedSentence(doc, si);
  const children: number[][] = parse.map(() => []);
  parse.forEach((p, k) => {
    if (p.head >= 0) children[p.head - s.tokenStart]!.push(s.tokenStart + k);
  });
  return { doc, base: s.tokenStart, parse, children };
}

const at = (tr: SentenceTree, t: number): ParsedToken => tr.parse[t - tr.base]!;
const kids = (tr: SentenceTree, t: number): number[] => tr.children[t - tr.base]!;
const rel = (tr: SentenceTree, t: number): string => at(tr, t).deprel;
const base = (deprel: string): string => deprel.split(':')[0]!;

/** Token range [first, last] of the subtree of `t`, leaving out children whose relation `cut` names. */
function subtreeRange(tr: SentenceTree, t: number, cut?: ReadonlySet<string>): [number, number] {
  let lo = t;
  let hi = t;
  const stack = [t];
  while (stack.length) {
    const u = stack.pop()!;
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
    for (const c of kids(tr, u)) if (!(cut && u === t && cut.has(rel(tr, c)))) stack.push(c);
  }
  return [lo, hi];
}

/** The span of tokens [a, b] with punctuation and quote marks trimmed from both ends. */
function spanOf(tr: SentenceTree, a: number, b: number): Span | null {
  const toks = tr.doc.tokens;
  const edge = (t: number) => at(tr, t).upos === 'PUNCT' || /^["“”'‘’«»]$/.test(toks[t]!.value);
  while (a <= b && edge(a)) a++;
  while (b >= a && edge(b)) b--;
  if (a > b) return null;
  return { start: toks[a]!.start, end: toks[b]!.end };
}

/** The subject of a predicate: its own, else (a participle "..., adding that", a second verb "said X and added
 *  that") the one of the verb it hangs from. */
function subjectOf(tr: SentenceTree, v: number): number | null {
  let u = v;
  for (let hops = 0; hops < 4; hops++) {
    // a passive subject speaks only through a verb it governs: "He was quoted as saying ...", not "He was told that"
    const subj = kids(tr, u).find((c) => base(rel(tr, c)) === 'nsubj' && (hops > 0 || !rel(tr, c).endsWith(':pass')));
    if (subj !== undefined) return subj;
    const agent = kids(tr, u).find((c) => rel(tr, c) === 'obl:agent');
    if (agent !== undefined) return agent;
    const r = base(rel(tr, u));
    const h = at(tr, u).head;
    if (h < 0) return null;
    // a participle on a noun: "the mining company, adding that output would fall": the noun speaks
    if (r === 'acl' && (at(tr, h).upos === 'NOUN' || at(tr, h).upos === 'PROPN' || at(tr, h).upos === 'PRON')) return h;
    if (!(r === 'conj' || r === 'advcl' || r === 'xcomp')) return null;
    u = h;
  }
  return null;
}

/** The content of a predicate: its clausal complement, or the clause of an object it controls ("urged Russia to
 *  end the war": the content is "Russia to end the war"). */
function contentOf(tr: SentenceTree, v: number, kinds: readonly AttributionKind[]): number | null {
  const cs = kids(tr, v);
  const ccomp = cs.find((c) => rel(tr, c) === 'ccomp');
  if (ccomp !== undefined) return ccomp;
  const lemma = at(tr, v).lemma.toLowerCase();
  // an infinitive: "wants to build", "urged Russia to end" (also when parsed as an adverbial clause with "to")
  const xcomp = cs.find((c) => (rel(tr, c) === 'xcomp' || (rel(tr, c) === 'advcl' && kids(tr, c).some((k) => tr.doc.tokens[k]!.lower === 'to' && rel(tr, k) === 'mark')))
    && (at(tr, c).upos === 'VERB' || at(tr, c).upos === 'AUX'));
  if (xcomp !== undefined && (kinds.includes('intention') || ATTRIBUTION_RULES.objectControl.has(lemma) || kinds.includes('belief'))) return xcomp;
  return null;
}

/** Attributions of sentence `si` (parsed on demand). */
export function attributionsIn(doc: LodestoneDocument, si: number): Attribution[] {
  if (!mayAttribute(doc, si)) return [];
  const tr = treeOf(doc, si);
  const s = doc.sentences[si]!;
  const toks = doc.tokens;
  const out: Attribution[] = [];
  for (let v = s.tokenStart; v < s.tokenEnd; v++) {
    const p = at(tr, v);
    // "according to X": X is the source of the clause X hangs from
    if (toks[v]!.lower === 'according' && toks[v + 1]?.lower === 'to') {
      const x = p.head >= 0 && p.deprel !== 'root' ? p.head : kids(tr, v).find((c) => at(tr, c).upos !== 'ADP');
      if (x === undefined || x < s.tokenStart || x >= s.tokenEnd) continue;
      const clause = at(tr, x).head;
      const [sa, sb] = subtreeRange(tr, x, SOURCE_OF_ACCORDING_CUT);
      const source = spanOf(tr, sa, sb);
      let content: Span | null = null;
      if (clause >= 0) {
        // the clause without the "according to X" phrase: the side of it that is longer
        const [ca, cb] = subtreeRange(tr, clause);
        const before = spanOf(tr, ca, v - 1);
        const after = spanOf(tr, sb + 1, cb);
        content = !before ? after : !after ? before : before.end - before.start >= after.end - after.start ? before : after;
      }
      if (!content || !source) continue;
      out.push({ kind: 'according', cue: { start: toks[v]!.start, end: toks[v + 1]!.end, token: v }, content, sourceHead: x, source, antecedent: null });
      continue;
    }
    if (p.upos !== 'VERB') continue;
    // a passive participle without a subject of its own says nothing of its own: "When asked to comment, Trump
    // ..." (the tagger may read that "asked" as a past tense: the subordinator without a subject tells it)
    const ownSubject = kids(tr, v).some((k) => base(rel(tr, k)) === 'nsubj');
    if (!ownSubject && (p.xpos === 'VBN' || (/(?:ed|told|shown|known|seen)$/i.test(toks[v]!.value) && kids(tr, v).some((k) => ATTRIBUTION_RULES.ellipticalSubordinators.has(toks[k]!.lower))))) continue;
    const kinds = kindsOf(p.lemma.toLowerCase());
    const lem = p.lemma.toLowerCase();
    if (kinds.length === 0 && !ATTRIBUTION_RULES.stance.has(lem) && !ATTRIBUTION_RULES.topic.has(lem) && !ATTRIBUTION_RULES.topicPhrase.has(lem)) continue;
    let c = contentOf(tr, v, kinds);
    let clausal = c !== null;
    if (c === null) {
      // a view of something, or what was spoken of: the object, or the "about"/"for" phrase
      const lemma = p.lemma.toLowerCase();
      const byObject = ATTRIBUTION_RULES.stance.has(lemma) || ATTRIBUTION_RULES.topic.has(lemma);
      if (!byObject && !ATTRIBUTION_RULES.topicPhrase.has(lemma)) continue;
      // after the predicate only: "At the same time, the leader called for a new page" takes "a new page"
      const cs = kids(tr, v).filter((k) => k > v);
      const topicCase = (g: number) => rel(tr, g) === 'case' && (ATTRIBUTION_RULES.topicCases.has(toks[g]!.lower) || (toks[g]!.lower === 'to' && ATTRIBUTION_RULES.topicToVerbs.has(lemma)));
      c = (byObject ? cs.find((k) => rel(tr, k) === 'obj') : undefined)
        ?? cs.find((k) => rel(tr, k) === 'obl' && kids(tr, k).some(topicCase))
        ?? null;
      if (c === null) continue;
      clausal = false;
    }
    let [ca, cb] = subtreeRange(tr, c);
    // the complementiser is not the content: "said that | the talks ..."
    while (ca <= cb && (rel(tr, ca) === 'mark' && /^(that|whether|if)$/i.test(toks[ca]!.value))) ca++;
    if (!clausal) {
      // nor the preposition of a topic ("called for | an end"); the phrases that go on with it are ("an end | to the
      // tariffs on its steel", which the parser may hang on the verb)
      while (ca < cb && rel(tr, ca) === 'case' && at(tr, ca).head === c) ca++;
      for (const k of kids(tr, v)) {
        if (k <= cb || base(rel(tr, k)) !== 'obl' || rel(tr, k) === 'obl:tmod') continue;
        const [ka, kb] = subtreeRange(tr, k);
        if (ka !== cb + 1) continue; // it must start right where the content ends
        const prep = kids(tr, k).find((g) => rel(tr, g) === 'case');
        if (prep === undefined || !ATTRIBUTION_RULES.topicContinuations.has(toks[prep]!.lower)) continue;
        cb = kb;
      }
    }
    const content = spanOf(tr, ca, cb);
    if (!content) continue;
    let words = 0;
    for (let t = ca; t <= cb; t++) if (/[\p{L}\p{N}]/u.test(toks[t]!.value)) words++;
    if (words < ATTRIBUTION_RULES.minContentWords) continue;
    const subj = subjectOf(tr, v);
    let source: Span | null = null;
    let antecedent: Span | null = null;
    if (subj !== null && !ATTRIBUTION_RULES.expletives.has(toks[subj]!.lower)) {
      let [sa, sb] = subtreeRange(tr, subj, ATTRIBUTION_RULES.speakerCut);
      // the phrase starts after the last punctuation before its head: a dateline or an aside the parser hung on
      // it is not part of it ("LUSAKA, March 12 - Zambia agreed": the source is "Zambia")
      for (let t = subj - 1; t >= sa; t--) if (at(tr, t).upos === 'PUNCT' && !/^['’.&-]$/.test(toks[t]!.value.trim()) || /^[-–—:]$/.test(toks[t]!.value)) { sa = t + 1; break; }
      source = spanOf(tr, sa, sb);
      // "Romney, who said that the front-runner ...": the relative pronoun speaks for the noun its clause hangs on
      if (ATTRIBUTION_RULES.relativePronouns.has(toks[subj]!.lower)) {
        let clause = at(tr, subj).head;
        while (clause >= 0 && base(rel(tr, clause)) !== 'acl' && (rel(tr, clause) === 'conj' || rel(tr, clause) === 'xcomp' || rel(tr, clause) === 'ccomp')) clause = at(tr, clause).head;
        let noun = clause >= 0 && rel(tr, clause).startsWith('acl') ? at(tr, clause).head : -1;
        if (noun < 0) {
          // the parser did not hang the clause on its noun: the noun phrase right before the pronoun
          let t = subj - 1;
          while (t >= tr.base && at(tr, t).upos === 'PUNCT') t--;
          while (t >= tr.base && (rel(tr, t) === 'flat' || rel(tr, t) === 'compound' || rel(tr, t).startsWith('flat:')) && at(tr, t).head > t) t = at(tr, t).head;
          while (t >= tr.base && rel(tr, t).startsWith('flat')) t = at(tr, t).head;
          if (t >= tr.base && (at(tr, t).upos === 'PROPN' || at(tr, t).upos === 'NOUN')) noun = t;
        }
        if (noun >= 0) {
          const [na, nb] = subtreeRange(tr, noun, ATTRIBUTION_RULES.speakerCut);
          antecedent = spanOf(tr, na, nb);
        }
      }
    }
    // a view of a thing needs someone who holds it ("The senator criticized the tariffs"); a bare "criticized the
    // tariffs" in a list is no report
    if (!clausal && !source) continue;
    const kind = kinds[0] ?? 'speech';
    out.push({ kind, cue: { start: toks[v]!.start, end: toks[v]!.end, token: v }, content, sourceHead: source ? subj : null, source, antecedent });
  }
  return out;
}

