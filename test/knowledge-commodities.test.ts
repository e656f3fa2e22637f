import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCommodities, normalizeAlias, type CommodityEntry } from '../src/knowledge/commodities.js';
import { readDataJson } from '../src/knowledge/paths.js';

const HS = /^\d{2}(\d{2}(\.\d{2})?)?$/;
const CATEGORIES = ['critical-mineral', 'precious-metal', 'base-metal', 'ferrous', 'energy', 'agriculture', 'fertilizer', 'other'];

/** Reuters-21578 commodity topics listed with their frequencies in the dataset README. */
const README_TOPICS = ['crude', 'gold', 'nat-gas', 'copper', 'iron-steel', 'gas', 'alum', 'zinc', 'pet-chem', 'silver', 'lead', 'tin',
  'strategic-metal', 'fuel', 'heat', 'platinum', 'nickel', 'jet', 'naphtha', 'propane', 'palladium'];
/** The 78 commodity and 9 energy codes of cat-descriptions_120396.txt. */
const ALL_COMMODITY_TOPICS = ['alum', 'barley', 'carcass', 'castor-meal', 'castor-oil', 'castorseed', 'citruspulp', 'cocoa', 'coconut-oil',
  'coconut', 'coffee', 'copper', 'copra-cake', 'corn-oil', 'corn', 'cornglutenfeed', 'cotton', 'cotton-meal', 'cotton-oil', 'cottonseed',
  'f-cattle', 'fishmeal', 'flaxseed', 'gold', 'grain', 'groundnut', 'groundnut-meal', 'groundnut-oil', 'iron-steel', 'lead', 'lin-meal',
  'lin-oil', 'linseed', 'livestock', 'l-cattle', 'hog', 'lumber', 'lupin', 'meal-feed', 'nickel', 'oat', 'oilseed', 'orange', 'palladium',
  'palm-meal', 'palm-oil', 'palmkernel', 'platinum', 'plywood', 'pork-belly', 'potato', 'rape-meal', 'rape-oil', 'rapeseed', 'red-bean',
  'rice', 'rubber', 'rye', 'silk', 'silver', 'sorghum', 'soy-meal', 'soy-oil', 'soybean', 'strategic-metal', 'sugar', 'sun-meal', 'sun-oil',
  'sunseed', 'tapioca', 'tea', 'tin', 'tung-oil', 'tung', 'veg-oil', 'wheat', 'wool', 'zinc',
  'crude', 'heat', 'fuel', 'gas', 'nat-gas', 'pet-chem', 'propane', 'jet', 'naphtha'];

const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'to', 'of', 'in', 'on', 'at', 'and', 'or', 'by', 'for', 'with', 'is', 'was', 'will', 'would', 'could', 'may', 'it']);

interface Reading { id: string; text: string }

/**
 * Reads commodity mentions the way the entity stage is specified to: whole tokens, case-insensitive, longest
 * match first; a phrase in notMentions is consumed and dropped; an ambiguous alias counts only in a sentence
 * with an unambiguous commodity or a context word. One sentence per call.
 */
function readCommodities(sentence: string): Reading[] {
  const t = loadCommodities();
  const blocked = new Set(t.notMentions.map(normalizeAlias));
  const tokens = sentence.match(/[\p{L}\p{N}]+/gu) ?? [];
  const lower = tokens.map((w) => w.toLowerCase());
  const found: (Reading & { ambiguous: boolean })[] = [];
  for (let i = 0; i < lower.length;) {
    let step = 1;
    for (let j = Math.min(lower.length, i + 8); j > i; j--) {
      const key = lower.slice(i, j).join(' ');
      if (blocked.has(key)) { step = j - i; break; }
      const hit = t.lookup(key);
      if (hit) { found.push({ id: hit.entry.id, text: key, ambiguous: hit.ambiguous }); step = j - i; break; }
    }
    i += step;
  }
  const context = found.some((f) => !f.ambiguous) || lower.some((w) => t.contextWordSet.has(w));
  return found.filter((f) => !f.ambiguous || context).map(({ id, text }) => ({ id, text }));
}
const ids = (sentence: string) => readCommodities(sentence).map((r) => r.id);

test('the data file is valid JSON that states where its HS codes come from', () => {
  const raw = readDataJson<{ _source: string; entries: unknown[]; headNouns: string[]; contextWords: string[]; notMentions: string[] }>('commodities.json');
  assert.match(raw._source, /HS 2022/);
  assert.match(raw._source, /USGS/);
  assert.ok(Array.isArray(raw.entries) && raw.entries.length > 200, 'breadth: more than 200 commodities');
  assert.ok(raw.headNouns.includes('industry') && raw.headNouns.includes('supplies'));
  for (const e of loadCommodities().entries) {
    assert.equal(typeof e.id, 'string');
    assert.equal(typeof e.name, 'string');
    assert.ok(CATEGORIES.includes(e.category), `${e.id}: category ${e.category}`);
    assert.ok(e.aliases.length > 0, `${e.id}: no aliases`);
    assert.ok(e.aliases.some((a) => normalizeAlias(a) === normalizeAlias(e.name)), `${e.id}: name is not an alias`);
  }
});

test('ids are unique slugs and every parent resolves without a cycle', () => {
  const t = loadCommodities();
  const seen = new Set<string>();
  for (const e of t.entries) {
    assert.match(e.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(!seen.has(e.id), `duplicate id ${e.id}`);
    seen.add(e.id);
  }
  for (const e of t.entries) {
    const chain = new Set([e.id]);
    for (let p = e.parent; p !== undefined; p = t.byId(p)!.parent) {
      assert.ok(t.byId(p), `${e.id}: parent ${p} does not resolve`);
      assert.ok(!chain.has(p), `${e.id}: parent chain loops at ${p}`);
      chain.add(p);
    }
  }
  assert.equal(t.byId('neodymium')!.parent, 'rare-earth-elements');
  assert.equal(t.byId('lng')!.parent, 'natural-gas');
  assert.equal(t.byId('palladium')!.parent, 'platinum-group-metals');
  assert.equal(t.byId('rare-earth-magnets')!.parent, 'rare-earth-elements');
  assert.equal(t.byId('no-such-commodity'), undefined);
});

test('every HS code is a chapter, heading or subheading, and group codes explain themselves', () => {
  for (const e of loadCommodities().entries) {
    assert.match(e.hs, HS, `${e.id}: ${e.hs}`);
    const chapter = Number(e.hs.slice(0, 2));
    assert.ok(chapter >= 1 && chapter <= 97 && chapter !== 77, `${e.id}: chapter ${chapter} does not exist`);
    if (e.hs.length === 2) assert.ok(e.hsNote, `${e.id}: a chapter code needs an hsNote saying why`);
  }
});

test('the commodities the contract names carry their codes and news forms', () => {
  const t = loadCommodities();
  const ree = t.byId('rare-earth-elements')!;
  assert.equal(ree.name, 'rare earth elements');
  assert.equal(ree.hs, '2805.30');
  for (const a of ['rare earths', 'rare earth metals', 'rare earth elements', 'rare-earth', 'REE', 'rare earth supplies', 'rare earth resources']) {
    assert.equal(t.lookup(a)?.entry.id, 'rare-earth-elements', a);
  }
  assert.equal(t.byId('uranium')!.hs, '2612.10');
  const lng = t.byId('lng')!;
  assert.equal(lng.hs, '2711.11');
  assert.equal(lng.name, 'liquefied natural gas');
  assert.equal(t.lookup('liquefied natural gas')?.entry.id, 'lng');
  assert.equal(t.lookup('LNG')?.entry.id, 'lng');
  assert.equal(t.byId('steel')!.hs, '72');
  assert.equal(t.byId('gold')!.hs, '7108');
  assert.equal(t.byId('crude-oil')!.hs, '2709');
  assert.equal(t.byId('crude-oil')!.name, 'crude oil');
  assert.equal(t.byId('precious-metals')!.name, 'precious metals');
  assert.equal(t.byId('energy')!.hs, '27');
  for (const id of ['lithium', 'cobalt', 'nickel', 'graphite', 'gallium', 'germanium', 'antimony', 'tungsten', 'platinum-group-metals']) {
    const e = t.byId(id);
    assert.ok(e, `${id} is missing`);
    assert.equal(e.critical, true, `${id} is on the critical lists`);
  }
});

test('minerals, metals, fuels and crops carry the HS 2022 codes of their traded form', () => {
  const expected: Record<string, string> = {
    'lithium-carbonate': '2836.91', 'lithium-hydroxide': '2825.20', spodumene: '2530.90', 'cobalt-ore': '2605', cobalt: '8105',
    'nickel-ore': '2604', nickel: '7502', graphite: '2504', 'synthetic-graphite': '3801.10', gallium: '8112.92', germanium: '8112.92',
    indium: '8112.92', antimony: '8110', tungsten: '8101', 'rare-earth-magnets': '8505.11', yellowcake: '2844.10', 'enriched-uranium': '2844.20',
    silver: '7106', platinum: '7110.11', palladium: '7110.21', 'copper-ore': '2603', copper: '7403', aluminium: '7601', bauxite: '2606',
    alumina: '2818.20', zinc: '7901', lead: '7801', tin: '8001', 'iron-ore': '2601', 'pig-iron': '7201', 'ferrous-scrap': '7204',
    coal: '2701', 'coking-coal': '2701.12', 'natural-gas': '2711.21', propane: '2711.12', gasoline: '2710.12', 'jet-fuel': '2710.19',
    electricity: '2716', hydrogen: '2804.10', polysilicon: '2804.61', helium: '2804.29', potash: '3104.20', urea: '3102.10',
    wheat: '1001', corn: '1005', soybeans: '1201', rice: '1006', sugar: '1701', coffee: '0901', cocoa: '1801', cotton: '5201', 'palm-oil': '1511',
  };
  const t = loadCommodities();
  for (const [id, hs] of Object.entries(expected)) assert.equal(t.byId(id)?.hs, hs, id);
});

test('critical marks the US and EU lists: copper and silver since USGS 2025, not gold or iron ore', () => {
  const t = loadCommodities();
  for (const id of ['copper', 'silver', 'uranium', 'potash', 'coking-coal', 'phosphate', 'helium', 'dysprosium', 'bauxite']) {
    assert.equal(t.byId(id)!.critical, true, id);
  }
  for (const id of ['gold', 'iron-ore', 'steel', 'molybdenum', 'crude-oil', 'wheat', 'rare-earth-magnets']) {
    assert.notEqual(t.byId(id)!.critical, true, id);
  }
});

test('no surface form names two commodities unless one holds it as ambiguous', () => {
  const owners = new Map<string, CommodityEntry[]>();
  for (const e of loadCommodities().entries) {
    for (const a of new Set(e.aliases.map(normalizeAlias))) {
      const list = owners.get(a) ?? [];
      list.push(e);
      owners.set(a, list);
    }
  }
  for (const [alias, list] of owners) {
    if (list.length < 2) continue;
    const tolerated = list.some((e) => (e.ambiguousAliases ?? []).some((x) => normalizeAlias(x) === alias));
    assert.ok(tolerated, `"${alias}" names ${list.map((e) => e.id).join(' and ')}`);
  }
});

test('ambiguous aliases are aliases of their own entry, and chemical symbols are not aliases', () => {
  const t = loadCommodities();
  for (const e of t.entries) {
    for (const a of e.ambiguousAliases ?? []) assert.ok(e.aliases.includes(a), `${e.id}: ${a}`);
  }
  for (const symbol of ['Li', 'Co', 'Ni', 'U', 'Sn', 'Cu', 'Fe', 'Au', 'Ag', 'Pb', 'Zn', 'Al', 'W', 'Mo', 'Ga', 'Ge', 'Sb', 'Pt', 'Pd', 'In']) {
    assert.equal(t.lookup(symbol), undefined, symbol);
  }
  assert.equal(t.lookup('lead')?.ambiguous, true);
  assert.equal(t.lookup('gas')?.ambiguous, true);
  assert.equal(t.lookup('lead industry')?.ambiguous, false, 'a head-phrase variant of an ambiguous alias is unambiguous');
  assert.equal(t.lookup('power'), undefined, '"power" is not read as electricity');
});

test('every Reuters-21578 commodity topic maps to at least one entry', () => {
  const t = loadCommodities();
  for (const topic of [...README_TOPICS, ...ALL_COMMODITY_TOPICS]) {
    assert.ok(t.byReutersTopic(topic).length > 0, `topic ${topic} has no entry`);
  }
  assert.ok(t.byReutersTopic('crude').some((e) => e.id === 'crude-oil'));
  assert.ok(t.byReutersTopic('gas').some((e) => e.id === 'gasoline'), 'Reuters "gas" is gasoline');
  assert.ok(t.byReutersTopic('heat').some((e) => e.id === 'heating-oil'));
  assert.ok(t.byReutersTopic('alum').some((e) => e.id === 'aluminium'));
  assert.deepEqual(t.byReutersTopic('earn'), []);
});

test('context words are single lower-case words covering the trade vocabulary', () => {
  const t = loadCommodities();
  for (const w of t.contextWords) assert.match(w, /^[a-z]+$/, w);
  for (const w of ['price', 'prices', 'mine', 'mining', 'export', 'exports', 'import', 'tonnes', 'ounce', 'output', 'production', 'reserves', 'supply', 'smelter', 'futures']) {
    assert.ok(t.contextWordSet.has(w), w);
  }
});

test('each not-mention phrase hides a real alias, is not one itself, and starts with a content word', () => {
  const t = loadCommodities();
  for (const phrase of t.notMentions) {
    const words = normalizeAlias(phrase).split(' ');
    assert.equal(t.lookup(phrase), undefined, `"${phrase}" is itself an alias`);
    assert.ok(!FUNCTION_WORDS.has(words[0]!), `"${phrase}" starts with a function word`);
    let hides = false;
    for (let i = 0; i < words.length && !hides; i++) {
      for (let j = i + 1; j <= words.length && !hides; j++) hides = t.lookup(words.slice(i, j).join(' ')) !== undefined;
    }
    assert.ok(hides, `"${phrase}" contains no alias; it blocks nothing`);
  }
});

test('head-phrase variants name the whole noun phrase', () => {
  const t = loadCommodities();
  assert.equal(t.lookup('steel industry')?.entry.id, 'steel');
  assert.equal(t.lookup('liquefied natural gas sector')?.entry.id, 'lng');
  assert.equal(t.lookup('copper supply')?.entry.id, 'copper');
  assert.equal(t.lookup('gold reserves')?.entry.id, 'gold');
  assert.deepEqual(readCommodities('Moscow offered US firms a stake in its rare-earth supplies and its steel industry.'),
    [{ id: 'rare-earth-elements', text: 'rare earth supplies' }, { id: 'steel', text: 'steel industry' }]);
});

test('reads metals from 1987 Reuters wire copy and ignores the lead manager of a bond issue', () => {
  assert.deepEqual(ids('Lead prices on the London Metal Exchange fell 12 stg to 310 stg a tonne, while zinc eased.'), ['lead', 'zinc']);
  assert.deepEqual(ids('Morgan Guaranty Ltd is lead manager for the 100 mln dlr eurobond of the Australian mining group.'), []);
  assert.deepEqual(ids('Cheaper imports could lead to lower prices, analysts said.'), []);
  assert.deepEqual(ids('Gold rose five dlrs to 405 dlrs an ounce, while silver and platinum were steady.'), ['gold', 'silver', 'platinum']);
  assert.deepEqual(ids('Japanese steelmakers cut iron ore and coking coal purchases from Australia.'), ['iron-ore', 'coking-coal']);
});

test('reads crude benchmarks and refined products, and leaves greenhouse gas alone', () => {
  assert.deepEqual(ids('Brent crude futures rose 2 pct to 85 dlrs a barrel and WTI gained 1.5 pct.'), ['crude-oil', 'crude-oil']);
  assert.deepEqual(ids("Greenhouse gas emissions from the country's coal plants rose 4 pct last year."), ['coal']);
  assert.deepEqual(ids('Gazprom halted gas supplies to Poland and Bulgaria.'), ['natural-gas']);
  assert.deepEqual(ids('Iran kept shipping petroleum products and petrochemicals to Asian buyers despite sanctions.'), ['refined-products', 'petrochemicals']);
  assert.deepEqual(ids('Heating oil and gasoline futures fell on the New York Mercantile Exchange.'), ['heating-oil', 'gasoline']);
});

test('reads critical minerals and their traded forms from 2020s news', () => {
  assert.deepEqual(ids('China tightened export controls on gallium, germanium and antimony, metals used in chips and ammunition.'),
    ['gallium', 'germanium', 'antimony']);
  assert.deepEqual(ids('The miner ships spodumene concentrate and makes lithium hydroxide in Western Australia.'), ['spodumene', 'lithium-hydroxide']);
  assert.deepEqual(ids('Prices of rare-earth magnets made with neodymium and dysprosium have doubled.'), ['rare-earth-magnets', 'neodymium', 'dysprosium']);
  assert.deepEqual(ids('Kazakhstan, the largest uranium producer, expects yellowcake output to fall.'), ['uranium', 'yellowcake']);
  assert.deepEqual(ids('Congo supplies most of the world\'s cobalt, mined alongside copper.'), ['cobalt', 'copper']);
});

test('an ambiguous word counts only with a commodity or trade word in its sentence', () => {
  assert.deepEqual(ids('Cotton futures rose in New York as export sales picked up.'), ['cotton']);
  assert.deepEqual(ids('Senator Tom Cotton said tariffs on Chinese imports should stay.'), []);
  assert.deepEqual(ids('Cotton said the bill would fail.'), []);
  assert.deepEqual(ids('Rice said the talks had been useful.'), []);
  assert.deepEqual(ids('Thailand exported 84,960 tonnes of rice last week.'), ['rice']);
  assert.deepEqual(ids('Mercury Marine said its profit rose.'), []);
  assert.deepEqual(ids('Mercury output from Spanish mines fell last year.'), ['mercury']);
  assert.deepEqual(ids('She won a gold medal in Tokyo.'), []);
});

test('the loader is memoised', () => {
  assert.equal(loadCommodities(), loadCommodities());
});
