// In-document coreference: descriptions ("the Russian Deputy Prime Minister", "the Kremlin leader", "the US
// president") resolve to the person they describe, and country descriptions ("the Eastern European nation")
// to a country already named. Pronouns are resolved where they matter, for speakers (see quotes.ts).
import { createRequire } from 'node:module';
import type { Entity, LodestoneDocument, Token } from '../document.js';
import type { Knowledge } from '../knowledge/index.js';
import type { EntityRegistry } from './registry.js';
import { ENTITY_RULES, isNameToken } from './entities.js';

export const COREF_RULES = {
  /** Determiners that open a description. */
  determiners: new Set(['the', 'his', 'her', 'its', 'their', 'our', 'this', 'that']),
  /** Heads that describe a country: "the Eastern European nation", "the country". */
  countryHeads: new Set(['country', 'nation']),
  /** Descriptor heads that fit any head of state or government: "the Kremlin leader", "the Russian leader". */
  leaderHeads: new Set(['leader', 'head', 'strongman', 'premier']),
  leaderRoles: new Set(['head-of-state', 'head-of-government', 'royal']),
  /** Adjectives that may stand between a determiner and a head: "the senior official", "the former president". */
  maxModifiers: 4,
};

interface RegionInfo { region: string; subregion: string }
let regions: Map<string, RegionInfo> | null = null;
/** UN region and subregion of each country, from the world-countries package. */
function regionOf(iso3: string): RegionInfo | undefined {
  if (!regions) {
    const require = createRequire(import.meta.url);
    const list = require('world-countries') as { cca3: string; region: string; subregion: string }[];
    regions = new Map(list.map((c) => [c.cca3, { region: c.region.toLowerCase(), subregion: c.subregion.toLowerCase() }]));
  }
  return regions.get(iso3);
}

export function resolveCoreference(doc: LodestoneDocument, reg: EntityRegistry, k: Knowledge): void {
  const { tokens, text } = doc;
  const persons = () => doc.entities.filter((e) => e.type === 'person');
  const lastMentionBefore = (e: Entity, pos: number) => {
    let best = -1;
    for (const m of e.mentions) if (m.end <= pos && m.start > best) best = m.start;
    return best;
  };
  for (const s of doc.sentences) {
    if (s.removed) continue;
    for (let i = s.tokenStart; i < s.tokenEnd - 1; i++) {
      const det = tokens[i]!;
      if (!COREF_RULES.determiners.has(det.lower)) continue;
      // read modifiers, then the head
      let j = i + 1;
      let country: Entity | null = null;
      const adjectives: string[] = [];
      let head: { start: number; end: number; title?: string; word: string } | null = null;
      while (j < s.tokenEnd && j - i <= COREF_RULES.maxModifiers + 3) {
        const t = tokens[j]!;
        const owner = reg.mentionOverlapping(t);
        const title = k.gazetteer.match(text, tokens, j, Math.min(s.tokenEnd, j + 5)).find((m) => m.tokenStart === j && m.payloads.some((p) => p.kind === 'title'));
        if (title && title.payloads.some((p) => p.kind === 'title' && !p.title.commonWord)) {
          const tp = title.payloads.find((p) => p.kind === 'title')!;
          head = { start: j, end: title.tokenEnd, title: tp.kind === 'title' ? tp.title.title : undefined, word: tokens[title.tokenEnd - 1]!.lower };
          break;
        }
        if (owner && owner.type === 'country') {
          country = owner;
          j++;
          while (j < s.tokenEnd && reg.mentionOverlapping(tokens[j]!) === owner) j++;
          continue;
        }
        if (owner) break;
        if (k.personDescriptors.has(t.lower) || COREF_RULES.countryHeads.has(t.lower)) {
          head = { start: j, end: j + 1, word: t.lower };
          break;
        }
        if (t.pos === 'ADJ' || (isNameToken(t) && t.pos !== 'VERB')) {
          adjectives.push(t.lower);
          j++;
          continue;
        }
        break;
      }
      if (!head) continue;
      const next = tokens[head.end] as Token | undefined;
      // "his US counterpart Donald Trump": an appositive name follows, the entities stage already linked it
      if (next && isNameToken(next) && next.sentence === det.sentence) continue;
      const span = { start: det.start, end: tokens[head.end - 1]!.end };

      if (COREF_RULES.countryHeads.has(head.word) && !head.title) {
        // "the country of origin", "the nation's": only a plain description stands for a country
        if (next && next.lower === 'of') continue;
        const target = resolveCountryDescription(doc, reg, span.start, adjectives);
        if (target) reg.addMention(target, span, 'alias', true);
        i = head.end - 1;
        continue;
      }
      // a person description: most recent person that fits the title, role and country
      let best: Entity | null = null;
      let bestPos = -1;
      for (const p of persons()) {
        const pos = lastMentionBefore(p, span.start);
        if (pos < 0 || pos <= bestPos) continue;
        if (!personFits(p, head, country)) continue;
        best = p;
        bestPos = pos;
      }
      if (best) reg.addMention(best, span, 'title', true);
      i = head.end - 1;
    }
  }

  // "the Trump administration", "the Biden government": the person's country, as a metonym
  for (const s of doc.sentences) {
    if (s.removed) continue;
    for (let i = s.tokenStart; i + 1 < s.tokenEnd; i++) {
      const owner = reg.mentionOverlapping(tokens[i]!);
      if (!owner || owner.type !== 'person') continue;
      const next = tokens[i + 1]!;
      if (!ENTITY_RULES.governmentNouns.has(next.lower)) continue;
      const cid = owner.attributes.country;
      const country = typeof cid === 'string' ? doc.entities.find((e) => e.id === cid) : undefined;
      if (!country) continue;
      const prev = tokens[i - 1];
      const start = prev && prev.lower === 'the' ? prev.start : tokens[i]!.start;
      reg.addMention(country, { start, end: next.end }, 'metonym', true);
    }
  }
}

function personFits(p: Entity, head: { title?: string; word: string }, country: Entity | null): boolean {
  if (country && p.attributes.country !== country.id) return false;
  const title = typeof p.attributes.title === 'string' ? p.attributes.title.toLowerCase() : '';
  const role = typeof p.attributes.role === 'string' ? p.attributes.role : '';
  if (head.title) {
    const want = head.title.toLowerCase();
    return title === want || (title !== '' && want.split(' ').length === 1 && title.split(' ').pop() === want && !/\b(vice|deputy|former)\b/.test(title));
  }
  if (COREF_RULES.leaderHeads.has(head.word)) return COREF_RULES.leaderRoles.has(role);
  if (head.word === 'counterpart') return false;
  // "the official", "the minister", "the spokesman": any person whose title or role ends with that word
  return title.endsWith(head.word) || role === head.word;
}

/** "the Eastern European nation" -> the most recently named country in Eastern Europe; "the country" -> the most recent country. */
function resolveCountryDescription(doc: LodestoneDocument, reg: EntityRegistry, pos: number, adjectives: readonly string[]): Entity | null {
  const phrase = adjectives.join(' ');
  let best: Entity | null = null;
  let bestPos = -1;
  // "signed an agreement with Ukraine allowing the US access to the country's resources": with two
  // countries named earlier in the same sentence, a plain "the country" is left unresolved
  if (!phrase) {
    const sentence = doc.sentences.find((s) => s.start <= pos && pos < s.end);
    const inSentence = new Set(doc.entities.filter((e) => e.type === 'country' && e.mentions.some((m) => sentence && m.start >= sentence.start && m.end <= pos && m.form !== 'demonym')));
    if (inSentence.size > 1) return null;
  }
  for (const e of doc.entities) {
    if (e.type !== 'country') continue;
    for (const m of e.mentions) {
      if (m.end > pos || m.start <= bestPos) continue;
      if (m.form === 'demonym') continue;
      if (phrase) {
        const r = regionOf(e.codes.iso3 ?? '');
        if (!r || !regionMatches(phrase, r)) continue;
      }
      best = e;
      bestPos = m.start;
    }
  }
  void reg;
  return best;
}

/** "eastern european" matches the subregion "eastern europe"; "european" the region "europe"; "asian" "asia". */
function regionMatches(adjectives: string, r: RegionInfo): boolean {
  const stem = (w: string) => w.replace(/s$/, '').replace(/(ean|an|n|e|a)$/, '');
  const a = adjectives.split(' ').filter(Boolean).map(stem).join(' ');
  const sub = r.subregion.split(' ').map(stem).join(' ');
  const reg = r.region.split(' ').map(stem).join(' ');
  return a.length > 0 && (sub === a || reg === a || sub.endsWith(a));
}
