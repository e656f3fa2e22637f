// Events: who did what to whom, over which commodity, when and where. A trigger from the lexicon
// (data/event-triggers.json) codes the event (CAMEO, then PLOVER through the 2021 table); the actors around
// it become source and target; modality and attribution come from modal words and the quotes around it.
import { firstStartingAt, type DateSpan, type Entity, type EventRecord, type LodestoneDocument, type Modality, type Quote, type Sentence, type Token } from '../document.js';
import { cameoInfo, findTriggers, ploverFor, type EventTrigger } from '../knowledge/cameo.js';
import { allMentions, bySentence, overlappingBySentence, type MentionRef } from './registry.js';
import { ENTITY_RULES } from './entities.js';

export const EVENT_RULES = {
  negations: new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'refuse', 'refused', 'declined']),
  /** Words before a trigger that make it an intention or capability rather than a fact: "could cooperate", "wants to offer". */
  intentWords: new Set(['could', 'would', 'can', 'may', 'might', 'will', 'shall', 'willing', 'want', 'wants', 'wanted', 'plan', 'plans',
    'planned', 'intend', 'intends', 'ready', 'prepared', 'seek', 'seeks', 'hope', 'hopes', 'aim', 'aims', 'offer', 'offered', 'offers', 'propose', 'proposed']),
  conditionals: new Set(['if', 'unless', 'whether']),
  /** "The two countries could cooperate": a plural subject standing for the last two countries named. */
  pairNouns: new Set(['countries', 'nations', 'sides', 'powers', 'governments', 'states', 'leaders', 'presidents']),
  /** Clause words that end the search for a target after the trigger. */
  targetStops: new Set([';', ':', 'which', 'who', 'while', 'but', 'because', 'although']),
  possessives: new Set(['his', 'her', 'its', 'their']),
  /** Most tokens between a noun trigger and its actor ("Moscow and Washington are exploring opportunities for joint work"). */
  nounActorDistance: 8,
  /** How many sentences apart two parts of one event may be ("could cooperate ... Russia can supply uranium"). */
  mergeWindow: 3,
  /** Cues of reported speech whose speaker is also the actor of what they report ("called for talks with Ukraine"). */
  actorCues: new Set(['call', 'urge', 'propose', 'promise', 'pledge', 'vow', 'threaten', 'offer', 'accuse', 'demand']),
  /** How far back (characters) "the two countries" looks for the two most talked-about countries; an article is
   *  shorter, a long document (a transcript, a digest of many stories) has moved on to other countries. */
  pairWindowChars: 10_000,
  /** A sentence that elaborates the previous event: "This also applies to the steel industry." */
  elaboration: /^(this|that|it|the same)\b[^.]*\b(also|too|likewise|as well)\b/i,
};

type Actor = { entities: Entity[]; start: number; end: number };

interface Found {
  trigger: EventTrigger;
  tokenStart: number;
  tokenEnd: number;
}

function triggersIn(tokens: readonly Token[], s: Sentence): Found[] {
  return findTriggers(tokens, s.tokenStart, s.tokenEnd).map((m) => ({ trigger: m.trigger, tokenStart: m.start, tokenEnd: m.end }));
}

/** What the event coder looks up per sentence, indexed once per document so that the work stays linear in the
 *  length of the text (a 5 MB document has tens of thousands of sentences and mentions). */
interface EventIndex {
  /** Every mention, sorted by start. */
  all: MentionRef[];
  /** The quotes of saying each speaker mention speaks (by the mention's start). */
  spoken: Map<number, Quote[]>;
  actors: MentionRef[][];
  commodities: MentionRef[][];
  places: MentionRef[][];
  quotes: Quote[][];
  dates: DateSpan[][];
}


function indexDocument(doc: LodestoneDocument): EventIndex {
  const { text, sentences } = doc;
  const all = allMentions(doc);
  // actors are countries, people and organizations (not places, commodities, nationalities or other names)
  const mentions = all.filter((m) => m.entity.type === 'country' || m.entity.type === 'person' || m.entity.type === 'organization');
  // the speaker of what is said is no participant of the events around it ("Russia will supply uranium,
  // Manturov said"), but is one of the event its own verb names ("Turkey denied the report"); the subject of an
  // intention or a stance acts in what it reports ("Trump wants to offer Putin access", "called for talks")
  const lemmaAt = new Map(doc.tokens.map((t) => [t.start, t.lemma]));
  const saying = (q: Quote) => q.kind === 'direct' || !q.cue || /^according/i.test(q.cue.text) || (ENTITY_RULES.speechLemmas.has(lemmaAt.get(q.cue.start) ?? '') && !EVENT_RULES.actorCues.has(lemmaAt.get(q.cue.start) ?? ''));
  const spoken = new Map<number, Quote[]>();
  for (const q of doc.quotes) {
    if (!q.speakerMention || !saying(q)) continue;
    const list = spoken.get(q.speakerMention.start);
    if (list) list.push(q);
    else spoken.set(q.speakerMention.start, [q]);
  }
  // outermost actor mentions, without country words that only modify a following person ("Russian President Vladimir Putin")
  const actors: MentionRef[] = [];
  for (const m of mentions) {
    const last = actors[actors.length - 1];
    if (last && last.end > m.start) continue;
    actors.push(m);
  }
  const actorList = actors.filter((m, i) => {
    const next = actors[i + 1];
    if (m.entity.type === 'country' && next && next.entity.type === 'person' && next.start - m.end < 40 && /^[\p{L}\s.-]*$/u.test(text.slice(m.end, next.start))) return false;
    return true;
  });
  return {
    all,
    spoken,
    actors: bySentence(sentences, actorList),
    commodities: bySentence(sentences, all.filter((m) => m.entity.type === 'commodity')),
    places: bySentence(sentences, all.filter((m) => m.entity.type === 'place')),
    quotes: overlappingBySentence(sentences, doc.quotes),
    dates: bySentence(sentences, doc.dates),
  };
}

export function extractEvents(doc: LodestoneDocument): void {
  const { text, tokens } = doc;
  const index = indexDocument(doc);

  const events: (EventRecord & { sentence: number })[] = [];
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    if (s.removed) continue;
    const allActors = index.actors[si]!;
    const commodities = index.commodities[si]!;
    const places = index.places[si]!;
    const sQuotes = index.quotes[si]!;
    const found = triggersIn(tokens, s);
    // a speaker is no actor of the events inside what they said
    // ...inside the report (its cue, speaker and content), but for the cue's own event
    const inReport = (q: Quote, pos: number) => {
      const parts = [q, q.speakerMention!, ...(q.cue ? [q.cue] : [])];
      return pos !== q.cue?.start && Math.min(...parts.map((x) => x.start)) <= pos && pos < Math.max(...parts.map((x) => x.end));
    };
    const actorsFor = (pos: number) => allActors.filter((m) => !(index.spoken.get(m.start)?.some((q) => inReport(q, pos)) ?? false));
    let lastTriggerEnd = -10;
    for (const f of found) {
      const trig = tokens[f.tokenStart]!;
      const sActors = actorsFor(trig.start);
      const isNoun = trig.pos !== 'VERB' && trig.pos !== 'ADJ';
      // a noun right after another trigger is its object ("wooed Russia with energy deals")
      if (isNoun && f.tokenStart - lastTriggerEnd < 5) continue;
      const trigEnd = tokens[f.tokenEnd - 1]!.end;
      const afterTok = tokens[f.tokenEnd];
      const passiveBy = !isNoun && f.trigger.passive !== 'none' && afterTok && (afterTok.lower === 'by' || (tokens[f.tokenEnd + 1]?.lower === 'by' && afterTok.pos === 'ADV'));
      let source: Actor | null = null;
      let target: Actor | null = null;
      if (passiveBy) {
        const byTok = afterTok!.lower === 'by' ? afterTok! : tokens[f.tokenEnd + 1]!;
        source = firstActorAfter(sActors, byTok.end, s.end, tokens, s);
        target = nearestActorBefore(sActors, trig.start, s, text, tokens, index);
      } else if (isNoun && (afterTok?.lower === 'between' || afterTok?.lower === 'among')) {
        const group = actorsAfter(sActors, afterTok.end, s.end);
        if (group.length >= 2) {
          source = { entities: [group[0]!.entity], start: group[0]!.start, end: group[0]!.end };
          target = { entities: group.slice(1).map((g) => g.entity), start: group[1]!.start, end: group[group.length - 1]!.end };
        }
      } else {
        // after a reporting verb the event's actors are in the reported clause: "He told VOA that there have
        // been no discussions about China" (VOA is no participant); a pronoun there is the speaker ("Russia
        // said it would supply uranium")
        const cueIdx = lastSpeechVerbBefore(tokens, s.tokenStart, f.tokenStart);
        const thatIdx = cueIdx >= 0 ? tokens.slice(cueIdx + 1, f.tokenStart).findIndex((t) => t.lower === 'that') : -1;
        const clauseStart = cueIdx < 0 ? s.start : thatIdx >= 0 ? tokens[cueIdx + 1 + thatIdx]!.end : tokens[cueIdx]!.end;
        source = nearestActorBefore(sActors, trig.start, s, text, tokens, index, clauseStart);
        if (!source && cueIdx >= 0 && tokens.slice(cueIdx + 1, f.tokenStart).some((t) => ['it', 'they', 'he', 'she', 'we', 'his', 'her', 'its', 'their', 'our'].includes(t.lower))) {
          const speaker = nearestActorBefore(allActors, tokens[cueIdx]!.start, s, text, tokens, index);
          if (speaker) source = speaker;
        }
        // "We are willing to attract foreign partners" inside a quote: the speaker's side acts
        if (!source) {
          const quote = sQuotes.find((q) => q.kind === 'direct' && q.speaker && q.start <= trig.start && trig.end <= q.end);
          const firstPerson = tokens.slice(s.tokenStart, f.tokenStart).some((t) => t.start >= (quote?.start ?? Infinity) && ['we', 'i', 'our', 'my'].includes(t.lower));
          const speaker = quote && firstPerson ? doc.entities.find((e) => e.id === quote.speaker) : undefined;
          if (speaker) source = { entities: [speaker], start: trig.start, end: trig.start + 1 };
        }
        if (source && isNoun && source.start !== source.end) {
          // a noun trigger needs its actor close by, as the subject of a governing verb or as its possessor ("his proposal")
          const between = tokens.slice(s.tokenStart, f.tokenStart).filter((t) => t.start >= source!.end);
          const possessor = between.length <= 1;
          if (between.length > EVENT_RULES.nounActorDistance || (!possessor && !between.some((t) => t.pos === 'VERB' || t.pos === 'AUX'))) source = null;
        }
        // a noun's target is in its own phrase ("talks with Ukraine"), not past the next verb ("his proposal
        // includes the annexed regions of Ukraine")
        const nextVerb = isNoun ? tokens.slice(f.tokenEnd, s.tokenEnd).find((t) => t.pos === 'VERB' || t.pos === 'AUX') : undefined;
        const targetEnd = nextVerb ? nextVerb.start : s.end;
        target = source && source.start === source.end ? null : firstActorAfter(sActors, trigEnd, targetEnd, tokens, s, source, f.trigger.intent === true);
        if (!target && source && source.entities.length > 1) {
          // "Moscow and Washington are exploring joint work": a coordinated subject of a symmetric event
          target = { ...source, entities: source.entities.slice(1) };
          source = { ...source, entities: source.entities.slice(0, 1) };
        }
      }
      if (!source || source.entities.length === 0) continue;
      const srcIds = new Set(source.entities.map((e) => e.id));
      const tgtEntities = (target?.entities ?? []).filter((e) => !srcIds.has(e.id));
      lastTriggerEnd = f.tokenEnd;

      const modality = modalityOf(tokens, s, f, sQuotes, trig);
      let cameo = f.trigger.cameo;
      if (commodities.length && f.trigger.economicCameo) cameo = f.trigger.economicCameo;
      // an intention to cooperate is coded as intent (CAMEO 03x, PLOVER AGREE): "The two countries could cooperate"
      if (modality.modality === 'intended' && /^0[67]/.test(cameo)) cameo = commodities.length ? '0311' : '030';
      const info = cameoInfo(cameo);
      const place = places.find((p) => /\b(in|at|near)\s+(the\s+)?(state\s+of\s+)?$/i.test(text.slice(Math.max(s.start, p.start - 20), p.start))) ?? places[0];
      const date = index.dates[si]!.find((d) => d.value);
      events.push({
        plover: info?.plover ?? ploverFor(cameo),
        cameo,
        mode: info?.mode ?? '',
        context: info?.context ?? '',
        source: source.entities.map((e) => e.id),
        target: tgtEntities.map((e) => e.id),
        commodities: unique(commodities.map((c) => c.entity.id)),
        place: place ? place.entity.id : null,
        date: date ? dateOf(date) : null,
        modality: modality.modality,
        attributedTo: modality.attributedTo,
        evidence: { start: s.start, end: s.end },
        trigger: { start: trig.start, end: trigEnd, text: text.slice(trig.start, trigEnd) },
        sentence: si,
      });
    }
  }
  doc.events = mergeEvents(doc, events, index);
}

/** Index of the last reporting verb ("said", "told", "confirmed") in [from, to), or -1. */
function lastSpeechVerbBefore(tokens: readonly Token[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const t = tokens[i]!;
    if (t.pos === 'VERB' && ENTITY_RULES.speechLemmas.has(t.lemma) && t.lemma !== 'call' && t.lemma !== 'urge' && t.lemma !== 'ask') return i;
  }
  return -1;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function dateOf(d: DateSpan): EventRecord['date'] {
  return d.value ? { start: d.value.start, end: d.value.end, text: d.text } : null;
}

/** Actors between `from` and `to`, outermost first. */
function actorsAfter(actors: readonly MentionRef[], from: number, to: number): MentionRef[] {
  return actors.filter((m) => m.start >= from && m.end <= to);
}

/** The nearest actor before a trigger, with the actors coordinated with it ("Moscow and Washington"), or a
 *  plural description of the last two countries named ("The two countries"). */
function nearestActorBefore(actors: readonly MentionRef[], pos: number, s: Sentence, text: string, tokens: readonly Token[], index: EventIndex, from = s.start): Actor | null {
  const sentStart = from;
  const before = actors.filter((m) => m.end <= pos && m.start >= sentStart);
  const pair = /\b(?:the two|both)\s+(\w+)\b/gi;
  // the pair must be the subject right before the trigger: "The two countries could cooperate"
  const head = text.slice(Math.max(sentStart, pos - 40), pos);
  const headStart = Math.max(sentStart, pos - 40);
  let pm: RegExpExecArray | null;
  let pairAt = -1;
  while ((pm = pair.exec(head))) if (EVENT_RULES.pairNouns.has(pm[1]!.toLowerCase())) pairAt = headStart + pm.index;
  const last = before[before.length - 1];
  if (pairAt >= 0 && (!last || last.end <= pairAt)) {
    const wantPeople = /leaders|presidents/i.test(text.slice(pairAt, pos));
    // the two most talked-about so far (mention count, then recency), in order of first mention
    const count = new Map<Entity, { n: number; last: number; first: number }>();
    for (let i = firstStartingAt(index.all, pairAt - EVENT_RULES.pairWindowChars); i < index.all.length && index.all[i]!.start < pairAt; i++) {
      const m = index.all[i]!;
      if (m.end > pairAt || m.entity.type !== (wantPeople ? 'person' : 'country')) continue;
      const c = count.get(m.entity) ?? { n: 0, last: 0, first: m.start };
      c.n++;
      c.last = m.start;
      count.set(m.entity, c);
    }
    const top = [...count.entries()].sort((a, b) => b[1].n - a[1].n || b[1].last - a[1].last).slice(0, 2).sort((a, b) => a[1].first - b[1].first);
    if (top.length === 2) return { entities: top.map(([e]) => e), start: pairAt, end: pairAt };
  }
  // a pronoun subject ("He first proposed in February ...") is a mention of its person (src/extract/pronouns.ts)
  if (!last) return null;
  const group = [last];
  for (let i = before.length - 2; i >= 0; i--) {
    const gap = text.slice(before[i]!.end, group[0]!.start);
    if (/^\s*(,|and|&|,\s*and)\s*$/i.test(gap)) group.unshift(before[i]!);
    else break;
  }
  return { entities: unique(group.map((g) => g.entity)), start: group[0]!.start, end: last.end };
}

/** The first actor after the trigger in the same clause; stops at a clause boundary. For offers and
 *  proposals, the proposer's own side inside a that-clause is not the target ("He proposed that Russia was
 *  willing to work with the US": the target is the US). */
function firstActorAfter(actors: readonly MentionRef[], from: number, to: number, tokens: readonly Token[], s: Sentence, source: Actor | null = null, intent = false): Actor | null {
  // the clause ends at a boundary word or at a reporting verb (", Manturov said in an interview with TASS")
  let limit = to;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const t = tokens[i]!;
    if (t.start < from || t.end > to) continue;
    if (EVENT_RULES.targetStops.has(t.lower) || (t.pos === 'VERB' && ENTITY_RULES.speechLemmas.has(t.lemma))) {
      limit = t.start;
      break;
    }
  }
  const own = new Set<string>();
  for (const e of source?.entities ?? []) {
    own.add(e.id);
    if (typeof e.attributes.country === 'string') own.add(e.attributes.country);
  }
  for (const m of actors) {
    if (m.start < from || m.end > limit) continue;
    if (intent && own.has(m.entity.id)) continue;
    return { entities: [m.entity], start: m.start, end: m.end };
  }
  return null;
}

function modalityOf(tokens: readonly Token[], s: Sentence, f: Found, quotes: readonly Quote[], trig: Token): { modality: Modality; attributedTo: string | null } {
  const window = tokens.slice(Math.max(s.tokenStart, f.tokenStart - 4), f.tokenStart).map((t) => t.lower);
  const clauseStart = tokens.slice(s.tokenStart, f.tokenStart).map((t) => t.lower);
  const quote = quotes.find((q) => q.start <= trig.start && trig.end <= q.end && q.speaker);
  const attributedTo = quote ? quote.speaker : null;
  let modality: Modality = 'asserted';
  if (window.some((w) => EVENT_RULES.negations.has(w))) modality = 'negated';
  else if (clauseStart.some((w) => EVENT_RULES.conditionals.has(w))) modality = 'hypothetical';
  else if (window.some((w) => EVENT_RULES.intentWords.has(w)) || f.trigger.intent) modality = 'intended';
  else if (quote) modality = 'reported';
  return { modality, attributedTo };
}

/** Parts of one event told over neighbouring sentences become one event: same category, source and target
 *  (or no target in the later part), same attribution; an elaborating sentence ("This also applies to the
 *  steel industry.") adds its commodities to the event before it. */
function mergeEvents(doc: LodestoneDocument, events: (EventRecord & { sentence: number })[], index: EventIndex): EventRecord[] {
  const out: (EventRecord & { sentence: number; lastSentence: number })[] = [];
  const key = (ids: string[]) => [...ids].sort().join(',');
  for (const e of events) {
    const prev = out[out.length - 1];
    const gap = prev ? e.sentence - prev.lastSentence : Infinity;
    // one speaker telling one event over a few sentences, or the very next sentence going on with it
    const sameTeller = prev !== undefined && prev.attributedTo !== null && prev.attributedTo === e.attributedTo && gap <= EVENT_RULES.mergeWindow;
    const adjacent = prev !== undefined && prev.attributedTo === e.attributedTo && gap <= 1;
    if (prev && (sameTeller || adjacent) && prev.plover === e.plover && key(prev.source) === key(e.source) &&
      (key(prev.target) === key(e.target) || e.target.length === 0) && prev.modality === e.modality) {
      prev.commodities = unique([...prev.commodities, ...e.commodities]);
      prev.evidence = { start: prev.evidence.start, end: e.evidence.end };
      prev.lastSentence = e.sentence;
      continue;
    }
    out.push({ ...e, lastSentence: e.sentence });
  }
  // elaborations
  const eventSentences = new Set(out.map((o) => o.sentence));
  const entityOrder = new Map(doc.entities.map((e, i) => [e, i]));
  for (const ev of out) {
    const next = doc.sentences[ev.lastSentence + 1];
    if (!next || next.removed) continue;
    const sentText = doc.text.slice(next.start, next.end).replace(/^["\u201C\s]+/, '');
    if (!EVENT_RULES.elaboration.test(sentText)) continue;
    if (eventSentences.has(ev.lastSentence + 1)) continue;
    const extra = unique(index.commodities[ev.lastSentence + 1]!.map((m) => m.entity)).sort((a, b) => entityOrder.get(a)! - entityOrder.get(b)!);
    if (!extra.length) continue;
    ev.commodities = unique([...ev.commodities, ...extra.map((x) => x.id)]);
    ev.evidence = { start: ev.evidence.start, end: next.end };
  }
  return out.map(({ sentence: _s, lastSentence: _l, ...rest }) => rest);
}
