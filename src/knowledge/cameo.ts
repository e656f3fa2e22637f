// CAMEO codes and what they mean in PLOVER, and the event trigger lexicon (lemma sequences -> CAMEO codes).
//
// The conversion table data/cameo-plover.json (PLOVER manual draft 0.8, Open Event Data Alliance) gives,
// for each CAMEO code, the PLOVER category, mode and context. data/event-triggers.json lists the words news
// uses for events, by wink-nlp lemma, with the CAMEO code each codes to. Both are read once, lazily.
import { readDataJson } from './paths.js';

export interface CameoInfo {
  /** The code asked for (kept even when the facts come from a parent code). */
  cameo: string;
  plover: string;
  mode: string;
  context: string;
  description: string;
}

/** An act that is only intended or threatened ("will visit", "plans to impose"), demanded of someone, or refused. */
export type MirrorKind = 'intend' | 'demand' | 'reject';

/** wink's universal tags; ADV only for the words wink tags so ("would not back down", "jointly develop"). */
export type TriggerPos = 'VERB' | 'NOUN' | 'ADJ' | 'ADV';

export interface EventTrigger {
  /** Lemma sequence, lower case, e.g. ["offer"], ["call", "for"], ["impose", "sanction"]. */
  lemmas: string[];
  /** Allowed part of speech of the first token (wink-nlp universal tags). */
  pos: TriggerPos[];
  /** The CAMEO code the trigger codes to by default. */
  cameo: string;
  /** The code to use when the sentence names a commodity ("offer" 030 -> 0311). */
  economicCameo?: string;
  /** Source and target are interchangeable (meet, negotiate, cooperate, trade with). */
  symmetric?: boolean;
  /** "invaded by Russia": the by-phrase is the source ("swap", the default for verbs); "none" where a
   *  by-phrase is a cause or an instrument, not an agent ("prices were supported by demand"). */
  passive?: 'swap' | 'none';
  /** The trigger expresses intent or willingness by itself ("willing", "offer", "pledge", "vow"). */
  intent?: boolean;
  /** Most tokens allowed between two consecutive lemmas of the sequence ("imposed new sanctions": 1). */
  gap?: number;
  /** The trigger does not fire when the token right after the match has one of these lemmas
   *  ("meet demand"); an entry "#NUM" stands for any token of that part of speech ("declined to 5 pct"). */
  notBefore?: string[];
  /** The trigger does not fire when the token right before it has one of these lemmas ("price support"). */
  notAfter?: string[];
  /** A realistic example sentence, and why the trigger is restricted where it is. */
  note?: string;
}

/** A token as the matcher needs it: document.ts's Token fits. */
export interface LemmaToken {
  lemma: string;
  pos: string;
  value?: string;
  /** Index of the sentence (document.ts tokens have it): a capitalised word that opens one is a common word. */
  sentence?: number;
}

export interface TriggerMatch {
  trigger: EventTrigger;
  /** Token index range [start, end) in the array given to findTriggers. */
  start: number;
  end: number;
}

// --- tables -------------------------------------------------------------------------------------------------

/** PLOVER 0.5b1 names (the 2016 gold-standard records) -> the 2021 category that absorbed them. */
export const PLOVER_LEGACY_NAMES: Readonly<Record<string, string>> = {
  DEMAND: 'REQUEST', // "Palestinian officials demanded Friday that the United States ..." (CAMEO 10)
  DISAPPROVE: 'ACCUSE', // "Albania on Friday denounced as an ugly crime ..." (CAMEO 11)
  INVESTIGATE: 'ACCUSE', // "Croatia is investigating alleged war crimes ..." (CAMEO 09)
  FIGHT: 'ASSAULT', // "Sudanese rebels shelled the southern regional capital Juba ..." (CAMEO 19)
};

/** Words before a past participle that make it an attribute, not an event: "the proposed merger", "its agreed
 *  terms", "a signed contract", "adhesive-backed tape". */
const ATTRIBUTIVE_BEFORE: ReadonlySet<string> = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'these', 'those', 'any', 'each', 'every', 'no']);
/** Share of capitalised words above which a sentence is a title ("Russia Offers U.S. Access To Rare Earths"), where
 *  capitalised words are still common words. */
const TITLE_CASE_SHARE = 0.6;

/** Tokens after which a capitalised word opens a sentence or a quotation: '... said: "Talks will resume"'. */
const OPENERS: ReadonlySet<string> = new Set(['.', '!', '?', ':', ';', '"', '\u201c', '\u2018', "'", '(', '[', '\u2014', '-', '\u2013']);

/** Part-of-speech tags a gap token may not have: a gap never crosses a clause or another verb
 *  ("signed a letter calling for talks" is not "sign ... talks"). */
const GAP_BLOCKERS: ReadonlySet<string> = new Set(['VERB', 'AUX', 'SCONJ', 'PUNCT']);
/** Punctuation a gap may cross: "signed a long-term deal" (wink splits "long - term"), "a $5 billion loan". */
const GAP_PUNCT: ReadonlySet<string> = new Set(['-', '\u2010', '\u2011', '\u2013', '/', '"', "'", '\u201c', '\u201d', '\u2018', '\u2019']);

/** How CAMEO codes an act that is only intended, demanded or refused: the 03, 13, 10 and 12 blocks mirror the act
 *  codes. Keys are act codes or their prefixes (the longest prefix wins); missing kinds have no mirror. */
const MIRRORS: Readonly<Record<string, Partial<Record<MirrorKind, string>>>> = {
  '04': { intend: '036', demand: '106', reject: '125' }, // "will visit Albania in June" -> 036
  '045': { intend: '039', demand: '108', reject: '126' }, // "must be ready to mediate" -> 108
  '046': { intend: '036', demand: '106', reject: '125' }, // "refused to negotiate" -> 125
  '05': { intend: '032', demand: '102', reject: '120' }, // "will support Turkey's efforts" -> 032
  '057': { intend: '037', demand: '107', reject: '127' }, // "rejected a peace plan" -> 127
  '06': { intend: '031', demand: '101', reject: '121' },
  '061': { intend: '0311', demand: '1011', reject: '1211' }, // "Russia is willing to supply uranium" -> 0311
  '062': { intend: '0312', demand: '1012', reject: '1212' },
  '063': { intend: '0313', demand: '1013', reject: '1213' },
  '064': { intend: '0314', demand: '1014', reject: '1214' },
  '07': { intend: '033', demand: '103', reject: '122' },
  '071': { intend: '0331', demand: '1031', reject: '1221' },
  '072': { intend: '0332', demand: '1032', reject: '1222' }, // "is willing to send material to help defend" -> 0332
  '073': { intend: '0333', demand: '1033', reject: '1223' },
  '074': { intend: '0334', demand: '1034', reject: '1224' },
  '08': { intend: '035', demand: '105', reject: '124' },
  '081': { intend: '0351', demand: '1051', reject: '1241' }, // "refusing to lift the curfew" -> 1241
  '082': { intend: '0352', demand: '1052', reject: '1242' },
  '083': { intend: '034', demand: '104', reject: '123' },
  '0831': { intend: '0341', demand: '1041', reject: '1231' }, // "demanded his resignation" -> 1041
  '0832': { intend: '0342', demand: '1042', reject: '1232' },
  '0833': { intend: '0343', demand: '1043', reject: '1233' },
  '0834': { intend: '0344', demand: '1044', reject: '1234' },
  '084': { intend: '0353', demand: '1053', reject: '1243' }, // "would not release prisoners" -> 1243
  '085': { intend: '0354', demand: '1054', reject: '1244' },
  '086': { intend: '0355', demand: '1055', reject: '1245' }, // "would allow the return of U.N. inspectors" -> 0355
  '087': { intend: '0356', demand: '1056', reject: '1246' }, // "demanded the withdrawal of Serbian forces" -> 1056
  '14': { intend: '133' },
  '16': { intend: '131' },
  '161': { intend: '1313' }, // "threatened to break off diplomatic relations" -> 1313
  '162': { intend: '1311' }, // "threatened to cut off electricity" -> 1311
  '163': { intend: '1312' }, // "threatened import restrictions" -> 1312
  '164': { intend: '134' },
  '165': { intend: '135' }, // "may halt mediation efforts" -> 135
  '166': { intend: '136' },
  '17': { intend: '132' }, // "threatened to arrest the strike leaders" -> 132
  '1721': { intend: '1321' },
  '1722': { intend: '1322' },
  '1723': { intend: '1323' }, // "will extend the night-time curfew" -> 1323
  '1724': { intend: '1324' }, // "prepared to impose martial law" -> 1324
  '175': { intend: '137' },
  '18': { intend: '1383' },
  '19': { intend: '1384' }, // "threatened to shell Iraqi towns" -> 1384
  '191': { intend: '1381' }, // "would tighten the naval blockade" -> 1381
  '192': { intend: '1382' },
  '20': { intend: '1385' },
};

// --- the conversion table -----------------------------------------------------------------------------------

let table: ReadonlyMap<string, CameoInfo> | null = null;

/** The CAMEO -> PLOVER table (data/cameo-plover.json, compiled by `npm run build:knowledge`), read once. */
export function cameoTable(): ReadonlyMap<string, CameoInfo> {
  if (table) return table;
  const { rows } = readDataJson<{ rows: [string, string, string, string, string][] }>('cameo-plover.json');
  table = new Map(rows.map(([cameo, plover, mode, context, description]) => [cameo, { cameo, plover, mode, context, description }]));
  return table;
}

/** The table's facts for a code: the exact code, else the nearest parent ("0315" -> "031" -> "03"),
 *  keeping the asked code in .cameo. */
export function cameoInfo(code: string): CameoInfo | undefined {
  const t = cameoTable();
  for (let c = code.trim(); c.length >= 2; c = c.slice(0, -1)) {
    const info = t.get(c);
    if (info) return c === code ? info : { ...info, cameo: code };
  }
  return undefined;
}

/** The PLOVER category of a CAMEO code ("" when the table has none: CAMEO 01 and 02 are not PLOVER events). */
export function ploverFor(cameo: string): string {
  return cameoInfo(cameo)?.plover ?? '';
}

/** The CAMEO code of an act that is intended (03 for cooperation, 13 for hostile acts), demanded (10) or refused
 *  (12) instead of done: mirrorCameo("042", "intend") is "036" ("will visit"), mirrorCameo("172", "intend") is
 *  "132" ("plans to impose restrictions"). Undefined when CAMEO has no such code (a demand to attack). */
export function mirrorCameo(code: string, kind: MirrorKind): string | undefined {
  for (let c = code.trim(); c.length >= 2; c = c.slice(0, -1)) {
    const m = MIRRORS[c];
    if (m) return m[kind];
  }
  return undefined;
}

/** The 2021 name of a PLOVER category, also for the 0.5b1 names ("DEMAND" -> "REQUEST"). */
export function normalizePlover(category: string): string {
  const c = category.trim().toUpperCase();
  return PLOVER_LEGACY_NAMES[c] ?? c;
}

// --- the trigger lexicon ------------------------------------------------------------------------------------

/** A trigger as written in data/event-triggers.json: a lemma slot may be a list of alternatives or the name
 *  of a set ("$PRISONER"); the loader expands them into plain sequences. */
interface RawTrigger extends Omit<EventTrigger, 'lemmas'> {
  lemmas: (string | string[])[];
}

interface TriggerFile {
  about: string;
  sets?: Record<string, string[]>;
  triggers: RawTrigger[];
}

let triggers: readonly EventTrigger[] | null = null;

function expandSlot(slot: string | string[], sets: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const s of Array.isArray(slot) ? slot : [slot]) {
    if (s.startsWith('$')) {
      const set = sets[s.slice(1)];
      if (!set) throw new Error(`event-triggers.json: unknown set ${s}`);
      out.push(...set);
    } else out.push(s);
  }
  return out;
}

/** Every trigger of data/event-triggers.json with its lemma alternatives expanded, loaded once. Verb
 *  triggers get passive "swap" unless they say otherwise. */
export function loadEventTriggers(): readonly EventTrigger[] {
  if (triggers) return triggers;
  const file = readDataJson<TriggerFile>('event-triggers.json');
  const sets = file.sets ?? {};
  const out: EventTrigger[] = [];
  for (const raw of file.triggers) {
    let seqs: string[][] = [[]];
    for (const slot of raw.lemmas) {
      const alts = expandSlot(slot, sets);
      seqs = seqs.flatMap((seq) => alts.map((a) => [...seq, a]));
    }
    const passive = raw.passive ?? (raw.pos.includes('VERB') ? 'swap' : undefined);
    const notBefore = raw.notBefore ? expandSlot(raw.notBefore, sets) : undefined;
    const notAfter = raw.notAfter ? expandSlot(raw.notAfter, sets) : undefined;
    for (const lemmas of seqs) {
      const t: EventTrigger = { ...raw, lemmas };
      if (passive) t.passive = passive;
      if (notBefore) t.notBefore = notBefore;
      if (notAfter) t.notAfter = notAfter;
      out.push(Object.freeze(t));
    }
  }
  triggers = Object.freeze(out);
  return triggers;
}

interface Compiled {
  trigger: EventTrigger;
  lemmas: readonly string[];
  pos: ReadonlySet<string>;
  gap: number;
  notBefore: ReadonlySet<string> | null;
  notAfter: ReadonlySet<string> | null;
}

let index: ReadonlyMap<string, readonly Compiled[]> | null = null;

/** Triggers keyed by their first lemma, longest sequence first. */
function triggerIndex(): ReadonlyMap<string, readonly Compiled[]> {
  if (index) return index;
  const map = new Map<string, Compiled[]>();
  for (const t of loadEventTriggers()) {
    const c: Compiled = {
      trigger: t,
      lemmas: t.lemmas,
      pos: new Set(t.pos),
      gap: t.gap ?? 0,
      notBefore: t.notBefore ? new Set(t.notBefore) : null,
      notAfter: t.notAfter ? new Set(t.notAfter) : null,
    };
    const list = map.get(t.lemmas[0]!);
    if (list) list.push(c);
    else map.set(t.lemmas[0]!, [c]);
  }
  for (const list of map.values()) list.sort((a, b) => b.lemmas.length - a.lemmas.length);
  index = map;
  return map;
}

function isCapitalised(tok: LemmaToken): boolean {
  const c = tok.value?.charCodeAt(0) ?? 97;
  return c >= 65 && c <= 90;
}

/** wink gives a capitalised word at the start of a sentence or in a title the tag PROPN and its lower-cased
 *  form as lemma ("Talks" -> "talks", "Protesters" -> "protesters"): such a token also counts as its
 *  singular, and as a noun or adjective. */
function isCapitalisedPropn(tok: LemmaToken): boolean {
  return tok.pos === 'PROPN' && isCapitalised(tok);
}

/** True when most words of tokens [from, to) are capitalised (a headline in title case). */
function isTitle(tokens: readonly LemmaToken[], from: number, to: number): boolean {
  let words = 0;
  let caps = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.pos === 'PUNCT' || t.pos === 'NUM' || t.pos === 'SYM') continue;
    words++;
    if (isCapitalised(t)) caps++;
  }
  return words >= 3 && caps >= TITLE_CASE_SHARE * words;
}

function singular(lemma: string): string | null {
  if (lemma.length > 3 && lemma.endsWith('s') && !lemma.endsWith('ss')) return lemma.slice(0, -1);
  return null;
}

function lemmaIs(tok: LemmaToken, lemma: string): boolean {
  if (tok.lemma === lemma) return true;
  return isCapitalisedPropn(tok) && singular(tok.lemma) === lemma;
}

function excluded(tok: LemmaToken | undefined, set: ReadonlySet<string> | null): boolean {
  if (!tok || !set) return false;
  if (set.has(tok.lemma) || set.has('#' + tok.pos)) return true;
  const s = isCapitalisedPropn(tok) ? singular(tok.lemma) : null;
  return s !== null && set.has(s);
}

/** A verb form used as an adjective: "the proposed merger", "its agreed terms", "the following proposed
 *  offerings", "Iran-backed", "fire-fighting". Such a token starts no trigger, and a gap may cross it. */
function isAttributive(tokens: readonly LemmaToken[], i: number, to: number): boolean {
  const prev = tokens[i - 1]!;
  if (prev.lemma === '-') return true;
  if (!tokens[i]!.value?.endsWith('ed')) return false;
  if (ATTRIBUTIVE_BEFORE.has(prev.lemma)) return true;
  // "the following proposed offerings", "released two detained French nationals"
  return (prev.pos === 'ADJ' || prev.pos === 'NUM') && i + 1 < to && (tokens[i + 1]!.pos === 'NOUN' || tokens[i + 1]!.pos === 'PROPN' || tokens[i + 1]!.pos === 'ADJ');
}

/** The end (exclusive) of a match of `c` starting at token i, or -1. `loose`: the first token is a capitalised
 *  PROPN at the start of a sentence or in a title, whose tag says nothing. */
function matchAt(c: Compiled, tokens: readonly LemmaToken[], i: number, from: number, to: number, loose: boolean): number {
  const first = tokens[i]!;
  // a capitalised PROPN opening a sentence is a noun or an adjective ("Talks resumed", "Imports of palm oil rose")
  if (loose ? !(c.pos.has('NOUN') || c.pos.has('ADJ')) : !c.pos.has(first.pos)) return -1;
  if (i > from && excluded(tokens[i - 1], c.notAfter)) return -1;
  let at = i;
  for (let k = 1; k < c.lemmas.length; k++) {
    const want = c.lemmas[k]!;
    let found = -1;
    for (let j = at + 1; j < to && j <= at + 1 + c.gap; j++) {
      const tok = tokens[j]!;
      if (lemmaIs(tok, want)) {
        found = j;
        break;
      }
      if (GAP_BLOCKERS.has(tok.pos)) {
        const crossable = tok.pos === 'PUNCT' ? GAP_PUNCT.has(tok.lemma) : tok.pos === 'VERB' && isAttributive(tokens, j, to);
        if (!crossable) break;
      }
    }
    if (found < 0) return -1;
    at = found;
  }
  if (at + 1 < to && excluded(tokens[at + 1], c.notBefore)) return -1;
  return at + 1;
}

/** All trigger matches in tokens [from, to) (one sentence), left to right; at each token the trigger with the
 *  longest lemma sequence wins (then the shortest span), and the tokens it spans start no other match
 *  ("lifted sanctions" is one RETREAT trigger, not also a SANCTION one). */
export function findTriggers(tokens: readonly LemmaToken[], from = 0, to = tokens.length): TriggerMatch[] {
  const idx = triggerIndex();
  const out: TriggerMatch[] = [];
  let title: boolean | null = null; // computed when first needed
  let i = from;
  while (i < to) {
    const tok = tokens[i]!;
    let list = idx.get(tok.lemma);
    if (!list && isCapitalisedPropn(tok)) {
      const s = singular(tok.lemma);
      if (s) list = idx.get(s);
    }
    let loose = false;
    const opens = i === from || OPENERS.has(tokens[i - 1]!.lemma) || (tok.sentence !== undefined && tokens[i - 1]!.sentence !== tok.sentence);
    if (list && !opens && isCapitalised(tok)) {
      // a capitalised word inside a sentence is a name ("March", "Shell", "Gulf Cooperation Council"), unless the
      // sentence is a title
      title ??= isTitle(tokens, from, to);
      if (!title) list = undefined;
      else loose = tok.pos === 'PROPN';
    } else if (list && opens) loose = isCapitalisedPropn(tok);
    if (list && tok.pos === 'VERB' && i > from && isAttributive(tokens, i, to)) list = undefined;
    let best: Compiled | null = null;
    let end = -1;
    if (list) {
      for (const c of list) {
        if (best && c.lemmas.length < best.lemmas.length) break; // the list is sorted longest first
        const e = matchAt(c, tokens, i, from, to, loose);
        if (e > 0 && (!best || e < end)) {
          best = c;
          end = e;
        }
      }
    }
    if (best) out.push({ trigger: best.trigger, start: i, end });
    i = best ? end : i + 1;
  }
  return out;
}
