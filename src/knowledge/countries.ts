// Country gazetteer: the world-countries package (mledoze/countries) corrected and extended by
// data/countries-extra.json with the names news uses, seats of government and historical states.
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { readDataJson } from './paths.js';

export interface CountryEntry {
  /** ISO 3166-1 alpha-3; ISO 3166-3 for historical states (SUN, DDR, CSK, YUG, ZAR, ...); XKX for Kosovo. */
  iso3: string;
  iso2: string | null;
  /** Canonical short English name as news uses it: "United States", "Russia", "Czech Republic". */
  name: string;
  /** Every other surface name, case as written in news: "U.S.", "USA", "Britain", "Russian Federation". */
  aliases: string[];
  /** Adjectives and plural nouns: "Russian", "Russians", "British", "Saudi", "Soviet". */
  demonyms: string[];
  /** Capitals, used as metonyms for the government: "Moscow", "Washington", "Kyiv", "Kiev". */
  capitals: string[];
  /** Seat-of-government metonyms without "the": "Kremlin", "White House", "Downing Street". */
  seats: string[];
  historical: boolean;
  /** Historical states: first day of existence when it matters for dating (Serbia and Montenegro). */
  from?: string;
  /** Historical states: last day of existence (ISO date). */
  until?: string;
  /** Historical states: the state that took over ("DDR" -> "DEU", "SUN" -> "RUS"). */
  successor?: string;
  /**
   * Historical states: the modern state that continues it under the same capital and seat, so that
   * its names meant the historical state before `until` ("SUN" -> "RUS": "Moscow" in 1987).
   * Absent for states absorbed into another (East Germany, South Yemen).
   */
  continuator?: string;
}

export type CountryNameForm = 'name' | 'alias' | 'demonym' | 'capital' | 'seat';

/** What a surface string names: the country and how ("Kremlin" is a seat of RUS). */
export interface CountryNameHit {
  entry: CountryEntry;
  form: CountryNameForm;
}

/** Filters and rewrites applied to world-countries names; each names the case that needs it. */
const NAME_RULES = {
  // ISO alpha-2 codes in altSpellings read as English words: "IN" (India), "IT" (Italy), "TO" (Tonga).
  twoLetterCode: /^[A-Z]{2}$/,
  // Index inversions such as "Bolivia, Plurinational State of" never occur in running text.
  inverted: /,\s/,
  // Names in other scripts ("Российская Федерация", "中华人民共和国") never match English news.
  nonLatin: /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u,
  // "The Netherlands", "the Abode of Peace": the article is left to the matcher.
  leadingThe: /^the\s+/i,
  // "Antiguan, Barbudan", "Kittitian or Nevisian": several demonyms in one field.
  demonymSplit: /\s*,\s*|\s+or\s+/,
  // "Chinese", "British", "French", "Swiss", "Seychellois", "Greenlandic", "Malagasy" take no plural -s.
  demonymNoPlural: /(?:ese|ish|ch|sh|s|x|y|ic|Kiribati|Vanuatu|wana|otho)$/,
  // Folding "Malé" to "Male" would match the English word.
  foldBlocked: new Set(['Male']),
} as const;

/** Letters that Unicode decomposition does not reduce to ASCII ("Føroyar", "Łódź", "Straße"). */
const FOLD_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', ß: 'ss', đ: 'd', Đ: 'D', ı: 'i', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE',
};
const FOLD_LETTER_RE = /[øØłŁßđĐıæÆœŒ]/g;
const MARKS_RE = /\p{M}/gu;

/**
 * The spellings of a name that news text may carry: the name itself and its ASCII-folded form
 * ("Bogotá" -> "Bogota", "Élysée" -> "Elysee", "Türkiye" -> "Turkiye"). Apostrophes, hyphens and
 * case are left to the matcher (see nameKey).
 */
export function surfaceVariants(name: string, foldBlocked: ReadonlySet<string> = NAME_RULES.foldBlocked): string[] {
  const folded = name.normalize('NFD').replace(MARKS_RE, '').replace(FOLD_LETTER_RE, (c) => FOLD_LETTERS[c] ?? c);
  return folded !== name && !foldBlocked.has(folded) ? [name, folded] : [name];
}

/**
 * The key under which two spellings count as one name: lower case, curly apostrophes straightened,
 * hyphens and runs of space folded ("Guinea-Bissau" = "Guinea Bissau", "Côte d’Ivoire" = "Côte d'Ivoire").
 */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s*[-\u2010\u2011\u2013]\s*|\s+/g, ' ').trim();
}

const HAS_LETTER = /\p{L}/u;

/** Case class of a spelling: matchers treat acronyms, capitalised names and lower-case phrases differently. */
function caseClass(name: string): string {
  if (!HAS_LETTER.test(name)) return '';
  if (name === name.toUpperCase()) return '#caps';
  return name === name.toLowerCase() ? '#lower' : '';
}

/**
 * Names with their variants, without two spellings that share a key; `taken` keys are skipped.
 * An all-capitals or all-lower-case form is kept beside a capitalised one ("TASS" and "Tass",
 * "Foreign Ministry" and "foreign ministry"): matchers apply a different case rule to each.
 */
export function distinctNames(names: Iterable<string>, taken: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (const n of names) {
    for (const v of surfaceVariants(n)) {
      const key = nameKey(v) + caseClass(v);
      if (!key || taken.has(key)) continue;
      taken.add(key);
      out.push(v);
    }
  }
  return out;
}

interface CountryOverride {
  iso3?: string;
  name?: string;
  addAliases?: string[];
  demonyms?: string[];
  capitals?: string[];
  seats?: string[];
}

interface HistoricalRecord {
  iso3: string;
  iso2: string | null;
  name: string;
  aliases: string[];
  demonyms: string[];
  capitals: string[];
  seats: string[];
  from?: string;
  until: string;
  successor: string;
  continuator?: string;
}

interface CountriesExtra {
  twoLetterAliasWhitelist: { keep: string[] };
  dropAliases: Record<string, string[] | string>;
  overrides: Record<string, CountryOverride | string>;
  historical: HistoricalRecord[];
  ambiguous: { name: string; why: string }[];
}

let extraMemo: CountriesExtra | undefined;
function readExtra(): CountriesExtra {
  extraMemo ??= readDataJson<CountriesExtra>('countries-extra.json');
  return extraMemo;
}

function readWorldCountries(): Country[] {
  // The package's ESM entry re-exports JSON without an import attribute, which Node 20 rejects.
  const require = createRequire(import.meta.url);
  return require('world-countries/countries.json') as Country[];
}

function pluralDemonym(demonym: string): string | null {
  if (NAME_RULES.demonymNoPlural.test(demonym)) return null;
  return `${demonym}s`;
}

function deriveDemonyms(country: Country): string[] {
  const eng = country.demonyms?.['eng'];
  if (!eng) return [];
  const out: string[] = [];
  for (const field of [eng.m, eng.f]) {
    for (const d of field.split(NAME_RULES.demonymSplit)) {
      const demonym = d.trim();
      if (!demonym) continue;
      out.push(demonym);
      const plural = pluralDemonym(demonym);
      if (plural) out.push(plural);
    }
  }
  return out;
}

function buildCountries(): readonly CountryEntry[] {
  const extra = readExtra();
  const keepTwoLetter = new Set(extra.twoLetterAliasWhitelist.keep);
  const entries: CountryEntry[] = [];

  for (const country of readWorldCountries()) {
    const rawOverride = extra.overrides[country.cca3];
    const override: CountryOverride = typeof rawOverride === 'object' ? rawOverride : {};
    const rawDrop = extra.dropAliases[country.cca3];
    const drop = new Set(Array.isArray(rawDrop) ? rawDrop : []);
    const name = override.name ?? country.name.common;

    const nameKeys = new Set<string>();
    const nameForms = distinctNames([name], nameKeys);
    const demonyms = distinctNames(override.demonyms ?? deriveDemonyms(country));
    const demonymKeys = new Set(demonyms.map(nameKey));
    const aliases: string[] = [];
    const candidates = [country.name.common, country.name.official, ...country.altSpellings, ...(override.addAliases ?? [])];
    for (const raw of candidates) {
      const alias = raw.replace(NAME_RULES.leadingThe, '').trim();
      if (!alias || drop.has(raw) || drop.has(alias)) continue;
      if (NAME_RULES.twoLetterCode.test(alias) && !keepTwoLetter.has(alias)) continue;
      if (NAME_RULES.inverted.test(alias) || NAME_RULES.nonLatin.test(alias)) continue;
      // "Saudi", "Thai": a demonym, not a second name
      if (demonymKeys.has(nameKey(alias))) continue;
      aliases.push(...distinctNames([alias], nameKeys));
    }

    entries.push({
      iso3: override.iso3 ?? country.cca3,
      iso2: country.cca2 || null,
      name,
      aliases: [...nameForms.slice(1), ...aliases],
      demonyms,
      capitals: distinctNames(override.capitals ?? country.capital ?? []),
      seats: distinctNames(override.seats ?? []),
      historical: false,
    });
  }

  for (const h of extra.historical) {
    const nameKeys = new Set<string>();
    const nameForms = distinctNames([h.name], nameKeys);
    const entry: CountryEntry = {
      iso3: h.iso3,
      iso2: h.iso2,
      name: h.name,
      aliases: [...nameForms.slice(1), ...distinctNames(h.aliases, nameKeys)],
      demonyms: distinctNames(h.demonyms),
      capitals: distinctNames(h.capitals),
      seats: distinctNames(h.seats),
      historical: true,
      until: h.until,
      successor: h.successor,
    };
    if (h.from) entry.from = h.from;
    if (h.continuator) entry.continuator = h.continuator;
    entries.push(entry);
  }

  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.iso3)) throw new Error(`countries: duplicate iso3 ${e.iso3}`);
    seen.add(e.iso3);
  }
  return Object.freeze(entries.map((e) => Object.freeze(e)));
}

let countriesMemo: readonly CountryEntry[] | undefined;
let iso3Memo: ReadonlyMap<string, CountryEntry> | undefined;
let nameIndexMemo: ReadonlyMap<string, CountryNameHit> | undefined;
let upperIndexMemo: ReadonlyMap<string, CountryNameHit> | undefined;
let ambiguousMemo: ReadonlySet<string> | undefined;

/** All countries, modern first, then historical states. Built once. */
export function loadCountries(): readonly CountryEntry[] {
  countriesMemo ??= buildCountries();
  return countriesMemo;
}

export function countryByIso3(iso3: string): CountryEntry | undefined {
  iso3Memo ??= new Map(loadCountries().map((e) => [e.iso3, e]));
  return iso3Memo.get(iso3.toUpperCase());
}

/** Forms in order of precedence when one string is several forms of one country ("Djibouti"). */
const FORM_ORDER: readonly CountryNameForm[] = ['name', 'alias', 'capital', 'seat', 'demonym'];

function formNames(entry: CountryEntry, form: CountryNameForm): readonly string[] {
  switch (form) {
    case 'name': return [entry.name];
    case 'alias': return entry.aliases;
    case 'capital': return entry.capitals;
    case 'seat': return entry.seats;
    case 'demonym': return entry.demonyms;
  }
}

/**
 * Every surface string of every country, exactly as written, to the country it names. When two
 * countries share a string the first one listed keeps it (modern states before historical ones;
 * dated readings go through countryAt).
 */
export function countryNameIndex(): ReadonlyMap<string, CountryNameHit> {
  if (nameIndexMemo) return nameIndexMemo;
  const index = new Map<string, CountryNameHit>();
  for (const form of FORM_ORDER) {
    for (const entry of loadCountries()) {
      for (const n of formNames(entry, form)) if (!index.has(n)) index.set(n, { entry, form });
    }
  }
  nameIndexMemo = index;
  return index;
}

function upperIndex(): ReadonlyMap<string, CountryNameHit> {
  if (upperIndexMemo) return upperIndexMemo;
  const index = new Map<string, CountryNameHit>();
  for (const [key, hit] of countryNameIndex()) {
    // Only names with lower-case letters: an all-caps headline "RUSSIA" is Russia, "US" stays exact.
    if (key !== key.toUpperCase() && !index.has(key.toUpperCase())) index.set(key.toUpperCase(), hit);
  }
  upperIndexMemo = index;
  return index;
}

const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER = /\p{Lu}/u;

/**
 * The country a surface string names, and how: "U.S." (alias), "the United States" (name),
 * "Kremlin" (seat), "Ukrainian" (demonym). Exact case, except that an all-capitals headline form
 * ("SOVIET UNION") matches the mixed-case name. Lower-case words never match ("china", "turkey").
 */
export function findCountry(surface: string): CountryNameHit | undefined {
  const s = surface.trim().replace(/[\u2018\u2019]/g, "'");
  const index = countryNameIndex();
  const exact = index.get(s);
  if (exact) return exact;
  const bare = s.replace(NAME_RULES.leadingThe, '');
  const hit = index.get(bare);
  if (hit) return hit;
  if (HAS_UPPER.test(bare) && !HAS_LOWER.test(bare)) return upperIndex().get(bare);
  return undefined;
}

/**
 * The state a country's names stood for on a date: before 26 December 1991 "Moscow" and the
 * "Kremlin" (indexed under RUS) are the Soviet Union; Belgrade in 1995 is Yugoslavia.
 * `date` is an ISO date (YYYY-MM-DD); without one the modern entry is returned.
 */
export function countryAt(iso3: string, date: string | null | undefined): CountryEntry | undefined {
  const entry = countryByIso3(iso3);
  if (!entry || !date || entry.historical) return entry;
  for (const h of loadCountries()) {
    if (!h.historical || h.continuator !== entry.iso3 || !h.until) continue;
    if (date < h.until && (!h.from || date >= h.from)) return h;
  }
  return entry;
}

/**
 * True for names that often mean something other than the country they are indexed under:
 * "Georgia" (US state), "Jordan" (given name), "Congo" (two states), "Chad", "Turkey".
 */
export function isAmbiguousName(name: string): boolean {
  if (!ambiguousMemo) {
    ambiguousMemo = new Set(readExtra().ambiguous.flatMap((a) => surfaceVariants(a.name).map(nameKey)));
  }
  return ambiguousMemo.has(nameKey(name.trim().replace(NAME_RULES.leadingThe, '')));
}
