// Place gazetteer (data/places.json): sub-national units, non-capital cities, regions, seas, straits,
// rivers, islands, continents and named sites. National capitals live in the country gazetteer.
import { readDataJson } from './paths.js';
import { countryByIso3, distinctNames, nameKey } from './countries.js';

export type PlaceKind = 'city' | 'state' | 'province' | 'region' | 'sea' | 'ocean' | 'river' | 'island' | 'continent' | 'other';

export interface PlaceEntry {
  name: string;
  kind: PlaceKind;
  /** ISO 3166-1 alpha-3 of the country the place lies in; null when it spans several or is disputed. */
  country: string | null;
  aliases: string[];
}

const PLACE_KINDS: ReadonlySet<string> = new Set<PlaceKind>(['city', 'state', 'province', 'region', 'sea', 'ocean', 'river', 'island', 'continent', 'other']);

/** A place in the data file: [name, ...aliases], or an object that may override the group's kind and country. */
type PlaceRecord = string[] | { name: string; aliases?: string[]; kind?: string; country?: string | null };

interface PlaceGroup {
  kind: string;
  country: string | null;
  about?: string;
  places: PlaceRecord[];
}

interface PlacesFile {
  ambiguous: { name: string; why: string }[];
  groups: PlaceGroup[];
}

let fileMemo: PlacesFile | undefined;
let placesMemo: readonly PlaceEntry[] | undefined;
let indexMemo: ReadonlyMap<string, PlaceEntry> | undefined;
let ambiguousMemo: ReadonlySet<string> | undefined;

function readPlacesFile(): PlacesFile {
  fileMemo ??= readDataJson<PlacesFile>('places.json');
  return fileMemo;
}

function buildPlaces(): readonly PlaceEntry[] {
  const out: PlaceEntry[] = [];
  for (const group of readPlacesFile().groups) {
    for (const record of group.places) {
      const [name, aliases, kind, country] = Array.isArray(record)
        ? [record[0]!, record.slice(1), group.kind, group.country]
        : [record.name, record.aliases ?? [], record.kind ?? group.kind, record.country === undefined ? group.country : record.country];
      if (!PLACE_KINDS.has(kind)) throw new Error(`places: unknown kind "${kind}" for ${name}`);
      if (country !== null && !countryByIso3(country)) throw new Error(`places: unknown country "${country}" for ${name}`);
      const keys = new Set<string>();
      const forms = distinctNames([name], keys);
      out.push(Object.freeze({
        name,
        kind: kind as PlaceKind,
        country,
        aliases: [...forms.slice(1), ...distinctNames(aliases, keys)],
      }));
    }
  }
  return Object.freeze(out);
}

/** All places, in data-file order. Built once. */
export function loadPlaces(): readonly PlaceEntry[] {
  placesMemo ??= buildPlaces();
  return placesMemo;
}

/** Surface string (exact case) to place; the first place listed keeps a shared name. */
export function placeNameIndex(): ReadonlyMap<string, PlaceEntry> {
  if (indexMemo) return indexMemo;
  const index = new Map<string, PlaceEntry>();
  for (const p of loadPlaces()) for (const n of [p.name, ...p.aliases]) if (!index.has(n)) index.set(n, p);
  indexMemo = index;
  return index;
}

/** The place a surface string names: "Anchorage", "the Strait of Hormuz", "Odessa", "Donbass". */
export function findPlace(surface: string): PlaceEntry | undefined {
  const s = surface.trim().replace(/[\u2018\u2019]/g, "'");
  const index = placeNameIndex();
  return index.get(s) ?? index.get(s.replace(/^the\s+/i, ''));
}

/** True for place names that often mean something else: "Georgia" (the country), "Gulf", "Perth". */
export function isAmbiguousPlaceName(name: string): boolean {
  ambiguousMemo ??= new Set(readPlacesFile().ambiguous.map((a) => nameKey(a.name)));
  const key = nameKey(name.trim().replace(/^the\s+/i, ''));
  return ambiguousMemo.has(key);
}
