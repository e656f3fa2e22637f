// The web UI driven as an analyst uses it, in Debian's Chromium through playwright-core: analyze an article,
// read its quotes and what was set aside, follow the timeline to an evidence sentence, open the network and an
// entity page, search; and an article carrying <script> and <img onerror> runs nothing.
// Skipped (with a message) when /usr/bin/chromium is absent; CI installs it. Screenshots go to test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../src/knowledge/paths.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { fixture } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `Debian's chromium is not installed at ${CHROMIUM} (apt-get install -y chromium): browser tests skipped`;
const SHOTS = path.join(PACKAGE_ROOT, 'test-output');

const SEED = fixture('seed-article.txt');

/** Two more articles in the styles the corpus holds (1987 newswire, 2022 web news), so the timeline spans years. */
const NEWSWIRE_COAL = `Japan agrees to buy more Australian coal

TOKYO, March 4, 1987 - Japanese steel mills agreed on Tuesday to buy 2.5 million tonnes of Australian coking coal in the year from April, a spokesman for Nippon Steel Corp said.

"The price reflects the weak market for steel," the spokesman told reporters. Australian producers had asked for a higher price, he said.

The mills also said they would import more thermal coal from China next year.
`;
const EU_SANCTIONS = `EU bans imports of Russian coal in new sanctions package

BRUSSELS (April 8, 2022) - The European Union on Friday banned imports of Russian coal and closed its ports to Russian ships, in the toughest sanctions yet over the invasion of Ukraine.

"We are cutting off another source of revenue for the Kremlin," European Commission President Ursula von der Leyen said in a statement.

Poland urged the bloc to go further and ban Russian oil and gas as well. Moscow condemned the measures as illegal.
`;
/** An article whose text carries markup: it must be shown as text and never run. */
const HOSTILE = `Mining ministry website defaced ahead of lithium auction

SANTIAGO, June 3, 2024 - Chile's mining ministry said on Monday that its website had been defaced hours before bids for lithium concessions were due. The altered page carried the line <script>window.__xss=1</script> and an image tag <img src=x onerror="window.__xss=1"> inserted by the attackers, officials said.

"No bidder data was exposed," Mining Minister Aurora Williams told reporters.
`;

let server: RunningServer;
let browser: Browser;
let tmp: string;
/** Console errors and uncaught page errors, per page, checked after each test. */
const problems = new WeakMap<Page, string[]>();

before(async () => {
  if (skip) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'lodestone-web-'));
  const webDist = path.join(tmp, 'web');
  // built into a temporary folder: web/dist may be served by another test at the same time
  execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'web', 'build.mjs'), '--outdir', webDist], { stdio: 'pipe' });
  server = await startServer({ port: 0, host: '127.0.0.1', db: path.join(tmp, 'ui.db'), token: null, demo: false, webDist, log: () => {} });
  for (const [id, text, published] of [['seed', SEED, '2025-08-20'], ['coal-1987', NEWSWIRE_COAL, '1987-03-04'], ['eu-coal-2022', EU_SANCTIONS, '2022-04-08'], ['defaced', HOSTILE, '2024-06-03']] as const) {
    const res = await fetch(`${server.url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, text, published }) });
    assert.equal(res.status, 200, `ingest ${id}: ${await res.text()}`);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function open(route: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(15_000);
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('console', (m) => { if (m.type() === 'error') seen.push(m.text()); });
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.message}`));
  await page.goto(`${server.url}/${route}`);
  return page;
}

/** No script error and no Content-Security-Policy violation happened on the page. */
async function closeClean(page: Page): Promise<void> {
  const seen = problems.get(page) ?? [];
  await page.close();
  assert.deepEqual(seen.filter((s) => /uncaught|Content Security Policy/i.test(s)), []);
}

async function api<T>(route: string): Promise<T> {
  const res = await fetch(`${server.url}${route}`);
  assert.equal(res.status, 200, `${route}: ${res.status}`);
  return res.json() as Promise<T>;
}

test('analyzing the seed article shows its four direct quotes with their speakers, in the list and on hover', { skip }, async () => {
  const page = await open('#/analyze');
  await page.fill('textarea[name="text"]', SEED);
  await page.fill('input[name="published"]', '2025-08-20');
  await page.click('button[type="submit"]:has-text("Analyze")');
  await page.waitForSelector('.article-view .article-text');

  const direct = page.locator('.article-side .quote-item[data-kind="direct"]');
  assert.equal(await direct.count(), 4);
  assert.deepEqual(await direct.locator('.speaker').allTextContents(), ['Denis Manturov', 'Denis Manturov', 'Vladimir Putin', 'Donald Trump']);
  assert.match((await direct.nth(3).locator('blockquote').textContent()) ?? '', /I am trying to save lives/);

  // in the text, the quoted words carry their speaker in the tooltip
  const trump = page.locator('.article-text .q-direct', { hasText: 'I am trying to save lives' });
  assert.match((await trump.first().getAttribute('title')) ?? '', /speaker: Donald Trump/);
  const putin = page.locator('.article-text .q-direct', { hasText: 'attract foreign partners' });
  assert.match((await putin.first().getAttribute('title')) ?? '', /speaker: Vladimir Putin/);

  // choosing a quote in the list scrolls to it and flashes it
  await direct.nth(2).click();
  await page.waitForSelector('.article-text .q-direct.flash');
  await page.evaluate('window.scrollTo({ top: 0, behavior: "instant" })');
  await page.screenshot({ path: path.join(SHOTS, 'web-analyze.png') });
  await closeClean(page);
});

test('the Binance referral lines are set aside: collapsed, struck through, with the reason and no clickable link', { skip }, async () => {
  const page = await open('#/article/seed');
  await page.waitForSelector('.article-text');
  const block = page.locator('details.removed', { hasText: 'Binance' });
  assert.equal(await block.count(), 1);
  assert.equal(await block.getAttribute('open'), null, 'the removed text starts collapsed');
  const link = block.locator('s', { hasText: 'https://accounts.binance.com/register?ref=Q2FSX523' });
  assert.equal(await link.isVisible(), false);
  assert.match((await block.locator('summary').textContent()) ?? '', /promotional/);

  await block.locator('summary').click();
  assert.equal(await link.isVisible(), true);
  assert.equal(await page.evaluate('getComputedStyle(document.querySelector("details.removed[open] .removed-span s")).textDecorationLine'), 'line-through');
  assert.match((await block.locator('.removed-span', { hasText: 'Referral code' }).locator('.reason').textContent()) ?? '', /promotional · referral-code/);
  // the URL is text: no anchor anywhere on the page points to it, none sits inside the removed block
  assert.equal(await block.locator('a').count(), 0);
  assert.equal(await page.locator('a[href*="binance"]').count(), 0);
  // and the promotion is not read as article content: no entity or quote highlight inside the block
  assert.equal(await block.locator('.m, .q, .ev').count(), 0);
  await page.evaluate('window.scrollTo({ top: 0, behavior: "instant" })');
  await page.screenshot({ path: path.join(SHOTS, 'web-article.png'), fullPage: true });
  await closeClean(page);
});

test('the timeline draws a mark per dated event, coloured by category, and a mark opens its evidence sentence', { skip }, async () => {
  const { items } = await api<{ items: { date: string | null; plover: string; evidence: { text: string } }[] }>('/api/events?limit=500');
  const dated = items.filter((e) => e.date);
  assert.ok(dated.length >= 10, `expected events from the four articles, got ${dated.length}`);

  const page = await open('#/timeline');
  await page.waitForSelector('[data-testid="timeline"] .tl-mark');
  assert.equal(await page.locator('.tl-mark').count(), dated.length);
  const legend = await page.locator('figcaption .legend-item').allTextContents();
  assert.deepEqual(new Set(legend), new Set(dated.map((e) => e.plover)));
  const agree = page.locator('.tl-mark[data-plover="AGREE"] circle').first();
  assert.equal(await agree.getAttribute('fill'), '#1f6fb4');
  await page.screenshot({ path: path.join(SHOTS, 'web-timeline.png'), fullPage: true });

  // the first mark of the 1987 newswire opens that article on its evidence sentence
  const mark = page.locator('.tl-mark[data-article="coal-1987"]').first();
  const title = (await mark.locator('title').textContent()) ?? '';
  await mark.click();
  await page.waitForURL(/#\/article\/coal-1987\?s=\d+&e=\d+/);
  const focus = page.locator('.article-text .focus');
  await focus.first().waitFor();
  const shown = (await focus.allTextContents()).join('');
  assert.ok(shown.length > 10 && title.includes(shown.replace(/\s+/g, ' ').slice(0, 40)), `focus "${shown}" is the evidence in "${title}"`);
  await closeClean(page);
});

/** Waits (up to 5 s) for the events table to hold `n` rows; the assertion after it reports a mismatch. */
async function settledRows(page: Page, n: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelectorAll('[data-testid="events-table"] tbody tr').length === want, n, { timeout: 5000 }).catch(() => undefined);
}

test('the timeline filters by commodity and country through the events API', { skip }, async () => {
  const coal = await api<{ items: unknown[] }>('/api/events?commodity=coal&limit=500');
  const russia = await api<{ items: unknown[] }>('/api/events?country=RUS&limit=500');
  assert.ok(coal.items.length > 0 && russia.items.length > 0);

  const page = await open('#/timeline');
  await page.fill('input[name="commodity"]', 'coal');
  await page.click('form.filters button[type="submit"]');
  await page.waitForURL(/#\/timeline\?commodity=coal$/);
  await page.waitForSelector('[data-testid="events-table"]');
  // the table of the previous view may still be on the page for a moment: wait for the filtered one
  await settledRows(page, coal.items.length);
  assert.equal(await page.locator('[data-testid="events-table"] tbody tr').count(), coal.items.length);

  await page.fill('input[name="commodity"]', '');
  await page.fill('input[name="country"]', 'Russia');
  await page.click('form.filters button[type="submit"]');
  await page.waitForURL(/#\/timeline\?country=RUS$/);
  await page.waitForSelector('[data-testid="events-table"]');
  await settledRows(page, russia.items.length);
  assert.equal(await page.locator('[data-testid="events-table"] tbody tr').count(), russia.items.length);
  await closeClean(page);
});

test('the network draws Russia and the United States as nodes, and a node leads to its entity page', { skip }, async () => {
  const graph = await api<{ nodes: { label: string; type: string }[] }>('/api/graph?limit=80');
  const page = await open('#/network');
  const canvas = page.locator('[data-testid="network"][data-rendered="true"]');
  await canvas.waitFor();
  assert.equal(Number(await canvas.getAttribute('data-nodes')), graph.nodes.length);
  const box = await canvas.locator('canvas').first().boundingBox();
  assert.ok(box && box.width > 300 && box.height > 300, 'the graph is drawn at a readable size');
  const listed = await page.locator('.node-list li a').allTextContents();
  assert.ok(listed.includes('Russia') && listed.includes('United States'), `nodes listed: ${listed.join(', ')}`);
  await page.screenshot({ path: path.join(SHOTS, 'web-network.png'), fullPage: true });

  await page.locator('.node-list a', { hasText: /^Russia$/ }).click();
  await page.waitForURL(/#\/entity\/country\/Russia$/);
  const counterparts = page.locator('[data-testid="counterparts"] tbody tr');
  await counterparts.first().waitFor();
  assert.ok((await counterparts.allTextContents()).some((t) => t.includes('United States')));
  await closeClean(page);
});

test('a person page lists their quotes, each opening the quoted words in the article', { skip }, async () => {
  const page = await open('#/entity/person/Donald%20Trump');
  const quotes = page.locator('[data-testid="quotes"] .quote-item');
  await quotes.first().waitFor();
  const trying = quotes.filter({ hasText: 'I am trying to save lives' });
  assert.equal(await trying.count(), 1);
  await trying.locator('a').click();
  await page.waitForURL(/#\/article\/seed\?s=\d+&e=\d+/);
  await page.locator('.article-text .focus').first().waitFor();
  assert.match((await page.locator('.article-text .focus').allTextContents()).join(''), /Regarding rare earths, that is very unimportant/);
  await closeClean(page);
});

test('search marks the matched words in each snippet', { skip }, async () => {
  const page = await open('#/');
  await page.fill('.search-form input', 'lithium');
  await page.press('.search-form input', 'Enter');
  await page.waitForURL(/#\/search\?q=lithium$/);
  const marks = page.locator('[data-testid="search-results"] mark');
  await marks.first().waitFor();
  for (const m of await marks.allTextContents()) assert.match(m, /lithium/i);
  await closeClean(page);
});

test('markup in an article is shown as text and never runs, stored or analyzed', { skip }, async () => {
  const page = await open('#/article/defaced');
  await page.waitForSelector('.article-text');
  const text = (await page.locator('.article-text').textContent()) ?? '';
  assert.ok(text.includes('<script>window.__xss=1</script>'), 'the script tag is shown as text');
  assert.ok(text.includes('<img src=x onerror="window.__xss=1">'), 'the image tag is shown as text');
  const check = async () => {
    assert.equal(await page.evaluate('typeof window.__xss'), 'undefined');
    assert.equal(await page.locator('#main script, #main img, #main iframe, [onerror]').count(), 0);
    assert.equal(await page.evaluate('[...document.scripts].filter((s) => !/\\/assets\\/app\\.js$/.test(s.src)).length'), 0);
  };
  await check();

  // the same text pasted into Analyze, then as an HTML page
  await page.goto(`${server.url}/#/analyze`);
  await page.fill('textarea[name="text"]', HOSTILE);
  await page.click('button[type="submit"]:has-text("Analyze")');
  await page.waitForSelector('.analyze-result .article-text');
  await check();
  await page.reload();
  await page.fill('textarea[name="text"]', `<html><body><article><h1>Lithium auction</h1><p>${HOSTILE.split('\n\n')[1]}</p><script>window.__xss=1</script><img src=x onerror="window.__xss=1"></article></body></html>`);
  await page.selectOption('select[name="kind"]', 'html');
  await page.click('button[type="submit"]:has-text("Analyze")');
  await page.waitForSelector('.analyze-result h1:has-text("Lithium auction"), .analyze-result .article-text:has-text("Lithium auction")');
  await check();

  // and in a search snippet
  await page.goto(`${server.url}/#/search?q=defaced`);
  await page.locator('[data-testid="search-results"] li').first().waitFor();
  await check();
  await closeClean(page);
});
