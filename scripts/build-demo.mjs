#!/usr/bin/env node
// Builds data/demo/articles.jsonl, the corpus `npm start` loads into an empty database: the articles listed in
// PICKS below, copied verbatim (id, source, url, title, published, license, text) from the public-domain US
// government news set (../shared/datasets/public-domain-news/articles.jsonl, or $LODESTONE_DATASETS), plus the
// project's seed article (test/fixtures/seed-article.txt). Rerun it after changing PICKS:
//   node scripts/build-demo.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATASETS = process.env.LODESTONE_DATASETS ?? path.resolve(ROOT, '..', 'shared', 'datasets');
const SOURCE = path.join(DATASETS, 'public-domain-news', 'articles.jsonl');
const OUT = path.join(ROOT, 'data', 'demo', 'articles.jsonl');

// Picked by hand for critical minerals, energy, sanctions, trade, Russia/Ukraine and China, with a spread of
// years (2019-2026) and of kinds (VOA news with quotes, State Department releases, White House fact sheets).
const PICKS = [
  // Voice of America news: quotes with speakers
  'voa-8010030', // G7 diplomats in Charlevoix: Ukraine peace
  'voa-8008456', // US lawmakers on Ukraine's 30-day ceasefire
  'voa-8007271', // Europe rearmament talks, Ukraine aid
  'voa-8005899', // Rubio in Saudi Arabia, Ukraine minerals deal
  'voa-8009004', // Iran nuclear program
  'voa-6205843', // former NATO chief on trade aggression (China)
  'voa-6180790', // wind power and renewables
  // State Department releases
  'state-2021-07-31-united-states-and-canada-forge-ahead-on-critical-minerals-co',
  'state-2022-06-14-minerals-security-partnership',
  'state-2021-07-13-the-united-states-of-america-and-republic-of-ghana-sign-a-me',
  'state-2022-02-21-kremlin-decision-on-eastern-ukraine',
  'state-2022-02-27-japans-financial-sanctions-against-russia',
  'state-2022-02-28-additional-measures-against-the-russian-financial-system',
  'state-2022-06-02-targeting-russias-oligarchs-and-vessels',
  'state-2022-07-06-targeting-irans-international-petroleum-trade',
  'state-2022-07-13-eu-sanctions-on-russia-and-shipments-to-and-from-kaliningrad',
  'state-2022-07-22-quadrilateral-deal-for-safe-passage-of-agricultural-goods-on',
  'state-2022-08-03-first-grain-ship-departs-the-black-sea',
  'state-2022-06-26-united-states-takes-next-step-in-supporting-innovative-clean',
  'state-2021-06-24-u-s-actions-to-address-forced-labor-in-xinjiang-china',
  // White House fact sheets and statements
  'wh-2021-02-24-fact-sheet-securing-americas-critical-supply-chains',
  'wh-2022-02-22-fact-sheet-securing-a-made-in-america-supply-chain-for-criti',
  'wh-2022-03-08-fact-sheet-united-states-bans-imports-of-russian-oil-liquefi',
  'wh-2022-03-25-fact-sheet-united-states-and-european-commission-announce-ta',
  'wh-2023-02-24-fact-sheet-on-one-year-anniversary-of-russias-invasion-of-uk',
  'wh-2024-05-14-fact-sheet-president-biden-takes-action-to-protect-american',
  'wh-2025-02-01-fact-sheet-president-donald-j-trump-imposes-tariffs-on-impor',
  'wh-2025-02-04-fact-sheet-president-donald-j-trump-restores-maximum-pressur',
  'wh-2025-03-20-fact-sheet-president-donald-j-trump-takes-immediate-action-t',
  'wh-2025-03-25-outcomes-of-the-united-states-and-russia-expert-groups-on-th',
  'wh-2025-04-15-fact-sheet-president-donald-j-trump-ensures-national-securit',
  'wh-2025-04-24-fact-sheet-president-donald-j-trump-unleashes-americas-offsh',
  'wh-2025-05-01-fact-sheet-president-donald-j-trump-secures-agreement-to-est',
  'wh-2025-06-03-fact-sheet-president-donald-j-trump-increases-section-232-ta',
  'wh-2025-07-28-fact-sheet-the-united-states-and-european-union-reach-massiv',
  'wh-2025-11-01-fact-sheet-president-donald-j-trump-strikes-deal-on-economic',
  'wh-2026-01-14-fact-sheet-president-donald-j-trump-directs-negotiations-to',
];

const SEED = {
  id: 'seed-2025-08-20-russia-rare-earths',
  source: 'Syndicated web article (the project\'s founding example)',
  url: null,
  title: 'Russia offers the US to exploit its rich rare earth resources',
  published: '2025-08-20',
  license: 'Not a government work: a syndicated web news article (August 2025), bundled as the project\'s founding example, as in test/fixtures/seed-article.txt. Its promotional tail is kept on purpose: Lodestone marks it as set aside.',
};

const byId = new Map();
for (const line of readFileSync(SOURCE, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const a = JSON.parse(line);
  byId.set(a.id, a);
}
const out = [];
for (const id of PICKS) {
  const a = byId.get(id);
  if (!a) throw new Error(`${id} is not in ${SOURCE}`);
  out.push({ id: a.id, source: a.source, url: a.url, title: a.title, published: a.published, license: a.license, text: a.text });
}
out.push({ ...SEED, text: readFileSync(path.join(ROOT, 'test', 'fixtures', 'seed-article.txt'), 'utf8') });
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, out.map((a) => JSON.stringify(a)).join('\n') + '\n');
console.log(`wrote ${out.length} articles (${out.reduce((n, a) => n + a.text.length, 0)} characters) to ${path.relative(ROOT, OUT)}`);
