// The corpus commands end to end, as a user runs them: `node bin/lodestone.js ingest | worker | search | events |
// quotes | entities | stories | export` against a temporary SQLite file, with sources of every kind (a directory
// of articles, a JSONL file with a bad line, an RSS feed and article pages served on 127.0.0.1). When
// LODESTONE_TEST_PG names a PostgreSQL server, two workers also share one queue there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { openStore } from '../src/store/index.js';
import { contentId } from '../src/pipeline.js';
import { xmlEscape, csvField, CSV_COLUMNS, GDELT_COLUMNS } from '../src/cli/export.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'lodestone.js');
const SEED = path.join(PACKAGE_ROOT, 'test', 'fixtures', 'seed-article.txt');
const tmp = mkdtempSync(path.join(tmpdir(), 'lodestone-corpus-'));

interface Run { status: number | null; stdout: string; stderr: string }

/** Runs the CLI without blocking this process (the test's HTTP server must keep answering). */
function lodestone(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv['LODESTONE_DB'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function jsonLines(s: string): Record<string, any>[] {
  return s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
}

/** The JSON summary an ingest or worker run prints on standard output when it is not a terminal. */
function summaryOf(r: Run): Record<string, any> {
  assert.equal(r.status, 0, r.stderr);
  const lines = jsonLines(r.stdout);
  assert.equal(lines.length, 1, r.stdout);
  return lines[0]!;
}

// ---------------------------------------------------------------------------------------------------------
// The corpus: short articles written like 2024 web news and 1987 newswire, the seed article and a syndicated
// copy of it, and pages served over HTTP.

const CHILE = `Chile and China sign lithium deal as Santiago courts battery makers

SANTIAGO, May 14 (Wire) - Chile signed an agreement with China on Tuesday to expand lithium carbonate production in the Atacama salt flats, the mining ministry said, as the government seeks to attract battery makers to the country.

Under the deal, Chinese companies will invest $1.2 billion in refining plants near Antofagasta over the next five years. Chile holds the world's largest lithium reserves and is the second-biggest producer after Australia.

"This agreement puts Chile at the centre of the energy transition," Mining Minister Aurora Williams told reporters in Santiago. She said the state would keep a majority stake in all new projects.

Lithium prices have fallen by more than 70 percent since late 2022 as supply outpaced demand for electric vehicles.
`;

const NICKEL = `Indonesia will keep its ban on nickel ore exports, minister says

JAKARTA, June 3 - Indonesia will not lift its ban on exports of nickel ore despite a complaint from the European Union at the World Trade Organization, Energy and Mineral Resources Minister Bahlil Lahadalia said on Monday.

"We will not go back to selling raw ore. Our nickel will be processed here, in Indonesia," Lahadalia told a parliamentary hearing in Jakarta.

The European Union accused Indonesia of breaking global trade rules when it banned nickel ore exports in 2020 to force miners to build smelters at home. Indonesia, the world's largest nickel producer, now supplies about half of the world's refined nickel, much of it to stainless steel and battery plants owned by Chinese firms.

Analysts said the policy had drawn more than $30 billion of investment into smelters on Sulawesi and Halmahera islands.
`;

const OPEC_1987 = `SAUDI ARABIA SAYS IT WILL DEFEND OPEC PRICE

RIYADH, March 2 - Saudi Arabia will defend the OPEC reference price of 18 dlrs a barrel and will not increase its crude oil output above its quota, Oil Minister Hisham Nazer said.
    Nazer told the Saudi newspaper Al-Riyadh that the kingdom was committed to the December agreement and urged other OPEC members to respect their production ceilings.
    Oil traders said Iraq had rejected its quota under the accord and was pumping well above it, putting pressure on spot prices.
    Saudi Arabia cut its output to about 3.5 mln barrels per day in February, industry sources said.
 REUTER
`;

const URANIUM = [
  "Kazakhstan's state nuclear company Kazatomprom said on Friday it would cut uranium production by about 17 percent next year because of shortages of sulphuric acid, sending uranium prices to their highest level since 2007.",
  "The world's largest uranium producer said output in 2025 would be between 25,000 and 26,500 tonnes, below the targets it had agreed with customers in France and the United States.",
  '"We cannot mine more than the acid supply allows," a company spokeswoman said. Kazakhstan supplies about 43 percent of the world\'s mined uranium.',
];

const COBALT = [
  'The Democratic Republic of Congo suspended cobalt exports for four months on Saturday, seeking to curb a glut that has pushed prices of the battery metal to a nine-year low.',
  "Congo, which produces about three quarters of the world's cobalt, said the suspension would be reviewed after three months. Most of the country's cobalt is shipped to refiners in China.",
  '"The market is flooded and prices no longer reflect the value of our resources," said Patrick Luabeya, head of the agency that regulates strategic minerals.',
];

const RARE_EARTHS = [
  'China imposed export restrictions on seven rare earth elements on Friday, including samarium and dysprosium, in retaliation for new tariffs announced by the United States.',
  "The commerce ministry in Beijing said exporters would need licences to ship the metals and magnets made from them. China refines about 90 percent of the world's rare earths.",
  'Car makers in Japan and Germany warned that magnet supplies could run short within weeks.',
];

/** The seed article as another outlet re-publishes it: its own masthead, no crypto spam, its own footer. */
function seedSyndicated(): string {
  const body = readFileSync(SEED, 'utf8').split('\n').filter((l) => !/Difference Wire|Binance|Referral code/i.test(l)).join('\n');
  return `THE ORE REVIEW  |  Markets  |  Thursday, 21 August 2025\nBy our commodities desk\n\n${body}\n\nRead more: Why copper prices are at record highs\nSign up for The Ore Review's morning briefing.\nCopyright 2025 The Ore Review. All rights reserved.\n`;
}

function page(title: string, paragraphs: string[], published: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Metals Wire</title>
<meta property="og:site_name" content="Metals Wire"><meta property="article:published_time" content="${published}"></head>
<body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<div class="share"><a href="https://twitter.com/intent">Share on X</a></div></article>
<footer>Copyright 2024 Metals Wire</footer></body></html>`;
}

function rss(base: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Metals Wire</title><link>${base}/</link>
<item><title>Kazatomprom to cut uranium output on acid shortage</title><link>${base}/news/kazatomprom-uranium</link>
  <pubDate>Fri, 23 Aug 2024 09:15:00 +0000</pubDate><description>Kazakhstan's Kazatomprom will cut production...</description></item>
<item><title>Congo suspends cobalt exports for four months</title><link>${base}/news/congo-cobalt</link>
  <pubDate>Sat, 22 Feb 2025 16:40:00 +0000</pubDate><description>The suspension is meant to curb a glut...</description></item>
</channel></rss>`;
}

let server: http.Server;
let base = '';
const fetched: string[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    fetched.push(url);
    const send = (type: string, body: string) => res.writeHead(200, { 'content-type': type }).end(body);
    if (url === '/feed.xml') send('application/rss+xml', rss(base));
    else if (url === '/news/kazatomprom-uranium') send('text/html; charset=utf-8', page('Kazatomprom to cut uranium output on acid shortage', URANIUM, '2024-08-23T09:15:00Z'));
    else if (url === '/news/congo-cobalt') send('text/html; charset=utf-8', page('Congo suspends cobalt exports for four months', COBALT, '2025-02-22T16:40:00Z'));
    else if (url === '/news/china-rare-earth-curbs') send('text/html; charset=utf-8', page('China curbs exports of seven rare earths', RARE_EARTHS, '2025-04-04T08:00:00Z'));
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(tmp, { recursive: true, force: true });
});

/** A directory of article files (one hidden, one binary, one an exact copy) and a JSONL file with a bad line. */
function writeCorpus(root: string): { dir: string; jsonl: string } {
  const dir = path.join(root, 'articles');
  mkdirSync(path.join(dir, '2024'), { recursive: true });
  mkdirSync(path.join(dir, 'syndicated'), { recursive: true });
  writeFileSync(path.join(dir, '2024', 'chile-lithium.txt'), CHILE);
  writeFileSync(path.join(dir, '2024', 'indonesia-nickel.txt'), NICKEL);
  writeFileSync(path.join(dir, 'chile-lithium-copy.txt'), CHILE); // the same text again: the same id
  copyFileSync(SEED, path.join(dir, 'seed-article.txt'));
  writeFileSync(path.join(dir, 'syndicated', 'ore-review.txt'), seedSyndicated());
  writeFileSync(path.join(dir, '.draft.txt'), 'An unfinished draft.');
  writeFileSync(path.join(dir, 'scan.bin'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 7, 0, 0, 9]));
  const jsonl = path.join(root, 'wire.jsonl');
  writeFileSync(jsonl, [
    JSON.stringify({ id: 'rtr-1987-03-02-opec', text: OPEC_1987, published: '1987-03-02' }),
    '{"id": "rtr-broken", "text": "Zambia raised copper',
    // the nickel story again under another id: a syndicated copy with the same text
    JSON.stringify({ id: 'jkt-nickel-0603', text: NICKEL, published: '2024-06-03' }),
  ].join('\n') + '\n');
  return { dir, jsonl };
}

const root = path.join(tmp, 'main');
const db = path.join(root, 'corpus.db');
let corpus: { dir: string; jsonl: string };
let ingestArgs: string[];

test('ingest reads a directory, a JSONL file, an RSS feed and a page URL, and counts what it stored and why not', async () => {
  corpus = writeCorpus(root);
  ingestArgs = ['ingest', corpus.dir, corpus.jsonl, `${base}/feed.xml`, `${base}/news/china-rare-earth-curbs`, '--db', db, '--allow-private', '--published-default', '2024-06-04'];
  const r = await lodestone(ingestArgs);
  const s = summaryOf(r);
  // 5 files + 2 JSONL lines + 2 feed items + 1 page
  assert.equal(s.read, 10, r.stderr);
  assert.equal(s.stored, 8);
  assert.deepEqual(s.duplicatesByReason, { 'same-id': 1, 'same-text': 1 });
  assert.equal(s.failed, 2);
  assert.deepEqual(s.failedByReason, { binary: 1, bad_json: 1 });
  assert.deepEqual(s.skippedByReason, { skipped: 1 });
  assert.ok(s.errors.some((e: { source: string }) => e.source === `${corpus.jsonl}:2`), JSON.stringify(s.errors));
  // the feed's links and the page were fetched from the local server
  for (const p of ['/feed.xml', '/news/kazatomprom-uranium', '/news/congo-cobalt', '/news/china-rare-earth-curbs']) assert.ok(fetched.includes(p), p);
  assert.equal(s.totals.articles, 8);
  assert.equal(s.totals.copies, 1);
  // the seed article and its syndicated copy are one story; every other article is its own
  assert.equal(s.totals.stories, 7);
  // the paragraph on standard error says the same
  assert.match(r.stderr, /read 10 articles from 4 sources in [\d.]+ s .*: 8 stored, 2 duplicates \(1 same id, 1 same text\), 2 failed \(bad_json 1, binary 1\); 1 skipped/);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
});

test('ingesting the same sources again stores nothing new', async () => {
  const s = summaryOf(await lodestone(ingestArgs));
  assert.equal(s.read, 10);
  assert.equal(s.stored, 0);
  assert.equal(s.duplicates, 10);
  assert.equal(s.totals.articles, 8);
  assert.equal(s.totals.copies, 1);
  assert.equal(s.totals.stories, 7);
});

test('a URL on a private address is refused without --allow-private, with the reason recorded', async () => {
  const r = await lodestone(['ingest', `${base}/news/china-rare-earth-curbs`, '--db', path.join(tmp, 'refused.db')]);
  assert.equal(r.status, 1, 'nothing could be read');
  const s = jsonLines(r.stdout)[0]!;
  assert.equal(s.read, 0);
  assert.equal(s.failed, 1);
  assert.match(s.errors[0].error, /loopback.*--allow-private/);
  assert.match(r.stderr, /--allow-private/);
});

test('search finds articles by their words, best first, with the matched words marked', async () => {
  const r = await lodestone(['search', 'nickel', 'ore', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const hits = jsonLines(r.stdout);
  assert.equal(hits.length, 1, 'the JSONL copy is recorded, not stored twice');
  assert.equal(hits[0]!.articleId, contentId(NICKEL));
  const [s, e] = hits[0]!.highlights[0];
  assert.match(hits[0]!.snippet.slice(s, e), /^(nickel|ore)$/i);

  const seed = jsonLines((await lodestone(['search', 'Manturov', '--db', db])).stdout);
  assert.equal(seed.length, 2, 'the seed article and its syndicated copy');
  assert.equal(seed[0]!.storyId, seed[1]!.storyId);

  const page = jsonLines((await lodestone(['search', 'sulphuric acid', '--db', db, '--format', 'jsonl'])).stdout);
  assert.deepEqual(page.map((h) => h.title), ['Kazatomprom to cut uranium output on acid shortage']);
});

test('events filter by country, commodity HS prefix, PLOVER category and date range', async () => {
  const [byCountry, byHs, accuse, in1987] = await Promise.all([
    lodestone(['events', '--db', db, '--country', 'IDN', '--format', 'json']),
    lodestone(['events', '--db', db, '--commodity', '2836', '--format', 'json']),
    lodestone(['events', '--db', db, '--plover', 'accuse', '--format', 'json']),
    lodestone(['events', '--db', db, '--from', '1987-01-01', '--to', '1987-12-31', '--format', 'json']),
  ]);
  for (const r of [byCountry, byHs, accuse, in1987]) assert.equal(r.status, 0, r.stderr);
  const idn = JSON.parse(byCountry.stdout) as any[];
  assert.ok(idn.length >= 3, byCountry.stdout);
  for (const e of idn) assert.ok([...e.source, ...e.target].some((x: any) => (x.iso3 ?? x.country) === 'IDN'), JSON.stringify(e));
  // the same events reported by the JSONL copy are merged into one row counted twice
  assert.ok(idn.every((e) => e.numArticles === 2), JSON.stringify(idn.map((e) => e.numArticles)));

  const lithium = JSON.parse(byHs.stdout) as any[];
  assert.ok(lithium.length >= 1);
  assert.ok(lithium.some((e) => e.source.some((x: any) => x.name === 'Chile') && e.target.some((x: any) => x.name === 'China')), byHs.stdout);
  assert.ok(lithium.every((e) => e.commodities.some((c: any) => c.hs.startsWith('2836'))));

  assert.deepEqual((JSON.parse(accuse.stdout) as any[]).map((e) => [e.plover, e.source[0].name, e.target[0].name]), [['ACCUSE', 'European Union', 'Indonesia']]);

  const old = JSON.parse(in1987.stdout) as any[];
  assert.ok(old.length >= 1);
  assert.ok(old.every((e) => e.articleId === 'rtr-1987-03-02-opec'), in1987.stdout);
});

test('quotes by speaker and by words, entities by type and name, stories by size', async () => {
  const [bySpeaker, byWords, countries, people, stories, tsv] = await Promise.all([
    lodestone(['quotes', '--db', db, '--speaker', 'Lahadalia', '--format', 'json']),
    lodestone(['quotes', '--db', db, '--text', 'market flooded']),
    lodestone(['entities', '--db', db, '--type', 'country', '--name', 'kazakh', '--format', 'json']),
    lodestone(['entities', '--db', db, '--type', 'person', '--format', 'json', '--limit', '100']),
    lodestone(['stories', '--db', db, '--min-articles', '2', '--format', 'json']),
    lodestone(['stories', '--db', db, '--format', 'tsv']),
  ]);
  for (const r of [bySpeaker, byWords, countries, people, stories, tsv]) assert.equal(r.status, 0, r.stderr);
  const quotes = JSON.parse(bySpeaker.stdout) as any[];
  assert.ok(quotes.some((q) => q.kind === 'direct' && q.text.startsWith('We will not go back to selling raw ore')), bySpeaker.stdout);
  assert.ok(quotes.every((q) => q.speaker === 'Bahlil Lahadalia'));

  const flooded = jsonLines(byWords.stdout);
  assert.equal(flooded.length, 1);
  assert.equal(flooded[0]!.speaker, 'Patrick Luabeya');

  assert.deepEqual((JSON.parse(countries.stdout) as any[]).map((e) => [e.name, e.codes.iso3, e.articles]), [['Kazakhstan', 'KAZ', 1]]);
  const names = (JSON.parse(people.stdout) as any[]).map((e) => e.name);
  for (const n of ['Aurora Williams', 'Hisham Nazer', 'Vladimir Putin']) assert.ok(names.includes(n), n);

  // the seed and its copy (two outlets' files), and the nickel story with its recorded JSONL copy
  const big = JSON.parse(stories.stdout) as any[];
  assert.equal(big.length, 2, stories.stdout);
  assert.ok(big.every((s) => s.articles === 2));
  const seedStory = big.find((s) => s.id === contentId(readFileSync(SEED, 'utf8')));
  assert.ok(seedStory, 'the seed article heads its story');

  const rows = tsv.stdout.trim().split('\n');
  assert.deepEqual(rows[0]!.split('\t'), ['story', 'articles', 'outlets', 'first', 'last', 'title']);
  assert.equal(rows.length, 1 + 7);
  assert.ok(rows.every((l) => l.split('\t').length === 6));
});

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      assert.equal(field, '', `a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') { record.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field); records.push(record); record = []; field = ''; i++;
    } else field += c;
  }
  assert.equal(quoted, false, 'an unterminated quoted field');
  if (field || record.length) { record.push(field); records.push(record); }
  return records;
}

/** A small XML well-formedness check: balanced, properly nested tags, quoted attributes, no stray < or &. */
function assertWellFormedXml(xml: string): { elements: Map<string, number> } {
  const TOKEN = /<\?xml[^?]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  const ENTITY_OK = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  const elements = new Map<string, number>();
  let at = 0;
  let rootClosed = false;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const between = xml.slice(at, m.index);
    assert.ok(!between.includes('<'), `stray < near ${JSON.stringify(xml.slice(at, at + 80))}`);
    assert.ok(!ENTITY_OK.test(between), `bare & in text near ${JSON.stringify(between.slice(0, 80))}`);
    at = m.index + m[0].length;
    if (!m[2]) continue;
    assert.ok(!ENTITY_OK.test(m[3] ?? ''), `bare & in attributes: ${m[0]}`);
    if (m[1]) {
      assert.equal(stack.pop(), m[2], `</${m[2]}> closes the wrong element`);
      if (stack.length === 0) rootClosed = true;
    } else {
      assert.ok(!rootClosed, 'a second root element');
      elements.set(m[2], (elements.get(m[2]) ?? 0) + 1);
      if (!m[4]) stack.push(m[2]);
    }
  }
  assert.equal(xml.slice(at).trim(), '', 'text after the root element');
  assert.deepEqual(stack, [], 'unclosed elements');
  return { elements };
}

test('export writes JSONL analyses, CSV and GDELT-style events, and a well-formed GraphML graph', async () => {
  const out = (f: string) => path.join(root, `export.${f}`);
  const [jsonl, csv, gdelt, graphml] = await Promise.all(['jsonl', 'csv', 'gdelt', 'graphml'].map((f) => lodestone(['export', '--db', db, '--format', f, '--out', out(f)])));
  for (const r of [jsonl, csv, gdelt, graphml]) assert.equal(r.status, 0, r.stderr);

  const analyses = jsonLines(readFileSync(out('jsonl'), 'utf8'));
  assert.equal(analyses.length, 8);
  for (const a of analyses) for (const k of ['id', 'text', 'published', 'entities', 'quotes', 'events', 'removed', 'summary']) assert.ok(k in a, k);
  assert.ok(analyses.some((a) => a.id === 'rtr-1987-03-02-opec' && a.published === '1987-03-02'));

  const records = parseCsv(readFileSync(out('csv'), 'utf8'));
  assert.deepEqual(records[0], [...CSV_COLUMNS]);
  assert.ok(records.length > 10);
  for (const rec of records) assert.equal(rec.length, CSV_COLUMNS.length, JSON.stringify(rec));
  const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
  const accused = records.find((r) => r[col('plover')] === 'ACCUSE')!;
  assert.equal(accused[col('source_names')], 'European Union');
  assert.equal(accused[col('target_iso3')], 'IDN');
  assert.equal(accused[col('num_articles')], '2');
  assert.match(accused[col('evidence')]!, /accused Indonesia of breaking global trade rules/);

  const tsv = readFileSync(out('gdelt'), 'utf8').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
  assert.deepEqual(tsv[0], [...GDELT_COLUMNS]);
  assert.equal(tsv.length, records.length, 'one GDELT row per CSV event row');
  for (const row of tsv) assert.equal(row.length, GDELT_COLUMNS.length);
  const curbs = tsv.find((r) => r[GDELT_COLUMNS.indexOf('SOURCEURL')] === `${base}/news/china-rare-earth-curbs`);
  assert.ok(curbs, 'the page URL is the SOURCEURL of its events');
  assert.match(curbs![1]!, /^\d{8}$/);
  assert.equal(curbs![6]!.slice(0, 2), curbs![7]);

  const xml = readFileSync(out('graphml'), 'utf8');
  const { elements } = assertWellFormedXml(xml);
  assert.equal(elements.get('graphml'), 1);
  assert.ok((elements.get('node') ?? 0) > 5 && (elements.get('edge') ?? 0) > 5);
  for (const type of ['country', 'person', 'organization', 'commodity']) assert.ok(xml.includes(`<data key="type">${type}</data>`), type);
  assert.match(xml, /<edge id="e\d+" source="organization:[^"]+" target="country:IDN"><data key="kind">event<\/data><data key="eweight">2<\/data><data key="plover">ACCUSE<\/data>/);
  assert.match(xml, /source="country:CHL" target="commodity:[^"]*lithium[^"]*"><data key="kind">commodity<\/data>/);
});

test('GraphML and CSV fields stay well-formed with markup, quotes and control characters in names', () => {
  const name = 'Procter & Gamble <"Asia"> \u0001Ltd\'s\uD800 unit';
  const { elements } = assertWellFormedXml(`<graphml><node id="${xmlEscape(name)}"><data key="label">${xmlEscape(name)}</data></node></graphml>`);
  assert.equal(elements.get('node'), 1);
  assert.equal(xmlEscape(name), 'Procter &amp; Gamble &lt;&quot;Asia&quot;&gt; Ltd&apos;s unit');
  assert.deepEqual(parseCsv(['a', csvField('Said "no", then left\r\nlater'), csvField(3)].join(',') + '\r\n'), [['a', 'Said "no", then left\r\nlater', '3']]);
});

test('ingest --queue leaves the analysis to `worker --once`, and each job is stored once', async () => {
  const qroot = path.join(tmp, 'queue');
  const q = writeCorpus(qroot);
  const qdb = path.join(qroot, 'queue.db');
  const queued = summaryOf(await lodestone(['ingest', q.dir, q.jsonl, '--db', qdb, '--queue', '--published-default', '2024-06-04']));
  // every readable item becomes a job, the exact file copy too (it came from another path)
  assert.equal(queued.queued, 7);
  assert.equal(queued.failed, 2);
  assert.equal(queued.totals.articles, 0);
  assert.equal(queued.totals.queued, 7);

  const worked = summaryOf(await lodestone(['worker', '--db', qdb, '--once']));
  assert.equal(worked.jobs, 7);
  assert.equal(worked.stored, 5);
  assert.deepEqual(worked.duplicatesByReason, { 'same-id': 1, 'same-text': 1 });
  assert.equal(worked.totals.articles, 5);
  assert.equal(worked.totals.stories, 4, 'the seed and its syndicated copy are one story');
  assert.equal(worked.totals.done, 7);
  assert.equal(worked.totals.queued, 0);

  const again = summaryOf(await lodestone(['ingest', q.dir, q.jsonl, '--db', qdb, '--queue']));
  assert.equal(again.queued, 0, 'stored articles are not queued again');
  const idle = summaryOf(await lodestone(['worker', '--db', qdb, '--idle-exit', '0.3', '--poll', '0.1']));
  assert.equal(idle.jobs, 0);
});

/** Short wire items about supply deals, all different (numbers, countries, commodities, buyers). */
function generatedWire(n: number): string {
  const countries = ['Indonesia', 'Chile', 'Peru', 'Zambia', 'Guinea', 'Bolivia', 'Philippines', 'Argentina'];
  const goods = ['nickel ore', 'copper concentrate', 'bauxite', 'tin', 'lithium carbonate', 'cobalt'];
  const buyers = ['China', 'Japan', 'India', 'South Korea', 'Germany'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = countries[i % countries.length]!;
    const g = goods[i % goods.length]!;
    const b = buyers[i % buyers.length]!;
    lines.push(JSON.stringify({
      id: `wire-${i}`,
      published: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      text: `${c} agreed to sell ${(i + 1) * 1370} tonnes of ${g} to ${b} under a new supply deal, the state mining company said on Thursday, a move traders said would tighten supplies to smelters elsewhere.\n\n` +
        `The company said the contract would run from ${1 + (i % 28)} July and be reviewed after ${2 + (i % 9)} months. Shipments of ${g} rose ${i + 3} percent last year, customs data showed.`,
    }));
  }
  return lines.join('\n') + '\n';
}

test('a killed ingest keeps every article it reported stored, and a rerun finishes the rest', async () => {
  const kroot = path.join(tmp, 'kill');
  mkdirSync(kroot, { recursive: true });
  const file = path.join(kroot, 'wire.jsonl');
  writeFileSync(file, generatedWire(300));
  const kdb = path.join(kroot, 'kill.db');
  const reported = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'ingest', file, '--db', kdb, '--progress-every', '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stored = -1;
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (stored >= 0) return;
      const last = [...err.matchAll(/items in [\d:]+ \([\d.]+\/s\): (\d+) stored/g)].pop();
      if (last && Number(last[1]) >= 20) {
        stored = Number(last[1]);
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', () => (stored >= 0 ? resolve(stored) : reject(new Error(`never reported progress: ${err}`))));
  });
  const store = await openStore(kdb);
  const kept = (await store.counts()).articles;
  await store.close();
  assert.ok(kept >= reported, `${kept} articles in the database, ${reported} reported stored`);
  assert.ok(kept < 300, 'the process was killed before the end');
  const rerun = summaryOf(await lodestone(['ingest', file, '--db', kdb]));
  assert.equal(rerun.stored, 300 - kept);
  assert.equal(rerun.duplicatesByReason['same-id'], kept);
  assert.equal(rerun.totals.articles, 300);
});

test('bad input gets one clear line and a non-zero exit', async () => {
  const cases: [string[], RegExp][] = [
    [['events', '--db', db, '--frobnicate'], /unknown option '--frobnicate'/],
    [['events', '--db', db, '--from', '2024-02-30'], /--from takes a date as YYYY-MM-DD/],
    [['events', '--db', db, '--country', 'Narnia'], /ISO 3166-1 alpha-3/],
    [['events', '--db', db, '--plover', 'HUG'], /PLOVER category/],
    [['ingest', corpus.dir, '--db', db, '--published-default', 'last week'], /YYYY-MM-DD/],
    [['search', 'lithium', '--db', path.join(tmp, 'nowhere', 'missing.db')], /no database at .*missing\.db/],
    [['ingest', corpus.dir, '--db', '/proc/lodestone/corpus.db'], /cannot create the folder \/proc\/lodestone for the database: ENOENT/],
    [['quotes', '--db', root], /is a directory/],
    [['export', '--db', db, '--format', 'xlsx'], /unknown --format "xlsx"/],
    [['export', '--db', db, '--format', 'jsonl', '--plover', 'AGREE'], /filters apply to --format csv/],
    [['export', '--db', db, '--format', 'csv', '--out', path.join(tmp, 'no', 'such', 'dir', 'x.csv')], /cannot write .*no such directory/],
    [['stories', '--db', db, '--limit', '0'], /--limit takes a whole number of at least 1/],
    [['events', '--db', 'postgres://nobody:secret@127.0.0.1:1/none'], /cannot open the database postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/],
  ];
  const runs = await Promise.all(cases.map(([args]) => lodestone(args)));
  runs.forEach((r, i) => {
    const [args, want] = cases[i]!;
    assert.notEqual(r.status, 0, args.join(' '));
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, want, args.join(' '));
    assert.doesNotMatch(r.stderr, /secret|at .*\.js:\d+/, 'no password, no stack trace');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Two workers on one PostgreSQL queue

const PG_URL = process.env['LODESTONE_TEST_PG'];

if (!PG_URL) {
  test('postgres workers: skipped (set LODESTONE_TEST_PG=postgres://...; scripts/start-postgres.sh starts a server and prints its URL)', { skip: true }, () => {});
} else {
  test('postgres: two `lodestone worker` processes share one queue and store each article once', async () => {
    const schema = `lodestone_cli_${randomBytes(6).toString('hex')}`;
    const url = new URL(PG_URL);
    url.searchParams.set('schema', schema);
    const dbUrl = url.toString();
    const proot = path.join(tmp, 'pg');
    mkdirSync(proot, { recursive: true });
    const file = path.join(proot, 'wire.jsonl');
    writeFileSync(file, generatedWire(60));
    try {
      const queued = summaryOf(await lodestone(['ingest', file, '--db', dbUrl, '--queue']));
      assert.equal(queued.queued, 60);
      const [a, b] = await Promise.all([
        lodestone(['worker', '--db', dbUrl, '--once', '--name', 'machine-a']),
        lodestone(['worker', '--db', dbUrl, '--once', '--name', 'machine-b']),
      ]);
      const sa = summaryOf(a);
      const sb = summaryOf(b);
      assert.equal(sa.jobs + sb.jobs, 60, 'no job was done twice or lost');
      assert.equal(sa.stored + sb.stored, 60);
      assert.ok(sa.jobs > 0 && sb.jobs > 0, `both workers took jobs (${sa.jobs} and ${sb.jobs})`);
      const after = summaryOf(await lodestone(['worker', '--db', dbUrl, '--once']));
      assert.equal(after.jobs, 0);
      assert.equal(after.totals.articles, 60);
      assert.equal(after.totals.done, 60);
      const events = await lodestone(['events', '--db', dbUrl, '--country', 'CHL', '--format', 'json', '--limit', '1000']);
      assert.equal(events.status, 0, events.stderr);
      assert.ok((JSON.parse(events.stdout) as any[]).length > 0, 'queries read what the workers stored');
    } finally {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    }
  });
}
