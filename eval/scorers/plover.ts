// PLOVER gold-standard records (dev half): one CAMEO-manual sentence each with its PLOVER event category and
// source/target actor codes. Is the category among the events the pipeline reads from the sentence, and are the
// actors' countries right?
import { analyze, type AnalysisJson } from '../../src/index.js';
import { normalizePlover } from '../../src/knowledge/cameo.js';
import { ErrorLog, clip, datasetFile, pct, readMaybeGz, type BenchmarkResult } from './common.js';

interface GoldActor {
  actorText?: string;
  code?: string;
}
export interface PloverRecord {
  id: string;
  event: string;
  text: string;
  source?: GoldActor[] | string | null;
  target?: GoldActor[] | string | null;
}

/** Gold actor codes that are typos for the code everyone else uses. */
const GOLD_CODE_FIXES: Readonly<Record<string, string>> = {
  JAP: 'JPN', // "(TAR: Tokyo)" coded JAP in PLOVER-GSR01-AGREE-0002; CAMEO and ISO use JPN
};

/** The 3-letter codes of a gold actor list (ISO3 countries, or IGO/NGO/...); empty for "" or null. */
export function goldCodes(actors: PloverRecord['source']): string[] {
  if (!Array.isArray(actors)) return [];
  const out = new Set<string>();
  for (const a of actors) {
    const c = (a.code ?? '').trim().toUpperCase().slice(0, 3);
    if (c) out.add(GOLD_CODE_FIXES[c] ?? c);
  }
  return [...out];
}

type Entity = AnalysisJson['entities'][number];

/** The codes a predicted actor stands for: its iso3, its country attribute's iso3, the first 3 letters of its CAMEO code. */
export function entityCodes(e: Entity, byId: ReadonlyMap<string, Entity>): Set<string> {
  const out = new Set<string>();
  if (e.codes['iso3']) out.add(e.codes['iso3']);
  if (e.codes['cameo']) out.add(e.codes['cameo'].slice(0, 3));
  const country = e.attributes['country'];
  for (const id of Array.isArray(country) ? country : country ? [country] : []) {
    const c = byId.get(id);
    if (c?.codes['iso3']) out.add(c.codes['iso3']);
    if (c?.codes['cameo']) out.add(c.codes['cameo'].slice(0, 3));
  }
  return out;
}

/** True when every gold code is among the codes of the predicted entities (an empty gold list always matches). */
export function actorsMatch(gold: readonly string[], predicted: readonly string[], byId: ReadonlyMap<string, Entity>): boolean {
  if (gold.length === 0) return true;
  const have = new Set<string>();
  for (const id of predicted) {
    const e = byId.get(id);
    if (e) for (const c of entityCodes(e, byId)) have.add(c);
  }
  return gold.every((c) => have.has(c));
}

export interface PloverOutcome {
  strictFound: boolean;
  found: boolean;
  sourceOk: boolean;
  targetOk: boolean;
  predicted: string[];
}

/** Scores one record against the analysis of its sentence. */
export function scoreRecord(rec: PloverRecord, result: Pick<AnalysisJson, 'entities' | 'events'>): PloverOutcome {
  const byId = new Map(result.entities.map((e) => [e.id, e]));
  const want = normalizePlover(rec.event);
  const strictFound = result.events.some((e) => e.plover === rec.event);
  const same = result.events.filter((e) => normalizePlover(e.plover) === want);
  const src = goldCodes(rec.source);
  const tgt = goldCodes(rec.target);
  return {
    strictFound,
    found: same.length > 0,
    sourceOk: same.some((e) => actorsMatch(src, e.source, byId)),
    targetOk: same.some((e) => actorsMatch(tgt, e.target, byId)),
    predicted: result.events.map((e) => e.plover),
  };
}

export function runPlover(): BenchmarkResult | null {
  const file = datasetFile('plover-gsr/PLOVER_GSR_CAMEO-dev.jsonl');
  if (!file) return null;
  const records = readMaybeGz(file).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as PloverRecord).filter((r) => r.event !== 'DOCUMENT' && r.text);
  const errors = new ErrorLog(3);
  const perCat = new Map<string, { n: number; found: number }>();
  let strict = 0;
  let found = 0;
  let src = 0;
  let tgt = 0;
  let both = 0;
  for (const rec of records) {
    const result = analyze(rec.text, { id: rec.id });
    const o = scoreRecord(rec, result);
    const cat = normalizePlover(rec.event);
    const pc = perCat.get(cat) ?? { n: 0, found: 0 };
    pc.n++;
    if (o.strictFound) strict++;
    const sent = clip(rec.text, 150);
    if (o.found) {
      found++;
      pc.found++;
      if (o.sourceOk) src++;
      if (o.targetOk) tgt++;
      if (o.sourceOk && o.targetOk) both++;
      const byId = new Map(result.entities.map((e) => [e.id, e]));
      const actorText = (ids: string[]) => ids.map((id) => byId.get(id)?.name ?? id).join(', ') || 'none';
      const ev = result.events.find((e) => normalizePlover(e.plover) === cat)!;
      const why = (gold: string[], ids: string[]) => {
        if (ids.length === 0) return 'the event has none';
        const have = new Set(ids.flatMap((id) => { const e = byId.get(id); return e ? [...entityCodes(e, byId)] : []; }));
        if (have.size === 0) return 'actor has no country code (e.g. a person without a country)';
        return gold.some((c) => have.has(c)) ? 'only part of a compound actor' : 'another country or organisation';
      };
      if (!o.sourceOk) {
        const g = goldCodes(rec.source);
        errors.add(`source actor wrong: ${why(g, ev.source)}`, () => `${sent} — gold source ${g.join('+')}, predicted ${actorText(ev.source)}`);
      }
      if (!o.targetOk) {
        const g = goldCodes(rec.target);
        errors.add(`target actor wrong: ${why(g, ev.target)}`, () => `${sent} — gold target ${g.join('+')}, predicted ${actorText(ev.target)}`);
      }
    } else if (o.predicted.length === 0) {
      errors.add('no event read from the sentence', () => `${sent} — gold ${rec.event}`);
    } else {
      errors.add('another category read', () => `${sent} — gold ${rec.event}, predicted ${[...new Set(o.predicted)].join(', ')}`);
    }
    perCat.set(cat, pc);
  }
  const n = records.length;
  return {
    name: 'plover',
    title: 'PLOVER gold-standard event records (dev half)',
    data: `${n} sentences (the header record skipped), PLOVER 0.5b1 categories`,
    headlines: [
      { key: 'found', label: 'PLOVER category found (normalised names)', value: pct(found, n), unit: 'pct', target: 60 },
      { key: 'found.strict', label: 'PLOVER category found (strict names)', value: pct(strict, n), unit: 'pct' },
      { key: 'source', label: 'PLOVER source actors right, among found', value: pct(src, found), unit: 'pct' },
      { key: 'target', label: 'PLOVER target actors right, among found', value: pct(tgt, found), unit: 'pct' },
    ],
    tables: [
      {
        title: 'Events',
        header: ['figure', 'value', 'count'],
        rows: [
          ['category found, strict (gold name as written)', `${pct(strict, n).toFixed(1)}%`, `${strict}/${n}`],
          ['category found, normalised (DEMAND -> REQUEST, ...)', `${pct(found, n).toFixed(1)}%`, `${found}/${n}`],
          ['source actors right, among found', `${pct(src, found).toFixed(1)}%`, `${src}/${found}`],
          ['target actors right, among found', `${pct(tgt, found).toFixed(1)}%`, `${tgt}/${found}`],
          ['both actors right, among found', `${pct(both, found).toFixed(1)}%`, `${both}/${found}`],
        ],
        note: 'Peer: a 50-event manual check of GDELT found about 81% of its event codes correct (issue #3); that is a precision check on a different sample, not this recall figure.',
      },
      {
        title: 'By gold category (normalised)',
        header: ['category', 'records', 'found', 'share'],
        rows: [...perCat.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0])).map(([c, v]) => [c, String(v.n), String(v.found), `${pct(v.found, v.n).toFixed(0)}%`]),
      },
    ],
    method: [
      'Each sentence is analysed alone, without a publication date (the records\' date is a placeholder).',
      '"Found": some predicted event has the gold category. Strict compares the names as written; normalised maps the 0.5b1 names of the records to the 2021 categories with `normalizePlover` (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT) on both sides.',
      'Actors, among found records: right when some predicted event of that category has, among its source (target) entities, every gold source (target) code. An entity stands for its codes.iso3, the iso3 of its attributes.country entity, and the first three letters of its codes.cameo ("IGOEEC" -> IGO). An empty gold target matches anything. The gold code JAP is read as JPN.',
    ],
    errorTypes: errors.types(),
    examples: errors.examples(5),
    seconds: 0,
  };
}
