// The seed article (test/fixtures): analysed in-process, written to a temporary file and scored by the shared
// seed scorer (../shared/tools/seedcheck/score_seed.py --pred), whose summary line is reported as it prints it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../../src/index.js';
import { PACKAGE_ROOT } from '../../src/knowledge/paths.js';
import { datasetsDir } from '../../bench/datasets.js';
import type { BenchmarkResult, Headline } from './common.js';

/** Where the shared seed scorer may be: beside the datasets folder, or ../shared/tools beside the checkout. */
function scorerPath(): string | null {
  const cands = [
    path.resolve(datasetsDir(), '..', 'tools', 'seedcheck', 'score_seed.py'),
    path.resolve(PACKAGE_ROOT, '..', 'shared', 'tools', 'seedcheck', 'score_seed.py'),
  ];
  return cands.find((c) => existsSync(c)) ?? null;
}

export interface SeedFigures {
  quotes: [number, number];
  speakers: [number, number];
  entities: [number, number];
  events: [number, number];
  dates: [number, number];
  promoRemoved: boolean;
  spamEntities: number;
  mineralQuote: boolean;
}

/** Reads the scorer's summary line: "seed: quotes 4/4 speakers 4/4 mineral-quote no promo removed ... dates 4/4". */
export function parseSeedSummary(line: string): SeedFigures | null {
  const frac = (name: string): [number, number] | null => {
    const m = new RegExp(`\\b${name} (\\d+)/(\\d+)`).exec(line);
    return m ? [Number(m[1]), Number(m[2])] : null;
  };
  const quotes = frac('quotes');
  const speakers = frac('speakers');
  const entities = frac('entities');
  const events = frac('events');
  const dates = frac('dates');
  if (!quotes || !speakers || !entities || !events || !dates) return null;
  return {
    quotes, speakers, entities, events, dates,
    promoRemoved: /\bpromo removed\b/.test(line),
    spamEntities: Number(/spam-entities (\d+)/.exec(line)?.[1] ?? 0),
    mineralQuote: /mineral-quote YES/.test(line),
  };
}

export function runSeed(): BenchmarkResult | null {
  const fixtures = path.join(PACKAGE_ROOT, 'test', 'fixtures');
  const text = readFileSync(path.join(fixtures, 'seed-article.txt'), 'utf8');
  const gold = JSON.parse(readFileSync(path.join(fixtures, 'seed-article.gold.json'), 'utf8')) as { published?: string };
  const result = analyze(text, { id: 'seed-article', published: gold.published ?? '2025-08-20' });
  const scorer = scorerPath();
  const base: BenchmarkResult = {
    name: 'seed',
    title: 'The seed article (test/fixtures/seed-article.txt)',
    data: `1 article, ${text.length} characters: ${result.entities.length} entities, ${result.quotes.length} quotes, ${result.events.length} events predicted`,
    headlines: [],
    tables: [],
    method: ['The project\'s own copy of the seed article and its gold reading are analysed in-process; the prediction is scored by the shared seed scorer (`score_seed.py --pred`), the same checks as `../shared/tools/check-seed` and test/seed.test.ts.'],
    errorTypes: [],
    examples: [],
    seconds: 0,
  };
  if (!scorer) {
    base.method.push('The shared seed scorer was not found (../shared/tools/seedcheck/score_seed.py), so no figures are given; `npm test` runs test/seed.test.ts.');
    return base;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-seed-'));
  try {
    const pred = path.join(dir, 'seed.json');
    writeFileSync(pred, JSON.stringify(result));
    const run = spawnSync('python3', [scorer, '--repo', PACKAGE_ROOT, '--data', fixtures, '--pred', pred], { encoding: 'utf8', timeout: 60_000 });
    const lines = `${run.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
    const summary = lines.filter((l) => /^seed: quotes/.test(l)).pop();
    const figures = summary ? parseSeedSummary(summary) : null;
    if (!summary || !figures) {
      base.method.push(`The seed scorer gave no summary line (exit ${run.status ?? run.error?.message}): ${(run.stderr ?? '').trim().split('\n').pop() ?? ''}`);
      return base;
    }
    const h = (key: string, label: string, [n, d]: [number, number], target?: number): Headline => ({ key, label: `${label} (of ${d})`, value: n, unit: 'count', ...(target !== undefined ? { target } : {}) });
    base.headlines = [
      h('quotes', 'Seed direct quotes found', figures.quotes, 4),
      h('speakers', 'Seed quote speakers right', figures.speakers, 4),
      h('entities', 'Seed gold entities found', figures.entities, figures.entities[1]),
      h('events', 'Seed gold events matched', figures.events, 10),
      h('dates', 'Seed dates resolved', figures.dates, 4),
    ];
    base.tables = [{ title: 'Seed scorer output', header: ['check'], rows: lines.filter((l) => !/^seed: read/.test(l)).map((l) => [l]) }];
    for (const l of lines) {
      const miss = /events: .*\((#.*missing)\)/.exec(l);
      if (miss) base.examples.push({ type: 'seed event not matched', example: miss[1]! });
    }
    if (figures.events[0] < figures.events[1]) base.errorTypes.push({ type: 'seed event not matched', count: figures.events[1] - figures.events[0] });
    if (figures.quotes[0] < figures.quotes[1]) base.errorTypes.push({ type: 'seed quote not found', count: figures.quotes[1] - figures.quotes[0] });
    if (figures.speakers[0] < figures.quotes[0]) base.errorTypes.push({ type: 'seed speaker wrong', count: figures.quotes[0] - figures.speakers[0] });
    if (figures.entities[0] < figures.entities[1]) base.errorTypes.push({ type: 'seed entity not found', count: figures.entities[1] - figures.entities[0] });
    if (figures.dates[0] < figures.dates[1]) base.errorTypes.push({ type: 'seed date wrong', count: figures.dates[1] - figures.dates[0] });
    return base;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
