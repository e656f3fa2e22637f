// Person titles and person descriptors (data/titles.json): "Deputy Prime Minister", "Sen.", "CEO",
// and the head nouns that describe a person without naming them ("the Russian leader").
import { readDataJson } from './paths.js';
import { nameKey } from './countries.js';

export type TitleRole =
  | 'head-of-state' | 'head-of-government' | 'minister' | 'official' | 'legislator' | 'military' | 'diplomat'
  | 'executive' | 'spokesperson' | 'judicial' | 'royal' | 'religious' | 'other';

export interface TitleEntry {
  /** Canonical form, e.g. "Deputy Prime Minister". */
  title: string;
  /** True equivalents only: "Deputy PM", "Vice Prime Minister". */
  variants: string[];
  role: TitleRole;
  /** Also an everyday word ("general", "major", "justice", "head"): trust it only before a name. */
  commonWord?: boolean;
}

const TITLE_ROLES: ReadonlySet<string> = new Set<TitleRole>([
  'head-of-state', 'head-of-government', 'minister', 'official', 'legislator', 'military', 'diplomat',
  'executive', 'spokesperson', 'judicial', 'royal', 'religious', 'other',
]);

interface TitlesFile {
  titles: { title: string; variants: string[]; role: string; commonWord?: boolean }[];
  personDescriptors: string[];
}

let fileMemo: TitlesFile | undefined;
let titlesMemo: readonly TitleEntry[] | undefined;
let descriptorsMemo: readonly string[] | undefined;
let indexMemo: ReadonlyMap<string, TitleEntry> | undefined;

function readTitlesFile(): TitlesFile {
  fileMemo ??= readDataJson<TitlesFile>('titles.json');
  return fileMemo;
}

/** All titles, in data-file order. Built once. */
export function loadTitles(): readonly TitleEntry[] {
  if (titlesMemo) return titlesMemo;
  titlesMemo = Object.freeze(readTitlesFile().titles.map((t) => {
    if (!TITLE_ROLES.has(t.role)) throw new Error(`titles: unknown role "${t.role}" for ${t.title}`);
    // "Vice-President" beside "Vice President": one form per key, as matchers fold hyphens and case
    const keys = new Set([nameKey(t.title)]);
    const variants = t.variants.filter((v) => !keys.has(nameKey(v)) && keys.add(nameKey(v)));
    const entry: TitleEntry = { title: t.title, variants, role: t.role as TitleRole };
    if (t.commonWord) entry.commonWord = true;
    return Object.freeze(entry);
  }));
  return titlesMemo;
}

/**
 * Head nouns that describe a person without naming them, lower case: "leader", "official",
 * "counterpart", "spokesman", "minister", "president", "chief", "envoy", "negotiator", "analyst", ...
 */
export function loadPersonDescriptors(): readonly string[] {
  descriptorsMemo ??= Object.freeze([...new Set(readTitlesFile().personDescriptors.map((d) => d.toLowerCase()))]);
  return descriptorsMemo;
}

/** Title key (case, hyphens and spacing folded) to title; the first title listed keeps a shared form. */
export function titleIndex(): ReadonlyMap<string, TitleEntry> {
  if (indexMemo) return indexMemo;
  const index = new Map<string, TitleEntry>();
  for (const t of loadTitles()) {
    for (const form of [t.title, ...t.variants]) {
      const key = nameKey(form);
      if (!index.has(key)) index.set(key, t);
    }
  }
  indexMemo = index;
  return index;
}

/** The title a phrase is, in any case: "Deputy PM", "the deputy prime minister", "Sen.". */
export function findTitle(surface: string): TitleEntry | undefined {
  return titleIndex().get(nameKey(surface.trim().replace(/^the\s+/i, '')));
}
