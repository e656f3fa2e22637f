// Reuters-21578 (the training portion): does the article summary name the countries of the PLACES labels and
// the commodities of the commodity and energy TOPICS? Document-level multi-label micro and macro F1.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { analyze, type AnalysisJson } from '../../src/index.js';
import { loadCommodities, type CommodityEntry, type CommodityTaxonomy } from '../../src/knowledge/commodities.js';
import {
  ErrorLog, clip, datasetFile, excerpt, fmt3, readMaybeGz, reutersDate, scoreMultiLabel,
  type BenchmarkResult, type MultiLabelScore, type Table,
} from './common.js';

interface ReutersDoc {
  id: number;
  date: string;
  title: string;
  body: string;
  /** YES when the document was coded for TOPICS; NO and BYPASS documents carry no topic labels at all. */
  topics_attr?: string;
  dateline?: string;
  topics: string[];
  places: string[];
}

/** Reuters PLACES names that the world-countries names do not give, or give wrongly. */
const PLACE_OVERRIDES: Readonly<Record<string, string>> = {
  usa: 'USA', // an abbreviation, and "us" is not a name
  uk: 'GBR',
  uae: 'ARE',
  ussr: 'SUN', // historical states: ISO 3166-3 codes, as the contract asks
  'east-germany': 'DDR',
  'west-germany': 'DEU', // the contract accepts DEU for West Germany
  czechoslovakia: 'CSK',
  yugoslavia: 'YUG',
  zaire: 'ZAR',
  'yemen-demo-republic': 'YMD', // South Yemen
  'yemen-arab-republic': 'YEM', // North Yemen, continued by today's Yemen
  'netherlands-antilles': 'ANT', // dissolved 2010; ANT is its former ISO 3166-1 code
  kampuchea: 'KHM',
  burma: 'MMR',
  'ivory-coast': 'CIV',
  'trinidad-tobago': 'TTO',
  'western-samoa': 'WSM',
  'us-virgin-islands': 'VIR',
  'british-virgin-islands': 'VGB',
  vatican: 'VAT',
  congo: 'COG', // Congo-Brazzaville; Zaire is listed separately
  'south-korea': 'KOR',
  'north-korea': 'PRK',
  macao: 'MAC',
  antigua: 'ATG', // Antigua and Barbuda
  turkey: 'TUR', // world-countries now names it Türkiye
};

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();

function worldCountries(): Country[] {
  const require = createRequire(import.meta.url);
  return require('world-countries/countries.json') as Country[];
}

/**
 * Reuters PLACES name -> ISO 3166 alpha-3: the override table first, then the world-countries common,
 * official and alternative names ("hong-kong" -> HKG, "saudi-arabia" -> SAU). Names that match nothing map to
 * null and are listed in the report.
 */
export function placeTable(places: readonly string[], countries: readonly Country[] = worldCountries()): Map<string, string | null> {
  const byName = new Map<string, string>();
  for (const c of countries) {
    for (const n of [c.name.common, c.name.official, ...c.altSpellings]) {
      const k = fold(n);
      if (k.length > 2 && !byName.has(k)) byName.set(k, c.cca3);
    }
  }
  const out = new Map<string, string | null>();
  for (const p of places) {
    const key = p.trim().toLowerCase();
    if (!key) continue;
    out.set(key, PLACE_OVERRIDES[key] ?? byName.get(fold(key.replace(/-/g, ' '))) ?? null);
  }
  return out;
}

/** The commodity and energy TOPICS codes listed in cat-descriptions_120396.txt, lower case. */
export function commodityTopics(catDescriptions: string): Set<string> {
  const out = new Set<string>();
  let on = false;
  for (const raw of catDescriptions.split('\n')) {
    const line = raw.trim();
    if (/^\*\*(Commodity|Energy) Codes/.test(line)) {
      on = true;
      continue;
    }
    if (/^\*\*|^_{5,}|^@/.test(line)) {
      on = false;
      continue;
    }
    if (!on || !line) continue;
    const m = /\(([A-Z][A-Z-]*)\)$/.exec(line) ?? /^([A-Z][A-Z-]*)$/.exec(line);
    if (m) out.add(m[1]!.toLowerCase());
  }
  return out;
}

/**
 * The Reuters topics a predicted commodity entity stands for: the reutersTopics of the taxonomy entry with the
 * entity's name (else the entries with its HS code), or of its nearest ancestor that has some.
 */
export function topicsForCommodity(tax: CommodityTaxonomy, name: string, hs: string | undefined): string[] {
  let entries: CommodityEntry[] = tax.entries.filter((e) => e.name === name);
  if (entries.length === 0 && hs) entries = tax.entries.filter((e) => e.hs === hs);
  const out = new Set<string>();
  for (let e of entries) {
    for (let depth = 0; depth < 6; depth++) {
      if (e.reutersTopics?.length) {
        for (const t of e.reutersTopics) out.add(t);
        break;
      }
      const parent = e.parent ? tax.byId(e.parent) : undefined;
      if (!parent) break;
      e = parent;
    }
  }
  return [...out];
}

export interface ReutersPrediction {
  countries: Set<string>;
  topics: Set<string>;
  /** label -> the words that produced it (first mention), for the error analysis */
  evidence: Map<string, { start: number; end: number }>;
}

/** The summary's countries (ISO3) and commodities (as Reuters topics within `scored`). */
export function predictLabels(result: Pick<AnalysisJson, 'entities' | 'summary'>, tax: CommodityTaxonomy, scored: ReadonlySet<string>): ReutersPrediction {
  const byId = new Map(result.entities.map((e) => [e.id, e]));
  const countries = new Set<string>();
  const topics = new Set<string>();
  const evidence = new Map<string, { start: number; end: number }>();
  for (const id of result.summary.countries) {
    const e = byId.get(id);
    const iso = e?.codes['iso3'];
    if (!e || !iso) continue;
    countries.add(iso);
    if (!evidence.has(iso) && e.mentions[0]) evidence.set(iso, e.mentions[0]);
  }
  for (const id of result.summary.commodities) {
    const e = byId.get(id);
    if (!e) continue;
    for (const t of topicsForCommodity(tax, e.name, e.codes['hs'])) {
      if (!scored.has(t)) continue;
      topics.add(t);
      if (!evidence.has(t) && e.mentions[0]) evidence.set(t, e.mentions[0]);
    }
  }
  return { countries, topics, evidence };
}

function without(set: ReadonlySet<string>, label: string): Set<string> {
  const out = new Set(set);
  out.delete(label);
  return out;
}

function labelTable(title: string, s: MultiLabelScore, top: number, name: (l: string) => string): Table {
  return {
    title,
    header: ['label', 'gold docs', 'predicted', 'right', 'missed', 'spurious', 'F1'],
    rows: s.perLabel.slice(0, top).map((l) => [name(l.label), String(l.tp + l.fn), String(l.tp + l.fp), String(l.tp), String(l.fn), String(l.fp), fmt3(l.f1)]),
  };
}

export function runReuters(): BenchmarkResult | null {
  const file = datasetFile('reuters21578/reuters21578-train.jsonl.gz');
  const placesFile = datasetFile('reuters21578/original/all-places-strings.lc.txt');
  const catFile = datasetFile('reuters21578/original/cat-descriptions_120396.txt');
  if (!file || !placesFile || !catFile) return null;
  const table = placeTable(readFileSync(placesFile, 'utf8').split(/\s+/));
  const unmapped = [...table.entries()].filter(([, v]) => v === null).map(([k]) => k);
  const iso2place = new Map<string, string>();
  for (const [k, v] of table) if (v && !iso2place.has(v)) iso2place.set(v, k);
  const placeVocab = new Set([...table.values()].filter((v): v is string => v !== null));
  const scored = commodityTopics(readFileSync(catFile, 'utf8'));
  const tax = loadCommodities();
  const docs = readMaybeGz(file).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as ReutersDoc).filter((d) => d.body && d.body.trim());
  const placeDocs: { gold: Set<string>; pred: Set<string> }[] = [];
  const topicDocs: { gold: Set<string>; pred: Set<string> }[] = [];
  const placeErrors = new ErrorLog(3);
  const topicErrors = new ErrorLog(3);
  let words = 0;
  let unmappedGold = 0;
  for (const d of docs) {
    words += (d.body.match(/\S+/g) ?? []).length;
    // the article as it ran on the wire: its dateline ("NEW YORK, Feb 26 -") then the body
    const text = (d.dateline && d.dateline.trim() ? d.dateline.trim() + ' ' : '') + d.body;
    const result = analyze(text, { id: `reuters-${d.id}`, published: reutersDate(d.date) });
    const pred = predictLabels(result, tax, scored);
    const goldPlaces = new Set<string>();
    for (const p of d.places) {
      const iso = table.get(p.toLowerCase());
      if (iso) goldPlaces.add(iso);
      else unmappedGold++;
    }
    const goldTopics = new Set(d.topics.map((t) => t.toLowerCase()).filter((t) => scored.has(t)));
    placeDocs.push({ gold: goldPlaces, pred: pred.countries });
    // topics are scored only where Reuters coded topics (TOPICS="YES", as in the ModApte split): an uncoded
    // document's empty topic list says nothing about its subject
    const topicsCoded = d.topics_attr === undefined || d.topics_attr === 'YES';
    if (topicsCoded) topicDocs.push({ gold: goldTopics, pred: pred.topics });
    const head = `#${d.id} "${clip(d.title, 50)}"`;
    const allIso = new Set(result.entities.map((e) => e.codes['iso3']).filter((x): x is string => !!x));
    const allTopics = new Set(result.entities.filter((e) => e.type === 'commodity').flatMap((e) => topicsForCommodity(tax, e.name, e.codes['hs'])));
    for (const l of goldPlaces) {
      if (pred.countries.has(l)) continue;
      const kind = allIso.has(l) ? 'missed: country recognised but left out of the summary' : 'missed: country never recognised in the body';
      placeErrors.add(kind, () => `${head}: gold ${iso2place.get(l) ?? l} (${l}) missing; summary ${[...pred.countries].join(', ') || 'empty'}`);
    }
    for (const l of pred.countries) {
      if (goldPlaces.has(l)) continue;
      const kind = placeVocab.has(l) ? 'spurious: country in the summary but not a gold PLACE' : 'spurious: country outside the PLACES vocabulary';
      placeErrors.add(kind, () => {
        const ev = pred.evidence.get(l);
        return `${head}: ${l}${ev ? ` from ${clip(excerpt(text, ev, 40), 140)}` : ''} (gold: ${d.places.join(', ') || 'none'})`;
      });
    }
    for (const l of topicsCoded ? goldTopics : []) {
      if (pred.topics.has(l)) continue;
      const kind = allTopics.has(l) ? 'missed: commodity recognised but left out of the summary' : 'missed: commodity never recognised in the body';
      topicErrors.add(kind, () => `${head}: gold ${l} missing (predicted: ${[...pred.topics].join(', ') || 'none'}) — ${clip(d.body, 90)}`);
    }
    for (const l of topicsCoded ? pred.topics : []) {
      if (goldTopics.has(l)) continue;
      const kind = goldTopics.size === 0 ? 'spurious: topic predicted where the gold has no commodity topic' : 'spurious: topic beside the right ones';
      topicErrors.add(kind, () => {
        const ev = pred.evidence.get(l);
        return `${head}: ${l}${ev ? ` from ${clip(excerpt(text, ev, 40), 140)}` : ''} (gold topics: ${d.topics.join(', ') || 'none'})`;
      });
    }
  }
  const ps = scoreMultiLabel(placeDocs, placeVocab);
  const ts = scoreMultiLabel(topicDocs, scored);
  const outOfVocab = ps.perLabel.filter((l) => !placeVocab.has(l.label)).reduce((a, l) => a + l.fp, 0);
  const summaryRow = (name: string, s: MultiLabelScore) => [name, fmt3(s.micro.precision), fmt3(s.micro.recall), fmt3(s.micro.f1), fmt3(s.macroF1), String(s.micro.tp), String(s.micro.fp), String(s.micro.fn)];
  // the error log keeps places and topics apart; the report shows the most frequent kinds of both
  const errorTypes = [...placeErrors.types(5).map((t) => ({ ...t, type: `places: ${t.type}` })), ...topicErrors.types(5).map((t) => ({ ...t, type: `commodities: ${t.type}` }))];
  const examples = [
    ...placeErrors.examples(3).map((e) => ({ ...e, type: `places: ${e.type}` })),
    ...topicErrors.examples(3).map((e) => ({ ...e, type: `commodities: ${e.type}` })),
  ].slice(0, 5);
  return {
    name: 'reuters',
    title: 'Reuters-21578 countries and commodities (training portion)',
    data: `${docs.length} documents with a body (TRAIN + NOT-USED), ${words.toLocaleString('en-US')} words; ${placeDocs.filter((d) => d.gold.size).length} with PLACES, ${topicDocs.filter((d) => d.gold.size).length} with a commodity or energy topic`,
    headlines: [
      { key: 'places.microF1', label: 'Reuters places micro-F1', value: ps.micro.f1, unit: 'score', target: 0.85 },
      { key: 'places.macroF1', label: 'Reuters places macro-F1', value: ps.macroF1, unit: 'score' },
      { key: 'commodities.microF1', label: 'Reuters commodities micro-F1', value: ts.micro.f1, unit: 'score', target: 0.8 },
      { key: 'commodities.macroF1', label: 'Reuters commodities macro-F1', value: ts.macroF1, unit: 'score' },
    ],
    tables: [
      {
        title: 'Document-level labels',
        header: ['labels', 'micro P', 'micro R', 'micro F1', 'macro F1', 'TP', 'FP', 'FN'],
        rows: [
          summaryRow('places (summary.countries)', ps),
          summaryRow('places without usa (diagnostic)', scoreMultiLabel(placeDocs.map((d) => ({ gold: without(d.gold, 'USA'), pred: without(d.pred, 'USA') })), placeVocab)),
          summaryRow('commodity + energy topics (summary.commodities)', ts),
        ],
        note: `${outOfVocab} predicted countries fall outside the 175 Reuters PLACES and count as false positives.${unmapped.length ? ` PLACES without an ISO code (not scored): ${unmapped.join(', ')} (${unmappedGold} gold labels).` : ''}`,
      },
      labelTable('Most frequent places', ps, 12, (l) => `${iso2place.get(l) ?? '(not a PLACE)'} ${l}`),
      labelTable('Commodity and energy topics', ts, 25, (l) => l),
    ],
    method: [
      'Every training-portion document with a non-empty body is analysed; the input is the dateline followed by the body, as the story ran on the wire ("NEW YORK, Feb 26 - ..."; the dataset keeps the dateline in a field of its own), without the all-capitals title, with the `date` field as the publication date. Commodity topics are scored on the documents Reuters coded for topics (`topics_attr` YES, as in the ModApte split); places on every document.',
      `Places: gold PLACES are mapped to ISO 3166 alpha-3 through the world-countries names plus an override table for Reuters' own names (usa, uk, uae; ussr -> SUN, east-germany -> DDR, west-germany -> DEU, czechoslovakia -> CSK, yugoslavia -> YUG, zaire -> ZAR, yemen-demo-republic -> YMD, netherlands-antilles -> ANT, ...). All 175 PLACES are countries or territories with a code${unmapped.length ? `, except ${unmapped.join(', ')}` : ''}. Predicted labels are the codes.iso3 of the entities in summary.countries.`,
      `Commodities: the scored labels are the ${scored.size} commodity and energy TOPICS of cat-descriptions_120396.txt. A summary.commodities entity becomes the reutersTopics of the taxonomy entry with its name (or its HS code), or of its nearest ancestor that has some ("neodymium" -> strategic-metal); "wheat" gives wheat and grain, as Reuters labels both. Documents without any of these topics still count: whatever is predicted there is a false positive.`,
      'Micro F1 over all (document, label) pairs; macro F1 is the mean per-label F1 over the labels of the vocabulary that occur in the gold or the predictions.',
    ],
    errorTypes,
    examples,
    seconds: 0,
  };
}
