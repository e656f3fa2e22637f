// The knowledge the entity stage matches against, built once from the data files into one phrase matcher.
import { PhraseGazetteer } from './gazetteer.js';
import { loadCountries, type CountryEntry } from './countries.js';
import { loadPlaces, type PlaceEntry } from './places.js';
import { loadOrganizations, type OrganizationEntry } from './organizations.js';
import { loadTitles, loadPersonDescriptors, type TitleEntry } from './titles.js';
import { loadCommodities, type CommodityEntry, type CommodityTaxonomy } from './commodities.js';

export type KnowledgeHit =
  | { kind: 'country'; country: CountryEntry }
  | { kind: 'demonym'; country: CountryEntry }
  | { kind: 'capital'; country: CountryEntry }
  | { kind: 'seat'; country: CountryEntry }
  | { kind: 'place'; place: PlaceEntry }
  | { kind: 'org'; org: OrganizationEntry }
  | { kind: 'commodity'; commodity: CommodityEntry; ambiguous: boolean }
  | { kind: 'title'; title: TitleEntry }
  /** A phrase that contains a commodity word but names something else ("lead manager", "gold medal"). */
  | { kind: 'blocked' };

export interface Knowledge {
  gazetteer: PhraseGazetteer<KnowledgeHit>;
  countries: readonly CountryEntry[];
  countryByIso3: ReadonlyMap<string, CountryEntry>;
  commodities: CommodityTaxonomy;
  titles: readonly TitleEntry[];
  /** Lower-case head nouns that describe a person ("leader", "counterpart", "official"). */
  personDescriptors: ReadonlySet<string>;
  /** Lower-case title words, for spotting titles inside descriptions ("the US president"). */
  titleWords: ReadonlySet<string>;
}

/** Acronyms are matched exactly ("US" but not "us"); names with capitals need those capitals. */
function caseRuleFor(alias: string): 'exact' | 'capitalized' | 'insensitive' {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  if (letters.length > 0 && letters === letters.toUpperCase() && letters.length <= 5) return 'exact';
  return alias !== alias.toLowerCase() ? 'capitalized' : 'insensitive';
}

let knowledge: Knowledge | null = null;

export function loadKnowledge(): Knowledge {
  if (knowledge) return knowledge;
  const g = new PhraseGazetteer<KnowledgeHit>();
  const countries = loadCountries();
  for (const c of countries) {
    for (const n of new Set([c.name, ...c.aliases])) g.add(n, { kind: 'country', country: c }, caseRuleFor(n));
    for (const n of new Set(c.demonyms)) g.add(n, { kind: 'demonym', country: c }, caseRuleFor(n));
    for (const n of new Set(c.capitals)) g.add(n, { kind: 'capital', country: c }, caseRuleFor(n));
    for (const n of new Set(c.seats)) g.add(n, { kind: 'seat', country: c }, caseRuleFor(n));
  }
  for (const p of loadPlaces()) {
    for (const n of new Set([p.name, ...p.aliases])) g.add(n, { kind: 'place', place: p }, caseRuleFor(n));
  }
  for (const o of loadOrganizations()) {
    for (const n of new Set([o.name, ...o.aliases])) g.add(n, { kind: 'org', org: o }, caseRuleFor(n));
  }
  const commodities = loadCommodities();
  for (const c of commodities.entries) {
    const ambiguous = new Set((c.ambiguousAliases ?? []).map((a) => a.toLowerCase()));
    for (const n of new Set([c.name, ...c.aliases, ...(c.ambiguousAliases ?? [])])) {
      g.add(n, { kind: 'commodity', commodity: c, ambiguous: ambiguous.has(n.toLowerCase()) }, caseRuleFor(n) === 'exact' ? 'exact' : 'insensitive');
    }
  }
  for (const phrase of commodities.notMentions) g.add(phrase, { kind: 'blocked' }, 'insensitive');
  const titles = loadTitles();
  const titleWords = new Set<string>();
  for (const t of titles) {
    for (const n of new Set([t.title, ...t.variants])) {
      // titles are matched in any case: "Deputy Prime Minister Denis Manturov", "the deputy prime minister"
      g.add(n, { kind: 'title', title: t }, 'insensitive');
      for (const w of n.toLowerCase().split(/\s+/)) titleWords.add(w);
    }
  }
  knowledge = {
    gazetteer: g,
    countries,
    countryByIso3: new Map(countries.map((c) => [c.iso3, c])),
    commodities,
    titles,
    personDescriptors: new Set(loadPersonDescriptors().map((d) => d.toLowerCase())),
    titleWords,
  };
  return knowledge;
}
