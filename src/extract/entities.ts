// Entities: countries, places, organizations and commodities from the gazetteers; people from titles,
// name shapes and speech verbs. Every mention keeps its offsets; removed text is never read.
import type { Entity, LodestoneDocument, Token } from '../document.js';
import type { Knowledge, KnowledgeHit } from '../knowledge/index.js';
import type { PhraseMatch } from '../knowledge/gazetteer.js';
import { countryAt, type CountryEntry } from '../knowledge/countries.js';
import { genderedWord, givenNameGender } from '../knowledge/names.js';
import { loadNerModel, type NerType } from '../nlp/ner.js';
import type { EntityRegistry } from './registry.js';

/** Heuristic word tables of this stage. */
export const ENTITY_RULES = {
  /** A capital after these is a place ("talks in Moscow"); elsewhere it stands for the government ("Moscow said"). */
  locativePrepositions: new Set(['in', 'at', 'to', 'from', 'near', 'outside', 'around', 'via', 'into', 'across', 'toward', 'towards', 'through', 'between']),
  /** A capital or person before these names a government: "the Moscow government", "the Trump administration". */
  governmentNouns: new Set(['government', 'administration', 'authorities', 'officials', 'regime', 'leadership', 'cabinet']),
  /** Last words that make an unknown capitalised name an organization ("Acme Mining Corp", "Ministry of Finance"). */
  orgSuffixes: new Set([
    'corp', 'corp.', 'corporation', 'inc', 'inc.', 'ltd', 'ltd.', 'llc', 'plc', 'co', 'co.', 'company', 'group', 'bank', 'ministry',
    'agency', 'council', 'commission', 'party', 'university', 'association', 'institute', 'fund', 'department', 'authority',
    'office', 'exchange', 'holdings', 'mining', 'resources', 'energy', 'metals', 'minerals', 'oil', 'petroleum', 'airlines',
    'motors', 'partners', 'capital', 'trust', 'foundation', 'committee', 'court', 'parliament', 'assembly', 'federation',
    'union', 'organization', 'organisation', 'board', 'bureau', 'service', 'news', 'times', 'post', 'journal', 'press',
    'industries', 'technologies', 'systems', 'international', 'ag', 'sa', 'nv', 'gmbh', 'spa', 'ab', 'asa', 'cos', 'ministries',
  ]),
  /** First words that make an unknown capitalised name an organization ("Ministry of ...", "Bank of Japan"). */
  orgHeads: new Set(['ministry', 'bank', 'department', 'university', 'council', 'office', 'house', 'committee', 'institute', 'federal']),
  /** Capitalised direction words that make a sequence an adjective, not a name: "the Eastern European nation". */
  directions: new Set(['eastern', 'western', 'northern', 'southern', 'central', 'north', 'south', 'east', 'west', 'northeastern', 'southeastern', 'northwestern', 'southwestern']),
  /** Nouns an adjectival name may describe: "the Eastern European nation", "the Gulf state". */
  describedHeads: new Set(['nation', 'nations', 'country', 'countries', 'state', 'states', 'government', 'region', 'power', 'powers', 'neighbour', 'neighbor', 'ally', 'allies']),
  /** Confidence above which the recogniser's ORG reading of a city name wins over the gazetteer's place. */
  nerOverridesPlace: 0.8,
  /** Capitalised nouns that follow titles or names in official texts but are no part of a person's name. */
  institutionNouns: new Set(['order', 'orders', 'office', 'branch', 'summit', 'session', 'action', 'actions', 'statement',
    'proclamation', 'memorandum', 'committee', 'council', 'board', 'department', 'agency', 'act', 'plan', 'program', 'programme']),
  /** Last words of names of documents rather than bodies: "Executive Order", "Inflation Reduction Act". */
  documentNouns: new Set(['order', 'orders', 'act', 'proclamation', 'memorandum', 'directive', 'law', 'bill', 'plan', 'report', 'strategy', 'treaty', 'accord', 'agreement', 'declaration']),
  /** Honorifics before a name: "Mr. Smith". */
  honorifics: new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'sir', 'dame', 'lord', 'lady']),
  /** Particles inside personal names: "Osama bin Laden", "Ursula von der Leyen". */
  nameParticles: new Set(['bin', 'al', 'van', 'von', 'der', 'de', 'da', 'di', 'la', 'le', 'du', 'del', 'ibn', 'abu']),
  /** Speech verbs (lemmas) that mark their subject as a speaker: "Manturov emphasized", "said Jones". */
  speechLemmas: new Set([
    'say', 'tell', 'add', 'emphasize', 'emphasise', 'stress', 'note', 'state', 'declare', 'announce', 'claim', 'insist',
    'warn', 'explain', 'confirm', 'reveal', 'argue', 'suggest', 'acknowledge', 'admit', 'deny', 'report', 'write', 'comment',
    'remark', 'respond', 'reply', 'ask', 'predict', 'estimate', 'urge', 'express', 'describe', 'call', 'believe', 'think', 'clarify',
  ]),
  /** Capitalised words that begin sentences or headings but are no names. */
  notNames: new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'but', 'and',
    'or', 'in', 'on', 'at', 'for', 'as', 'after', 'before', 'when', 'while', 'although', 'though', 'however', 'meanwhile',
    'furthermore', 'moreover', 'speaking', 'according', 'regarding', 'our', 'his', 'her', 'their', 'its', 'my', 'your', 'there',
    'here', 'if', 'so', 'yet', 'still', 'also', 'other', 'some', 'many', 'most', 'all', 'both', 'each', 'rare', 'monday', 'tuesday',
    'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
    'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
    'oct', 'nov', 'dec', 'reuter', 'reuters']),
};

const CORPORATE_SUFFIX = /^(Ltd|Inc|Corp|Co|plc|PLC|LLC|AG|SA|NV|SE|ASA|AB|GmbH|SpA|Limited|Corporation|Incorporated)\.?$/;
const NAME_SHAPE = /^\p{Lu}[\p{L}'’.-]*$/u;
const INITIAL = /^\p{Lu}\.$/u;

export function isNameToken(t: Token): boolean {
  return NAME_SHAPE.test(t.value) && !ENTITY_RULES.notNames.has(t.lower);
}

export function countryKey(c: CountryEntry): string {
  return `country:${c.iso3}`;
}

/** The country entity for a gazetteer country entry (created on first use). */
export function countryEntity(reg: EntityRegistry, c: CountryEntry): Entity {
  const codes: Record<string, string> = { iso3: c.iso3, cameo: c.iso3 };
  if (c.iso2) codes.iso2 = c.iso2;
  return reg.ensure(countryKey(c), { type: 'country', name: c.name, codes, attributes: c.historical ? { historical: 'true' } : {} });
}

interface PersonMods {
  title?: string;
  role?: string;
  country?: CountryEntry;
}

/** Reads the title phrase ending just before token `end` (exclusive): "Russian Deputy Prime Minister", "his US counterpart". */
function readTitleBefore(tokens: readonly Token[], end: number, hits: Map<number, PhraseMatch<KnowledgeHit>>, hitEnds: Map<number, PhraseMatch<KnowledgeHit>>, k: Knowledge, from: number): { mods: PersonMods; start: number } | null {
  let i = end;
  const mods: PersonMods = {};
  let found = false;
  while (i > from) {
    const m = hitEnds.get(i);
    if (m) {
      const hit = m.payloads[0]!;
      if (hit.kind === 'title' && !mods.title) {
        mods.title = hit.title.title;
        mods.role = hit.title.role;
        found = true;
        i = m.tokenStart;
        continue;
      }
      if ((hit.kind === 'demonym' || hit.kind === 'country' || hit.kind === 'capital' || hit.kind === 'seat') && found) {
        mods.country = hit.country;
        i = m.tokenStart;
        continue;
      }
      break;
    }
    const t = tokens[i - 1]!;
    if (!found && k.personDescriptors.has(t.lower)) {
      // "his US counterpart Donald Trump": the descriptor stands where a title would
      mods.role = t.lower;
      found = true;
      i--;
      continue;
    }
    break;
  }
  void hits;
  return found ? { mods, start: i } : null;
}

/** Reads a personal name starting at token `i`: capitalised words, initials and name particles. */
function readName(tokens: readonly Token[], i: number, to: number, taken: (j: number) => boolean, titleWord: (j: number) => boolean = () => false, person = false): number {
  let j = i;
  while (j < to && j - i < 5) {
    const t = tokens[j]!;
    if (taken(j)) break;
    // a title word ends the name unless it follows a given name: "Madeleine King", but "Putin Deputy ..." stops
    if (titleWord(j) && (j === i || tokens[j + 1] && isNameToken(tokens[j + 1]!))) break;
    // institutional nouns end a name: "the Biden-Harris Administration", "Executive Order 14017"
    if (person && (ENTITY_RULES.institutionNouns.has(t.lower) || ENTITY_RULES.governmentNouns.has(t.lower))) break;
    if (isNameToken(t) || INITIAL.test(t.value)) {
      j++;
      continue;
    }
    if (j > i && ENTITY_RULES.nameParticles.has(t.lower) && j + 1 < to && isNameToken(tokens[j + 1]!)) {
      j++;
      continue;
    }
    break;
  }
  return j;
}

function personEntity(reg: EntityRegistry, name: string, mods: PersonMods | null, k: Knowledge, counterpartOf?: Entity | null): Entity {
  // one person per surname: "Vladimir Putin" and a later "Putin" are the same entity
  const e = reg.ensure(`person:${name.toLowerCase()}`, { type: 'person', name });
  // "Putin and his US counterpart Donald Trump": a counterpart holds the same office as the person before
  if (mods?.role === 'counterpart' && counterpartOf && !e.attributes.title) {
    if (typeof counterpartOf.attributes.title === 'string') mods = { ...mods, title: counterpartOf.attributes.title };
    if (typeof counterpartOf.attributes.role === 'string') mods = { ...mods, role: counterpartOf.attributes.role };
  }
  if (mods?.title && !e.attributes.title) e.attributes.title = mods.title;
  if (!e.attributes.gender) {
    const gender = givenNameGender(name.split(' ')[0]!) ?? (mods?.title ? genderedWord(mods.title.split(' ').pop()!) : null) ?? (mods?.role ? genderedWord(mods.role) : null);
    if (gender) e.attributes.gender = gender;
  }
  if (mods?.role && !e.attributes.role) e.attributes.role = mods.role;
  if (mods?.country && !e.attributes.country) {
    const c = countryEntity(reg, mods.country);
    e.attributes.country = c.id;
    const governmentRoles = new Set(['head-of-state', 'head-of-government', 'minister', 'official', 'diplomat', 'legislator', 'military', 'spokesperson']);
    if (mods.role && governmentRoles.has(mods.role)) e.codes.cameo = `${mods.country.iso3}GOV`;
  }
  void k;
  return e;
}

export function extractEntities(doc: LodestoneDocument, reg: EntityRegistry, k: Knowledge): void {
  const { text, tokens } = doc;
  const lemmaWindow = (from: number, to: number) => {
    for (let j = Math.max(0, from); j < Math.min(tokens.length, to); j++) if (ENTITY_RULES.speechLemmas.has(tokens[j]!.lemma) && tokens[j]!.pos === 'VERB') return true;
    return false;
  };
  // people whose full name is known, by surname, to join later bare surnames ("Manturov")
  const surnames = new Map<string, Entity>();
  const pending: { start: number; end: number; tokenStart: number; tokenEnd: number; value: string; sentenceEnd: number; ner: NerType | null }[] = [];
  // the trained recogniser reads names in the context of the whole document (src/nlp/ner.ts)
  const live = doc.sentences.filter((x) => !x.removed);
  const nerBySentence = new Map<number, { tokenStart: number; tokenEnd: number; type: NerType; score: number }[]>();
  const tagged = loadNerModel().tagDocument(live.map((x) => tokens.slice(x.tokenStart, x.tokenEnd).map((t) => t.value)));
  live.forEach((x, i) => nerBySentence.set(x.tokenStart, tagged[i]!.map((n) => ({ tokenStart: x.tokenStart + n.start, tokenEnd: x.tokenStart + n.end, type: n.type, score: n.score }))));

  for (const s of doc.sentences) {
    if (s.removed) continue;
    const ner = nerBySentence.get(s.tokenStart) ?? [];
    // a known name inside a longer name the recogniser found is part of that name: "Bank of America",
    // "Toshin Steel Co Ltd", "Washington Post" (unless the gazetteer knows the longer name too)
    const matches = k.gazetteer.match(text, tokens, s.tokenStart, s.tokenEnd).filter((m) => !ner.some((n) =>
      n.type !== 'LOC' && n.tokenStart <= m.tokenStart && m.tokenEnd <= n.tokenEnd && m.payloads.every((p) => p.kind !== 'org' && p.kind !== 'title') &&
      (n.tokenEnd - n.tokenStart > m.tokenEnd - m.tokenStart ||
        // a city the recogniser is sure names an organization: a club or company ("Leeds beat Arsenal")
        (n.type === 'ORG' && n.score >= ENTITY_RULES.nerOverridesPlace && m.payloads.every((p) => p.kind === 'place' && p.place.kind === 'city')))));
    const hits = new Map<number, PhraseMatch<KnowledgeHit>>();
    const hitEnds = new Map<number, PhraseMatch<KnowledgeHit>>();
    for (const m of matches) {
      hits.set(m.tokenStart, m);
      hitEnds.set(m.tokenEnd, m);
    }
    // 1 = taken by a mention, 2 = a title word, which a name may still run through ("Madeleine King")
    const covered = new Uint8Array(s.tokenEnd - s.tokenStart);
    const taken = (j: number) => covered[j - s.tokenStart] !== 0;
    const takenForName = (j: number) => covered[j - s.tokenStart] === 1;
    const mark = (a: number, b: number) => covered.fill(1, a - s.tokenStart, b - s.tokenStart);
    // a blocked phrase stops the commodity reading only: "Tom Cotton" may still be read as a name
    // a capitalised commodity word inside a run of capitalised words is part of a name: "Kestrel Lithium Holdings Ltd"
    const inName = (m: PhraseMatch<KnowledgeHit>) => {
      if (!m.payloads.every((p) => p.kind === 'commodity')) return false;
      const first = tokens[m.tokenStart]!;
      if (first.value[0] === first.value[0]!.toLowerCase() || first.value === first.value.toUpperCase()) return false;
      const prev = m.tokenStart > s.tokenStart ? tokens[m.tokenStart - 1] : undefined;
      const next = m.tokenEnd < s.tokenEnd ? tokens[m.tokenEnd] : undefined;
      return (prev !== undefined && isNameToken(prev) && !hits.has(m.tokenStart - 1)) || (next !== undefined && isNameToken(next) && next.value !== next.value.toUpperCase());
    };
    const nameParts = new Set(matches.filter(inName));
    for (const m of matches) {
      if (m.payloads.every((p) => p.kind === 'blocked') || nameParts.has(m)) continue;
      if (m.payloads.every((p) => p.kind === 'title')) covered.fill(2, m.tokenStart - s.tokenStart, m.tokenEnd - s.tokenStart);
      else mark(m.tokenStart, m.tokenEnd);
    }
    const sentenceHasCommodityContext = matches.some((m) => m.payloads.some((p) => p.kind === 'commodity' && !p.ambiguous)) ||
      tokens.slice(s.tokenStart, s.tokenEnd).some((t) => k.commodities.contextWordSet.has(t.lower));

    // 1. gazetteer hits
    for (const m of matches) {
      if (nameParts.has(m)) continue;
      const prev = tokens[m.tokenStart - 1];
      const prev2 = tokens[m.tokenStart - 2];
      const next = tokens[m.tokenEnd];
      const span = { start: m.start, end: m.end };
      const hit = pickHit(m.payloads);
      switch (hit.kind) {
        case 'country':
          reg.addMention(countryEntity(reg, hit.country), span, 'name');
          break;
        case 'demonym':
          reg.addMention(countryEntity(reg, hit.country), span, 'demonym');
          break;
        case 'seat':
          // "the Kremlin" in a 1987 story is the Soviet government
          reg.addMention(countryEntity(reg, countryAt(hit.country.iso3, doc.published) ?? hit.country), span, 'metonym');
          break;
        case 'capital': {
          const governs = next && ENTITY_RULES.governmentNouns.has(next.lower);
          const beforeDet = prev && (prev.lower === 'the') ? prev2 : prev;
          // "according to Washington" is a source speaking, not a place
          const according = beforeDet?.lower === 'to' && tokens[beforeDet === prev ? m.tokenStart - 2 : m.tokenStart - 3]?.lower === 'according';
          const locative = beforeDet && ENTITY_RULES.locativePrepositions.has(beforeDet.lower) && !governs && !according;
          if (locative || (next && next.lower === 'state')) {
            const p = reg.ensure(`place:${text.slice(m.start, m.end).toLowerCase()}`, { type: 'place', name: hit.country.capitals[0] && normalizeSpace(text.slice(m.start, m.end)) || hit.country.name, attributes: { kind: 'capital' } });
            p.attributes.country = countryEntity(reg, hit.country).id;
            reg.addMention(p, span, 'name');
          } else {
            reg.addMention(countryEntity(reg, countryAt(hit.country.iso3, doc.published) ?? hit.country), span, 'metonym');
          }
          break;
        }
        case 'place': {
          const p = reg.ensure(`place:${hit.place.name.toLowerCase()}`, { type: 'place', name: hit.place.name, attributes: { kind: hit.place.kind } });
          if (hit.place.country) {
            const c = k.countryByIso3.get(hit.place.country);
            if (c) p.attributes.country = countryEntity(reg, c).id;
            p.codes.iso3 = hit.place.country;
          }
          reg.addMention(p, span, 'name');
          break;
        }
        case 'org': {
          // "Arafura Rare Earths Ltd": a legal-form suffix belongs to the organization's mention
          if (next && CORPORATE_SUFFIX.test(next.value)) {
            span.end = next.end;
            mark(m.tokenEnd, m.tokenEnd + 1);
          }
          const o = reg.ensure(`organization:${hit.org.name.toLowerCase()}`, { type: 'organization', name: hit.org.name, attributes: { kind: hit.org.kind } });
          if (hit.org.country) {
            const c = k.countryByIso3.get(hit.org.country);
            if (c) o.attributes.country = countryEntity(reg, c).id;
          }
          if (hit.org.cameo) o.codes.cameo = hit.org.cameo;
          reg.addMention(o, span, 'name');
          break;
        }
        case 'commodity': {
          if (hit.ambiguous && !sentenceHasCommodityContext) break;
          const c = hit.commodity;
          const e = reg.ensure(`commodity:${c.id}`, { type: 'commodity', name: c.name, codes: { hs: c.hs }, attributes: { category: c.category } });
          if (c.parent) {
            const parent = k.commodities.byId(c.parent);
            if (parent) e.attributes.parent = parent.name;
          }
          reg.addMention(e, span, 'name');
          break;
        }
        case 'title':
        case 'blocked':
          break;
      }
    }

    // 2. people named after a title or descriptor: "Russian Deputy Prime Minister Denis Manturov", "his US counterpart Donald Trump"
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      if (taken(i) || !isNameToken(tokens[i]!)) continue;
      const lead = readTitleBefore(tokens, i, hits, hitEnds, k, s.tokenStart);
      const prev = tokens[i - 1];
      const honorific = prev && ENTITY_RULES.honorifics.has(prev.lower);
      if (!lead && !honorific) continue;
      const end = readName(tokens, i, s.tokenEnd, takenForName, (j) => covered[j - s.tokenStart] === 2, true);
      if (end === i) continue;
      const name = normalizeSpace(text.slice(tokens[i]!.start, tokens[end - 1]!.end));
      const lastPerson = [...doc.entities].reverse().find((x) => x.type === 'person' && x.mentions.some((m) => m.end <= tokens[i]!.start)) ?? null;
      const e = personEntity(reg, name, lead?.mods ?? (honorific ? { role: prev!.lower } : null), k, lastPerson);
      reg.addMention(e, { start: tokens[i]!.start, end: tokens[end - 1]!.end }, 'name');
      if (end - i >= 2) surnames.set(tokens[end - 1]!.value, e);
      mark(i, end);
      i = Math.max(i, end - 1);
    }

    // 3. names the recogniser found where no gazetteer entry or title-led person stands; inside the title of
    // a law, report or investigation ("China's Targeting the Maritime, Logistics, and Shipbuilding Sectors for
    // Dominance") its capitalised common words are no names
    const runs = titleRuns(tokens, s.tokenStart, s.tokenEnd);
    for (const n of ner) {
      if (runs.some(([a, b]) => a <= n.tokenStart && n.tokenEnd <= b)) continue;
      let a = n.tokenStart;
      let b = n.tokenEnd;
      while (a < b && taken(a)) a++;
      while (b > a && taken(b - 1)) b--;
      // "Harris Administration": the administration is not part of the person's name
      if (n.type === 'PER') while (b > a && (ENTITY_RULES.governmentNouns.has(tokens[b - 1]!.lower) || ENTITY_RULES.institutionNouns.has(tokens[b - 1]!.lower))) b--;
      if (b <= a || b - a < n.tokenEnd - n.tokenStart && n.type !== 'PER') continue;
      let blocked = false;
      for (let j = a; j < b; j++) if (taken(j)) blocked = true;
      if (blocked) continue;
      pending.push({ start: tokens[a]!.start, end: tokens[b - 1]!.end, tokenStart: a, tokenEnd: b, value: normalizeSpace(text.slice(tokens[a]!.start, tokens[b - 1]!.end)), sentenceEnd: s.tokenEnd, ner: n.type });
      mark(a, b);
    }
    // and capitalised names with a legal-form or institutional word the recogniser missed ("Kestrel Lithium Holdings Ltd")
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      if (taken(i) || !isNameToken(tokens[i]!)) continue;
      const end = readName(tokens, i, s.tokenEnd, takenForName, (j) => covered[j - s.tokenStart] === 2);
      if (end === i) continue;
      const words = normalizeSpace(text.slice(tokens[i]!.start, tokens[end - 1]!.end));
      const last = words.split(' ').pop()!.toLowerCase();
      if (end - i >= 2 && ENTITY_RULES.orgSuffixes.has(last)) {
        pending.push({ start: tokens[i]!.start, end: tokens[end - 1]!.end, tokenStart: i, tokenEnd: end, value: words, sentenceEnd: s.tokenEnd, ner: 'ORG' });
        mark(i, end);
      }
      i = Math.max(i, end - 1);
    }
  }

  const classify = (p: (typeof pending)[number]) => {
    const words = p.value.split(' ');
    const lastWord = words[words.length - 1]!;
    const first = words[0]!.toLowerCase();
    // a capitalised modifier of a common noun is no name: "the Eastern European nation", "a Western official"
    const next = tokens[p.tokenEnd];
    // an adjective before a country or person description belongs to that description ("the Eastern European
    // nation", "a Western official"); other adjectival names are nationalities or groups ("English county cricket")
    const adjectival = ENTITY_RULES.directions.has(first) || /(an|ean|ese|ish|ic|i)$/.test(lastWord);
    if (adjectival && next && (ENTITY_RULES.describedHeads.has(next.lower) || k.personDescriptors.has(next.lower))) return 'skip' as const;
    if (adjectival && p.ner === 'MISC' && words.length === 1) return 'nationality' as const;
    if (words.length <= 2 && surnames.has(lastWord) && p.ner !== 'LOC') return 'surname' as const;
    if (p.ner === 'PER') return words.length >= 2 ? ('person' as const) : ('single-person' as const);
    // "Executive Order 14017", "the Defense Production Act": documents, not organizations
    if (p.ner === 'ORG' && ENTITY_RULES.documentNouns.has(lastWord.toLowerCase())) return 'other' as const;
    if (p.ner === 'ORG') return 'organization' as const;
    if (p.ner === 'LOC') return 'place' as const;
    return 'other' as const;
  };
  // multi-word people first, so their surnames are known to bare surnames anywhere in the text
  for (const p of pending) {
    if (classify(p) === 'person') {
      const e = personEntity(reg, p.value, null, k);
      reg.addMention(e, p, 'name');
      surnames.set(p.value.split(' ').pop()!, e);
    }
  }
  for (const p of pending) {
    const kind = classify(p);
    if (kind === 'surname') {
      const e = surnames.get(p.value.split(' ').pop()!)!;
      reg.addMention(e, p, p.value === e.name ? 'name' : 'alias');
    } else if (kind === 'single-person') {
      reg.addMention(personEntity(reg, p.value, null, k), p, 'name');
    } else if (kind === 'organization') {
      reg.addMention(reg.ensure(`organization:${p.value.toLowerCase()}`, { type: 'organization', name: p.value }), p, 'name');
    } else if (kind === 'place') {
      reg.addMention(reg.ensure(`place:${p.value.toLowerCase()}`, { type: 'place', name: p.value }), p, 'name');
    } else if (kind === 'nationality') {
      reg.addMention(reg.ensure(`nationality:${p.value.toLowerCase()}`, { type: 'nationality', name: p.value }), p, 'name');
    } else if (kind === 'other') {
      reg.addMention(reg.ensure(`other:${p.value.toLowerCase()}`, { type: 'other', name: p.value }), p, 'name');
    }
  }
  // "President Trump" read before or after "Donald J. Trump": one person, when the surname names only one
  const people = doc.entities.filter((e) => e.type === 'person' && e.mentions.length > 0);
  for (const single of people.filter((e) => !e.name.includes(' '))) {
    const full = people.filter((e) => e !== single && e.name.includes(' ') && e.name.split(' ').pop() === single.name);
    if (full.length === 1) reg.merge(single, full[0]!);
  }
}

/** Minor words that may stand inside a title in Title Case ("Targeting the Maritime, Logistics, and ..."). */
const TITLE_MINOR = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'to', 'a', 'an', 'with', 'by', 'at', ',', '&', "'s", '’s']);

const TITLE_JOINERS = new Set(['of', 'the', 'for', 'on', 'in', 'to', 'with', 'by', 'at']);

/** Runs of Title Case of at least five words with four capitalised ones, not at a sentence start: titles of
 *  laws, reports and investigations (Section 232 National Security Investigation of Imports of Processed
 *  Critical Minerals). */
function titleRuns(tokens: readonly Token[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let i = from + 1;
  while (i < to) {
    if (!/^\p{Lu}/u.test(tokens[i]!.value)) {
      i++;
      continue;
    }
    let j = i;
    let caps = 0;
    while (j < to && (/^\p{Lu}/u.test(tokens[j]!.value) || TITLE_MINOR.has(tokens[j]!.lower) || /^\d+$/.test(tokens[j]!.value))) {
      if (/^\p{Lu}\p{Ll}/u.test(tokens[j]!.value)) caps++;
      j++;
    }
    while (j > i && TITLE_MINOR.has(tokens[j - 1]!.lower)) j--;
    // a title joins its words with prepositions and articles; a list of names ("Leeds United, Aston Villa and
    // Newcastle") only with commas and "and"
    const joined = tokens.slice(i, j).some((t) => TITLE_JOINERS.has(t.lower));
    if (j - i >= 5 && caps >= 4 && joined) out.push([i, j]);
    i = Math.max(j, i + 1);
  }
  return out;
}

/** When a name is ambiguous, prefer the reading news means most often: country over place, capital over US state. */
function pickHit(payloads: readonly KnowledgeHit[]): KnowledgeHit {
  const order: KnowledgeHit['kind'][] = ['blocked', 'country', 'seat', 'capital', 'org', 'demonym', 'place', 'commodity', 'title'];
  return [...payloads].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))[0]!;
}

function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
