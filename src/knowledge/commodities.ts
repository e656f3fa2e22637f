// The commodity taxonomy: canonical names, HS 2022 codes, categories, parents, the surface forms news uses
// for each commodity, and the words that make an ambiguous surface form count. The data is data/commodities.json
// (provenance in its "_source"); this module checks it, expands the head-phrase variants and indexes it.
import { readDataJson } from './paths.js';

export type CommodityCategory =
  | 'critical-mineral'
  | 'precious-metal'
  | 'base-metal'
  | 'ferrous'
  | 'energy'
  | 'agriculture'
  | 'fertilizer'
  | 'other';

export interface CommodityEntry {
  /** Stable slug: "rare-earth-elements", "lng". */
  id: string;
  /** Canonical name: "rare earth elements", "liquefied natural gas". Always one of the aliases. */
  name: string;
  /** The most specific HS 2022 code that fits, in HS notation: "72", "2709", "2805.30". */
  hs: string;
  /** Why a chapter or heading was given, or where the code was recalled with less certainty. */
  hsNote?: string;
  category: CommodityCategory;
  /** On the US (USGS 2022 or 2025) or EU (2023) critical raw materials lists. */
  critical?: boolean;
  /** Id of the broader commodity: "neodymium" -> "rare-earth-elements", "lng" -> "natural-gas". */
  parent?: string;
  /** Every surface form, head-phrase variants included ("steel industry", "rare earth supplies"). */
  aliases: string[];
  /** The subset of aliases that count only beside another commodity or a context word ("lead", "gas"). */
  ambiguousAliases?: string[];
  /** Reuters-21578 TOPICS codes this entry corresponds to ("crude", "nat-gas", "iron-steel"). */
  reutersTopics?: string[];
}

export interface CommodityHit {
  entry: CommodityEntry;
  /** True when the phrase is one of the entry's ambiguousAliases. */
  ambiguous: boolean;
}

export interface CommodityTaxonomy {
  entries: readonly CommodityEntry[];
  byId(id: string): CommodityEntry | undefined;
  /** The commodity a surface form names, compared as normalizeAlias() does; undefined if none. */
  lookup(phrase: string): CommodityHit | undefined;
  /** Entries labelled with a Reuters-21578 topic code ("crude" -> crude oil, condensate, oil sands). */
  byReutersTopic(topic: string): readonly CommodityEntry[];
  /** Lower-case words that make an ambiguous alias count: "price", "mine", "exports", "tonnes", ... */
  contextWords: readonly string[];
  /** The same words as a set, for per-token checks. */
  contextWordSet: ReadonlySet<string>;
  /** Phrases that contain an alias but do not name a commodity ("lead manager", "greenhouse gas"). */
  notMentions: readonly string[];
}

/** The shape of data/commodities.json. */
interface CommodityFile {
  _source: string;
  headNouns: string[];
  contextWords: string[];
  notMentions: string[];
  entries: (Omit<CommodityEntry, 'aliases'> & { aliases: string[]; headVariants?: boolean })[];
}

const RULES = {
  /** HS notation: chapter "72", heading "2709" or subheading "2805.30". */
  hsCode: /^\d{2}(\d{2}(\.\d{2})?)?$/,
  /** Ids are lower-case slugs: "rare-earth-elements". */
  id: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  categories: new Set<CommodityCategory>(['critical-mineral', 'precious-metal', 'base-metal', 'ferrous', 'energy', 'agriculture', 'fertilizer', 'other']),
  /** Head nouns are added to aliases of at most this many words: "liquefied natural gas" + "sector". */
  maxWordsForHeadVariants: 3,
  /** Hyphens, dashes and runs of white space: "rare-earth" is "rare earth". */
  separators: /\s*[-\u2010\u2011\u2013]\s*|\s+/g,
  curlyApostrophes: /[\u2018\u2019]/g,
} as const;

/** Lower case, hyphens and white space folded to one space, curly apostrophes straightened. */
export function normalizeAlias(phrase: string): string {
  return phrase.toLowerCase().replace(RULES.curlyApostrophes, "'").replace(RULES.separators, ' ').trim();
}

function fail(reason: string): never {
  throw new Error(`data/commodities.json: ${reason}`);
}

function build(file: CommodityFile): CommodityTaxonomy {
  const explicit = new Map<string, string>(); // normalised alias -> entry id, from the file as written
  const entries: CommodityEntry[] = [];
  const byId = new Map<string, CommodityEntry>();

  for (const raw of file.entries) {
    if (!RULES.id.test(raw.id)) fail(`id "${raw.id}" is not a lower-case slug`);
    if (byId.has(raw.id)) fail(`id "${raw.id}" is used twice`);
    if (!RULES.hsCode.test(raw.hs)) fail(`${raw.id}: HS code "${raw.hs}" is not in HS notation (72, 2709, 2805.30)`);
    if (!RULES.categories.has(raw.category)) fail(`${raw.id}: unknown category "${raw.category}"`);
    const aliases = [...new Set([raw.name, ...raw.aliases])];
    for (const a of raw.ambiguousAliases ?? []) {
      if (!aliases.includes(a)) fail(`${raw.id}: ambiguous alias "${a}" is not among its aliases`);
    }
    for (const a of aliases) {
      const key = normalizeAlias(a);
      const other = explicit.get(key);
      if (other !== undefined && other !== raw.id) fail(`alias "${a}" names both ${other} and ${raw.id}`);
      explicit.set(key, raw.id);
    }
    const { headVariants: _ignored, ...rest } = raw;
    const entry: CommodityEntry = { ...rest, aliases };
    entries.push(entry);
    byId.set(entry.id, entry);
  }

  for (const e of entries) {
    if (e.parent === undefined) continue;
    if (!byId.has(e.parent)) fail(`${e.id}: parent "${e.parent}" is not an entry`);
    const seen = new Set<string>([e.id]);
    for (let p = byId.get(e.parent); p; p = p.parent === undefined ? undefined : byId.get(p.parent)) {
      if (seen.has(p.id)) fail(`${e.id}: parent chain loops through ${p.id}`);
      seen.add(p.id);
    }
  }

  // Head-phrase variants: "steel" -> "steel industry", "rare earth" -> "rare earth supplies". A form written
  // explicitly for any entry wins; an ambiguous alias gives unambiguous variants ("lead industry").
  const heads = file.headNouns.map(normalizeAlias);
  const lookupTable = new Map<string, CommodityHit>();
  for (const e of entries) {
    const ambiguous = new Set((e.ambiguousAliases ?? []).map(normalizeAlias));
    for (const a of e.aliases) lookupTable.set(normalizeAlias(a), { entry: e, ambiguous: ambiguous.has(normalizeAlias(a)) });
  }
  file.entries.forEach((raw, i) => {
    if (raw.headVariants === false) return;
    const e = entries[i]!;
    const added: string[] = [];
    for (const a of e.aliases) {
      const key = normalizeAlias(a);
      const words = key.split(' ');
      if (words.length > RULES.maxWordsForHeadVariants || heads.includes(words[words.length - 1]!)) continue;
      for (const h of heads) {
        const variant = `${a} ${h}`;
        const vkey = `${key} ${h}`;
        if (lookupTable.has(vkey)) continue;
        lookupTable.set(vkey, { entry: e, ambiguous: false });
        added.push(variant);
      }
    }
    e.aliases.push(...added);
  });

  const byTopic = new Map<string, CommodityEntry[]>();
  for (const e of entries) {
    for (const t of e.reutersTopics ?? []) {
      const list = byTopic.get(t);
      if (list) list.push(e);
      else byTopic.set(t, [e]);
    }
  }

  const contextWords = Object.freeze(file.contextWords.map((w) => w.toLowerCase()));
  for (const e of entries) {
    Object.freeze(e.aliases);
    if (e.ambiguousAliases) Object.freeze(e.ambiguousAliases);
    if (e.reutersTopics) Object.freeze(e.reutersTopics);
    Object.freeze(e);
  }
  return {
    entries: Object.freeze(entries),
    byId: (id) => byId.get(id),
    lookup: (phrase) => lookupTable.get(normalizeAlias(phrase)),
    byReutersTopic: (topic) => byTopic.get(topic.toLowerCase()) ?? [],
    contextWords,
    contextWordSet: new Set(contextWords),
    notMentions: Object.freeze([...file.notMentions]),
  };
}

let taxonomy: CommodityTaxonomy | null = null;

/** The taxonomy, read and checked once (memoised); throws with the reason if the data file is malformed. */
export function loadCommodities(): CommodityTaxonomy {
  if (taxonomy === null) taxonomy = build(readDataJson<CommodityFile>('commodities.json'));
  return taxonomy;
}
